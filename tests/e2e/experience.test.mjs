// The employee's experience of the card, the badge and the review (built-in
// default policy): the fix first and the explanation behind "Why?"; a card
// that closes on typing and covers neither its line nor the Post button; the
// length overflow tinted, counted down on the badge and never "ignored"; the
// review worded for the surface, with a fix and "Go to" per item; icons
// drawn, not emoji; the badge in tab order, with the shortcut in its
// tooltip and a polite announcement of the counts.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { HIGHLIGHT_NAMES, launch, openFixture, readHighlights } from '../harness.mjs';
import { EDITORS, findingsFor, focused, submissions, typeChecked, waitForValue } from './helpers.mjs';

/** "bullshit" is a warning with the suggestion "nonsense"; "idiot" one without. */
const FIXABLE = 'Honestly, that plan is bullshit.';
const WARNED = 'Honestly, you idiot.';
const card = (page) => page.locator('[data-test-ui="card"] [role="dialog"]');
const review = (page) => page.locator('[data-test-ui="review"] [role="alertdialog"]');
const badge = (page) => page.locator('[data-test-ui="badge"] .badge:visible');

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Puts the caret `offset` characters into the box's text and opens the card there with Ctrl+. */
async function cardAt(page, editor, text, offset) {
  await page.click(editor.box);
  await page.keyboard.press('Control+End');
  for (let i = text.length; i > offset; i -= 1) await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Control+.');
  await card(page).waitFor({ timeout: 10000 });
}

const overlap = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

test('the card puts the fix first, the explanation behind "Why?", and covers neither its line nor Post', async () => {
  const editor = EDITORS.draft;
  const page = await typeChecked(browser.context, editor, FIXABLE);
  await cardAt(page, editor, FIXABLE, FIXABLE.indexOf('bullshit') + 4);
  const layout = await page.evaluate((warn) => {
    const root = document.querySelector('[data-test-ui="card"]').shadowRoot;
    const controls = [...root.querySelectorAll('button:not(.close), summary')].map((control) => control.textContent);
    const explanation = root.querySelector('.explanation');
    const dialog = root.querySelector('[role="dialog"]').getBoundingClientRect();
    const [passage] = CSS.highlights.get(warn);
    const selection = passage.getBoundingClientRect();
    const post = document.querySelector('[data-testid="tweetButtonInline"]').getBoundingClientRect();
    const plain = (rect) => ({ left: rect.left, right: rect.right, top: rect.top, bottom: rect.bottom });
    return { controls, explanationShown: explanation.checkVisibility(), dialog: plain(dialog), caretLine: plain(selection), post: plain(post) };
  }, HIGHLIGHT_NAMES.warn);
  assert.match(layout.controls[0], /nonsense/, 'the fix comes first');
  assert.equal(layout.controls[1], 'Why?');
  assert.equal(layout.explanationShown, false, 'the explanation waits behind "Why?"');
  assert.ok(!overlap(layout.dialog, layout.post), 'the card leaves the Post button free');
  assert.ok(layout.dialog.top >= layout.caretLine.bottom || layout.dialog.bottom <= layout.caretLine.top, 'the card leaves the line free');
  await card(page).getByText('Why?').click();
  assert.ok(await page.evaluate(() => document.querySelector('[data-test-ui="card"]').shadowRoot.querySelector('.explanation').checkVisibility()), '"Why?" shows it');
  // Typing on closes the card.
  await page.click(editor.box);
  await page.keyboard.press('End');
  await page.keyboard.type(' ok');
  await card(page).waitFor({ state: 'detached', timeout: 5000 });
  await page.close();
});

