// Hostile text: a 1 MB paste of mixed text (umlauts, emoji, right-to-left
// overrides, zero-width floods, a 50,000-character word, 1,600+ insults in
// the checked part alone) and 100,000 emoji, pasted into the textarea and
// Quill fixtures. The editor keeps every character, typing still lands, at
// most MAX_PAINTED_RANGES highlights are painted, and the badge says the
// text was not checked completely.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openFixture, readHighlights } from '../harness.mjs';
import { loadTs } from '../unit/load-ts.mjs';
import { EDITORS, findingsFor, waitForValue } from './helpers.mjs';

const caps = await loadTs('extension/src/content/caps.ts');

const CHUNK = 'Grüße aus Köln 👋🏽 und 🇩🇪, you idiot! \u202Eevil\u202C zero\u200B\u200B\u200B\u200Bwidth ';
/** About 1 MB of UTF-16 units, a paragraph break every 50 chunks, one 50,000-character word in the middle. */
function mixedMegabyte() {
  const paragraph = CHUNK.repeat(50);
  const parts = [];
  let length = 0;
  while (length < 1_000_000) {
    const part = parts.length === 100 ? 'a'.repeat(50_000) : paragraph;
    parts.push(part);
    length += part.length + 2;
  }
  return parts.join('\n\n');
}
const EMOJI = ['😀', '👋🏽', '🇩🇪', '👩‍💻'];
const HUNDRED_THOUSAND_EMOJI = Array.from({ length: 100_000 }, (_, i) => EMOJI[i % EMOJI.length]).join('');
const TYPED = ' ok';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Pastes the way each editor receives a paste. */
async function paste(page, editorName, text) {
  if (editorName === 'quill') {
    // Quill takes the text from the paste event's clipboard data itself.
    await page.evaluate((text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, text);
  } else {
    // A synthetic paste event does not insert into a textarea; the browser's own text insertion does.
    await page.keyboard.insertText(text);
  }
}

function total(highlights) {
  return Object.values(highlights).reduce((sum, ranges) => sum + ranges.length, 0);
}

/** Waits until the visible badge reports the capped state, and returns its label. */
async function cappedBadgeLabel(page) {
  const read = () =>
    page.evaluate(() => {
      for (const host of document.querySelectorAll('[data-test-ui="badge"]')) {
        const button = host.shadowRoot?.querySelector('.badge');
        if (button && button.style.display !== 'none' && button.dataset.capped === 'true') return button.getAttribute('aria-label');
      }
      return null;
    });
  const deadline = Date.now() + 60_000;
  let label = await read();
  while (label === null && Date.now() < deadline) {
    await page.waitForTimeout(200);
    label = await read();
  }
  return label;
}

for (const [name, text] of [
  ['1 MB of mixed text', mixedMegabyte()],
  ['100,000 emoji', HUNDRED_THOUSAND_EMOJI],
]) {
  for (const editorName of ['textarea', 'quill']) {
    test(`${editorName}: ${name} is kept whole, typing still lands, highlights and badge are capped`, async () => {
      const editor = EDITORS[editorName];
      assert.ok(text.length > caps.MAX_CHECKED_UNITS, 'the text is longer than the cap');
      const page = await openFixture(browser.context, editor.fixture);
      await page.waitForSelector(editor.box);
      await page.click(editor.box);
      await paste(page, editorName, text);
      await waitForValue(() => editor.model(page), text, "the editor's model holds exactly the pasted text", 60_000);

      const label = await cappedBadgeLabel(page);
      assert.ok(label?.includes('Text too long to check completely'), `badge states the cap: ${label}`);

      // Exactly the checked part's findings, up to the cap, are painted.
      const inText = findingsFor(caps.checkedPart(text).text, editor.platform, 'post').filter((f) => f.span && f.span.end > f.span.start);
      const expectedCount = Math.min(inText.length, caps.MAX_PAINTED_RANGES);
      if (name.startsWith('1 MB')) assert.ok(inText.length > caps.MAX_PAINTED_RANGES, `more findings than the cap: ${inText.length}`);
      const within = editor.highlights ?? editor.box;
      await waitForValue(async () => total(await readHighlights(page, within)), expectedCount, 'painted highlights', 60_000);

      // The page stays usable: typing at the end lands in the editor's model.
      await page.keyboard.press('Control+End');
      await page.keyboard.type(TYPED);
      await waitForValue(() => editor.model(page), text + TYPED, "typing after the paste lands in the model", 60_000);
      assert.ok((await cappedBadgeLabel(page))?.includes('Text too long to check completely'), 'still capped after typing');
      assert.ok(total(await readHighlights(page, within)) <= caps.MAX_PAINTED_RANGES, 'highlights stay within the cap');
      await page.close();
    });
  }
}
