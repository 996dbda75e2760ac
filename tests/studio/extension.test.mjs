// Postlint Studio packaged in the extension, in Debian's Chromium: the
// options page links to it; it opens the policy in force (the built-in
// default here, since nothing is managed), read-only; "open a copy" makes
// it editable; drafts, the length counter and the corpus worker run under
// the extension's CSP; and nothing is requested beyond the extension.
//
// Needs the built extension's test flavour ($POSTLINT_EXTENSION_DIR, else
// test-chrome in $POSTLINT_DIST or dist/), which carries the Studio in studio/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM, launch } from '../harness.mjs';
import initWasm, { defaultPolicy } from '../../checker-wasm/pkg/checker_wasm.js';


const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** How many labeled texts the development corpus has (one per line). */
async function corpusSize() {
  const text = await readFile(join(root, 'tests', 'corpus', 'posts.jsonl'), 'utf8');
  return text.split('\n').filter((line) => line.trim()).length;
}
const EXTENSION_DIR = process.env.POSTLINT_EXTENSION_DIR ?? join(process.env.POSTLINT_DIST ?? join(root, 'dist'), 'test-chrome');
const CORPUS_POSTS = join(root, 'tests', 'corpus', 'posts.jsonl');

let browser;
let context;
let origin;
let studio;
const requests = [];

const policyText = () => studio.locator('#policy-editor .cm-line').allTextContents().then((lines) => lines.join('\n'));
const validPolicy = () => studio.waitForFunction(() => document.getElementById('policy-status')?.textContent?.startsWith('Valid policy'));

before(async () => {
  for (const [what, path] of [['the built extension', join(EXTENSION_DIR, 'studio', 'index.html')], ['Chromium', CHROMIUM]]) {
    if (!existsSync(path)) throw new Error(`missing ${what} at ${path}`);
  }
  await initWasm({ module_or_path: await readFile(join(root, 'checker-wasm', 'pkg', 'checker_wasm_bg.wasm')) });
  // No fixtures are served: the Studio is the extension's own page.
  browser = await launch({ extensionDir: EXTENSION_DIR, locale: 'en-US', viewport: { width: 1280, height: 800 }, intercept: false });
  ({ context } = browser);
  context.on('request', (request) => requests.push(request.url()));
  origin = `chrome-extension://${browser.extensionId}`;
});

after(async () => {
  await browser?.close();
});

test('the options page links to the Studio, which shows the policy in force read-only', async () => {
  const options = await context.newPage();
  await options.goto(`${origin}/options.html`);
  const link = options.locator('#open-studio');
  assert.equal(await link.textContent(), 'Open the policy in Postlint Studio');
  [studio] = await Promise.all([context.waitForEvent('page'), link.click()]);
  assert.equal(studio.url(), `${origin}/studio/index.html`);
  await validPolicy();

  assert.equal(await policyText(), defaultPolicy());
  const banner = studio.locator('#in-force');
  assert.ok(await banner.isVisible());
  assert.match(await banner.textContent(), /policy in force in this browser \(Postlint's built-in default\), read-only/);
  const content = studio.locator('#policy-editor .cm-content');
  assert.equal(await content.getAttribute('aria-readonly'), 'true');
  await content.click();
  await studio.keyboard.press('Control+End');
  await studio.keyboard.type('typed into the policy in force');
  await studio.keyboard.press('Control+A');
  await studio.keyboard.press('Delete');
  assert.equal(await policyText(), defaultPolicy());
});

test('"open a copy" makes the policy editable', async () => {
  await studio.click('#open-copy');
  assert.ok(await studio.locator('#in-force').isHidden());
  assert.match(await studio.locator('#file-status').textContent(), /This is a copy/);
  const content = studio.locator('#policy-editor .cm-content');
  assert.notEqual(await content.getAttribute('aria-readonly'), 'true');
  const copy = defaultPolicy().replace('"revision": "built-in"', '"revision": "my copy"');
  assert.notEqual(copy, defaultPolicy());
  await content.click();
  await studio.keyboard.press('Control+A');
  await studio.keyboard.insertText(copy);
  assert.equal(await policyText(), copy);
  await validPolicy();
});

test('drafts, the length counter and the corpus worker run under the extension’s CSP', async () => {
  await studio.selectOption('#try-platform', 'x');
  await studio.click('#draft-editor .cm-content');
  await studio.keyboard.type('Hello world');
  await studio.waitForFunction(() => /\b11\b.*\b280\b/.test(document.getElementById('length-counter')?.textContent ?? ''));

  await studio.click('#tab-corpus');
  await studio.setInputFiles('#corpus-file', CORPUS_POSTS);
  await studio.locator('#corpus-output .corpus-status', { hasText: `posts.jsonl: ${await corpusSize()} posts` }).waitFor({ timeout: 30_000 });
  assert.ok((await studio.locator('#corpus-output tr[data-category]').count()) > 0);
});

test('nothing is requested beyond the extension itself', () => {
  assert.ok(requests.some((url) => url.startsWith(`${origin}/studio/`)));
  const foreign = requests.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('blob:') && !url.startsWith('data:'));
  assert.deepEqual(foreign, []);
});
