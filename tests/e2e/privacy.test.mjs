// Privacy (issue 10 §6): the text never leaves the device. While posts are
// written and checked in the three editors and the options page's "try it"
// box, every http(s) request the browser makes (pages, content scripts, the
// service worker, the options page) is recorded: without a policy URL there is
// none besides the fixture pages themselves, and with one, only those to it.
// Then the extension's storage (local, session, sync, IndexedDB, Cache
// Storage) is dumped, and no post text may be in it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { launch, serviceWorker } from '../harness.mjs';
import { EDITORS, findingsFor, typeChecked } from './helpers.mjs';
import { EXTENSION_ID, companyPolicy, removeManagedPolicy, waitForStatus, writeManagedPolicy } from './managed.mjs';

/** Distinctive post text: a shouted marker, an IBAN and an insult, each a finding whose quote is post text. */
const MARKER = 'ZEPHYRQUUX MARMALADE';
const POST = `Ich schreibe ${MARKER} heute. IBAN DE89 3704 0044 0532 0130 00, you idiot, das ist Schwachsinn!!!!`;

/**
 * Writes POST in every editor and the options "try it" box, waiting until
 * each is checked, and leaves the pages open (closing a tab may drop what was
 * kept for it): returns them for closing after the storage dump.
 */
async function writePosts(browser) {
  const pages = [];
  for (const editor of Object.values(EDITORS)) pages.push(await typeChecked(browser.context, editor, POST));
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
  await options.click('#try-box');
  await options.keyboard.type(POST);
  await options.locator('#try-findings li').first().waitFor({ timeout: 15_000 });
  pages.push(options);
  return pages;
}

/** Pieces of post text that must not be stored: the marker, and every finding's quote. */
function postFragments() {
  const quotes = findingsFor(POST, 'x', 'post').map((finding) => finding.quote).filter((quote) => quote && quote.length >= 4);
  assert.ok(quotes.includes('DE89 3704 0044 0532 0130 00'), JSON.stringify(quotes));
  return [MARKER, 'ZEPHYRQUUX', 'MARMALADE', 'Schwachsinn', ...quotes];
}

/** Everything the extension keeps, as one JSON string, read in its service worker. */
async function dumpStorage(browser) {
  const worker = await serviceWorker(browser.context, browser.extensionId);
  return worker.evaluate(async () => {
    const dump = {
      local: await chrome.storage.local.get(null),
      session: await chrome.storage.session.get(null),
      sync: await chrome.storage.sync.get(null),
      indexedDB: [],
      caches: [],
    };
    // Every record of every database (the background keeps its policy store there).
    for (const { name, version } of (await indexedDB.databases?.()) ?? []) {
      const database = await new Promise((resolve, reject) => {
        const request = indexedDB.open(name, version);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const records = {};
      for (const store of database.objectStoreNames) {
        const read = database.transaction(store).objectStore(store).getAll();
        records[store] = await new Promise((resolve) => (read.onsuccess = () => resolve(read.result)));
      }
      database.close();
      dump.indexedDB.push({ name, records });
    }
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) dump.caches.push({ name, url: request.url, body: await (await cache.match(request)).text() });
    }
    return JSON.stringify(dump);
  });
}

before(async () => {
  await removeManagedPolicy();
});

test('without a policy URL the extension makes no request, and its storage holds no post text', async () => {
  const browser = await launch();
  try {
    const pages = await writePosts(browser);
    const foreign = browser.requests.filter((request) => !request.served);
    assert.deepEqual(foreign, [], 'no request besides the fixture pages');
    const dump = await dumpStorage(browser);
    assert.ok(dump.includes('policyStatus'), `the dump read the extension's storage: ${dump.slice(0, 200)}`);
    for (const fragment of postFragments()) assert.ok(!dump.includes(fragment), `post text ${JSON.stringify(fragment)} is in storage: ${dump.slice(0, 2000)}`);
    assert.deepEqual(JSON.parse(dump).indexedDB.map((database) => database.name), ['postlint'], 'IndexedDB holds the policy store only');
    for (const page of pages) await page.close();
  } finally {
    await browser.close();
  }
});

test('with a policy URL the only requests besides the fixtures go to it', async () => {
  const policy = companyPolicy('Lumen', 'Quasarix', 'privacy-1');
  const seen = [];
  const server = createServer((request, response) => {
    seen.push(request.url);
    response.writeHead(200, { 'access-control-allow-origin': '*', 'content-type': 'application/json', 'cache-control': 'no-cache' });
    response.end(policy);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const policyUrl = `${origin}/postlint/policy.json`;
  await writeManagedPolicy({ policyUrl, policyRefreshMinutes: 15 });
  const browser = await launch({ passThrough: [origin] });
  try {
    await waitForStatus(browser.context, EXTENSION_ID, (status) => status.source === 'url' && status.revision === 'privacy-1');
    const pages = await writePosts(browser);
    const foreign = browser.requests.filter((request) => !request.served);
    assert.ok(foreign.length >= 1, 'the policy was fetched');
    for (const request of foreign) assert.equal(request.url, policyUrl, `only the policy URL: ${JSON.stringify(foreign)}`);
    for (const url of seen) assert.equal(url, '/postlint/policy.json', 'the server saw nothing but policy fetches (no post text in a query)');
    const dump = await dumpStorage(browser);
    for (const fragment of postFragments()) assert.ok(!dump.includes(fragment), `post text ${JSON.stringify(fragment)} is in storage`);
    for (const page of pages) await page.close();
  } finally {
    await browser.close();
    await removeManagedPolicy();
    await new Promise((resolve) => server.close(resolve));
  }
});
