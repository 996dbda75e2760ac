// Profiles: X's "Edit profile" dialog and LinkedIn's intro form, mounted at
// their real addresses, under the example policy deployed as managed policy
// (its organization section asks for the profile rules). The fields get the
// composers' treatment (highlights on the overlay, the badge, a fix through
// the form's own input path) but no review: Save is never held back.
//
// Writes Chromium's managed policy: run under the shared lock,
//   flock /tmp/postlint-managed.lock node --test --test-concurrency=1 tests/e2e/profiles.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { HIGHLIGHT_NAMES, launch, openFixture, readHighlights } from '../harness.mjs';
import { waitForValue } from './helpers.mjs';
import { removeManagedPolicy, writeManagedPolicy } from './managed.mjs';

const skip = process.getuid?.() === 0 ? false : 'writing the managed policy folder needs root';

const policySource = await readFile(new URL('../../examples/policy.json', import.meta.url), 'utf8');
const pkg = new URL('../../checker-wasm/pkg/', import.meta.url);
const wasm = await import(new URL('checker_wasm.js', pkg));
wasm.initSync({ module: await readFile(new URL('checker_wasm_bg.wasm', pkg)) });
const checker = wasm.Checker.compile(policySource);

/** The profile fields as the tests drive them. */
const FIELDS = {
  headline: { fixture: 'linkedinProfile', platform: 'linkedin', field: 'headline', box: 'input[id$="-headline"]', save: 'button[type="submit"]' },
  bio: { fixture: 'xProfile', platform: 'x', field: 'bio', box: 'textarea[name="description"]', save: '[data-testid="Profile_Save_Button"]' },
};

function findings(text, { platform, field }) {
  return checker.check(text, { platform, surface: 'profile', field, lang: 'en', attachments: [] }).findings;
}

let browser;
before(async () => {
  if (skip) return;
  await writeManagedPolicy({ policy: policySource });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  if (!skip) await removeManagedPolicy();
});

/** The form's own model of the field, and what its Save button stored. */
const profile = (page) => page.evaluate(() => window.__fixture.profile());
const saved = (page) => page.evaluate(() => window.__fixture.saved());

async function typeInto(form, text) {
  const page = await openFixture(browser.context, form.fixture);
  await page.click(form.box);
  await page.keyboard.type(text);
  return page;
}

async function fixFromBadge(page, label) {
  await page.locator('[data-test-ui="badge"] .badge:visible').click();
  const panel = page.locator('[data-test-ui="badge"] [role="dialog"]');
  await panel.waitFor();
  await panel.getByRole('button', { name: label }).first().click();
}

test('LinkedIn headline: a misspelt company name is highlighted and fixed; the form keeps the fix; Save is not held back', { skip }, async () => {
  const form = FIELDS.headline;
  const text = 'Produktmanagerin bei LUMEN mobility';
  const [finding] = findings(text, form).filter((f) => f.rule === 'org.profile-name');
  assert.ok(finding, 'the engine flags the spelling in a headline');
  const page = await typeInto(form, text);
  const expected = { hint: [], warn: ['LUMEN mobility'], block: [], overflow: [] };
  await waitForValue(() => readHighlights(page), expected, 'the misspelt name is highlighted', 15000);
  // The input has no text nodes: the overlay over it carries the highlight.
  const onOverlay = await page.evaluate((name) => {
    const [range] = CSS.highlights.get(name);
    return range.startContainer.parentElement.closest('[data-test-ui="mirror"]') !== null;
  }, HIGHLIGHT_NAMES.warn);
  assert.ok(onOverlay, 'the highlight is on the overlay mirror');
  // In a post the same words get the brand rule, not the profile rule: it belongs to the headline.
  const inPost = checker.check(text, { platform: 'linkedin', surface: 'post', lang: 'en', attachments: [] }).findings.map((f) => f.rule);
  assert.ok(inPost.includes('org.brand') && !inPost.includes('org.profile-name'), inPost.join(', '));

  // Save works as without Postlint, findings or not: no review.
  await page.click(form.save);
  await waitForValue(async () => (await saved(page)).map((entry) => entry.headline), [text], 'Save stored the headline at once');
  assert.equal(await page.locator('[data-test-ui="review"] [role="alertdialog"]').count(), 0, 'no review before saving a profile');

  await fixFromBadge(page, finding.suggestions[0].label);
  const fixed = 'Produktmanagerin bei Lumen Mobility';
  await waitForValue(async () => (await profile(page)).headline, fixed, "the form's model holds the official spelling");
  assert.equal(await page.inputValue(form.box), fixed);
  await waitForValue(() => readHighlights(page), { hint: [], warn: [], block: [], overflow: [] }, 'the highlight is gone');
  await page.click(form.save);
  await waitForValue(async () => (await saved(page)).map((entry) => entry.headline), [text, fixed], 'Save stored the fixed headline');
  await page.close();
});

