// Firefox smoke test: Debian's firefox-esr with the Firefox package
// (dist/firefox) shows Postlint's highlights on the Quill fixture served at
// https://www.linkedin.com/feed/. It proves that the Firefox build loads its
// background script, instantiates the WebAssembly checker under the
// extension CSP, injects the content script at the real address and answers
// over the port.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchFirefox } from './firefox.mjs';
import { PAGES } from '../harness.mjs';
import { expectedHighlights, findingsFor } from '../e2e/helpers.mjs';

let firefox;
before(async () => {
  firefox = await launchFirefox();
});
after(async () => {
  await firefox?.close();
});

/** The highlight texts by level, inside the Quill share box. */
function readHighlights(page) {
  return page.evaluate(() => {
    const box = document.querySelector('.share-box .ql-editor');
    const out = {};
    for (const level of ['hint', 'warn', 'block']) {
      const highlight = CSS.highlights.get(`postlint-${level}`);
      out[level] = highlight ? [...highlight].filter((range) => box.contains(range.startContainer)).map((range) => range.toString()) : [];
    }
    return out;
  });
}

test('Quill on LinkedIn in Firefox: typing an insult and an IBAN highlights exactly the findings', async () => {
  const page = await firefox.newPage();
  await page.goto(PAGES.linkedin);
  const box = '.share-box .ql-editor';
  await page.waitForSelector(box);
  const text = 'Spenden an IBAN DE89 3704 0044 0532 0130 00, you idiot.';
  const expected = expectedHighlights(text, 'linkedin', 'post');
  assert.ok(expected.warn.includes('DE89 3704 0044 0532 0130 00') && expected.warn.includes('idiot'), `findings: ${JSON.stringify(findingsFor(text, 'linkedin', 'post'))}`);

  await page.click(box);
  await page.keyboard.type(text);
  // The first check waits for the background to instantiate the WASM: give
  // a slow, shared machine time, but stop as soon as the highlights match.
  const deadline = Date.now() + 30_000;
  let actual;
  for (;;) {
    actual = await readHighlights(page);
    if (JSON.stringify(actual) === JSON.stringify(expected) || Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.deepEqual(actual, expected, 'highlights in the Quill share box');
  const model = await page.evaluate(() => window.__fixture.quillText('share'));
  assert.equal(model.replace(/\n$/, ''), text, "Quill's model holds exactly the typed text");
  await page.close();
});
