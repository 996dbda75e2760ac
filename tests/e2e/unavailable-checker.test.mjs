// Fail open (issue 10 §7), the cases beside a WebAssembly file that does not
// load (unavailable.test.mjs): a build whose checker throws on every check,
// and a build whose background never answers. Each is the shipped build with
// one deliberate break patched into a temporary copy. In both, the compose
// box works as without the extension (typing, the editor's own model, Post),
// the badge says the checker is unavailable, and no review holds a post back.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXTENSION_DIR, launch } from '../harness.mjs';
import { EDITORS, badgeState, reviewDialog, submissions, typeChecked, waitForValue } from './helpers.mjs';

/** Would be reviewed by a working checker (the insult is a warning). */
const WARNED = 'Honestly, you idiot.';

const BREAKS = {
  'the checker throws': {
    // The wasm-bindgen glue's Checker.checkJson (what the worker calls), as
    // when the engine raises an error.
    find: '  checkJson(text, context) {\n',
    replace: "  checkJson(text, context) {\n    throw new Error('deliberately broken checker');\n",
  },
  'the background never answers': {
    find: 'post(next.port, await answer(next.request))',
    // The check never settles, so no reply is ever posted.
    replace: 'post(next.port, await new Promise(() => undefined))',
  },
};

/** A temporary copy of the build with `find` replaced in background.js (exactly once). */
async function brokenBuild({ find, replace }) {
  const dir = await mkdtemp(join(tmpdir(), 'postlint-broken-'));
  await cp(EXTENSION_DIR, dir, { recursive: true });
  const file = join(dir, 'background.js');
  const source = await readFile(file, 'utf8');
  assert.equal(source.split(find).length, 2, `background.js has ${JSON.stringify(find)} once`);
  await writeFile(file, source.replace(find, replace));
  return dir;
}


for (const [name, broken] of Object.entries(BREAKS)) {
  describe(`fail open when ${name}`, () => {
    let dir;
    let browser;
    before(async () => {
      dir = await brokenBuild(broken);
      browser = await launch({ extensionDir: dir });
    });
    after(async () => {
      await browser?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    for (const [editorName, editor] of Object.entries(EDITORS)) {
      test(`${editorName}: typing works, the badge says unavailable, Post posts at once`, async () => {
        const page = await typeChecked(browser.context, editor, WARNED, { expectFindings: false });
        await waitForValue(() => badgeState(page), 'unavailable', 'the badge shows the unavailable state');
        await page.keyboard.type(' Really.');
        await waitForValue(() => editor.model(page), `${WARNED} Really.`, "the editor's model follows the typing");
        await page.click(editor.post);
        await waitForValue(() => submissions(page), [`${WARNED} Really.`], 'posted once');
        assert.equal(await reviewDialog(page).count(), 0, 'no review');
        await page.close();
      });
    }

    test('draft: Post clicked while the first check is still pending posts, once, with no review', async () => {
      const editor = EDITORS.draft;
      const page = await typeChecked(browser.context, editor, WARNED, { expectFindings: false });
      await page.click(editor.post);
      await waitForValue(() => submissions(page), [WARNED], 'posted once', 15_000);
      await page.waitForTimeout(500);
      assert.deepEqual(await submissions(page), [WARNED], 'posted exactly once');
      assert.equal(await reviewDialog(page).count(), 0, 'no review');
      await page.close();
    });
  });
}
