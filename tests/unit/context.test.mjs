import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTs } from './load-ts.mjs';

const { browserLang, localDate } = await loadTs('extension/src/content/context.ts');

test('German locales check in German, everything else in English', () => {
  assert.equal(browserLang('de'), 'de');
  assert.equal(browserLang('de-AT'), 'de');
  assert.equal(browserLang('DE-ch'), 'de');
  assert.equal(browserLang('en-US'), 'en');
  assert.equal(browserLang('fr-FR'), 'en');
});

test('the date is the local day, zero-padded', () => {
  assert.equal(localDate(new Date(2026, 0, 5, 23, 59)), '2026-01-05');
  assert.equal(localDate(new Date(2026, 10, 27)), '2026-11-27');
});
