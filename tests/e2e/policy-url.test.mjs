// IT hosts the policy at a URL: the background fetches it (conditionally,
// with the ETag), caches it and uses it; after the server goes away and the
// browser restarts, the cached copy is still in force.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, openFixture } from '../harness.mjs';
import { waitForHighlights } from './helpers.mjs';
import { EXTENSION_ID, companyPolicy, expectedWith, removeManagedPolicy, waitForStatus, writeManagedPolicy } from './managed.mjs';

const POLICY = companyPolicy('Lumen', 'Quasarix', 'hosted-1');
const ETAG = '"hosted-1"';
const TEXT = 'Quasarix is coming, stay tuned.';
const BOX = '[data-testid="tweetTextarea_0"]';

/** What the policy server saw: method, conditional headers, and the answer. */
const seen = [];
let server;
let policyUrl;
let profile;

before(async () => {
  server = createServer((request, response) => {
    const conditional = request.headers['if-none-match'] ?? null;
    const status = conditional === ETAG ? 304 : 200;
    seen.push({ method: request.method, url: request.url, conditional, origin: request.headers.origin ?? null, cookie: request.headers.cookie ?? null, status });
    // The extension fetches without host permission for this origin, so the
    // server must allow it by CORS; that one header is all it needs (docs/admin.md).
    response.writeHead(status, { 'access-control-allow-origin': '*', 'content-type': 'application/json', etag: ETAG, 'cache-control': 'no-cache' });
    response.end(status === 200 ? POLICY : undefined);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  policyUrl = `http://127.0.0.1:${server.address().port}/postlint/policy.json`;
  await writeManagedPolicy({ policyUrl, policyRefreshMinutes: 15 });
  profile = await mkdtemp(join(tmpdir(), 'postlint-chromium-url-'));
});

after(async () => {
  try {
    if (server.listening) await new Promise((resolve) => server.close(resolve));
  } finally {
    await removeManagedPolicy();
    await rm(profile, { recursive: true, force: true });
  }
});

async function session(run, options = {}) {
  const browser = await launch({ userDataDir: profile, passThrough: [policyUrl.slice(0, policyUrl.indexOf('/postlint/'))], ...options });
  try {
    await run(browser);
  } finally {
    await browser.close();
  }
}

/** A compose box on the X fixture page highlights the term only the hosted policy has. */
async function assertPolicyUsed(browser) {
  const page = await openFixture(browser.context, 'x');
  await page.click(BOX);
  await page.keyboard.type(TEXT);
  const expected = expectedWith(POLICY, TEXT, 'x');
  assert.deepEqual(expected.block, ['Quasarix']);
  await waitForHighlights(page, expected, BOX, 15_000);
  await page.close();
}

/** The same through the options page's "try it" box, for sessions without fixture pages. */
async function assertPolicyUsedInOptions(browser) {
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
  await options.click('#try-box');
  await options.keyboard.type(TEXT);
  const expected = expectedWith(POLICY, TEXT, 'linkedin');
  assert.deepEqual(expected.block, ['Quasarix']);
  await waitForHighlights(options, expected, '#try-box', 15_000);
  await options.close();
}

/**
 * The first two sessions run without Playwright's interception, so the
 * browser's HTTP cache (which makes the refetch conditional) is on, as in
 * real use; without fixture pages, the options page shows the policy in force.
 */
const UNINTERCEPTED = { intercept: false };

test('the policy URL is fetched, cached and used', async () => {
  await session(async (browser) => {
    const status = await waitForStatus(browser.context, EXTENSION_ID, (s) => s.source === 'url' && s.revision === 'hosted-1');
    assert.equal(status.policyUrl, policyUrl);
    assert.equal(status.refreshMinutes, 15);
    assert.equal(typeof status.fetchedAt, 'number');
    assert.ok(seen.length >= 1 && seen[0].status === 200, JSON.stringify(seen));
    assert.equal(seen[0].origin, `chrome-extension://${EXTENSION_ID}`, 'a CORS request from the extension origin');
    assert.equal(seen[0].cookie, null, 'no cookies are sent');
    assert.equal(seen[0].method, 'GET', 'the first fetch is a simple request: no preflight');
    await assertPolicyUsedInOptions(browser);
  }, UNINTERCEPTED);
});

test('after a restart the fetch is conditional: a 304 keeps the policy', async () => {
  const before = seen.length;
  await session(async (browser) => {
    await waitForStatus(browser.context, EXTENSION_ID, () => seen.length > before, { reloadAfterMs: 60_000 });
    const get = seen[before];
    assert.equal(get.method, 'GET', 'a simple request: no CORS preflight');
    assert.equal(get.conditional, ETAG, `If-None-Match carries the ETag: ${JSON.stringify(seen.slice(before))}`);
    assert.equal(get.status, 304);
    const status = await waitForStatus(browser.context, EXTENSION_ID, (s) => s.source === 'url' && s.fetchedAt > 0);
    assert.equal(status.revision, 'hosted-1');
    await assertPolicyUsedInOptions(browser);
  }, UNINTERCEPTED);
});

test('with the server stopped, a restarted browser still uses the cached policy', async () => {
  await new Promise((resolve) => server.close(resolve));
  await session(async (browser) => {
    const status = await waitForStatus(browser.context, EXTENSION_ID, (s) => s.source === 'url-cached' && s.rejections.some((r) => r.notice?.key === 'policy_fetchFailed'));
    assert.equal(status.revision, 'hosted-1');
    await assertPolicyUsed(browser);
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
    await options.locator('#policy-problems li').first().waitFor();
    assert.match(await options.locator('#policy-problems').textContent(), new RegExp(policyUrl.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')));
    await options.close();
  });
});
