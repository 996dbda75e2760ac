// IT pushes the policy through Chromium's managed storage (the Linux policy
// file, as root in CI): the inline policy is used, a rewrite applies live and
// rechecks open boxes, a broken policy is rejected with its JSON paths while
// the last good one stays, and the options page's "try it" box highlights.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openFixture, readHighlights } from '../harness.mjs';
import { waitForHighlights } from './helpers.mjs';
import { EXTENSION_ID, companyPolicy, expectedWith, problemsOf, removeManagedPolicy, waitForStatus, writeManagedPolicy } from './managed.mjs';

/** Terms no built-in pack knows: only the managed policies flag them. */
const FIRST = companyPolicy('Acme', 'Zephyrion', 'first');
const SECOND = companyPolicy('Acme', 'Borealix', 'second');
/** A typo'd key and an empty term list: the engine names both paths. */
const BROKEN = JSON.stringify({ version: 1, revision: 'broken', organization: { name: 'Acme' }, rules: [{ id: 'company.codenames', kind: 'terms', category: 'confidential', levle: 'block', terms: [] }] });
const TEXT = 'Launching Zephyrion and Borealix next week!';
const BOX = '[data-testid="tweetTextarea_0"]';

let browser;
/** Milliseconds after which "Reload policies" had to be pressed, per live change. */
const reloads = [];

before(async () => {
  await writeManagedPolicy({ policy: FIRST, supportContact: 'Social media team, social@acme.example' });
  browser = await launch();
  assert.equal(browser.extensionId, EXTENSION_ID, 'the manifest key fixes the id the policy file names');
});

after(async () => {
  try {
    await browser?.close();
  } finally {
    await removeManagedPolicy();
  }
  if (reloads.length) console.log(`live policy changes needed "Reload policies" after ${reloads.join(', ')} ms`);
});

let page;

test('the managed inline policy is in force: a term only it contains is highlighted', async () => {
  assert.deepEqual(problemsOf(FIRST), []);
  await waitForStatus(browser.context, EXTENSION_ID, (s) => s.source === 'managed' && s.revision === 'first');
  page = await openFixture(browser.context, 'x');
  await page.click(BOX);
  await page.keyboard.type(TEXT);
  const expected = expectedWith(FIRST, TEXT, 'x');
  assert.deepEqual(expected.block, ['Zephyrion']);
  await waitForHighlights(page, expected, BOX, 15_000);
});

test('rewriting the policy file applies live and rechecks the open box without typing', async () => {
  const painted = await page.evaluate(() => window.__painted.length);
  await writeManagedPolicy({ policy: SECOND, supportContact: 'Social media team, social@acme.example' });
  await waitForStatus(browser.context, EXTENSION_ID, (s) => s.revision === 'second', { reloads });
  const expected = expectedWith(SECOND, TEXT, 'x');
  assert.deepEqual(expected.block, ['Borealix']);
  await waitForHighlights(page, expected, BOX, 15_000);
  assert.ok((await page.evaluate(() => window.__painted.length)) > painted, 'the box was checked again');
  assert.equal(await page.evaluate(() => window.__fixture.draftText()), TEXT, 'the text was not touched');
});

test('an invalid policy is rejected, the last good one stays, and the options page shows the JSON paths', async () => {
  const problems = problemsOf(BROKEN);
  assert.ok(problems.length >= 2, JSON.stringify(problems));
  await writeManagedPolicy({ policy: BROKEN });
  const status = await waitForStatus(browser.context, EXTENSION_ID, (s) => s.rejections.some((r) => r.source === 'managed' && r.problems.length > 0), { reloads });
  assert.equal(status.revision, 'second', 'the last good policy stays in force');
  assert.equal(status.source, 'managed');
  assert.deepEqual(status.rejections.find((r) => r.source === 'managed').problems.map((p) => p.path), problems.map((p) => p.path));

  // The open box keeps the second policy's findings.
  await page.keyboard.type(' Borealix!');
  await waitForHighlights(page, expectedWith(SECOND, `${TEXT} Borealix!`, 'x'), BOX, 15_000);

  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
  for (const problem of problems) {
    const item = options.locator(`#policy-problems li[data-path="${problem.path}"]`);
    await item.first().waitFor({ timeout: 15_000 });
    assert.match(await item.first().textContent(), new RegExp(problem.path.replace(/[/\\]/g, '\\$&')));
  }
  const kept = await options.locator('#policy-problems .kept').textContent();
  assert.ok(kept.length > 0, 'the page says the last working policy stays');
  assert.equal(await options.locator('#policy-status dd').nth(1).textContent(), 'second', 'revision in force');
  assert.match(await options.locator('#policy-status').textContent(), /Acme/);
  await options.close();
  await page.close();
});

