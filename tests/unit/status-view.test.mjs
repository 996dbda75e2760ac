// What the options page and popup show about the policy: the engine's
// problems with their JSON paths, managed-value notices in the page's
// language, and policy text only ever as text, never as markup.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { parseHTML } from 'linkedom';
import { loadTs } from './load-ts.mjs';

const { document } = parseHTML('<!doctype html><html><body></body></html>');
globalThis.document = document;
const { problemList, statusRows } = await loadTs('extension/src/ui/status-view.ts');
const { translator } = await loadTs('extension/src/ui/i18n.ts');
const read = async (lang) => JSON.parse(await readFile(new URL(`../../extension/_locales/${lang}/messages.json`, import.meta.url), 'utf8'));
const en = await read('en');
const de = await read('de');

const status = {
  source: 'managed',
  wanted: 'managed',
  organization: 'Acme <img src=x onerror=alert(1)>',
  revision: '2026-11-27',
  appliedAt: Date.UTC(2026, 10, 27, 8, 0),
  checkedAt: Date.UTC(2026, 10, 27, 9, 0),
  policyUrl: null,
  fetchedAt: null,
  refreshMinutes: 60,
  allowPause: false,
  supportContact: 'IT, it@acme.example',
  notices: [{ key: 'policy_refreshClamped', args: ['5', '15'] }],
  rejections: [
    {
      source: 'managed',
      notice: null,
      problems: [
        { path: '/rules/0/levle', message: 'unknown key `levle`', hint: 'did you mean `level`?' },
        { path: '/rules/0/terms', message: '<b>an empty term list</b> can never match', hint: null },
      ],
    },
  ],
};

test('problems name their JSON paths and keep markup as text', () => {
  const list = problemList(status, translator(en, en));
  const items = [...list.querySelectorAll('li')];
  assert.equal(items[0].className, 'kept', 'first: the last good policy stays');
  assert.match(items[1].textContent, /policyRefreshMinutes: 5 is outside 15–1440; using 15\./);
  const paths = items.filter((item) => item.dataset.path).map((item) => [item.dataset.path, item.querySelector('code.path').textContent]);
  assert.deepEqual(paths, [['/rules/0/levle', '/rules/0/levle'], ['/rules/0/terms', '/rules/0/terms']]);
  assert.match(items[2].textContent, /did you mean `level`\?/);
  assert.equal(list.querySelector('b'), null, 'an engine message is never parsed as HTML');
  assert.match(items[3].textContent, /<b>an empty term list<\/b>/);
});

test('status rows in German, with the organization as plain text', () => {
  const rows = statusRows(status, translator(de, en), 'de');
  assert.deepEqual(rows[0], ['Organisation', 'Acme <img src=x onerror=alert(1)>']);
  assert.deepEqual(rows[2], ['Quelle', 'von deiner IT-Abteilung festgelegt']);
  assert.deepEqual(rows.at(-1), ['Fragen an', 'IT, it@acme.example']);
  assert.equal(rows.some(([label]) => label === 'Richtlinien-URL'), false, 'no URL rows without a policy URL');
});

test('all is well: no problem list', () => {
  assert.equal(problemList({ ...status, notices: [], rejections: [] }, translator(en, en)), null);
});
