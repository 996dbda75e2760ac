// The options page and popup: both languages have every key, and the
// substitution the pages use.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { loadTs } from './load-ts.mjs';

const { pluralize, translator, uiLanguage } = await loadTs('extension/src/ui/i18n.ts');
const read = async (lang) => JSON.parse(await readFile(new URL(`../../extension/_locales/${lang}/messages.json`, import.meta.url), 'utf8'));
const en = await read('en');
const de = await read('de');

test('German and English have the same keys', () => {
  assert.deepEqual(Object.keys(de).sort(), Object.keys(en).sort());
});

test('every key the extension pages use exists', async () => {
  const { readdir } = await import('node:fs/promises');
  const src = new URL('../../extension/src/', import.meta.url);
  const used = new Set();
  for (const entry of await readdir(src, { recursive: true })) {
    if (!/\.(ts|html)$/.test(entry)) continue;
    const text = await readFile(new URL(entry, src), 'utf8');
    for (const match of text.matchAll(/['"`]((?:options|popup|policy)_[A-Za-z_]+)['"`]/g)) used.add(match[1]);
    for (const match of text.matchAll(/data-i18n="([A-Za-z_]+)"/g)) used.add(match[1]);
  }
  assert.ok(used.size > 20);
  for (const key of used) assert.ok(en[key], `missing in en: ${key}`);
  for (const level of ['hint', 'warn', 'block']) assert.ok(en[`options_level_${level}`]);
  for (const category of ['confidential', 'quiet-period', 'critical-topic', 'crisis', 'disclosure', 'brand', 'personal-data', 'secret', 'internal-link', 'netiquette', 'copyright', 'length', 'other']) {
    assert.ok(en[`options_category_${category.replace(/-/g, '_')}`], category);
  }
});

test('substitutions and the language choice', () => {
  const t = translator(de, en);
  assert.equal(t('policy_fetchStatus', ['https://p.example/', '503']), 'https://p.example/ antwortete mit HTTP 503.');
  assert.equal(translator({}, en)('options_title'), en.options_title.message, 'falls back to English');
  assert.equal(uiLanguage('auto', 'de-AT'), 'de');
  assert.equal(uiLanguage('auto', 'fr'), 'en');
  assert.equal(uiLanguage('de', 'en-US'), 'de');
});

test('named placeholders and plurals, as chrome.i18n and Intl.PluralRules give them', () => {
  const german = translator(de, en);
  const english = translator(en, en);
  assert.equal(pluralize(german, 'de', 'count_warn', 1), '1 Warnung');
  assert.equal(pluralize(german, 'de', 'count_warn', 3), '3 Warnungen');
  assert.equal(pluralize(english, 'en', 'count_finding', 1), '1 finding');
  assert.equal(pluralize(english, 'en', 'count_finding', 0), '0 findings');
});
