// Nudges under the example policy (examples/policy.json, Lumen Mobility),
// deployed as Chromium's managed policy: a job post without the careers link
// gets a suggestion in its own friendly look, which is no problem (the badge
// stays clean) and never holds the post back; its one-click fix appends the
// link. With the managed `nudges: "off"`, IT switches suggestions off (and
// the options page says so instead of offering a switch); left to them,
// employees switch them off on the options page.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { launch, openFixture } from '../harness.mjs';
import { EDITORS, badgeState, submissions, waitForValue } from './helpers.mjs';
import { removeManagedPolicy, writeManagedPolicy } from './managed.mjs';

const skip = process.getuid?.() === 0 ? false : 'writing the managed policy folder needs root';

const policy = await readFile(new URL('../../examples/policy.json', import.meta.url), 'utf8');
const CAREERS_URL = JSON.parse(policy).organization.careers_url;
const JOB_POST = 'We are hiring two engineers in Berlin! #LumenTeam';
const editor = EDITORS.quill;

let browser;
after(async () => {
  await browser?.close();
  if (!skip) await removeManagedPolicy();
});

async function start(managed) {
  await browser?.close();
  await writeManagedPolicy({ policy, ...managed });
  browser = await launch();
}

/** The visible line of whole-post findings: its suggestion lines, with their label and colour. */
function suggestionLines(page) {
  return page.evaluate(() => {
    for (const host of document.querySelectorAll('[data-test-ui="badge"]')) {
      const whole = host.shadowRoot?.querySelector('.whole');
      if (!whole || whole.style.display === 'none') continue;
      return [...whole.querySelectorAll('p.idea')].map((line) => {
        const label = line.querySelector('.level-idea');
        return { text: line.textContent, label: label?.textContent ?? null, colour: label ? getComputedStyle(label).color : null };
      });
    }
    return [];
  });
}

async function typeJobPost() {
  const page = await openFixture(browser.context, editor.fixture);
  await page.click(editor.box);
  await page.keyboard.type(JOB_POST);
  await waitForValue(() => editor.model(page), JOB_POST, 'typed');
  return page;
}

test('a job post gets the careers link suggested, in its own look, and is posted without a review', { skip }, async () => {
  await start({});
  const page = await typeJobPost();
  await waitForValue(async () => (await suggestionLines(page)).length, 1, 'one suggestion under the box', 15000);
  const [line] = await suggestionLines(page);
  assert.equal(line.label, 'Suggestion', 'headed as a suggestion, not as a level');
  assert.equal(line.colour, 'rgb(17, 99, 41)', 'in the friendly green');
  assert.match(line.text, /careers page/);
  assert.equal(await badgeState(page), 'clean', 'a suggestion is not counted as a problem');

  await page.click(editor.post);
  await waitForValue(() => submissions(page), [JOB_POST], 'posted at once: a suggestion never holds a post back');
  assert.equal(await page.locator('[data-test-ui="review"] [role="alertdialog"]').count(), 0, 'no review');
  await page.close();
});

test("the suggestion's fix appends the careers link, and then it is gone", { skip }, async () => {
  const page = await typeJobPost();
  await waitForValue(async () => (await suggestionLines(page)).length, 1, 'the suggestion', 15000);
  await page.locator('[data-test-ui="badge"] .whole p.idea button').click();
  await waitForValue(() => editor.model(page), `${JOB_POST} ${CAREERS_URL}`, 'the link is appended through the editor');
  await waitForValue(async () => (await suggestionLines(page)).length, 0, 'nothing left to suggest', 15000);
  await page.close();
});

test('IT switches suggestions off with the managed nudges: "off"', { skip }, async () => {
  await start({ nudges: 'off' });
  const page = await typeJobPost();
  // Wait for the answer to be drawn, then check that it brought no suggestion.
  await waitForValue(() => page.evaluate(() => window.__painted.length > 0), true, 'checked', 15000);
  await waitForValue(() => badgeState(page), 'clean', 'clean');
  assert.deepEqual(await suggestionLines(page), [], 'no suggestion when IT switched them off');
  await page.close();

  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await waitForValue(() => options.locator('#nudges-pinned').isVisible(), true, 'the options page says IT decided', 10000);
  assert.match(await options.locator('#nudges-pinned').textContent(), /switched off by your IT department/);
  assert.equal(await options.locator('#pref-nudges').isVisible(), false, 'no switch the employee could not use');
  await options.close();
});

test('employees switch suggestions off on the options page when IT leaves it to them', { skip }, async () => {
  await start({ nudges: 'user' });
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  const toggle = options.locator('#pref-nudges');
  await waitForValue(() => toggle.isChecked(), true, 'on by default', 10000);
  await toggle.uncheck();
  await options.close();
  const page = await typeJobPost();
  await waitForValue(() => page.evaluate(() => window.__painted.length > 0), true, 'checked', 15000);
  assert.deepEqual(await suggestionLines(page), [], 'switched off by the employee');
  await page.close();
});