test('the options page "try it" box highlights findings with the policy in force', async () => {
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
  const text = 'Borealix ships soon, you idiot.';
  await options.click('#try-box');
  await options.keyboard.type(text);
  const expected = expectedWith(SECOND, text, 'linkedin');
  assert.deepEqual(expected.block, ['Borealix']);
  await waitForHighlights(options, expected, '#try-box', 15_000);
  // The findings are listed too, and the rules of the policy in force by category.
  await options.locator('#try-findings li.level-important').first().waitFor();
  await options.locator('#rules-list tr[data-rule="company.codenames"]').waitFor();
  assert.equal(await options.locator('#rules-list table[data-category="confidential"] tr[data-rule="company.codenames"] td').nth(1).getAttribute('class'), 'level-important', 'a block the writer may override is "important"');
  assert.ok((await readHighlights(options, '#try-box')).block.length === 1);
  await options.close();
});

test('with allowPause, pausing on the options page clears the open box until checking resumes', async () => {
  await writeManagedPolicy({ policy: SECOND, allowPause: true, supportContact: 'Social media team, social@acme.example' });
  await waitForStatus(browser.context, EXTENSION_ID, (s) => s.allowPause === true && s.revision === 'second' && s.rejections.length === 0, { reloads });
  const compose = await openFixture(browser.context, 'x');
  await compose.click(BOX);
  await compose.keyboard.type(TEXT);
  const expected = expectedWith(SECOND, TEXT, 'x');
  await waitForHighlights(compose, expected, BOX, 15_000);

  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
  const button = options.locator('#pause-button');
  await button.waitFor({ state: 'visible' });
  await button.click();
  await options.locator('#pause-state').filter({ hasText: /\d/ }).waitFor();
  await waitForHighlights(compose, { hint: [], warn: [], block: [], overflow: [] }, BOX, 15_000);
  await button.click();
  await waitForHighlights(compose, expected, BOX, 15_000);
  await options.close();

  // The popup (opened as a page here, so it is its own active tab) shows the policy and its contact.
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${EXTENSION_ID}/popup.html`);
  await popup.locator('#policy-status dd').first().waitFor();
  assert.equal(await popup.locator('#site').getAttribute('data-supported'), 'false');
  const shown = await popup.locator('#policy-status').textContent();
  assert.match(shown, /Acme/);
  assert.match(shown, /second/);
  assert.match(shown, /social@acme\.example/);
  await popup.close();
  await compose.close();
});

test('choosing German on the options page turns the page and the engine messages German', async () => {
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
  await options.locator('h1').filter({ hasText: 'Postlint settings' }).waitFor();
  await Promise.all([options.waitForEvent('load'), options.selectOption('#pref-lang', 'de')]);
  await options.locator('h1').filter({ hasText: 'Postlint-Einstellungen' }).waitFor();
  assert.equal(await options.getAttribute('html', 'lang'), 'de');
  await options.click('#try-box');
  await options.keyboard.type('Zephyrion und Borealix kommen bald.');
  const finding = options.locator('#try-findings li.level-important');
  await finding.first().waitFor();
  assert.match(await finding.first().textContent(), /„(Zephyrion|Borealix)“ ist ein vertraulicher Codename\./);
  // Back to the browser's language for whatever runs next on this profile.
  await Promise.all([options.waitForEvent('load'), options.selectOption('#pref-lang', 'auto')]);
  await options.locator('h1').filter({ hasText: 'Postlint settings' }).waitFor();
  await options.close();
});