test('the length overflow is tinted, counted down on the badge, and cannot be ignored', async () => {
  const editor = EDITORS.draft;
  const text = `${'Lorem ipsum dolor sit amet. '.repeat(10)}Over the top`;
  const overflow = findingsFor(text, 'x', 'post').find((finding) => finding.category === 'length');
  assert.ok(overflow, 'the text is too long for X');
  const page = await openFixture(browser.context, editor.fixture);
  await page.click(editor.box);
  await page.keyboard.insertText(text);
  const quote = text.slice(overflow.span.start, overflow.span.end);
  await waitForValue(async () => (await readHighlights(page, editor.box)).overflow, [quote], 'the run past the limit is tinted');
  assert.ok(!(await readHighlights(page, editor.box)).warn.includes(quote), 'not underlined as a warning');
  const over = [...text].length - 280;
  await waitForValue(async () => (await badge(page).textContent()).includes(`−${over}`), true, `the badge says −${over}`);
  await cardAt(page, editor, text, overflow.span.start + 2);
  assert.equal(await card(page).getByRole('button', { name: 'Ignore here' }).count(), 0, 'no "Ignore" on the platform limit');
  await page.close();
});

test('the review is worded for a comment, leads with its heading, and offers "Go to"', async () => {
  const page = await openFixture(browser.context, 'linkedin');
  const box = '.comments-comment-box .ql-editor';
  const text = 'Meine IBAN: DE89 3704 0044 0532 0130 00';
  await page.click(box);
  await page.keyboard.type(text);
  await waitForValue(async () => (await readHighlights(page, box)).warn.length > 0, true, 'checked', 15000);
  await page.click('.comments-comment-box__submit-button');
  await review(page).waitFor({ timeout: 10000 });
  const heading = await focused(page);
  assert.equal(heading.inner, 'Before you comment', 'focus on the heading, worded for a comment');
  assert.equal(await review(page).getByRole('button', { name: 'Comment anyway' }).count(), 1);
  assert.equal(await review(page).getByRole('button', { name: 'Post anyway' }).count(), 0);
  // "Go to" closes the review and opens the passage's card.
  await review(page).getByRole('button', { name: 'Go to' }).first().click();
  await review(page).waitFor({ state: 'detached' });
  await card(page).waitFor({ timeout: 5000 });
  assert.match(await card(page).textContent(), /IBAN/);
  assert.deepEqual(await submissions(page), [], 'nothing was sent');
  await page.close();
});

test('a fix chosen in the review lands in the editor, and nothing is posted', async () => {
  const editor = EDITORS.draft;
  const page = await typeChecked(browser.context, editor, FIXABLE);
  await page.click(editor.post);
  await review(page).waitFor({ timeout: 10000 });
  await review(page).getByRole('button', { name: /nonsense/ }).click();
  await review(page).waitFor({ state: 'detached' });
  await waitForValue(() => editor.model(page), FIXABLE.replace('bullshit', 'nonsense'), 'the fix is in the post');
  assert.deepEqual(await submissions(page), [], 'nothing was posted');
  await page.close();
});

test('badge: drawn icons, the shortcut in its tooltip, counts announced politely, and next in tab order', async () => {
  const editor = EDITORS.draft;
  const text = `${WARNED} And DE89 3704 0044 0532 0130 00.`;
  const warnings = findingsFor(text, 'x', 'post').filter((finding) => finding.level === 'warn').length;
  assert.ok(warnings >= 2, 'two warnings, for the plural');
  const page = await typeChecked(browser.context, editor, text);
  await waitForValue(async () => (await badge(page).textContent()).trim(), String(warnings), 'the badge counts the warnings');
  const seen = await page.evaluate(() => {
    const root = document.querySelector('[data-test-ui="badge"]').shadowRoot;
    const button = root.querySelector('.badge');
    return { icons: button.querySelectorAll('svg').length, title: button.title, live: root.querySelector('[aria-live="polite"]').textContent };
  });
  assert.ok(seen.icons >= 1, 'the level icon is SVG');
  assert.doesNotMatch(await badge(page).textContent(), /[\u26a0\u26d4\u2139\u2713]/u, 'no emoji glyphs');
  assert.match(seen.title, /Ctrl\+\./, 'the tooltip names the shortcut');
  assert.equal(seen.live, `${warnings} warnings – Ctrl+. to review`, 'announced with the plural');
  // Tab from the box lands on the badge; Shift+Tab goes back into the box.
  await page.click(editor.box);
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).host, 'badge', 'the badge follows the box in tab order');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.type('!');
  await waitForValue(() => editor.model(page), `${text}!`, 'back in the box');
  await page.close();
});
