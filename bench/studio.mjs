// Live feedback in Postlint Studio, measured in the built page in headless
// Debian Chromium, and written to bench/out/studio.json:
//   - re-check after a policy edit: a key typed into the example policy →
//     the page has compiled it, run its tests, listed its rules and checked
//     a 3,000-character draft (the draft's findings list replaced);
//   - the corpus re-measured after a policy edit: a key typed into the
//     corpus policy → the worker's evaluation of tests/corpus/posts.jsonl
//     is on the page.
// Both clocks run in the page (keydown → DOM mutation), so the DevTools
// protocol's latency is not counted. The page is served from memory at a
// made-up https origin, cross-origin isolated for a 5 µs timer.
//
//   node bench/studio.mjs [--smoke]
import { chromium } from 'playwright-core';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM, CHROMIUM_ARGS, serveIsolated } from './browser.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const STUDIO_DIR = join(process.env.POSTLINT_DIST ?? join(ROOT, 'dist'), 'studio');
const ORIGIN = 'https://studio.bench.postlint.test';
const EXAMPLE_POLICY = join(ROOT, 'examples', 'policy.json');
const CORPUS_POLICY = join(ROOT, 'tests', 'corpus', 'policy.json');
const CORPUS_POSTS = join(ROOT, 'tests', 'corpus', 'posts.jsonl');
const DRAFT_CHARS = 3000;

/** The built Studio's file for a URL of its origin, or null. */
function fileFor(url) {
  const { origin, pathname } = new URL(url);
  if (origin !== ORIGIN) return null;
  const path = normalize(join(STUDIO_DIR, pathname === '/' ? 'index.html' : pathname));
  return path.startsWith(STUDIO_DIR) ? path : null;
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const stats = (samples) => ({ samples: samples.length, p50: percentile(samples, 50), p95: percentile(samples, 95), max: Math.max(...samples) });

/** The example posts, one after another, cut to `chars` characters: prose with findings throughout. */
async function draftOf(chars) {
  const folder = join(ROOT, 'examples', 'posts');
  const posts = await Promise.all((await readdir(folder)).sort().map((name) => readFile(join(folder, name), 'utf8')));
  let text = '';
  while ([...text].length < chars) text += posts.join('\n\n') + '\n\n';
  return [...text].slice(0, chars).join('');
}

/**
 * What ends a measurement: the draft's findings list replaced (after the
 * recompile, the tests, the rules and the check), or the corpus output
 * replaced by an evaluation (not by the "measuring" line).
 */
const DONE = {
  draft: { selector: '#draft-findings', accepts: '.summary' },
  corpus: { selector: '#corpus-output', accepts: '.corpus-status:not(.meta)' },
};

/**
 * Types one character into (or deletes it from) the policy's `revision`
 * value, on line 3 of both policies, and returns the milliseconds from the
 * keydown until `until`'s target shows the new result.
 */
async function timeEdit(page, key, until) {
  await page.evaluate(({ selector, accepts }) => {
    const target = document.querySelector(selector);
    window.__edit = new Promise((resolve) => {
      let start = null;
      window.addEventListener('keydown', () => (start = performance.now()), { capture: true, once: true });
      const observer = new MutationObserver(() => {
        if (start === null || !target.firstElementChild?.matches(accepts)) return;
        observer.disconnect();
        resolve(performance.now() - start);
      });
      observer.observe(target, { childList: true });
    });
  }, until);
  await page.keyboard.press(key);
  return page.evaluate(() => window.__edit);
}

/** Puts the caret inside the `revision` string on line 3, before its closing quote. */
async function caretInRevision(page) {
  await page.click('#policy-editor .cm-content');
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  const line = await page.evaluate(() => document.querySelector('#policy-editor .cm-activeLine')?.textContent ?? '');
  if (!line.includes('"revision"')) throw new Error(`line 3 of the policy is not its revision: ${line}`);
}

/** Alternately types a character and deletes it, so the policy stays the same size and valid. */
async function edits(page, count, until) {
  const samples = [];
  for (let i = 0; i < count; i += 1) samples.push(await timeEdit(page, i % 2 === 0 ? 'x' : 'Backspace', until));
  return samples;
}

const validPolicy = (page) => page.waitForFunction(() => document.getElementById('policy-status')?.textContent?.startsWith('Valid policy'));

export async function runStudioBench({ smoke = false } = {}) {
  if (!existsSync(join(STUDIO_DIR, 'index.html'))) throw new Error(`missing ${STUDIO_DIR}/index.html: build the Studio first (npm run build:studio)`);
  const counts = smoke ? { warmUp: 2, recheck: 4, corpus: 2 } : { warmUp: 20, recheck: 200, corpus: 30 };
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    await serveIsolated(context, fileFor);
    const page = await context.newPage();
    page.on('console', (message) => message.type() === 'error' && !message.text().includes('404') && console.error(`page: ${message.text()}`));
    await page.goto(`${ORIGIN}/`);
    await validPolicy(page);
    const isolated = await page.evaluate(() => crossOriginIsolated);

    // Re-check: the example policy, a 3,000-character LinkedIn draft.
    await page.setInputFiles('#policy-file', EXAMPLE_POLICY);
    await validPolicy(page);
    await page.selectOption('#try-platform', 'linkedin');
    await page.click('#draft-editor .cm-content');
    await page.keyboard.insertText(await draftOf(DRAFT_CHARS));
    const counter = await page.locator('#length-counter').textContent();
    const findings = await page.locator('#draft-findings .finding-item').count();
    await caretInRevision(page);
    await edits(page, counts.warmUp, DONE.draft);
    const recheck = await edits(page, counts.recheck, DONE.draft);

    // Corpus: its own policy and its labeled texts, measured in the worker.
    await page.setInputFiles('#policy-file', CORPUS_POLICY);
    await validPolicy(page);
    await page.click('#tab-corpus');
    await page.setInputFiles('#corpus-file', CORPUS_POSTS);
    await page.locator('#corpus-output .corpus-status:not(.meta)').waitFor({ timeout: 60_000 });
    const summary = await page.locator('#corpus-output .corpus-status').textContent();
    await caretInRevision(page);
    await edits(page, 2, DONE.corpus);
    const corpus = await edits(page, counts.corpus, DONE.corpus);

    const result = {
      browser: `Chromium ${browser.version()}`,
      timer: isolated ? 'isolated (5 µs)' : 'not isolated (100 µs)',
      recheck: { policy: 'examples/policy.json', draftChars: DRAFT_CHARS, counter, findings, ...stats(recheck) },
      corpus: { policy: 'tests/corpus/policy.json', corpus: 'tests/corpus/posts.jsonl', summary, ...stats(corpus) },
    };
    await writeFile(join(ROOT, 'bench', 'out', 'studio.json'), JSON.stringify(result, null, 1));
    return result;
  } finally {
    await browser.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { recheck, corpus } = await runStudioBench({ smoke: process.argv.includes('--smoke') });
  console.log(`re-check after a policy edit (${recheck.draftChars}-char draft, ${recheck.counter}, ${recheck.findings} findings): p50 ${recheck.p50.toFixed(2)} ms, p95 ${recheck.p95.toFixed(2)} ms, max ${recheck.max.toFixed(2)} ms (${recheck.samples} edits)`);
  console.log(`corpus re-measured after a policy edit (${corpus.summary}): p50 ${corpus.p50.toFixed(1)} ms, p95 ${corpus.p95.toFixed(1)} ms, max ${corpus.max.toFixed(1)} ms (${corpus.samples} edits)`);
}
