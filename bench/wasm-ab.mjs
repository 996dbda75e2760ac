// Compares the check and policy-compile times of builds of the WebAssembly
// package in Node, for changes that must not slow the check (issue #20's
// profiles and wasm-opt passes): every variant is loaded once, then the
// variants take turns, round after round, so a busy spell of the machine
// hits all alike. On a shared machine its ratios hold to about 1 %, where
// `wasm-variants.mjs` (a fresh browser page per sample) scatters by 10-20 %;
// that one measures the cold start, which this one does not.
//
//   node bench/gen.mjs            # the inputs (bench/out)
//   node bench/wasm-ab.mjs BASE=PKG_DIR NAME=PKG_DIR ... [--rounds N]
//
// Each PKG_DIR is a wasm-pack `--target web` output; ratios are to the first.
// Check: batches of 300 checks of the 3000-character post, with the default
// policy and with the 10,000-term one (which has 200 patterns), after a
// warm-up; median and 10th percentile of the per-check times. Compile: the
// 10,000-term policy, median.
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const roundsAt = args.indexOf('--rounds');
const ROUNDS = roundsAt >= 0 ? Number(args[roundsAt + 1]) : 20;
const variants = args.filter((a, i) => a.includes('=') && i !== roundsAt + 1).map((a) => {
  const [name, dir] = a.split('=');
  return { name, dir: resolve(dir) };
});
if (variants.length === 0) throw new Error('usage: node bench/wasm-ab.mjs BASE=PKG_DIR NAME=PKG_DIR ... [--rounds N]');

const inputs = JSON.parse(await readFile(join(ROOT, 'bench', 'out', 'inputs.json'), 'utf8'));
const policy10k = await readFile(join(ROOT, 'bench', 'out', inputs.policies.terms10000?.file ?? 'policy-terms10000.json'), 'utf8');
const text = inputs.texts['3000'];
const context = { ...inputs.context, date: '2026-12-07', attachments: [] };
const POLICIES = ['default', 'terms10000'];

for (const variant of variants) {
  // The query string makes each variant's glue a module of its own.
  variant.glue = await import(`${pathToFileURL(join(variant.dir, 'checker_wasm.js')).href}?${variant.name}`);
  variant.glue.initSync({ module: await readFile(join(variant.dir, 'checker_wasm_bg.wasm')) });
  variant.checkers = {
    default: variant.glue.Checker.compile(variant.glue.defaultPolicy()),
    terms10000: variant.glue.Checker.compile(policy10k),
  };
  variant.check = Object.fromEntries(POLICIES.map((p) => [p, []]));
  variant.compile = [];
  for (const policy of POLICIES) for (let i = 0; i < 3000; i++) variant.checkers[policy].checkJson(text, context);
}

const BATCH = 300;
for (let round = 0; round < ROUNDS; round++) {
  // Alternate the order, so that no variant always runs right after another.
  const order = round % 2 ? variants : [...variants].reverse();
  for (const policy of POLICIES) {
    for (const variant of order) {
      const checker = variant.checkers[policy];
      const start = performance.now();
      for (let i = 0; i < BATCH; i++) checker.checkJson(text, context);
      variant.check[policy].push(((performance.now() - start) / BATCH) * 1000);
    }
  }
  if (round % 2 === 0) {
    for (const variant of order) {
      const start = performance.now();
      variant.glue.Checker.compile(policy10k).free();
      variant.compile.push(performance.now() - start);
    }
  }
}

const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * q)];
const [base] = variants;
console.log(`${ROUNDS} rounds; check: µs per check of the 3000-character post; compile: ms; ratios to ${base.name}`);
console.log('variant | policy | check median | check p10 | ratio median | ratio p10 | compile terms10000 | ratio');
for (const variant of variants) {
  for (const policy of POLICIES) {
    const [median, p10] = [0.5, 0.1].map((q) => quantile(variant.check[policy], q));
    const [baseMedian, baseP10] = [0.5, 0.1].map((q) => quantile(base.check[policy], q));
    const compile = quantile(variant.compile, 0.5);
    const compileCells = policy === 'terms10000' ? `${compile.toFixed(1)} | ${(compile / quantile(base.compile, 0.5)).toFixed(3)}` : ' | ';
    console.log(`${variant.name} | ${policy} | ${median.toFixed(1)} | ${p10.toFixed(1)} | ${(median / baseMedian).toFixed(3)} | ${(p10 / baseP10).toFixed(3)} | ${compileCells}`);
  }
}