test('LinkedIn headline: past 220 characters the overflow is tinted', { skip }, async () => {
  const form = FIELDS.headline;
  const text = `Product Manager at Lumen Mobility · ${'Urban mobility · '.repeat(12)}Runner`;
  assert.ok(text.length > 220);
  const page = await typeInto(form, text);
  const overflow = text.slice(220);
  await waitForValue(async () => (await readHighlights(page)).overflow, [overflow], 'the part past 220 characters', 15000);
  await page.close();
});

test('X bio: naming the employer without a disclosure gets the hint; its fix appends one and React keeps it; Save is not held back', { skip }, async () => {
  const form = FIELDS.bio;
  const text = 'Produktdesign bei @lumen_mobility';
  const [finding] = findings(text, form).filter((f) => f.rule === 'org.profile-bio-disclosure');
  assert.ok(finding, 'the engine asks for a disclosure in the bio');
  assert.equal(finding.level, 'hint');
  const page = await typeInto(form, text);
  await waitForValue(
    () => page.evaluate(() => document.querySelector('[data-test-ui="badge"]')?.shadowRoot?.querySelector('.badge')?.dataset.state ?? null),
    'findings',
    'the badge shows the hint',
    15000,
  );
  await fixFromBadge(page, finding.suggestions[0].label);
  const fixed = `${text} Views are my own`;
  await waitForValue(async () => (await profile(page)).description, fixed, "React's state holds the disclosure");
  await page.click(form.save);
  await waitForValue(async () => (await saved(page)).map((entry) => entry.description), [fixed], 'Save stored the bio');
  assert.equal(await page.locator('[data-test-ui="review"] [role="alertdialog"]').count(), 0, 'no review before saving a profile');
  // With a disclosure the hint is gone.
  assert.deepEqual(findings(fixed, form).filter((f) => f.rule === 'org.profile-bio-disclosure'), []);
  await page.close();
});

test('X bio: with a warning in it, neither Ctrl+Enter nor the page\'s Post button opens a review or posts; Save saves', { skip }, async () => {
  const form = FIELDS.bio;
  const text = 'Produktdesign bei @lumen_mobility. No idiots. Views are my own';
  const warned = findings(text, form).find((f) => f.level === 'warn' && f.span);
  assert.ok(warned, `the bio has a warning: ${JSON.stringify(findings(text, form))}`);
  const page = await typeInto(form, text);
  const quote = text.slice(warned.span.start, warned.span.end);
  await waitForValue(async () => (await readHighlights(page)).warn, [quote], 'the warning is highlighted', 15000);
  const review = page.locator('[data-test-ui="review"] [role="alertdialog"]');
  await page.keyboard.press('Control+Enter');
  await page.click('[data-testid="tweetButtonInline"]');
  await page.click(form.save);
  await waitForValue(async () => (await saved(page)).map((entry) => entry.description), [text], 'Save stored the bio as written');
  await page.waitForTimeout(500);
  assert.equal(await review.count(), 0, 'no review for a profile field');
  assert.deepEqual(await page.evaluate(() => window.__fixture.posted()), ['clicked'], "the page's own Post button works as without Postlint");
  await page.close();
});
