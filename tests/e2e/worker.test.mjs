// The background: a stopped service worker restarts transparently, and the
// extension sends nothing over the network.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openFixture, serviceWorker, stopServiceWorkers } from '../harness.mjs';
import { expectedHighlights, waitForHighlights } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('the extension makes no network request', async () => {
  // The recorder sees the extension's own requests: a request made from the
  // service worker shows up (and is aborted, as there is no network).
  const worker = await serviceWorker(browser.context, browser.extensionId);
  const probe = 'https://www.linkedin.com/postlint-recorder-probe';
  await worker.evaluate((url) => fetch(url).catch(() => null), probe);
  assert.ok(browser.requests.some((r) => r.url === probe), 'requests from the service worker are recorded');
  const before = browser.requests.length;

  for (const fixture of ['x', 'linkedin', 'textarea']) {
    const page = await openFixture(browser.context, fixture);
    const box = fixture === 'linkedin' ? '.share-box .ql-editor' : '[data-testid="tweetTextarea_0"]';
    await page.click(box);
    await page.keyboard.type('Mail me at jane.doe@example.com or visit https://intranet.acme.example/wiki — DE89 3704 0044 0532 0130 00');
    await page.waitForFunction(() => window.__painted.some((event) => event.findings > 0));
    await page.close();
  }
  const unexpected = browser.requests.slice(before).filter((r) => !r.served);
  assert.deepEqual(unexpected, [], 'only the fixture pages themselves were requested');
});

test('after the service worker is stopped, the next check restarts it and still works', async () => {
  const page = await openFixture(browser.context, 'x');
  const box = '[data-testid="tweetTextarea_0"]';
  const first = 'Hallo, ich bin neu hier.';
  await page.click(box);
  await page.keyboard.type(first);
  await page.waitForFunction(() => window.__painted.length > 0);

  await stopServiceWorkers(browser.context, browser.extensionId);

  const more = ' Spenden an IBAN DE89 3704 0044 0532 0130 00, you idiot.';
  await page.keyboard.type(more);
  const text = first + more;
  const expected = expectedHighlights(text, 'x', 'post');
  assert.ok(expected.warn.includes('DE89 3704 0044 0532 0130 00'), `findings: ${JSON.stringify(expected)}`);
  await waitForHighlights(page, expected, box);
  const painted = await page.evaluate(() => window.__painted.at(-1));
  assert.equal(typeof painted.coldStart?.totalMs, 'number', 'the answer came from a freshly started engine');
  assert.equal(await page.evaluate(() => window.__fixture.draftText()), text);
  await page.close();
});
