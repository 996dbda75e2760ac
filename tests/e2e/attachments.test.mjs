// Attachments in the composers (built-in default policy): attaching an image
// through the site's own file input brings the rights reminder
// (`base.attachment`) into the line under the box and into the review before
// posting; removing the image takes it away again, and the post goes out
// with no dialog. On X, the image's description ("Add description") is
// reported too; the alt-text hint is off by default, so it stays silent,
// and with a policy that switches it on it asks for the description until
// one is set. That last test writes Chromium's managed policy: run this file
// under `flock /tmp/postlint-managed.lock`.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from '../harness.mjs';
import { EDITORS, badgeState, reviewDialog, submissions, typeChecked, waitForValue } from './helpers.mjs';
import { removeManagedPolicy, writeManagedPolicy } from './managed.mjs';

const CLEAN = 'Looking forward to the weekend in Hamburg.';
const REMINDER = 'Are you allowed to share this image or video?';
const ALT_TEXT = 'Describe your image for people using screen readers';

/** A 1×1 PNG, as a photo from the writer's disk would arrive. */
const PHOTO = {
  name: 'team.png',
  mimeType: 'image/png',
  buffer: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'),
};

/** Each site's file input and remove button in the fixture, as on the site. */
const MEDIA = {
  draft: { input: '[data-testid="tweetTextarea_0"] >> xpath=ancestor::div[contains(@class, "composer")] >> [data-testid="fileInput"]', remove: '[data-testid="attachments"] [aria-label="Remove media"]' },
  quill: { input: '#share-media-input', remove: '.share-creation-state__additional-content [aria-label="Remove media"]' },
};

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});


/** The line of whole-post findings under the visible box, or '' when there is none. */
function wholePostLine(page) {
  return page.evaluate(() => {
    for (const host of document.querySelectorAll('[data-test-ui="badge"]')) {
      const whole = host.shadowRoot?.querySelector('.whole');
      if (whole && whole.style.display !== 'none' && whole.childElementCount > 0) return whole.textContent;
    }
    return '';
  });
}

for (const name of ['draft', 'quill']) {
  const editor = EDITORS[name];
  const media = MEDIA[name];

  test(`${name}: attaching an image brings the rights reminder into the review; removing it makes it go`, async () => {
    const page = await typeChecked(browser.context, editor, CLEAN, { expectFindings: false });
    await waitForValue(() => badgeState(page), 'clean', 'clean before anything is attached');

    await page.setInputFiles(media.input, PHOTO);
    await waitForValue(async () => (await wholePostLine(page)).includes(REMINDER), true, 'the reminder is shown under the box', 15000);
    assert.equal(await badgeState(page), 'findings');

    await page.click(editor.post);
    await reviewDialog(page).waitFor({ timeout: 10000 });
    assert.match(await reviewDialog(page).textContent(), new RegExp(REMINDER.replace('?', '\\?')), 'the review asks about the image');
    assert.deepEqual(await submissions(page), [], 'held back while the review is open');
    await reviewDialog(page).getByRole('button', { name: 'Edit' }).click();
    await reviewDialog(page).waitFor({ state: 'detached' });

    await page.click(media.remove);
    await waitForValue(() => wholePostLine(page), '', 'the reminder is gone with the image', 15000);
    await waitForValue(() => badgeState(page), 'clean', 'clean again');
    await page.click(editor.post);
    await waitForValue(() => submissions(page), [CLEAN], 'posted with no dialog');
    assert.equal(await reviewDialog(page).count(), 0);
    await page.close();
  });
}

test('draft: the alt-text hint is off by default', async () => {
  const page = await typeChecked(browser.context, EDITORS.draft, CLEAN, { expectFindings: false });
  await page.setInputFiles(MEDIA.draft.input, PHOTO);
  await waitForValue(async () => (await wholePostLine(page)).includes(REMINDER), true, 'the reminder is shown', 15000);
  assert.equal((await wholePostLine(page)).includes(ALT_TEXT), false, 'no alt-text hint unless IT switches it on');
  await page.close();
});

test('draft: with base.alt-text switched on, an image without a description gets the hint until one is set', { skip: process.getuid?.() === 0 ? false : 'needs root' }, async () => {
  await browser.close();
  await writeManagedPolicy({ policy: JSON.stringify({ version: 1, extends: ['base'], overrides: [{ id: 'base.alt-text', enabled: true }] }) });
  try {
    browser = await launch();
    const page = await typeChecked(browser.context, EDITORS.draft, CLEAN, { expectFindings: false });
    await page.setInputFiles(MEDIA.draft.input, PHOTO);
    await waitForValue(async () => (await wholePostLine(page)).includes(ALT_TEXT), true, 'the alt-text hint for the undescribed image', 15000);
    assert.ok((await wholePostLine(page)).includes(REMINDER), 'beside the rights reminder');
    await page.click('[data-testid="altTextButton"]');
    await waitForValue(async () => (await wholePostLine(page)).includes(ALT_TEXT), false, 'gone once the image has a description', 15000);
    assert.ok((await wholePostLine(page)).includes(REMINDER), 'the rights reminder stays');
    await page.close();
  } finally {
    await removeManagedPolicy();
  }
});
