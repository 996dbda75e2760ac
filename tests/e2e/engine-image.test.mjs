// A worker that Chrome stopped restores the policy it had compiled from the
// image of the engine's memory it kept (background/engine-instance.ts)
// instead of compiling it again; a policy that changed is compiled, never
// taken from the older image. Managed policies, as IT deploys them.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openFixture, stopServiceWorkers } from '../harness.mjs';
import { waitForHighlights } from './helpers.mjs';
import { EXTENSION_ID, companyPolicy, expectedWith, removeManagedPolicy, waitForStatus, writeManagedPolicy } from './managed.mjs';

/** Terms no built-in pack knows: only the managed policies flag them. */
const FIRST = companyPolicy('Acme', 'Zephyrion', 'image-first');
const SECOND = companyPolicy('Acme', 'Borealix', 'image-second');
const BOX = '[data-testid="tweetTextarea_0"]';

let browser;
let page;
let text = 'Launching Zephyrion and Borealix next week!';

before(async () => {
  await writeManagedPolicy({ policy: FIRST });
  browser = await launch();
  assert.equal(browser.extensionId, EXTENSION_ID);
  await waitForStatus(browser.context, EXTENSION_ID, (s) => s.revision === 'image-first');
  page = await openFixture(browser.context, 'x');
  await page.click(BOX);
  await page.keyboard.type(text);
  await waitForHighlights(page, expectedWith(FIRST, text, 'x'), BOX, 15_000);
});

after(async () => {
  try {
    await browser?.close();
  } finally {
    await removeManagedPolicy();
  }
});

/** Stops the worker, adds `more` in one input, and returns the cold start of the answer that restarted it. */
async function restartByTyping(more) {
  await stopServiceWorkers(browser.context, browser.extensionId);
  const painted = await page.evaluate(() => window.__painted.length);
  // One input, one check: with a key per character, the answer that carries
  // the cold start could be one the box discards as stale.
  await page.keyboard.insertText(more);
  text += more;
  await page.waitForFunction((before) => window.__painted.slice(before).some((event) => event.coldStart), painted, { timeout: 15_000 });
  return page.evaluate((before) => window.__painted.slice(before).find((event) => event.coldStart).coldStart, painted);
}

test('a restarted worker restores the policy instead of compiling it, and finds the same', async () => {
  // The first restart may compile: an image is taken only by a worker that
  // compiled before checking any text, and the browser's first start may
  // have checked first. From then on the image is there.
  await restartByTyping(' Zephyrion!');
  const coldStart = await restartByTyping(' Und Zephyrion.');
  assert.equal(coldStart.restored, true, `restored from the image: ${JSON.stringify(coldStart)}`);
  const expected = expectedWith(FIRST, text, 'x');
  assert.deepEqual(expected.block, ['Zephyrion', 'Zephyrion', 'Zephyrion']);
  await waitForHighlights(page, expected, BOX, 15_000);
});

test('a policy changed while the worker was stopped is compiled, not taken from the older image', async () => {
  await stopServiceWorkers(browser.context, browser.extensionId);
  await writeManagedPolicy({ policy: SECOND });
  // Chromium's reload of the file wakes the worker, which finds the image of the first policy.
  await waitForStatus(browser.context, EXTENSION_ID, (s) => s.revision === 'image-second');
  await page.keyboard.type(' Borealix?');
  text += ' Borealix?';
  const expected = expectedWith(SECOND, text, 'x');
  assert.deepEqual(expected.block, ['Borealix', 'Borealix']);
  await waitForHighlights(page, expected, BOX, 15_000);

  // The image now holds the second policy, or the next start takes it (if
  // the worker had restored the first policy before the file's change
  // reached it): the restart after that restores the second policy.
  await restartByTyping(' Borealix.');
  const coldStart = await restartByTyping(' Borealix!');
  assert.equal(coldStart.restored, true, `restored from the new image: ${JSON.stringify(coldStart)}`);
  await waitForHighlights(page, expectedWith(SECOND, text, 'x'), BOX, 15_000);
});
