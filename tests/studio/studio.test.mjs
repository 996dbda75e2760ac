// Postlint Studio in Debian's Chromium, served by `postlint studio`: a
// policy typo is underlined where `postlint policy validate` places it, a
// draft gets its highlight and the extension's card, failing policy tests
// show expected against got, "add this post as a test" appends a test the
// CLI runs and passes, the corpus scores equal `postlint eval`, the
// Linux managed JSON equals `postlint deploy` byte for byte, and the page
// asks nothing of any other origin.
//
// Needs the built Studio ($POSTLINT_DIST/studio, default dist/studio) and
// the CLI ($POSTLINT, default target/release/postlint).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';


const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** How many labeled texts the development corpus has (one per line). */
async function corpusSize() {
  const text = await readFile(join(root, 'tests', 'corpus', 'posts.jsonl'), 'utf8');
  return text.split('\n').filter((line) => line.trim()).length;
}
const STUDIO_DIR = join(process.env.POSTLINT_DIST ?? join(root, 'dist'), 'studio');
const POSTLINT = process.env.POSTLINT ?? join(root, 'target', 'release', 'postlint');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const CORPUS_POLICY = join(root, 'tests', 'corpus', 'policy.json');
const CORPUS_POSTS = join(root, 'tests', 'corpus', 'posts.jsonl');
const EXTENSION_ID = 'abcdefghijklmnopabcdefghijklmnop';

/** A policy whose rule has a typo on line 9 (`levle`), and two tests, the second failing. */
const POLICY_WITH_TYPO = `{
  "version": 1,
  "extends": ["base"],
  "rules": [
    {
      "id": "acme.codenames",
      "kind": "terms",
      "category": "confidential",
      "levle": "block",
      "message": {"de": "„{quote}“ ist ein interner Projektname.", "en": "“{quote}” is an internal project name."},
      "explanation": {"de": "Projektnamen bleiben bis zum Launch intern.", "en": "Project names stay internal until the launch."},
      "terms": ["Orion-7"]
    }
  ],
  "tests": [
    {"name": "the code name is caught", "text": "Orion-7 kommt bald.", "expect": ["acme.codenames"]},
    {"name": "a test that expects too much", "text": "Schönes Wochenende!", "expect": ["acme.codenames"]}
  ]
}
`;

let studio;
let origin;
let browser;
let page;
let work;
const requests = [];

function postlint(args) {
  return execFileSync(POSTLINT, args, { cwd: root, env: { ...process.env, LANG: 'C', LC_ALL: '', LC_MESSAGES: '' } });
}

/** The CLI's output and exit status, for commands that exit 1 on findings or failed tests. */
function runPostlint(args) {
  const run = spawnSync(POSTLINT, args, { cwd: root, encoding: 'utf8', env: { ...process.env, LANG: 'C', LC_ALL: '', LC_MESSAGES: '' } });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Every text the accessibility tree exposes, closed shadow roots included (as a screen reader reads the card). */
async function accessibleTexts() {
  const session = await page.context().newCDPSession(page);
  const { nodes } = await session.send('Accessibility.getFullAXTree');
  await session.detach();
  return nodes.map((node) => ({ role: node.role?.value, name: node.name?.value ?? '' }));
}

async function setEditor(selector, text) {
  await page.click(`${selector} .cm-content`);
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(text);
}

/** Moves the mouse onto the first occurrence of `text` inside `selector`. */
async function hoverText(selector, text) {
  const point = await page.evaluate(([selector, text]) => {
    const walker = document.createTreeWalker(document.querySelector(selector), NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.data.indexOf(text);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + text.length);
      const rect = range.getBoundingClientRect();
      return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
    }
    return null;
  }, [selector, text]);
  assert.ok(point, `no “${text}” in ${selector}`);
  await page.mouse.move(point.x, point.y);
}

async function showTab(name) {
  await page.click(`#tab-${name}`);
}

