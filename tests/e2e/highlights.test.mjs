// Typing into the real editors highlights exactly the checker's findings,
// after emoji, umlauts and line breaks, and the editors' own models stay
// exactly what was typed while highlights come and go.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openFixture, readHighlights } from '../harness.mjs';
import { allQuotes, expectedHighlights, waitForHighlights } from './helpers.mjs';

/** Umlauts, a skin-tone emoji and a flag before the findings, over three lines. */
const LINES = ['Grüße aus Köln 👋🏽 und 🇩🇪!', '', 'THIS IS TOTALLY OUTRAGEOUS AND UNACCEPTABLE, you idiot. Spenden an IBAN DE89 3704 0044 0532 0130 00'];
const TEXT = LINES.join('\n');
/** The IBAN at the end: deleting it must drop its highlight. */
const TAIL = ' DE89 3704 0044 0532 0130 00';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function typeAndCheck(page, { box, platform, surface, within, model }) {
  await page.click(box);
  await page.keyboard.type(TEXT);
  const expected = expectedHighlights(TEXT, platform, surface);
  // The built-in policy flags the IBAN (personal data) and the insult.
  assert.ok(expected.warn.includes(TAIL.trim()) && expected.warn.includes('idiot'), `findings: ${JSON.stringify(expected)}`);
  await waitForHighlights(page, expected, within);
  assert.equal(await model(), TEXT, "the editor's model holds exactly the typed text");

  // Delete the IBAN: its highlight goes, the others stay, the model follows.
  for (let i = 0; i < TAIL.length; i += 1) await page.keyboard.press('Backspace');
  const shorter = TEXT.slice(0, -TAIL.length);
  const afterDelete = expectedHighlights(shorter, platform, surface);
  assert.notDeepEqual(afterDelete, expected, 'deleting the IBAN changes the findings');
  await waitForHighlights(page, afterDelete, within);
  assert.equal(await model(), shorter);

  // Type it again: the highlight comes back, still on the right characters.
  await page.keyboard.type(TAIL);
  await waitForHighlights(page, expected, within);
  assert.equal(await model(), TEXT);
  return expected;
}

test('Draft.js on X: highlights match the findings and the EditorState is untouched', async () => {
  const page = await openFixture(browser.context, 'x');
  const box = '[data-testid="tweetTextarea_0"]';
  await page.waitForSelector(box);
  await typeAndCheck(page, {
    box,
    platform: 'x',
    surface: 'post',
    within: box,
    model: () => page.evaluate(() => window.__fixture.draftText('tweetTextarea_0')),
  });
  await page.close();
});

test("Quill on LinkedIn: highlights match the findings and getText() is untouched", async () => {
  const page = await openFixture(browser.context, 'linkedin');
  const box = '.share-box .ql-editor';
  await page.waitForSelector(box);
  await typeAndCheck(page, {
    box,
    platform: 'linkedin',
    surface: 'post',
    within: box,
    // Quill always ends its text with a newline of its own.
    model: async () => (await page.evaluate(() => window.__fixture.quillText('share'))).replace(/\n$/, ''),
  });
  await page.close();
});

test('textarea: the overlay mirror carries the highlights, aligned with the textarea', async () => {
  const page = await openFixture(browser.context, 'textarea');
  const box = '[data-testid="tweetTextarea_0"]';
  await typeAndCheck(page, {
    box,
    platform: 'x',
    surface: 'post',
    within: '[data-test-ui="mirror"]',
    model: () => page.$eval(box, (textarea) => textarea.value),
  });

  // Typing on keeps the highlights on their characters until the next answer.
  await page.keyboard.type('!');
  await page.waitForTimeout(40);
  assert.ok((await readHighlights(page, '[data-test-ui="mirror"]')).warn.includes(TAIL.trim()), 'no flicker while typing');

  const geometry = () =>
    page.evaluate((selector) => {
      const textarea = document.querySelector(selector);
      const mirror = document.querySelector('[data-test-ui="mirror"]');
      const a = textarea.getBoundingClientRect();
      const b = mirror.getBoundingClientRect();
      return {
        textarea: [a.left, a.top, a.width, a.height, textarea.scrollTop],
        mirror: [b.left, b.top, b.width, b.height, mirror.scrollTop],
        pointerEvents: getComputedStyle(mirror).pointerEvents,
      };
    }, box);
  // Overflow the textarea, scroll it, and resize the window: the mirror follows.
  await page.keyboard.type('\nline\nline\nline\nline\nline\nline\nline\nline\nline');
  await page.$eval(box, (textarea) => {
    textarea.scrollTop = 40;
  });
  await page.setViewportSize({ width: 900, height: 700 });
  await page.waitForTimeout(100);
  const placed = await geometry();
  assert.equal(placed.pointerEvents, 'none');
  assert.ok(placed.textarea[4] > 0, 'the textarea scrolled');
  for (let i = 0; i < 5; i += 1) assert.ok(Math.abs(placed.textarea[i] - placed.mirror[i]) < 1, `mirror matches textarea: ${JSON.stringify(placed)}`);
  await page.close();
});

test('highlights are painted, never written into the editor', async () => {
  const page = await openFixture(browser.context, 'x');
  const box = '[data-testid="tweetTextarea_0"]';
  await page.click(box);
  await page.keyboard.type(TEXT);
  await waitForHighlights(page, expectedHighlights(TEXT, 'x', 'post'), box);
  const markup = await page.$eval(box, (element) => element.innerHTML);
  assert.doesNotMatch(markup, /postlint/i);
  assert.ok(allQuotes(await readHighlights(page, box)).length > 0);
  await page.close();
});
