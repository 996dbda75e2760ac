// The pre-submit review (built-in default policy): a warning holds the post
// for a review on a click on Post and on Ctrl+Enter; "Post anyway" submits
// exactly once through the site's button; "Edit" goes back to the text; a
// clean post goes out with no dialog, even when clicked before its check
// has answered.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from '../harness.mjs';
import { EDITORS, badgeState, reviewDialog, focused, submissions, typeChecked, waitForValue } from './helpers.mjs';

/** The insult is a warning in the base pack. */
const WARNED = 'Honestly, you idiot.';
const CLEAN = 'Looking forward to the weekend in Hamburg.';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});


/** Asserts that no submission arrives within a short while (the absence of an event). */
async function assertStillSubmitted(page, expected) {
  await page.waitForTimeout(400);
  assert.deepEqual(await submissions(page), expected);
}

for (const [name, editor] of Object.entries(EDITORS)) {
  test(`${name}: a click on Post opens the review; "Post anyway" submits exactly once`, async () => {
    const page = await typeChecked(browser.context, editor, WARNED);
    await page.click(editor.post);
    await reviewDialog(page).waitFor({ timeout: 10000 });
    assert.match(await reviewDialog(page).textContent(), /idiot/);
    assert.deepEqual(await submissions(page), [], 'held back while the review is open');
    await reviewDialog(page).getByRole('button', { name: 'Post anyway' }).click();
    await waitForValue(() => submissions(page), [WARNED], 'posted through the site');
    await assertStillSubmitted(page, [WARNED]);
    assert.equal(await reviewDialog(page).count(), 0, 'the dialog is gone');
    await page.close();
  });
}

for (const name of ['draft', 'textarea']) {
  const editor = EDITORS[name];
  test(`${name}: Ctrl+Enter opens the review; "Edit" returns to the text, "Post anyway" submits once`, async () => {
    const page = await typeChecked(browser.context, editor, WARNED);
    await page.keyboard.press('Control+Enter');
    await reviewDialog(page).waitFor({ timeout: 10000 });
    const inDialog = await focused(page);
    assert.equal(inDialog.host, 'review', 'focus is in the dialog');
    assert.equal(inDialog.inner, 'Before you post', 'on its heading, so the reason is read first');
    // Tab stays inside the dialog.
    for (let i = 0; i < 3; i += 1) await page.keyboard.press('Tab');
    assert.equal((await focused(page)).host, 'review', 'Tab cycles inside the dialog');
    await reviewDialog(page).getByRole('button', { name: 'Edit' }).click();
    await reviewDialog(page).waitFor({ state: 'detached' });
    assert.deepEqual(await submissions(page), [], '"Edit" does not post');
    // Back in the text: typing continues at the end.
    await page.keyboard.type(' Sorry.');
    await waitForValue(() => editor.model(page), `${WARNED} Sorry.`, 'focus and caret are back in the editor');

    await page.keyboard.press('Control+Enter');
    await reviewDialog(page).waitFor({ timeout: 10000 });
    await page.keyboard.press('Shift+Tab'); // heading → the last button, "Post anyway"
    await page.keyboard.press('Enter');
    await waitForValue(() => submissions(page), [`${WARNED} Sorry.`], 'posted once');
    await assertStillSubmitted(page, [`${WARNED} Sorry.`]);
    await page.close();
  });
}

for (const [name, editor] of Object.entries(EDITORS)) {
  test(`${name}: a clean post is submitted with no dialog`, async () => {
    const page = await typeChecked(browser.context, editor, CLEAN, { expectFindings: false });
    await waitForValue(() => badgeState(page), 'clean', 'the badge shows the clean state');
    await page.click(editor.post);
    await waitForValue(() => submissions(page), [CLEAN], 'posted');
    assert.equal(await reviewDialog(page).count(), 0, 'no review');
    await page.close();
  });
}

test('a click on Post right after typing waits for the check, then reviews', async () => {
  const editor = EDITORS.draft;
  const page = await typeChecked(browser.context, editor, CLEAN, { expectFindings: false });
  await waitForValue(() => badgeState(page), 'clean', 'checked');
  // The insult is typed and Post clicked at once, inside the typing debounce.
  await page.keyboard.type(' You idiot.');
  await page.click(editor.post);
  await reviewDialog(page).waitFor({ timeout: 10000 });
  assert.deepEqual(await submissions(page), []);
  await page.keyboard.press('Escape');
  await reviewDialog(page).waitFor({ state: 'detached' });
  assert.deepEqual(await submissions(page), [], 'Escape is "Edit"');
  await page.close();
});
