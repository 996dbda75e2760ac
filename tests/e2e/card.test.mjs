// The explanation card from the keyboard alone (Ctrl+.), its dialog
// semantics, Tab cycling, Escape back to the editor at the same caret,
// "ignore here", the badge list; and the card and the review in German when
// the browser speaks German.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { HIGHLIGHT_NAMES, launch, readHighlights } from '../harness.mjs';
import { EDITORS, badgeState, focused, typeChecked, waitForValue } from './helpers.mjs';

const TEXT = 'Honestly, you idiot. Bye';
const CARET_IN_WORD = TEXT.length - (TEXT.indexOf('idiot') + 2);

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const card = (page) => page.locator('[data-test-ui="card"] [role="dialog"]');

for (const name of ['draft', 'quill', 'textarea']) {
  const editor = EDITORS[name];
  test(`${name}: Ctrl+. opens the card at the caret; Tab cycles in it; Escape returns to the same caret`, async () => {
    const page = await typeChecked(browser.context, editor, TEXT);
    for (let i = 0; i < CARET_IN_WORD; i += 1) await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Control+.');
    await card(page).waitFor({ timeout: 10000 });
    // A labelled dialog: its name is the message, its description the explanation.
    const labels = await page.evaluate(() => {
      const root = document.querySelector('[data-test-ui="card"]').shadowRoot;
      const dialog = root.querySelector('[role="dialog"]');
      return {
        label: root.getElementById(dialog.getAttribute('aria-labelledby'))?.textContent,
        description: root.getElementById(dialog.getAttribute('aria-describedby'))?.textContent,
      };
    });
    assert.match(labels.label, /idiot/);
    assert.ok(labels.description.length > 20, 'the explanation describes the dialog');
    assert.equal((await focused(page)).host, 'card', 'focus is in the card');
    const seen = new Set();
    for (let i = 0; i < 6; i += 1) {
      await page.keyboard.press('Tab');
      const active = await focused(page);
      assert.equal(active.host, 'card', 'Tab stays in the card');
      seen.add(active.inner);
    }
    assert.ok(seen.has('Ignore here'), `Tab reaches "ignore here": ${[...seen]}`);
    await page.keyboard.press('Escape');
    await card(page).waitFor({ state: 'detached' });
    // Back in the editor, at the caret the card was opened from.
    await page.keyboard.type('Z');
    const at = TEXT.length - CARET_IN_WORD;
    await waitForValue(() => editor.model(page), TEXT.slice(0, at) + 'Z' + TEXT.slice(at), 'typing goes on at the same caret');
    await page.close();
  });
}

/** The middle of the first highlighted range of a level, in viewport coordinates. */
function highlightCenter(page, level) {
  return page.evaluate((name) => {
    const [range] = CSS.highlights.get(name);
    const rect = range.getBoundingClientRect();
    return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
  }, HIGHLIGHT_NAMES[level]);
}

for (const name of ['draft', 'quill']) {
  const editor = EDITORS[name];
  test(`${name}: a click on a highlight opens its card, and so does resting the pointer on it`, async () => {
    const page = await typeChecked(browser.context, editor, TEXT);
    const word = await highlightCenter(page, 'warn');
    await page.mouse.click(word.x, word.y);
    await card(page).waitFor({ timeout: 10000 });
    assert.match(await card(page).textContent(), /idiot/);
    // A click elsewhere in the text closes it; the writer keeps typing there.
    const box = await page.locator(editor.box).boundingBox();
    await page.mouse.click(box.x + 4, word.y);
    await card(page).waitFor({ state: 'detached' });
    assert.notEqual((await focused(page)).host, 'card', 'a pointer-opened card does not take the focus');
    // Hover: the card opens after the pointer rests on the highlight.
    await page.mouse.move(word.x, word.y);
    await card(page).waitFor({ timeout: 10000 });
    await page.close();
  });
}