before(async () => {
  for (const [what, path] of [['the built Studio', join(STUDIO_DIR, 'index.html')], ['the CLI', POSTLINT], ['Chromium', CHROMIUM]]) {
    if (!existsSync(path)) throw new Error(`missing ${what} at ${path}`);
  }
  work = await mkdtemp(join(tmpdir(), 'postlint-studio-'));
  // The page opens this file, and "Save" writes it back.
  await writeFile(join(work, 'opened.json'), await readFile(join(root, 'examples', 'policy.json'), 'utf8'));
  studio = spawn(POSTLINT, ['studio', '--port', '0', '--no-open', '--dir', STUDIO_DIR, '--policy', join(work, 'opened.json')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = await createInterface({ input: studio.stdout })[Symbol.asyncIterator]().next().then(({ value }) => [value]);
  origin = new URL(line.trim()).origin;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-gpu'],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US', acceptDownloads: true });
  page = await context.newPage();
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => document.getElementById('policy-status')?.textContent?.startsWith('Valid policy'));
});

after(async () => {
  await browser?.close();
  studio?.kill();
  if (work) await rm(work, { recursive: true, force: true });
});

test('“Save” writes the policy back to the file postlint studio opened', async () => {
  const opened = join(work, 'opened.json');
  const edited = (await readFile(opened, 'utf8')).replace('"version": 1,', '"version": 1,\n  "revision": "saved from the Studio",');
  await setEditor('#policy-editor', edited);
  await page.waitForFunction(() => document.getElementById('policy-status')?.textContent?.startsWith('Valid policy'));
  await page.click('#policy-save');
  await page.locator('#file-status', { hasText: 'opened.json' }).waitFor();
  assert.equal(await readFile(opened, 'utf8'), edited);
});

test('a typo in the policy is underlined on its line, as postlint policy validate places it, and fixing it clears it', async () => {
  await setEditor('#policy-editor', POLICY_WITH_TYPO);
  const problem = page.locator('#policy-problems .problem', { hasText: 'unknown key `levle`' });
  await problem.waitFor();
  assert.match(await problem.textContent(), /did you mean `level`\?/);

  const file = join(work, 'typo.json');
  await writeFile(file, POLICY_WITH_TYPO);
  let cliOutput = '';
  try {
    postlint(['policy', 'validate', file]);
  } catch (failure) {
    cliOutput = failure.stdout.toString() + failure.stderr.toString();
  }
  const [, line, column] = cliOutput.match(/typo\.json:(\d+):(\d+): error: \/rules\/0\/levle/) ?? [];
  assert.equal(line, '9', cliOutput);
  assert.equal((await problem.locator('.where').textContent()).trim(), `${line}:${column}`);

  const underline = page.locator('#policy-editor .cm-lintRange-error');
  assert.equal(await underline.count(), 1);
  assert.equal(await underline.textContent(), '"levle"');
  const underlinedLine = await underline.evaluate((range) => [...document.querySelectorAll('#policy-editor .cm-line')].indexOf(range.closest('.cm-line')) + 1);
  assert.equal(underlinedLine, 9);

  await underline.dblclick();
  await page.keyboard.type('level');
  await page.waitForFunction(() => document.getElementById('policy-status')?.textContent?.startsWith('Valid policy'));
  assert.equal(await page.locator('#policy-editor .cm-lintRange-error').count(), 0);
  assert.equal(await page.locator('#policy-problems li').count(), 0);
});

test('a draft with a code name is highlighted and its card explains it', async () => {
  await showTab('try');
  await page.selectOption('#try-platform', 'x');
  await page.selectOption('#try-lang', 'en');
  await page.click('#draft-editor .cm-content');
  await page.keyboard.type('Bald startet Orion-7 bei uns.');
  const mark = page.locator('#draft-editor .pl-finding.pl-block');
  await mark.waitFor();
  assert.equal(await mark.textContent(), 'Orion-7');
  assert.match(await page.locator('#length-counter').textContent(), /\b29\b.*\b280\b/);

  await mark.click();
  let texts = [];
  for (let attempt = 0; attempt < 50 && !texts.some((node) => node.role === 'dialog'); attempt += 1) {
    await page.waitForTimeout(100);
    texts = await accessibleTexts();
  }
  assert.ok(texts.some((node) => node.role === 'dialog'), 'a dialog is open');
  assert.ok(texts.some((node) => node.name.includes('“Orion-7” is an internal project name.')), JSON.stringify(texts.filter((node) => node.name).slice(-20)));
  assert.ok(texts.some((node) => node.name.includes('Project names stay internal until the launch.')));
  await page.keyboard.press('Escape');
});

