// Fixes and the review under a company policy, deployed the way IT deploys
// it: the example policy (examples/policy.json, Lumen Mobility) written as
// Chromium's managed policy for the extension before the browser starts
// (as Chromium reads /etc/chromium/policies/managed/). Covers the brand-spelling fix and the disclosure fix in
// all three editors, and a non-overridable block that cannot be posted and
// names whom to ask.
//
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { launch, openFixture, readHighlights } from '../harness.mjs';
import { EDITORS, badgeState, submissions, waitForValue } from './helpers.mjs';
import { removeManagedPolicy, writeManagedPolicy } from './managed.mjs';

const skip = process.getuid?.() === 0 ? false : 'writing the managed policy folder needs root';

const policySource = await readFile(new URL('../../examples/policy.json', import.meta.url), 'utf8');
const pkg = new URL('../../checker-wasm/pkg/', import.meta.url);
const wasm = await import(new URL('checker_wasm.js', pkg));
wasm.initSync({ module: await readFile(new URL('checker_wasm_bg.wasm', pkg)) });
const checker = wasm.Checker.compile(policySource);

function findings(text, platform) {
  return checker.check(text, { platform, surface: 'post', lang: 'en', attachments: [] }).findings;
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

/** Types into a fresh fixture page and waits until the managed policy's finding `rule` is highlighted. */
async function typeWithFinding(editor, text, rule) {
  const expected = findings(text, editor.platform).find((f) => f.rule === rule);
  assert.ok(expected, `${rule} fires on: ${text}`);
  const fixture = await openFixture(browser.context, editor.fixture);
  await fixture.click(editor.box);
  await fixture.keyboard.type(text);
  if (expected.span) {
    const quote = text.slice(expected.span.start, expected.span.end);
    await waitForValue(async () => {
      const h = await readHighlights(fixture, editor.highlights ?? editor.box);
      return [...h.hint, ...h.warn, ...h.block, ...h.overflow].includes(quote);
    }, true, `${rule} highlighted`, 15000);
  } else {
    await waitForValue(() => fixture.evaluate(() => window.__painted.some((event) => event.findings > 0)), true, 'checked', 15000);
  }
  return { page: fixture, finding: expected };
}

async function fixFromBadge(page, label) {
  await page.locator('[data-test-ui="badge"] .badge:visible').click();
  const panel = page.locator('[data-test-ui="badge"] [role="dialog"]');
  await panel.waitFor();
  await panel.getByRole('button', { name: label }).first().click();
}

for (const [name, editor] of Object.entries(EDITORS)) {
  test(`${name}: the brand-spelling fix`, { skip }, async () => {
    const text = 'Our new e-bike is called Lumenride and it is great.';
    const { page, finding } = await typeWithFinding(editor, text, 'org.brand');
    const suggestion = finding.suggestions[0];
    await fixFromBadge(page, suggestion.label);
    const fixed = text.slice(0, suggestion.span.start) + suggestion.replacement + text.slice(suggestion.span.end);
    await waitForValue(() => editor.model(page), fixed, "the editor's model holds the brand's spelling");
    await page.keyboard.type(' Yes');
    const at = suggestion.span.start + suggestion.replacement.length;
    await waitForValue(() => editor.model(page), fixed.slice(0, at) + ' Yes' + fixed.slice(at), 'typing continues after the fix');
    await page.close();
  });

  test(`${name}: the disclosure fix appends at the end and leaves the rest alone`, { skip }, async () => {
    const text = 'Proud of what we built at @lumen_mobility this year!';
    const { page, finding } = await typeWithFinding(editor, text, 'org.disclosure');
    const suggestion = finding.suggestions[0];
    assert.equal(suggestion.span, null, 'a document-level fix');
    await fixFromBadge(page, suggestion.label);
    // One space on a one-line post, whatever whitespace the suggestion starts with.
    const fixed = `${text} ${suggestion.replacement.trimStart()}`;
    await waitForValue(() => editor.model(page), fixed, 'the disclosure is appended');
    await page.keyboard.type(' Thanks');
    await waitForValue(() => editor.model(page), `${fixed} Thanks`, 'the caret is after the disclosure');
    await page.close();
  });
}

for (const [name, editor] of Object.entries(EDITORS)) {
  test(`${name}: on a post of several lines the disclosure goes on a paragraph of its own`, { skip }, async () => {
    const text = 'Proud of what we built at @lumen_mobility this year!\nThanks, team.';
    const { page, finding } = await typeWithFinding(editor, text, 'org.disclosure');
    await fixFromBadge(page, finding.suggestions[0].label);
    const fixed = `${text}\n\n${finding.suggestions[0].replacement.trimStart()}`;
    await waitForValue(() => editor.model(page), fixed, 'a new paragraph with the disclosure; the lines above untouched');
    await page.close();
  });
}

for (const [name, editor] of Object.entries({ draft: EDITORS.draft, quill: EDITORS.quill })) {
  test(`${name}: a non-overridable block cannot be posted, on click or Ctrl+Enter, and names the contact`, { skip }, async () => {
    const text = 'Soon we launch Polaris-9, stay tuned. #LumenTeam';
    const { page } = await typeWithFinding(editor, text, 'lumen.codenames');
    const dialog = page.locator('[data-test-ui="review"] [role="alertdialog"]');
    for (const submit of [() => page.click(editor.post), () => page.keyboard.press('Control+Enter')]) {
      await submit();
      await dialog.waitFor({ timeout: 10000 });
      const shown = await dialog.textContent();
      assert.match(shown, /cannot be published/);
      assert.match(shown, /Polaris-9/);
      assert.match(shown, /social@lumen-mobility\.example/, "names whom to ask: the rule's own contact (its explanation names the social media team)");
      assert.equal(await dialog.getByRole('button', { name: 'Post anyway' }).count(), 0, 'no way to post anyway');
      await dialog.getByRole('button', { name: 'Edit' }).click();
      await dialog.waitFor({ state: 'detached' });
    }
    await page.waitForTimeout(300);
    assert.deepEqual(await submissions(page), [], 'nothing was posted');
    await page.close();
  });
}

// Issue: "Ignore here" on a non-overridable block turned the badge to ✓ and
// let Post through with no review. Every way around such a block is tried:
// ignoring it (not offered) and ignoring what may be ignored, then posting;
// Post clicked twice; Ctrl+Enter and Cmd+Enter; a script's click on Post;
// and looking for "Post anyway".
for (const [name, editor] of Object.entries(EDITORS)) {
  test(`${name}: no way around a non-overridable block`, { skip }, async () => {
    const text = 'Polaris-9 is nearly done, you idiots. #LumenTeam';
    const { page } = await typeWithFinding(editor, text, 'lumen.codenames');
    const all = findings(text, editor.platform);
    const ignorable = all.find((f) => f.span && (f.level === 'warn' || (f.level === 'block' && f.overridable)));
    assert.ok(ignorable, `the post also has a finding the writer may ignore: ${JSON.stringify(all)}`);
    const card = page.locator('[data-test-ui="card"] [role="dialog"]');
    const dialog = page.locator('[data-test-ui="review"] [role="alertdialog"]');
    const caretAt = async (offset) => {
      await page.click(editor.box);
      await page.keyboard.press('Control+End');
      for (let i = text.length; i > offset; i -= 1) await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('Control+.');
      await card.waitFor({ timeout: 10000 });
    };

    await caretAt(text.indexOf('Polaris-9') + 3);
    assert.match(await card.textContent(), /Polaris-9/);
    assert.equal(await card.getByRole('button', { name: 'Ignore here' }).count(), 0, 'the block offers no "Ignore here"');
    await page.keyboard.press('Escape');
    await card.waitFor({ state: 'detached' });

    // What the writer may ignore, they still can; the block stays.
    await caretAt(ignorable.span.start + 1);
    await card.getByRole('button', { name: 'Ignore here' }).click();
    await card.waitFor({ state: 'detached' });
    await waitForValue(() => badgeState(page), 'findings', 'the badge still counts the block');

    const attempts = {
      'a click on Post': () => page.click(editor.post),
      'Ctrl+Enter': () => page.keyboard.press('Control+Enter'),
      'Cmd+Enter': () => page.keyboard.press('Meta+Enter'),
      "a script's click on Post": () => page.$eval(editor.post.replace(/ >> nth=0$/, ''), (button) => button.click()),
    };
    for (const [attempt, submit] of Object.entries(attempts)) {
      await page.click(editor.box);
      await submit();
      await dialog.waitFor({ timeout: 10000 });
      const shown = await dialog.textContent();
      assert.match(shown, /cannot be published/, `${attempt}: the review says the post cannot go out`);
      assert.match(shown, /Polaris-9/, `${attempt}: and why`);
      assert.equal(await dialog.getByRole('button', { name: 'Post anyway' }).count(), 0, `${attempt}: no "Post anyway"`);
      await dialog.getByRole('button', { name: 'Edit' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.waitForTimeout(300);
      assert.deepEqual(await submissions(page), [], `${attempt}: nothing was posted`);
    }
    // A double click: the second click lands on the open review's backdrop,
    // which means "Edit".
    await page.click(editor.post, { clickCount: 2 });
    await page.waitForTimeout(500);
    if (await dialog.count()) await dialog.getByRole('button', { name: 'Edit' }).click();
    assert.deepEqual(await submissions(page), [], 'a double click on Post: nothing was posted');
    await page.close();
  });
}

test('findings on the same words share one card', { skip }, async () => {
  const editor = EDITORS.draft;
  const text = 'Ihr seid alle Idioten.';
  const onWord = findings(text, editor.platform).filter((f) => f.quote === 'Idioten');
  assert.ok(onWord.length >= 2, `two rules on one word: ${JSON.stringify(onWord)}`);
  const { page } = await typeWithFinding(editor, text, onWord[0].rule);
  for (let i = 0; i < 'en.'.length; i += 1) await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Control+.');
  const card = page.locator('[data-test-ui="card"] [role="dialog"]');
  await card.waitFor({ timeout: 10000 });
  const shown = await card.textContent();
  for (const finding of onWord) assert.ok(shown.includes(finding.message), `the card says "${finding.message}"`);
  assert.equal(await page.locator('[data-test-ui="card"]').count(), 1, 'one card');
  await page.close();
});

test('a whole-post finding shows as a line under the box, with its fix', { skip }, async () => {
  const editor = EDITORS.quill;
  const text = 'Proud of what we built at @lumen_mobility this year!';
  const { page, finding } = await typeWithFinding(editor, text, 'org.disclosure');
  const line = page.locator('[data-test-ui="badge"] .whole');
  await line.waitFor({ timeout: 10000 });
  assert.match(await line.textContent(), new RegExp(finding.message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  const placement = await page.evaluate((box) => {
    const under = document.querySelector('[data-test-ui="badge"]').shadowRoot.querySelector('.whole').getBoundingClientRect();
    return under.top >= document.querySelector(box).getBoundingClientRect().bottom;
  }, editor.box);
  assert.ok(placement, 'the line is under the box, not on its text');
  await line.getByRole('button', { name: finding.suggestions[0].label }).click();
  await waitForValue(() => editor.model(page), `${text} ${finding.suggestions[0].replacement.trimStart()}`, 'the fix appends the disclosure');
  await page.close();
});