test('"ignore here" hides the finding in this box only, and the review no longer counts it', async () => {
  const editor = EDITORS.draft;
  const page = await typeChecked(browser.context, editor, TEXT);
  for (let i = 0; i < CARET_IN_WORD; i += 1) await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Control+.');
  await card(page).getByRole('button', { name: 'Ignore here' }).click();
  await card(page).waitFor({ state: 'detached' });
  await waitForValue(async () => (await readHighlights(page, editor.highlights ?? editor.box)).warn, [], 'the highlight is gone');
  await waitForValue(() => badgeState(page), 'clean', 'the badge no longer counts it');
  await page.click(editor.post);
  await waitForValue(() => page.evaluate(() => window.__fixture.posted().length), 1, 'posted without a review');
  await page.close();
});

test('the badge lists the findings; "Go to" selects the text', async () => {
  const editor = EDITORS.quill;
  const page = await typeChecked(browser.context, editor, TEXT);
  await waitForValue(() => badgeState(page), 'findings', 'the badge counts findings');
  await page.locator('[data-test-ui="badge"] .badge:visible').click();
  const panel = page.locator('[data-test-ui="badge"] [role="dialog"]');
  await panel.waitFor();
  assert.match(await panel.textContent(), /idiot/);
  assert.match(await panel.textContent(), /of \d+ characters/);
  await panel.getByRole('button', { name: 'Go to' }).first().click();
  await waitForValue(() => page.evaluate(() => document.getSelection().toString()), 'idiot', 'the finding is selected');
  await page.close();
});

test('German browser: the card and the review speak German', async () => {
  const german = await launch({ locale: 'de-DE' });
  try {
    const editor = EDITORS.draft;
    const text = 'Ehrlich, du Idiot. Tschüss';
    const page = await typeChecked(german.context, editor, text);
    assert.equal(await page.evaluate(() => navigator.language), 'de-DE');
    for (let i = 0; i < 'ot. Tschüss'.length; i += 1) await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Control+.');
    await card(page).waitFor({ timeout: 10000 });
    const cardText = await card(page).textContent();
    assert.match(cardText, /Hier ignorieren/);
    assert.match(cardText, /Warnung/);
    assert.match(cardText, /kommt nicht gut an/, "the checker's message in German");
    await page.keyboard.press('Escape');
    await card(page).waitFor({ state: 'detached' });
    await page.click(editor.post);
    const dialog = page.locator('[data-test-ui="review"] [role="alertdialog"]');
    await dialog.waitFor({ timeout: 10000 });
    const dialogText = await dialog.textContent();
    assert.match(dialogText, /Bevor du postest/);
    assert.match(dialogText, /Trotzdem posten/);
    assert.match(dialogText, /Bearbeiten/);
    await page.close();
  } finally {
    await german.close();
  }
});

test('a badge sits beside its box’s bottom-right corner, off the text and the Post button, and goes with the box', async () => {
  const page = await typeChecked(browser.context, EDITORS.draft, TEXT);
  const badges = () => page.evaluate(() => document.querySelectorAll('[data-test-ui="badge"]').length);
  const before = await badges();
  await page.click('#add-box');
  const thread = '[data-testid="tweetTextarea_2"]';
  await page.click(thread);
  await page.keyboard.type('Second post, you idiot.');
  await waitForValue(badges, before + 1, 'the new box has a badge');
  const placed = () => page.evaluate((thread) => {
    const overlap = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    const box = document.querySelector(thread).getBoundingClientRect();
    const posts = [...document.querySelectorAll('[data-testid^="tweetButton"]')].map((button) => button.getBoundingClientRect());
    const hosts = [...document.querySelectorAll('[data-test-ui="badge"]')];
    return hosts.some((host) => {
      const badge = host.shadowRoot.querySelector('.badge').getBoundingClientRect();
      const nearCorner = Math.abs(badge.left - box.right) < 40 || Math.abs(badge.right - box.right) < 40;
      const nearBottom = Math.abs(badge.bottom - box.bottom) < 40 || Math.abs(badge.top - box.bottom) < 40;
      return badge.width > 0 && nearCorner && nearBottom && !overlap(badge, box) && !posts.some((post) => overlap(badge, post));
    });
  }, thread);
  await waitForValue(placed, true, 'a badge is next to the bottom-right corner of the new box, on neither its text nor a Post button');
  await page.click('[aria-label="Remove post"]');
  await waitForValue(badges, before, 'its badge is gone with it');
  await page.close();
});
