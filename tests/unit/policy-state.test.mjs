// Which policy is in force: precedence, the last good policy, and the
// managed values the schema cannot check. Policies are compiled by the real
// WASM engine, the one the background runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { loadTs } from './load-ts.mjs';

const state = await loadTs('extension/src/background/policy-state.ts');
const pkg = new URL('../../checker-wasm/pkg/', import.meta.url);
const wasm = await import(new URL('checker_wasm.js', pkg));
wasm.initSync({ module: await readFile(new URL('checker_wasm_bg.wasm', pkg)) });

/** The engine's verdict, as the background turns it into a `CompileOutcome`. */
function compile(text) {
  try {
    wasm.Checker.compile(text).free();
    return { ok: true };
  } catch (error) {
    return { ok: false, problems: error.problems };
  }
}

const builtIn = wasm.defaultPolicy();
const policy = (org, term) =>
  JSON.stringify({
    version: 1,
    revision: `rev-${org}`,
    organization: { name: org },
    extends: ['base'],
    rules: [{ id: `${org.toLowerCase()}.codename`, kind: 'terms', category: 'confidential', level: 'block', message: { en: 'code name', de: 'Codename' }, explanation: { en: 'Stays inside.', de: 'Bleibt im Haus.' }, terms: [term] }],
  });
const INLINE = policy('Inline', 'Zephyr');
const FROM_URL = policy('Remote', 'Nimbus');
const OLDER_URL = policy('Remote', 'Cirrus');
/** `levle` is a typo, `terms` is empty: two problems with JSON paths. */
const BROKEN = JSON.stringify({ version: 1, rules: [{ id: 'x.bad', kind: 'terms', category: 'confidential', levle: 'block', terms: [] }] });

const config = (overrides = {}) => state.readManagedConfig(overrides).config;
const resolve = (input) => state.resolvePolicy({ fetched: null, fetchNotice: null, cache: null, lastGood: null, builtIn, ...input }, compile);
const cacheOf = (url, text) => ({ url, text, etag: '"1"', lastModified: null, fetchedAt: 0 });

test('the broken fixture really is rejected by the engine, with JSON paths', () => {
  const outcome = compile(BROKEN);
  assert.equal(outcome.ok, false);
  assert.ok(outcome.problems.some((p) => p.path.startsWith('/rules/0')), JSON.stringify(outcome.problems));
});

test('precedence: managed inline, then the URL, then the built-in default', () => {
  const url = 'https://policy.acme.example/p.json';
  assert.equal(resolve({ config: config({ policy: INLINE, policyUrl: url }), fetched: FROM_URL }).active.text, INLINE);
  const fromUrl = resolve({ config: config({ policyUrl: url }), fetched: FROM_URL });
  assert.equal(fromUrl.active.text, FROM_URL);
  assert.equal(fromUrl.active.source, 'url');
  const none = resolve({ config: config({}) });
  assert.equal(none.active.source, 'built-in');
  assert.deepEqual(none.rejections, []);
});

test('a URL that cannot be fetched falls back to its cached copy', () => {
  const url = 'https://policy.acme.example/p.json';
  const notice = { key: 'policy_fetchFailed', args: [url, 'offline'] };
  const result = resolve({ config: config({ policyUrl: url }), fetchNotice: notice, cache: cacheOf(url, FROM_URL) });
  assert.equal(result.active.source, 'url-cached');
  assert.equal(result.active.text, FROM_URL);
  assert.equal(result.wanted, 'url');
  assert.deepEqual(result.rejections[0].notice, notice);
});

test('behind an inline policy, an unfetched URL is no problem, and its cached copy is a fallback', () => {
  const url = 'https://policy.acme.example/p.json';
  assert.deepEqual(resolve({ config: config({ policy: INLINE, policyUrl: url }) }).rejections, []);
  const fallback = resolve({ config: config({ policy: BROKEN, policyUrl: url }), cache: cacheOf(url, FROM_URL) });
  assert.equal(fallback.active.source, 'url-cached');
  assert.equal(fallback.wanted, 'managed');
});

test("a cache for another URL is not used for this one", () => {
  const result = resolve({ config: config({ policyUrl: 'https://new.acme.example/p.json' }), cache: cacheOf('https://old.acme.example/p.json', FROM_URL) });
  assert.equal(result.active.source, 'built-in');
  assert.equal(result.rejections[0].notice.key, 'policy_urlNotFetchedYet');
});

