// The service worker stays awake while a compose box has focus and is typed
// in, and Chrome stops it once the box is left (content/keep-alive.ts).
//
// Playwright attaches DevTools to every service worker, and an inspected
// worker is never stopped for idleness; so this test drives Chromium with
// puppeteer-core told not to attach to service workers, and watches the
// worker's lifetime from the browser's target list only. That is Chrome's
// real idle timeout, so the test takes two to three minutes.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { CHROMIUM, CONTENT_TYPES, EXTENSION_DIR, FIXTURE_CSP, PAGES, fixtureFile } from '../harness.mjs';

const FIXTURES = new URL('../fixtures/', import.meta.url);
/**
 * Chrome stops a worker idle for 30 s, looking every 30 s at most: without
 * pings it is gone within 60 s of the last event. (Seen: 27 s to 45 s.)
 */
const PAUSE_MS = 65_000;
/** The last ping may have come up to 20 s before the box was left. */
const STOP_DEADLINE_MS = 90_000;
const BOX = '[data-testid="tweetTextarea_0"]';

let browser;
let profile;
before(async () => {
  profile = await mkdtemp(join(tmpdir(), 'postlint-keepalive-'));
  browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    userDataDir: profile,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [`--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`, '--no-sandbox', '--disable-gpu', '--no-first-run'],
    // Never attach to the worker: DevTools would keep it alive.
    targetFilter: (target) => target.type() !== 'service_worker',
  });
});
after(async () => {
  await browser?.close();
  if (profile) await rm(profile, { recursive: true, force: true });
});

/** The ids of the extension's running service workers, from the browser's target list. */
async function workers(session) {
  const { targetInfos } = await session.send('Target.getTargets');
  return targetInfos.filter((t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://')).map((t) => t.targetId);
}

async function openX() {
  const page = await browser.newPage();
  await page.setRequestInterception(true);
  page.on('request', async (request) => {
    const file = fixtureFile(request.url());
    if (!file) return request.abort('blockedbyclient');
    const body = await readFile(new URL(file, FIXTURES));
    await request.respond({ status: 200, headers: { 'content-security-policy': FIXTURE_CSP }, contentType: CONTENT_TYPES[file.slice(file.lastIndexOf('.'))], body });
  });
  await page.evaluateOnNewDocument(() => {
    window.__painted = [];
    document.addEventListener('postlint:painted', () => window.__painted.push(1));
  });
  await page.goto(PAGES.x);
  return page;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

test('the worker stays awake through a pause in a focused box, and sleeps once the box is left', async () => {
  const session = await browser.target().createCDPSession();
  const page = await openX();
  await page.click(BOX);
  await page.keyboard.type('Hallo zusammen, ein kurzer Entwurf.');
  await page.waitForFunction(() => window.__painted.length > 0);
  const [worker] = await workers(session);
  assert.ok(worker, 'the check started the service worker');

  // The writer pauses, the box keeps focus: the same worker runs throughout.
  const pauseEnds = Date.now() + PAUSE_MS;
  while (Date.now() < pauseEnds) {
    await sleep(2000);
    assert.deepEqual(await workers(session), [worker], 'the worker ran without a stop through the pause');
  }

  // The box is left: no more pings, and Chrome stops the idle worker.
  await page.mouse.click(2, 2);
  assert.notEqual(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'tweetTextarea_0');
  const left = Date.now();
  const deadline = left + STOP_DEADLINE_MS;
  while ((await workers(session)).length > 0) {
    assert.ok(Date.now() < deadline, 'the worker stopped within the idle timeout after the box was left');
    await sleep(1000);
  }
  console.log(`# the worker stopped ${((Date.now() - left) / 1000).toFixed(0)} s after the box was left`);
  await page.close();
});
