// The words of the UI, reviewed as a whole: German says "du" everywhere,
// each concept has one word, and every count goes through the plural helper
// (`plural` in the content script's i18n, `pluralize` for the extension's
// pages), so no "3 Warnung".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url);
const catalogue = async (lang) => JSON.parse(await readFile(new URL(`extension/_locales/${lang}/messages.json`, root), 'utf8'));
const en = await catalogue('en');
const de = await catalogue('de');

test('German uses "du", never "Sie"', () => {
  const formal = /\b(Sie|Ihnen|Ihr|Ihre|Ihren|Ihrem|Ihrer|Ihres)\b/;
  const found = Object.entries(de).filter(([, entry]) => formal.test(entry.message)).map(([key, entry]) => `${key}: ${entry.message}`);
  assert.deepEqual(found, []);
});

test('one German word per concept', () => {
  // The chosen word, and the ones it replaces.
  const glossary = { Sperre: /Blockiert/, Zugangsdaten: /Geheimnis/, Stand: /\bRevision\b/, 'Zur Stelle': /^Anzeigen$/, Anmerkungen: /^Hinweise\b|\bHinweise:/ };
  const found = [];
  for (const [word, replaced] of Object.entries(glossary)) {
    for (const [key, entry] of Object.entries(de)) if (replaced.test(entry.message)) found.push(`${key}: "${entry.message}" (say "${word}")`);
  }
  assert.deepEqual(found, []);
});

test('every counted message is a plural pair, in both languages', () => {
  const problems = [];
  for (const [lang, messages] of Object.entries({ en, de })) {
    for (const [key, entry] of Object.entries(messages)) {
      if (!/\$COUNT\$/.test(entry.message)) continue;
      const form = key.match(/_(one|other)$/)?.[1];
      const sibling = form && key.replace(/_(one|other)$/, form === 'one' ? '_other' : '_one');
      if (!sibling || !messages[sibling]) problems.push(`${lang} ${key}: a count outside a _one/_other pair`);
    }
  }
  assert.deepEqual(problems, []);
});

async function sources(dir) {
  const out = {};
  for (const name of await readdir(new URL(dir, root), { recursive: true })) {
    if (name.endsWith('.ts')) out[join(dir, name)] = await readFile(new URL(join(dir, name), root), 'utf8');
  }
  return out;
}

test('plural messages are only reached through the plural helper', async () => {
  const pairs = new Set(Object.keys(en).filter((key) => key.endsWith('_one')).map((key) => key.slice(0, -'_one'.length)));
  const problems = [];
  for (const [file, text] of Object.entries(await sources('extension/src/'))) {
    for (const [, key] of text.matchAll(/['"`]([a-zA-Z_]+)_(?:one|other)['"`]/g)) if (pairs.has(key)) problems.push(`${file}: uses ${key}_one/_other directly`);
    for (const [, call, key] of text.matchAll(/\b(t|translate)\(\s*['"`]([a-zA-Z_]+)['"`]/g)) if (pairs.has(key)) problems.push(`${file}: ${call}('${key}') bypasses the plural helper`);
  }
  assert.deepEqual(problems, []);
});