test('a failing policy test shows what it expected and what the text got', async () => {
  await showTab('tests');
  const summary = page.locator('#tests-output .tests-summary');
  assert.equal(await summary.textContent(), '1 of 2 tests fail.');
  const failure = page.locator('#tests-output .test-failure');
  assert.equal(await failure.count(), 1);
  assert.equal(await failure.locator('.test-name').textContent(), 'a test that expects too much');
  assert.equal(await failure.locator('.expected').textContent(), 'Expected but not raised: acme.codenames');
  assert.equal(await failure.locator('.got').textContent(), 'nothing');

  await failure.locator('.test-name').click();
  const caretLine = await page.evaluate(() => document.querySelector('#policy-editor .cm-activeLine')?.textContent ?? '');
  assert.match(caretLine, /a test that expects too much/);
});

test('the rules list the policy’s own rule and the pack’s, and a click shows where the policy defines it', async () => {
  await showTab('rules');
  const own = page.locator('#rules-output tr', { hasText: 'acme.codenames' });
  assert.match(await own.textContent(), /terms.*Confidential.*Block.*policy/);
  await own.locator('button').click();
  const caretLine = await page.evaluate(() => document.querySelector('#policy-editor .cm-activeLine')?.textContent ?? '');
  assert.match(caretLine, /"id": "acme.codenames"/);

  const fromPack = page.locator('#rules-output tr', { hasText: 'base.' }).first();
  await fromPack.locator('button').click();
  assert.match(await fromPack.locator('.pack-note').textContent(), /built-in pack “base”/);
});

test('“add this post as a test” appends the draft, its context and the rules it raises to the policy’s tests', async () => {
  await showTab('try');
  const draftText = 'Bald startet Orion-7 bei uns.';
  const draftFile = join(work, 'draft.txt');
  await writeFile(draftFile, draftText);
  const fixedPolicy = join(work, 'fixed.json');
  await writeFile(fixedPolicy, POLICY_WITH_TYPO.replace('"levle"', '"level"'));
  const checked = runPostlint(['check', draftFile, '--policy', fixedPolicy, '--platform', 'x', '--surface', 'post', '--lang', 'en', '--format', 'json']);
  const raised = [...new Set(JSON.parse(checked.stdout).findings.map((finding) => finding.rule))];
  assert.ok(raised.includes('acme.codenames'), checked.stdout);

  await page.click('#try-add-test');
  const name = 'draft from the Studio: “Bald startet Orion-7 bei uns.”';
  assert.equal(await page.locator('#file-status').textContent(), `Added the test “${name}” to the policy.`);
  const source = (await page.locator('#policy-editor .cm-line').allTextContents()).join('\n');
  const added = JSON.parse(source).tests.at(-1);
  assert.deepEqual({ ...added, expect: [...added.expect].sort() }, { name, text: draftText, context: { platform: 'x', surface: 'post', lang: 'en' }, expect: [...raised].sort() });
  // Inserted as text: the policy around the new test keeps its layout.
  assert.ok(source.startsWith(POLICY_WITH_TYPO.replace('"levle"', '"level"').slice(0, POLICY_WITH_TYPO.indexOf('  "tests"'))));

  await showTab('tests');
  await page.locator('#tests-output .tests-summary', { hasText: '1 of 3 tests fail.' }).waitFor();
  const withTest = join(work, 'with-test.json');
  await writeFile(withTest, source);
  const tested = runPostlint(['policy', 'test', withTest]);
  assert.match(tested.stdout + tested.stderr, /2 passed, 1 failed/);
  assert.doesNotMatch(tested.stdout + tested.stderr, /FAILED \/tests\/2/);
});