test('an invalid inline policy keeps the last good one in force and reports the JSON paths', () => {
  const lastGood = { source: 'managed', text: INLINE };
  const result = resolve({ config: config({ policy: BROKEN }), lastGood });
  assert.equal(result.active.text, INLINE);
  assert.equal(result.wanted, 'managed');
  assert.equal(result.rejections.length, 1);
  assert.equal(result.rejections[0].source, 'managed');
  assert.ok(result.rejections[0].problems.length >= 2);
  assert.ok(result.rejections[0].problems.every((p) => typeof p.path === 'string' && typeof p.message === 'string'));
});

test('an invalid fetched policy keeps the cached copy of the URL', () => {
  const url = 'https://policy.acme.example/p.json';
  const result = resolve({ config: config({ policyUrl: url }), fetched: BROKEN, cache: cacheOf(url, OLDER_URL), lastGood: { source: 'built-in', text: builtIn } });
  assert.equal(result.active.text, OLDER_URL);
  assert.equal(result.active.source, 'url-cached');
  assert.equal(result.rejections[0].source, 'url');
});

test('an invalid policy on first start, with nothing good before, falls down the chain', () => {
  const url = 'https://policy.acme.example/p.json';
  assert.equal(resolve({ config: config({ policy: BROKEN, policyUrl: url }), fetched: FROM_URL }).active.text, FROM_URL);
  const floor = resolve({ config: config({ policy: BROKEN }) });
  assert.equal(floor.active.source, 'built-in');
  assert.equal(floor.rejections[0].source, 'managed');
});

test('a policy that is not even JSON is rejected, not thrown', () => {
  const result = resolve({ config: config({ policy: '{"version": 1,' }), lastGood: { source: 'managed', text: INLINE } });
  assert.equal(result.active.text, INLINE);
  assert.ok(result.rejections[0].problems.length > 0);
});

test('policy URLs: https anywhere, http only on the loopback', () => {
  assert.deepEqual(state.checkPolicyUrl('https://policy.acme.example/p.json'), { url: 'https://policy.acme.example/p.json' });
  for (const ok of ['http://127.0.0.1:8080/p.json', 'http://localhost/p.json', 'http://[::1]:9/p.json']) assert.ok('url' in state.checkPolicyUrl(ok), ok);
  for (const bad of ['http://policy.acme.example/p.json', 'http://127.0.0.2/p.json', 'ftp://acme.example/p', 'file:///etc/passwd', 'javascript:alert(1)']) {
    assert.equal(state.checkPolicyUrl(bad).notice?.key, 'policy_urlNotHttps', bad);
  }
  assert.equal(state.checkPolicyUrl('not a url').notice.key, 'policy_urlInvalid');
  const { config: read, notices } = state.readManagedConfig({ policyUrl: 'http://intranet.acme.example/p.json' });
  assert.equal(read.policyUrl, null);
  assert.equal(notices[0].key, 'policy_urlNotHttps');
});

test('refresh interval: default 60, clamped to 15–1440, with a notice when clamped', () => {
  assert.deepEqual(state.clampRefreshMinutes(undefined), { minutes: 60, notice: null });
  assert.deepEqual(state.clampRefreshMinutes(30), { minutes: 30, notice: null });
  assert.equal(state.clampRefreshMinutes(5).minutes, 15);
  assert.equal(state.clampRefreshMinutes(5).notice.key, 'policy_refreshClamped');
  assert.equal(state.clampRefreshMinutes(100000).minutes, 1440);
  assert.equal(state.clampRefreshMinutes(-3).minutes, 15);
  assert.equal(state.clampRefreshMinutes('30').notice.key, 'policy_refreshInvalid');
  assert.equal(state.clampRefreshMinutes(Number.NaN).minutes, 60);
});

test('refresh is due when the cache is old, missing or for another URL', () => {
  const url = 'https://policy.acme.example/p.json';
  const cache = { ...cacheOf(url, FROM_URL), fetchedAt: 1_000_000 };
  assert.equal(state.refreshDue(cache, url, 60, 1_000_000 + 59 * 60_000), false);
  assert.equal(state.refreshDue(cache, url, 60, 1_000_000 + 60 * 60_000), true);
  assert.equal(state.refreshDue(null, url, 60, 0), true);
  assert.equal(state.refreshDue(cache, 'https://other.example/p.json', 60, 1_000_000), true);
});

test('a copy fetched "in the future" is due: no time stamp postpones the next fetch', () => {
  const url = 'https://policy.acme.example/p.json';
  const now = 1_000_000_000;
  assert.equal(state.refreshDue({ ...cacheOf(url, FROM_URL), fetchedAt: now + 365 * 24 * 3_600_000 }, url, 60, now), true);
  assert.equal(state.refreshDue({ ...cacheOf(url, FROM_URL), fetchedAt: now - 60_000 }, url, 60, now), false);
});

