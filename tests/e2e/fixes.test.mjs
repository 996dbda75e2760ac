// One-click fixes through each editor's own input path (built-in default
// policy): the card opened from the keyboard, a replacement applied, and the
// editor's own model, the caret, further typing and undo checked afterwards.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from '../harness.mjs';
import { EDITORS, findingsFor, focused, typeChecked, waitForValue } from './helpers.mjs';

/** "Schwachsinn" is in the base pack's insult list with the suggestion "Unsinn". */
const TEXT = 'Ehrlich, das ist Schwachsinn. Wirklich!!!';
const WORD = 'Schwachsinn';
const FIXED = TEXT.replace(WORD, 'Unsinn');
/** From the end of TEXT into the middle of WORD. */
const LEFT_INTO_WORD = TEXT.length - (TEXT.indexOf(WORD) + 5);

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('the default policy suggests the replacement these tests apply', () => {
  const finding = findingsFor(TEXT, 'x', 'post').find((f) => f.quote === WORD);
  assert.ok(finding, 'the insult finding');
  assert.equal(finding.suggestions[0]?.replacement, 'Unsinn');
});

/** Moves the caret into WORD, opens its card with Ctrl+. and applies the first fix with Enter. */
async function fixFromKeyboard(page) {
  for (let i = 0; i < LEFT_INTO_WORD; i += 1) await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Control+.');
  const card = page.locator('[data-test-ui="card"] [role="dialog"]');
  await card.waitFor({ timeout: 10000 });
  assert.match(await card.textContent(), /Schwachsinn/);
  const active = await focused(page);
  assert.equal(active.host, 'card', 'focus moved into the card');
  assert.match(active.inner, /Unsinn/, 'the first control is the fix');
  await page.keyboard.press('Enter');
  await card.waitFor({ state: 'detached' });
}

for (const [name, editor] of Object.entries(EDITORS)) {
  test(`${name}: the fix lands in the editor's model, the caret after it, and typing goes on`, async () => {
    const page = await typeChecked(browser.context, editor, TEXT);
    await fixFromKeyboard(page);
    await waitForValue(() => editor.model(page), FIXED, "the editor's model holds the fixed text");
    // The caret sits right after the replacement: typing continues there.
    await page.keyboard.type(' ok');
    const typed = FIXED.replace('Unsinn', 'Unsinn ok');
    await waitForValue(() => editor.model(page), typed, 'typing continues after the fixed text');
    // The site's Post button sees the new text (no review: only hints remain).
    await page.click(editor.post);
    await waitForValue(
      () => page.evaluate(() => window.__fixture.posted().map((entry) => entry.text.replace(/\n$/, ''))),
      [typed],
      'the post holds the fixed text',
    );
    await page.close();
  });
}

for (const name of ['draft', 'quill']) {
  const editor = EDITORS[name];
  test(`${name}: Ctrl+Z undoes the fix`, async () => {
    const page = await typeChecked(browser.context, editor, TEXT);
    // Quill merges edits less than a second apart into one undo step; wait
    // it out so that undo takes back the fix alone, as for a writer who
    // pauses before fixing.
    await page.waitForTimeout(1100);
    await fixFromKeyboard(page);
    await waitForValue(() => editor.model(page), FIXED, 'fixed');
    await page.keyboard.press('Control+z');
    await waitForValue(() => editor.model(page), TEXT, 'undo restores the text before the fix');
    await page.close();
  });
}

for (const name of ['draft', 'quill']) {
  const editor = EDITORS[name];
  test(`${name}: a fix in a later paragraph leaves the other paragraphs exactly as they were`, async () => {
    // Other extensions' fixes corrupted neighbouring lines in Draft.js.
    const lines = ['Grüße aus Köln 👋🏽', '', TEXT, 'Letzte Zeile.'];
    const text = lines.join('\n');
    const page = await typeChecked(browser.context, editor, text);
    // Up to the line with the finding, then into the word.
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('End');
    for (let i = 0; i < LEFT_INTO_WORD; i += 1) await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Control+.');
    const card = page.locator('[data-test-ui="card"] [role="dialog"]');
    await card.waitFor({ timeout: 10000 });
    await page.keyboard.press('Enter');
    const fixed = lines.map((line) => line.replace(WORD, 'Unsinn')).join('\n');
    await waitForValue(() => editor.model(page), fixed, 'only the word changed');
    await page.keyboard.type('!');
    await waitForValue(() => editor.model(page), fixed.replace('Unsinn', 'Unsinn!'), 'the caret is after the fix, in its paragraph');
    await page.close();
  });
}
