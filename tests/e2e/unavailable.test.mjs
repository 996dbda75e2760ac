// Fail open: a build whose WebAssembly file is truncated cannot check. The
// badge says the checker is unavailable, and posting works as without the
// extension: no review on a click on Post or on Ctrl+Enter, each submits once.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXTENSION_DIR, launch } from '../harness.mjs';
import { EDITORS, badgeState, reviewDialog, submissions, typeChecked, waitForValue } from './helpers.mjs';

/** Would be reviewed by a working checker (the insult is a warning). */
const WARNED = 'Honestly, you idiot.';

let browser;
let brokenDir;
before(async () => {
  brokenDir = await mkdtemp(join(tmpdir(), 'postlint-broken-'));
  await cp(EXTENSION_DIR, brokenDir, { recursive: true });
  const wasm = join(brokenDir, 'checker_wasm_bg.wasm');
  const bytes = await readFile(wasm);
  await writeFile(wasm, bytes.subarray(0, 1024));
  browser = await launch({ extensionDir: brokenDir });
});
after(async () => {
  await browser?.close();
  if (brokenDir) await rm(brokenDir, { recursive: true, force: true });
});


for (const [name, editor] of Object.entries(EDITORS)) {
  test(`${name}: with a broken checker the badge says unavailable and Post is not intercepted`, async () => {
    const page = await typeChecked(browser.context, editor, WARNED, { expectFindings: false });
    await waitForValue(() => badgeState(page), 'unavailable', 'the badge shows the unavailable state');
    await page.click(editor.post);
    await waitForValue(() => submissions(page), [WARNED], 'posted at once');
    assert.equal(await reviewDialog(page).count(), 0, 'no review');
    await page.close();
  });
}

test('draft: with a broken checker Ctrl+Enter posts as without the extension', async () => {
  const editor = EDITORS.draft;
  const page = await typeChecked(browser.context, editor, WARNED, { expectFindings: false });
  await waitForValue(() => badgeState(page), 'unavailable', 'unavailable');
  await page.keyboard.press('Control+Enter');
  await waitForValue(() => submissions(page), [WARNED], 'posted by the site');
  assert.equal(await reviewDialog(page).count(), 0, 'no review');
  await page.close();
});

test('after the checker failed, a click on Post right after an edit posts at once', async () => {
  const editor = EDITORS.textarea;
  const page = await typeChecked(browser.context, editor, 'Hello', { expectFindings: false });
  await waitForValue(() => badgeState(page), 'unavailable', 'unavailable');
  await page.keyboard.type(' you idiot');
  await page.click(editor.post);
  await waitForValue(() => submissions(page), ['Hello you idiot'], 'posted');
  assert.equal(await reviewDialog(page).count(), 0, 'no review');
  await page.close();
});
