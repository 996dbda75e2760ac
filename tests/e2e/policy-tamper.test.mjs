// The employee as an adversary of IT's policy. With the browser's developer
// tools open on x.com, anyone can run code with the content script's rights,
// which include writing `chrome.storage.local`. Whatever they write there
// must neither switch checking off nor change which policy is in force.
//
// The test runs its code exactly there: in the content script's isolated
// world, found through the DevTools protocol.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { launch, openFixture, serviceWorker, stopServiceWorkers } from '../harness.mjs';
import { waitForHighlights } from './helpers.mjs';
import { EXTENSION_ID, companyPolicy, expectedWith, readStatus, removeManagedPolicy, waitForStatus, writeManagedPolicy } from './managed.mjs';

const REAL = companyPolicy('Lumen', 'Quasarix', 'real-1');
/** What the employee would rather run: the code name is no longer held back. */
const FORGED = companyPolicy('Lumen', 'Nothingtoseehere', 'forged-1');
const BOX = '[data-testid="tweetTextarea_0"]';
const YEAR_MS = 365 * 24 * 3_600_000;

let server;
let policyUrl;
let browser;

before(async () => {
  server = createServer((request, response) => {
    response.writeHead(200, { 'access-control-allow-origin': '*', 'content-type': 'application/json', 'cache-control': 'no-cache' });
    response.end(REAL);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  policyUrl = `${origin}/postlint/policy.json`;
  await writeManagedPolicy({ policyUrl, policyRefreshMinutes: 15, allowPause: false });
  browser = await launch({ passThrough: [origin] });
  await waitForStatus(browser.context, EXTENSION_ID, (status) => status.source === 'url' && status.revision === 'real-1');
});

after(async () => {
  try {
    await browser?.close();
  } finally {
    await removeManagedPolicy();
    await new Promise((resolve) => server.close(resolve));
  }
});

/**
 * Evaluates `expression` (awaited) in the extension's content script world
 * on `page`: the isolated world whose `chrome.runtime.id` is the extension's.
 */
async function inContentScript(page, expression) {
  const cdp = await browser.context.newCDPSession(page);
  try {
    const contexts = [];
    cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
    await cdp.send('Runtime.enable');
    const deadline = Date.now() + 10_000;
    for (;;) {
      for (const context of contexts.filter((c) => c.auxData?.type === 'isolated')) {
        const { result } = await cdp.send('Runtime.evaluate', { expression: 'globalThis.chrome?.runtime?.id ?? null', contextId: context.id, returnByValue: true });
        if (result.value !== EXTENSION_ID) continue;
        const answer = await cdp.send('Runtime.evaluate', { expression, contextId: context.id, awaitPromise: true, returnByValue: true });
        if (answer.exceptionDetails) throw new Error(`in the content script: ${JSON.stringify(answer.exceptionDetails)}`);
        return answer.result.value;
      }
      if (Date.now() > deadline) assert.fail("the content script's world did not appear");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await cdp.detach();
  }
}

/** What the worker reads back from `chrome.storage.local`, to show the content script's write landed. */
async function storedLocally(key) {
  const worker = await serviceWorker(browser.context, EXTENSION_ID);
  return worker.evaluate(async (key) => (await chrome.storage.local.get(key))[key] ?? null, key);
}

async function typeAndExpectRealPolicy(page, text) {
  await page.click(BOX);
  await page.keyboard.type(text);
  const expected = expectedWith(REAL, text, 'x');
  assert.deepEqual(expected.block, ['Quasarix'], 'the real policy holds the code name back');
  await waitForHighlights(page, expected, BOX, 15_000);
}

test('a forged language or pause in the preferences does not switch checking off', async () => {
  const page = await openFixture(browser.context, 'x');
  // 'xx' is no language the engine speaks; the pause is a year long, though IT allows none.
  const written = await inContentScript(page, `chrome.storage.local.set({ preferences: { lang: 'xx', pausedUntil: Date.now() + ${YEAR_MS} } }).then(() => 'written')`);
  assert.equal(written, 'written');
  try {
    assert.deepEqual((await storedLocally('preferences'))?.lang, 'xx', 'content scripts can write chrome.storage.local');
    await typeAndExpectRealPolicy(page, 'Quasarix launches soon.');
  } finally {
    await inContentScript(page, 'chrome.storage.local.remove("preferences")');
    await page.close();
  }
});

test('a policy planted by a content script never comes into force, not even after the worker restarts', async () => {
  const page = await openFixture(browser.context, 'x');
  const forgedCopy = { url: policyUrl, text: FORGED, etag: null, lastModified: null, fetchedAt: Date.now() + 10 * YEAR_MS };
  const planted = await inContentScript(
    page,
    `(async () => {
      const forgedCopy = ${JSON.stringify(forgedCopy)};
      const lastGood = { source: 'url', text: forgedCopy.text, appliedAt: Date.now() };
      // Where versions before 0.2 kept the copy and the last good policy…
      await chrome.storage.local.set({ policyUrlCache: forgedCopy, policyLastGood: lastGood });
      // …and where the extension keeps them now, as far as a content script can reach: the page's IndexedDB.
      const database = await new Promise((resolve, reject) => {
        const request = indexedDB.open('postlint', 1);
        request.onupgradeneeded = () => request.result.createObjectStore('policy');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const transaction = database.transaction('policy', 'readwrite');
      transaction.objectStore('policy').put(forgedCopy, 'urlCache');
      transaction.objectStore('policy').put(lastGood, 'lastGood');
      await new Promise((resolve) => (transaction.oncomplete = resolve));
      return 'planted';
    })()`,
  );
  assert.equal(planted, 'planted');
  assert.equal((await storedLocally('policyUrlCache'))?.text, FORGED, 'the forged copy is in chrome.storage.local');

  // A woken worker reads its state afresh: that is where a planted copy would take over.
  await stopServiceWorkers(browser.context, EXTENSION_ID);
  await typeAndExpectRealPolicy(page, 'Quasarix ships in May.');
  const status = await readStatus(browser.context, EXTENSION_ID);
  assert.equal(status.revision, 'real-1', JSON.stringify(status));
  assert.match(status.source, /^url/);
  await page.close();
});
