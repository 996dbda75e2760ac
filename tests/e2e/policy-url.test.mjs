// IT hosts the policy at a URL: the background fetches it (conditionally,
// with the ETag), caches it and uses it; after the server goes away and the
// browser restarts, the cached copy is still in force. A server that
// misbehaves (an endless answer, a redirect, a body that stalls, no answer
// at all) costs a notice on the options page, never the policy in force,
// and never a wait before the first check.
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
let redirectServer;
/** How the policy server answers: `serve`, or one of the misbehaviours below. */
let mode = 'serve';
/** What an endless answer managed to send. */
const endless = { total: 64 * 1024 * 1024, sent: 0, finished: false, closed: false };
/** Requests left without an end (`stall`) or without any answer (`hang`). */
const unanswered = [];
/** Where `redirect` points: plain http on another origin, serving another policy. */
let redirectTarget;
const redirectSeen = [];
const FORGED = companyPolicy('Lumen', 'Nothingtoseehere', 'redirected-1');
const CORS = { 'access-control-allow-origin': '*', 'content-type': 'application/json', 'cache-control': 'no-cache' };

/** 64 MiB, chunk by chunk as the socket takes them, until the client stops reading. */
function sendEndless(response) {
  Object.assign(endless, { sent: 0, finished: false, closed: false });
  response.writeHead(200, CORS);
  const chunk = Buffer.alloc(64 * 1024, ' ');
  response.on('close', () => (endless.closed = true));
  const more = () => {
    while (endless.sent < endless.total && !endless.closed) {
      endless.sent += chunk.length;
      if (!response.write(chunk)) return response.once('drain', more);
    }
    if (!endless.closed) response.end(() => (endless.finished = true));
  };
  more();
}

function misbehave(request, response) {
  if (mode === 'endless') return sendEndless(response);
  if (mode === 'redirect') {
    response.writeHead(302, { ...CORS, location: redirectTarget });
    return response.end();
  }
  unanswered.push(response);
  // Headers and the start of the policy, then nothing more.
  if (mode === 'stall') {
    response.writeHead(200, CORS);
    response.write(POLICY.slice(0, 40));
  }
}

before(async () => {
  server = createServer((request, response) => {
    if (mode !== 'serve') return misbehave(request, response);
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
  redirectServer = createServer((request, response) => {
    redirectSeen.push(request.url);
    response.writeHead(200, CORS);
    response.end(FORGED);
  });
  await new Promise((resolve) => redirectServer.listen(0, '127.0.0.1', resolve));
  redirectTarget = `http://localhost:${redirectServer.address().port}/postlint/policy.json`;
  await writeManagedPolicy({ policyUrl, policyRefreshMinutes: 15 });
  profile = await mkdtemp(join(tmpdir(), 'postlint-chromium-url-'));
});

after(async () => {
  try {
    if (server.listening) await new Promise((resolve) => server.close(resolve));
    await new Promise((resolve) => redirectServer.close(resolve));
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

/** Waits for this session's status with a fetch notice `key`, and checks that the hosted policy stayed. */
async function expectFetchRefused(browser, key, since) {
  const status = await waitForStatus(
    browser.context,
    EXTENSION_ID,
    (s) => s.checkedAt >= since && s.rejections.some((r) => r.source === 'url' && r.notice?.key === key),
    { timeoutMs: 60_000, reloadAfterMs: 60_000 },
  );
  assert.equal(status.source, 'url-cached', JSON.stringify(status));
  assert.equal(status.revision, 'hosted-1', 'the last good policy stays in force');
  assert.ok(!status.rejections.some((r) => r.problems.length > 0), `nothing reached the engine: ${JSON.stringify(status.rejections)}`);
  return status;
}

test('an answer beyond 4 MiB is not downloaded further; the last good policy stays', async () => {
  mode = 'endless';
  try {
    const since = Date.now();
    await session(async (browser) => {
      const status = await expectFetchRefused(browser, 'policy_fetchTooLarge', since);
      assert.deepEqual(status.rejections.find((r) => r.notice).notice.args, [policyUrl, '4']);
      const deadline = Date.now() + 10_000;
      while (!endless.closed && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal(endless.finished, false, 'the extension stopped reading');
      assert.ok(endless.closed && endless.sent < endless.total, `the server sent ${endless.sent} of ${endless.total} bytes`);
      await assertPolicyUsedInOptions(browser);
    }, UNINTERCEPTED);
  } finally {
    mode = 'serve';
  }
});

test('a redirect is refused: a policy behind it, here on plain http, is never requested', async () => {
  mode = 'redirect';
  try {
    const since = Date.now();
    await session(async (browser) => {
      const status = await expectFetchRefused(browser, 'policy_fetchRedirect', since);
      assert.equal(status.rejections.find((r) => r.notice).notice.args[0], policyUrl);
      assert.deepEqual(redirectSeen, [], 'the redirect target was never asked');
      await assertPolicyUsedInOptions(browser);
    }, UNINTERCEPTED);
  } finally {
    mode = 'serve';
  }
});

test('a body that stalls halfway times out like any failed fetch, and checks go on', async () => {
  mode = 'stall';
  try {
    const since = Date.now();
    await session(async (browser) => {
      await expectFetchRefused(browser, 'policy_fetchTimeout', since);
      assert.ok(unanswered.length >= 1, 'the server was left mid-answer');
      await assertPolicyUsedInOptions(browser);
    }, UNINTERCEPTED);
  } finally {
    mode = 'serve';
    for (const response of unanswered.splice(0)) response.destroy();
  }
});

test('off the network, with a copy: the first check answers at once from it, while the fetch still waits', async () => {
  mode = 'hang';
  try {
    await session(async (browser) => {
      const page = await openFixture(browser.context, 'x');
      await page.click(BOX);
      await page.keyboard.type(TEXT);
      const expected = expectedWith(POLICY, TEXT, 'x');
      // Far below the fetch timeout (20 s) that checks waited for before.
      await waitForHighlights(page, expected, BOX, 5_000);
      assert.ok(unanswered.length >= 1, 'the fetch was under way, unanswered');
      assert.ok(unanswered.every((response) => !response.headersSent), 'and still is');
      await page.close();
    });
  } finally {
    mode = 'serve';
    for (const response of unanswered.splice(0)) response.destroy();
  }
});

test('with the server stopped, a restarted browser still uses the cached policy', async () => {
  server.closeAllConnections();
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
