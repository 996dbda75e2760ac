import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTs } from './load-ts.mjs';

const { browserLang, dateInZone, localDate } = await loadTs('extension/src/content/context.ts');

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

test("the check date is the day in the policy's time zone", () => {
  // 00:30 in Berlin on the first day of a quiet period is inside it.
  assert.equal(dateInZone(new Date('2026-12-14T23:30Z'), 'Europe/Berlin'), '2026-12-15');
  assert.equal(dateInZone(new Date('2026-12-14T22:30Z'), 'Europe/Berlin'), '2026-12-14');
  assert.equal(dateInZone(new Date('2026-12-14T23:30Z'), 'UTC'), '2026-12-14');
  assert.equal(dateInZone(new Date('2026-07-01T03:00Z'), 'America/New_York'), '2026-06-30');
  const now = new Date(2026, 0, 5, 12, 0);
  assert.equal(dateInZone(now, 'Mars/Olympus_Mons'), localDate(now));
});