test('the corpus scores equal postlint eval to the third decimal', async () => {
  await page.setInputFiles('#policy-file', CORPUS_POLICY);
  await page.waitForFunction(() => document.getElementById('policy-status')?.textContent?.startsWith('Valid policy'));
  await showTab('corpus');
  await page.setInputFiles('#corpus-file', CORPUS_POSTS);
  await page.locator('#corpus-output .corpus-status', { hasText: `posts.jsonl: ${await corpusSize()} posts` }).waitFor({ timeout: 30_000 });

  const expected = JSON.parse(postlint(['eval', CORPUS_POSTS, '--policy', CORPUS_POLICY, '--format', 'json']).toString());
  const shown = (value) => (value === null ? '—' : value.toFixed(3));
  const rows = await page.locator('#corpus-output tr[data-category]').evaluateAll((rows) =>
    rows.map((row) => ({
      category: row.dataset.category,
      precision: row.querySelector('[data-metric=precision] .value').textContent,
      recall: row.querySelector('[data-metric=recall] .value').textContent,
    })),
  );
  const wanted = [...expected.categories, { category: 'overall', ...expected.overall }].map((score) => ({
    category: score.category,
    precision: shown(score.precision),
    recall: shown(score.recall),
  }));
  assert.deepEqual(rows, wanted);
});

test('the Linux managed JSON is byte for byte what postlint deploy writes', async () => {
  await showTab('deploy');
  await page.selectOption('#deploy-browser', 'chrome');
  await page.selectOption('#deploy-os', 'linux');
  // A mistyped id is explained in the page's language, not in the CLI's.
  await page.fill('#deploy-extension-id', 'postlint@example.com');
  const en = JSON.parse(await readFile(join(root, 'studio', 'locales', 'en.json'), 'utf8'));
  await page.locator('#panel-deploy .deploy-status', { hasText: en.deploy_error_extension_id }).waitFor();
  await page.fill('#deploy-extension-id', EXTENSION_ID);
  await page.locator('#panel-deploy .deploy-output', { hasText: '3rdparty' }).waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#deploy-download')]);
  assert.equal(download.suggestedFilename(), 'postlint.json');
  const fromPage = await readFile(await download.path());
  const fromCli = postlint(['deploy', CORPUS_POLICY, '--browser', 'chrome', '--os', 'linux', '--extension-id', EXTENSION_ID]);
  assert.ok(fromPage.equals(fromCli), `page:\n${fromPage}\ncli:\n${fromCli}`);
});

test('the editor completes keys and values from the policy schema and explains a key on hover', async () => {
  await setEditor('#policy-editor', '{\n  "version": 1,\n  "rules": [\n    {"id": "acme.x", "kind": "pattern", \n  ]\n}\n');
  // Into the rule, after `"kind": "pattern", `.
  await page.keyboard.press('Control+Home');
  for (let line = 0; line < 3; line += 1) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  await page.keyboard.type('"pat');
  const option = page.locator('.cm-tooltip-autocomplete li', { hasText: 'pattern' });
  await option.first().waitFor();
  // The kind's own key is offered, another kind's is not.
  assert.equal(await page.locator('.cm-tooltip-autocomplete li', { hasText: 'spellings' }).count(), 0);
  // Enter takes the selected option once the list has caught up with the typing.
  await page.locator('.cm-tooltip-autocomplete li[aria-selected="true"]', { hasText: /^pattern/ }).waitFor();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /"kind": "pattern", "pattern": /.test(document.querySelector('#policy-editor .cm-content')?.textContent ?? ''));

  await page.keyboard.type('"x", "level": "b');
  await page.locator('.cm-tooltip-autocomplete li', { hasText: '"block"' }).waitFor();
  const info = page.locator('.cm-completionInfo');
  await info.waitFor();
  assert.match(await info.textContent(), /held back/);
  await page.keyboard.press('Escape');

  await hoverText('#policy-editor .cm-content', '"level"');
  const doc = page.locator('.cm-tooltip-hover .schema-doc');
  await doc.waitFor();
  assert.match(await doc.textContent(), /hint.*warn.*block/);
  await setEditor('#policy-editor', POLICY_WITH_TYPO.replace('levle', 'level'));
  await page.waitForFunction(() => document.getElementById('policy-status')?.textContent?.startsWith('Valid policy'));
});

