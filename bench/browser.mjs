// Runs bench/browser/page.mjs in headless Debian Chromium (same flags as the
// e2e tests, no extension) and writes bench/out/browser.json. The page, the
// WebAssembly package and the inputs are served from memory at a made-up
// https origin, cross-origin isolated so performance.now() has 5 µs
// resolution instead of 100 µs.
//
//   node bench/browser.mjs [--smoke]
import { chromium } from 'playwright-core';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const ORIGIN = 'https://bench.postlint.test';
const MOUNTS = { '/pkg/': join(ROOT, 'checker-wasm', 'pkg'), '/out/': join(ROOT, 'bench', 'out'), '/': join(ROOT, 'bench', 'browser') };
const TYPES = { '.html': 'text/html; charset=utf-8', '.mjs': 'text/javascript', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.wasm': 'application/wasm' };

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-gpu'];

/**
 * Serves every request of `context` from the file `fileFor(url)` names,
 * cross-origin isolated so that the page's timer has 5 µs resolution;
 * a request it names no file for is refused (there is no network here).
 */
export async function serveIsolated(context, fileFor) {
  await context.route('**/*', async (route) => {
    const path = fileFor(route.request().url());
    if (!path) return route.abort('blockedbyclient');
    const body = await readFile(path).catch(() => null);
    if (!body) return route.fulfill({ status: 404, body: 'not found' });
    await route.fulfill({
      status: 200,
      headers: {
        'content-type': TYPES[path.slice(path.lastIndexOf('.'))] ?? 'application/octet-stream',
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-embedder-policy': 'require-corp',
      },
      body,
    });
  });
}

function fileFor(url) {
  const { origin, pathname } = new URL(url);
  if (origin !== ORIGIN) return null;
  const mount = Object.keys(MOUNTS).find((prefix) => pathname.startsWith(prefix));
  const path = normalize(join(MOUNTS[mount], pathname.slice(mount.length) || 'page.html'));
  return path.startsWith(MOUNTS[mount]) ? path : null;
}

export async function runBrowserBench({ smoke = false } = {}) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext();
    await serveIsolated(context, fileFor);
    const page = await context.newPage();
    page.on('console', (message) => message.type() === 'error' && console.error(`page: ${message.text()}`));
    await page.goto(`${ORIGIN}/page.html`);
    await page.waitForFunction(() => window.benchReady === true);
    const options = smoke
      ? { compileRepeats: 1, timing: { budgetMs: 0, minSamples: 1, batchMs: 0, maxMs: 0 } }
      : { compileRepeats: 5, timing: { budgetMs: 3000, minSamples: 20, batchMs: 5, maxMs: 12000 } };
    const result = await page.evaluate((options) => window.runBench(options), options);
    result.browser = `Chromium ${browser.version()}`;
    result.userAgent = await page.evaluate(() => navigator.userAgent);
    await writeFile(join(ROOT, 'bench', 'out', 'browser.json'), JSON.stringify(result, null, 1));
    return result;
  } finally {
    await browser.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await runBrowserBench({ smoke: process.argv.includes('--smoke') });
  for (const [name, p] of Object.entries(result.policies)) {
    for (const [length, t] of Object.entries(p.texts)) {
      console.log(`${name} ${length}: engine ${t.engine.medianMs.toFixed(4)} ms, baseline ${t.baseline.medianMs.toFixed(4)} ms, same term matches: ${t.sameTermMatches} (${t.termMatches})`);
    }
  }
}
