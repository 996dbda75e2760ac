// Firefox smoke test: Debian's firefox-esr with the Firefox package
// (dist/firefox) shows Postlint's highlights on the Quill fixture served at
// https://www.linkedin.com/feed/ with the sites' strict CSP. It proves that
// the Firefox build loads its background script, instantiates the
// WebAssembly checker under the extension CSP, injects the content script at
// the real address, answers over the port (also after Firefox suspended the
// idle background script), and that Firefox paints the wavy underlines.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchFirefox } from './firefox.mjs';
import { PAGES, readHighlights } from '../harness.mjs';
import { expectedHighlights, findingsFor } from '../e2e/helpers.mjs';

/**
 * Firefox suspends an idle MV3 background script after 30 s; a short timeout
 * lets the second test see a suspended background within seconds.
 */
const IDLE_TIMEOUT_MS = 1500;
const BOX = '.share-box .ql-editor';
const IBAN = 'DE89 3704 0044 0532 0130 00';

let firefox;
let page;
before(async () => {
  firefox = await launchFirefox({ prefs: { 'extensions.background.idle.timeout': IDLE_TIMEOUT_MS } });
  page = await firefox.newPage();
  // The content script announces every paint with its timings (never text).
  await page.evaluateOnNewDocument(() => {
    window.__painted = [];
    document.addEventListener('postlint:painted', (event) => window.__painted.push(JSON.parse(event.detail)));
  });
  await page.goto(PAGES.linkedin);
  await page.waitForSelector(BOX);
});
after(async () => {
  await firefox?.close();
});

/**
 * Waits until the highlights inside the Quill share box equal `expected`. The first check waits for the
 * background to instantiate the WASM: a slow, shared machine gets time, but
 * the wait ends as soon as they match.
 */
async function waitForHighlights(expected, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  let actual;
  for (;;) {
    actual = await readHighlights(page, BOX);
    if (JSON.stringify(actual) === JSON.stringify(expected) || Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.deepEqual(actual, expected, 'highlights in the Quill share box');
}

/**
 * How many pixels of the box's screenshot have the warn underline's colour
 * (#e07b00, with room for anti-aliasing): whether Firefox really paints the
 * warn level's `::highlight()` style, not only registers the ranges.
 */
async function warnColouredPixels() {
  const shot = await (await page.$(BOX)).screenshot({ encoding: 'base64' });
  return page.evaluate(async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let count = 0;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
      if (r > 180 && g > 70 && g < 170 && b < 90 && r - g > 60) count += 1;
    }
    return count;
  }, shot);
}

async function quillText() {
  // Quill always ends its text with a newline of its own.
  return (await page.evaluate(() => window.__fixture.quillText('share'))).replace(/\n$/, '');
}

test('Quill on LinkedIn in Firefox: typing an insult and an IBAN highlights exactly the findings', async () => {
  const text = `Spenden an IBAN ${IBAN}, you idiot.`;
  const expected = expectedHighlights(text, 'linkedin', 'post');
  assert.ok(expected.warn.includes(IBAN) && expected.warn.includes('idiot'), `findings: ${JSON.stringify(findingsFor(text, 'linkedin', 'post'))}`);

  assert.equal(await warnColouredPixels(), 0, 'nothing is underlined before typing');
  await page.click(BOX);
  await page.keyboard.type(text);
  await waitForHighlights(expected);
  assert.equal(await quillText(), text, "Quill's model holds exactly the typed text");
  // Two warn findings, each underlined over its whole width.
  const pixels = await warnColouredPixels();
  assert.ok(pixels > 100, `the warn underlines are painted (${pixels} orange pixels)`);
});

test('after Firefox suspends the idle background script, the next keystrokes are checked by a restarted engine', async () => {
  const before = await quillText();
  assert.ok(before.includes('idiot'), 'the first test typed its text');
  const paintsBefore = await page.evaluate(() => window.__painted.length);
  // Stay idle well past the timeout so Firefox suspends the background
  // script (a precondition, not an assertion: the restart is asserted below).
  await new Promise((resolve) => setTimeout(resolve, IDLE_TIMEOUT_MS * 4));

  await page.keyboard.type(' Du Vollpfosten!');
  const text = `${before} Du Vollpfosten!`;
  const expected = expectedHighlights(text, 'linkedin', 'post');
  assert.notDeepEqual(expected, expectedHighlights(before, 'linkedin', 'post'), 'the added words change the findings');
  await waitForHighlights(expected);
  assert.equal(await quillText(), text);

  const painted = await page.evaluate((from) => window.__painted.slice(from), paintsBefore);
  assert.ok(
    painted.some((paint) => paint.coldStart !== null),
    `an answer after the pause came from a freshly started engine: ${JSON.stringify(painted)}`,
  );
});
