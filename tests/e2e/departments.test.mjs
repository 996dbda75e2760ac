// Departments: IT sets the managed `department` per organizational unit, and
// the department's rules apply on top of the company's. Changing the managed
// value while a compose box is open checks it again with the new
// department's rules, without a reload and without touching the draft. An
// id the policy does not know falls back to the rules for everyone, and the
// options page says so; where IT allows it, the employee chooses there.
// Run under the managed-policy lock (see the README).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openFixture } from '../harness.mjs';
import { waitForHighlights } from './helpers.mjs';
import { EXTENSION_ID, removeManagedPolicy, waitForStatus, writeManagedPolicy } from './managed.mjs';

const rule = (id, term) => ({
  id,
  kind: 'terms',
  category: 'confidential',
  level: 'block',
  overridable: false,
  message: { en: '"{quote}" is not for posting.', de: '„{quote}“ gehört nicht in einen Beitrag.' },
  explanation: { en: 'Your department keeps it inside.', de: 'Deine Abteilung behält das für sich.' },
  terms: [term],
});
/** Sales may not name its customer; R&D has one more code name; the company has one for all. */
const POLICY = JSON.stringify({
  version: 1,
  revision: 'departments',
  organization: { name: 'Acme' },
  rules: [rule('acme.codenames', 'Zephyrion')],
  departments: {
    sales: { rules: [rule('sales.customers', 'Globexia')] },
    rd: { overrides: [{ id: 'acme.codenames', add: { terms: ['Borealix'] } }] },
  },
});
const TEXT = 'Zephyrion for Globexia, then Borealix.';
const BOX = '[data-testid="tweetTextarea_0"]';
/** The highlights of a box where only `block` is marked. */
const blocked = (...block) => ({ hint: [], warn: [], block, overflow: [] });

let browser;
const reloads = [];

before(async () => {
  await writeManagedPolicy({ policy: POLICY, department: 'sales' });
  browser = await launch();
  assert.equal(browser.extensionId, EXTENSION_ID);
});

after(async () => {
  try {
    await browser?.close();
  } finally {
    await removeManagedPolicy();
  }
  if (reloads.length) console.log(`managed changes needed "Reload policies" after ${reloads.join(', ')} ms`);
});

test('the managed department picks the rules, and changing it re-checks the open box live', async () => {
  await waitForStatus(browser.context, EXTENSION_ID, (s) => s.revision === 'departments' && s.department === 'sales', { reloads });
  const page = await openFixture(browser.context, 'x');
  await page.click(BOX);
  await page.keyboard.type(TEXT);
  await waitForHighlights(page, blocked('Zephyrion', 'Globexia'), BOX, 15_000);

  const painted = await page.evaluate(() => window.__painted.length);
  await writeManagedPolicy({ policy: POLICY, department: 'rd' });
  await waitForStatus(browser.context, EXTENSION_ID, (s) => s.department === 'rd', { reloads });
  await waitForHighlights(page, blocked('Zephyrion', 'Borealix'), BOX, 15_000);
  assert.ok((await page.evaluate(() => window.__painted.length)) > painted, 'the box was checked again without typing');
  assert.equal(await page.evaluate(() => window.__fixture.draftText()), TEXT, 'the draft was not touched');

  // An id the policy does not define: the rules for everyone, and the options page says why.
  await writeManagedPolicy({ policy: POLICY, department: 'finance' });
  await waitForStatus(browser.context, EXTENSION_ID, (s) => s.department === 'finance', { reloads });
  await waitForHighlights(page, blocked('Zephyrion'), BOX, 15_000);
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
  await options.locator('#policy-problems li').filter({ hasText: 'finance' }).waitFor();
  assert.match(await options.locator('#policy-status').textContent(), /none – the rules for everyone/);
  assert.equal(await options.locator('#rules-list tr[data-rule="sales.customers"]').count(), 0);
  await options.close();
  await page.close();
});

test('where IT allows it and sets none, the employee chooses the department on the options page', async () => {
  await writeManagedPolicy({ policy: POLICY, allowDepartmentChoice: true });
  await waitForStatus(browser.context, EXTENSION_ID, (s) => s.department === null && s.allowDepartmentChoice === true, { reloads });
  const page = await openFixture(browser.context, 'x');
  await page.click(BOX);
  await page.keyboard.type(TEXT);
  await waitForHighlights(page, blocked('Zephyrion'), BOX, 15_000);

  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
  const select = options.locator('#pref-department');
  await select.waitFor({ state: 'visible' });
  await select.selectOption('sales');
  await options.locator('#rules-list tr[data-rule="sales.customers"]').waitFor();
  assert.match(await options.locator('#policy-status').textContent(), /sales \(your choice\)/);
  await waitForHighlights(page, blocked('Zephyrion', 'Globexia'), BOX, 15_000);

  // IT's value wins over the employee's choice, and the choice is no longer offered.
  await writeManagedPolicy({ policy: POLICY, allowDepartmentChoice: true, department: 'rd' });
  await waitForStatus(browser.context, EXTENSION_ID, (s) => s.department === 'rd', { reloads });
  await waitForHighlights(page, blocked('Zephyrion', 'Borealix'), BOX, 15_000);
  await options.reload();
  await options.locator('#policy-status dd').first().waitFor();
  assert.equal(await select.isVisible(), false);
  assert.match(await options.locator('#policy-status').textContent(), /rd \(set by your IT department\)/);
  await options.close();
  await page.close();
});
