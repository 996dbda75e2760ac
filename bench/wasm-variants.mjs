// Compares builds of the WebAssembly package side by side in headless
// Chromium: what a cold start pays (compile + instantiate the module, the
// first policy compile, the first check — V8 compiles each function on its
// first call, so the first uses pay for the module's size too) and the
// steady check time. Variants take turns sample by sample, so a busy
// spell of the machine hits all alike; report ratios between them.
//
//   node bench/gen.mjs            # the inputs (bench/out)
//   node bench/wasm-variants.mjs NAME=PKG_DIR ... [--samples N]
//
// Each PKG_DIR is a wasm-pack `--target web` output (checker_wasm.js and
// checker_wasm_bg.wasm). Every sample appends a custom section with a fresh
// nonce to the module's bytes and imports a fresh copy of the glue, so no
// sample reuses V8's compiled code from another.
import { chromium } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM, CHROMIUM_ARGS } from './browser.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const ORIGIN = 'https://variants.postlint.test';
const args = process.argv.slice(2);
const samplesAt = args.indexOf('--samples');
const SAMPLES = samplesAt >= 0 ? Number(args[samplesAt + 1]) : 15;
const variants = args.filter((a, i) => a.includes('=') && i !== samplesAt + 1).map((a) => {
  const [name, dir] = a.split('=');
  return { name, dir: resolve(dir) };
});
if (variants.length === 0) throw new Error('usage: node bench/wasm-variants.mjs NAME=PKG_DIR ... [--samples N]');

const inputs = JSON.parse(await readFile(join(ROOT, 'bench', 'out', 'inputs.json'), 'utf8'));
const TERMS = '10000';
const policyFile = join(ROOT, 'bench', 'out', inputs.policies[`terms${TERMS}`]?.file ?? `policy-terms${TERMS}.json`);
if (!existsSync(policyFile)) throw new Error(`missing ${policyFile}: run node bench/gen.mjs (not --smoke)`);
const policy10k = await readFile(policyFile, 'utf8');
const text = inputs.texts['3000'];

const PAGE = '<!doctype html><meta charset="utf-8"><title>variants</title>';

/** One cold start and steady checks of `name`'s package, in the page. */
async function sample(page, name, nonce, policyText) {
  return page.evaluate(
    async ({ name, nonce, policyText, text, context }) => {
      const bytes = new Uint8Array(await (await fetch(`/v/${name}/checker_wasm_bg.wasm`)).arrayBuffer());
      // A custom section (id 0) named "n" holding the nonce: new bytes, same code.
      const payload = new TextEncoder().encode(`n${String(nonce).padStart(12, '0')}`);
      const fresh = new Uint8Array(bytes.length + 3 + payload.length);
      fresh.set(bytes);
      fresh.set([0, payload.length + 1, 1], bytes.length);
      fresh.set(payload, bytes.length + 3);
      const glue = await import(`/v/${name}/checker_wasm.js?sample=${nonce}`);
      let t = performance.now();
      await glue.default({ module_or_path: fresh });
      const instantiateMs = performance.now() - t;
      t = performance.now();
      const checker = glue.Checker.compile(policyText ?? glue.defaultPolicy());
      const policyMs = performance.now() - t;
      t = performance.now();
      checker.checkJson(text, context);
      const firstCheckMs = performance.now() - t;
      // Steady state, once V8 has tiered the hot code up: the median of
      // batches of checks after half a second of checking.
      for (const start = performance.now(); performance.now() - start < 500; ) checker.checkJson(text, context);
      const batches = [];
      for (let b = 0; b < 15; b++) {
        const start = performance.now();
        let n = 0;
        while (performance.now() - start < 5) {
          checker.checkJson(text, context);
          n++;
        }
        batches.push((performance.now() - start) / n);
      }
      batches.sort((a, b) => a - b);
      checker.free();
      return { instantiateMs, policyMs, firstCheckMs, checkMs: batches[7] };
    },
    { name, nonce, policyText, text, context: { ...inputs.context, date: '2026-12-07', attachments: [] } },
  );
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
try {
  const context = await browser.newContext();
  await context.route('**/*', async (route) => {
    const { origin, pathname } = new URL(route.request().url());
    if (origin !== ORIGIN) return route.abort('blockedbyclient');
    const isolated = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };
    const match = pathname.match(/^\/v\/([^/]+)\/(checker_wasm(?:_bg\.wasm|\.js))$/);
    const variant = match && variants.find((v) => v.name === match[1]);
    if (!variant) return route.fulfill({ status: 200, headers: { ...isolated, 'content-type': 'text/html' }, body: PAGE });
    const type = match[2].endsWith('.wasm') ? 'application/wasm' : 'text/javascript';
    await route.fulfill({ status: 200, headers: { ...isolated, 'content-type': type }, body: await readFile(join(variant.dir, match[2])) });
  });
  const results = Object.fromEntries(variants.map((v) => [v.name, { default: [], terms10000: [] }]));
  let nonce = 0;
  for (let round = 0; round < SAMPLES; round++) {
    for (const [policyName, policyText] of [['default', null], ['terms10000', policy10k]]) {
      for (const { name } of variants) {
        // A fresh page per sample: nothing of the module stays warm.
        const page = await context.newPage();
        await page.goto(`${ORIGIN}/`);
        results[name][policyName].push(await sample(page, name, ++nonce, policyText));
        await page.close();
      }
    }
  }
  const sizes = Object.fromEntries(await Promise.all(variants.map(async (v) => [v.name, (await readFile(join(v.dir, 'checker_wasm_bg.wasm'))).length])));
  console.log(`${SAMPLES} samples per variant and policy; medians in ms; 3000-char post`);
  console.log('variant | bytes | policy | compile+instantiate | policy compile | first check | cold total | steady check');
  for (const { name } of variants) {
    for (const policyName of ['default', 'terms10000']) {
      const runs = results[name][policyName];
      const m = (key) => median(runs.map((r) => r[key]));
      const total = median(runs.map((r) => r.instantiateMs + r.policyMs + r.firstCheckMs));
      console.log(`${name} | ${sizes[name]} | ${policyName} | ${m('instantiateMs').toFixed(1)} | ${m('policyMs').toFixed(1)} | ${m('firstCheckMs').toFixed(2)} | ${total.toFixed(1)} | ${(m('checkMs') * 1000).toFixed(1)} µs`);
    }
  }
} finally {
  await browser.close();
}