test('a YAML policy is underlined where postlint policy validate places its problem, and a draft added as a test lands in the YAML', async () => {
  const yamlPolicy = [
    'version: 1',
    'extends: [base]',
    'rules:',
    '  - id: acme.codenames',
    '    kind: terms',
    '    category: confidential',
    '    levle: block',
    '    message: {de: "„{quote}“ ist ein interner Projektname.", en: "“{quote}” is an internal project name."}',
    '    explanation: {de: Projektnamen bleiben bis zum Launch intern., en: Project names stay internal until the launch.}',
    '    terms: [Orion-7]',
    'tests:',
    '  - name: the code name is caught',
    '    text: Orion-7 kommt bald.',
    '    expect: [acme.codenames]',
    '',
    '# the end',
    '',
  ].join('\n');
  const file = join(work, 'policy.yaml');
  await writeFile(file, yamlPolicy);
  await page.setInputFiles('#policy-file', file);
  const problem = page.locator('#policy-problems .problem', { hasText: 'unknown key `levle`' });
  await problem.waitFor();
  let cliOutput = '';
  try {
    postlint(['policy', 'validate', file]);
  } catch (failure) {
    cliOutput = failure.stdout.toString() + failure.stderr.toString();
  }
  const [, line, column] = cliOutput.match(/policy\.yaml:(\d+):(\d+): error: \/rules\/0\/levle/) ?? [];
  assert.equal(line, '7', cliOutput);
  assert.equal((await problem.locator('.where').textContent()).trim(), `${line}:${column}`);
  assert.equal(await page.locator('#policy-editor .cm-lintRange-error').textContent(), 'levle');

  const fixed = yamlPolicy.replace('levle', 'level');
  await setEditor('#policy-editor', fixed);
  await page.waitForFunction(() => document.getElementById('policy-status')?.textContent?.startsWith('Valid policy'));
  // What YAML refuses and JSON cannot say, the reader the CLI uses refuses too, where it is.
  await setEditor('#policy-editor', `${fixed}revision: &when 2026-12-07\nagain: *when\n`);
  await page.locator('#policy-problems .problem', { hasText: 'YAML aliases' }).waitFor();
  await setEditor('#policy-editor', fixed);
  await page.waitForFunction(() => document.getElementById('policy-status')?.textContent?.startsWith('Valid policy'));

  await showTab('try');
  await setEditor('#draft-editor', 'Bald startet Orion-7 bei uns.');
  await page.locator('#draft-editor .pl-finding.pl-block', { hasText: 'Orion-7' }).waitFor();
  await page.click('#try-add-test');
  await page.locator('#file-status', { hasText: 'Added the test' }).waitFor();
  const source = (await page.locator('#policy-editor .cm-line').allTextContents()).join('\n');
  // Appended after the last test, before the comment that ends the file.
  assert.ok(source.startsWith(fixed.slice(0, fixed.indexOf('\n# the end'))), source);
  assert.match(source, /\n {2}- \{"name": "draft from the Studio: .*"expect": \[[^\]]*"acme\.codenames"/);
  assert.ok(source.trimEnd().endsWith('# the end'), source);
  const withTest = join(work, 'with-test.yaml');
  await writeFile(withTest, source);
  const tested = runPostlint(['policy', 'test', withTest]);
  assert.match(tested.stdout + tested.stderr, /2 passed, 0 failed|all 2 tests pass|2 passed/);
  assert.doesNotMatch(tested.stdout + tested.stderr, /FAILED/);
});

test('nothing is requested beyond the page’s own origin', () => {
  assert.ok(requests.length > 0);
  const foreign = requests.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('blob:') && !url.startsWith('data:'));
  assert.deepEqual(foreign, []);
});