test('managed values: defaults and wrong types (Firefox applies no schema)', () => {
  const empty = state.readManagedConfig({});
  assert.deepEqual(empty.config, { policy: null, policyUrl: null, refreshMinutes: 60, allowPause: false, supportContact: null, department: null, allowDepartmentChoice: false, nudges: 'user' });
  assert.deepEqual(empty.notices, []);
  const { config: read, notices } = state.readManagedConfig({ policy: '   ', allowPause: 'yes', supportContact: 'IT, it@acme.example' });
  assert.equal(read.policy, null, 'a blank policy counts as none');
  assert.equal(read.allowPause, false);
  assert.equal(read.supportContact, 'IT, it@acme.example');
  assert.deepEqual(notices.map((n) => n.key), ['policy_valueWrongType']);
});

test('managed nudges: IT pins suggestions on or off, or leaves them to the employee', () => {
  for (const nudges of ['on', 'off', 'user']) assert.equal(state.readManagedConfig({ nudges }).config.nudges, nudges);
  const wrong = state.readManagedConfig({ nudges: 'sometimes' });
  assert.equal(wrong.config.nudges, 'user');
  assert.deepEqual(wrong.notices, [{ key: 'policy_valueWrongType', args: ['nudges'] }]);
  assert.equal(state.nudgesShown('on', false), true, 'pinned on beats the switch');
  assert.equal(state.nudgesShown('off', true), false, 'pinned off beats the switch');
  assert.equal(state.nudgesShown('user', false), false);
  assert.equal(state.nudgesShown('user', true), true);
});

test('switched-off suggestions leave the report, problems stay', () => {
  const finding = (rule, category) => ({ rule, category, level: 'hint', span: null });
  const report = { findings: [finding('org.careers', 'campaign'), finding('org.disclosure', 'disclosure')], length: null };
  assert.deepEqual(JSON.parse(state.withoutSuggestions(JSON.stringify(report))).findings, [finding('org.disclosure', 'disclosure')]);
  const plain = JSON.stringify({ findings: [finding('base.email', 'personal-data')], length: null });
  assert.equal(state.withoutSuggestions(plain), plain, 'a report without suggestions is passed on as it is');
});

test('extraSites, which never did anything, is ignored with a notice saying so', () => {
  const { config, notices } = state.readManagedConfig({ extraSites: [{ match: 'https://social.acme.example/*' }] });
  assert.equal('extraSites' in config, false);
  assert.deepEqual(notices, [{ key: 'policy_extraSitesIgnored', args: ['extraSites'] }]);
});

test('organization and revision are read from the policy text', () => {
  assert.deepEqual(state.describePolicy(INLINE), { organization: 'Inline', revision: 'rev-Inline' });
  assert.deepEqual(state.describePolicy('{'), { organization: null, revision: null });
});

test('managed department: an id, or a notice and none', () => {
  assert.equal(config({ department: 'sales' }).department, 'sales');
  assert.equal(config({ department: ' sales ' }).department, 'sales');
  const { config: read, notices } = state.readManagedConfig({ department: 'Sales & Marketing', allowDepartmentChoice: 'yes' });
  assert.equal(read.department, null);
  assert.equal(read.allowDepartmentChoice, false);
  assert.deepEqual(notices, [
    { key: 'policy_departmentInvalid', args: ['Sales & Marketing'] },
    { key: 'policy_valueWrongType', args: ['allowDepartmentChoice'] },
  ]);
});

test("IT's department wins; the employee chooses only where IT allows it and sets none", () => {
  const departments = ['hr', 'sales'];
  const choose = (status, chosen) => state.chooseDepartment({ department: null, allowDepartmentChoice: false, departments, ...status }, chosen);
  assert.deepEqual(choose({ department: 'sales' }, null), { department: 'sales', by: 'it' });
  assert.deepEqual(choose({ department: 'sales', allowDepartmentChoice: true }, 'hr'), { department: 'sales', by: 'it' });
  assert.deepEqual(choose({}, 'hr'), { department: null, by: null }, 'no choice unless IT allows it');
  assert.deepEqual(choose({ allowDepartmentChoice: true }, 'hr'), { department: 'hr', by: 'employee' });
  assert.deepEqual(choose({ allowDepartmentChoice: true }, 'finance'), { department: null, by: null }, 'a department the policy lacks');
  assert.deepEqual(choose({ department: 'finance', allowDepartmentChoice: true }, 'hr'), { department: null, by: null }, "IT's unknown id falls back to the policy's own rules");
});
