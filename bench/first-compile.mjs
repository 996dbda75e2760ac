// Why a fresh service worker compiles a policy slower than the page
// benchmark: V8 compiles each WebAssembly function on its first call and
// optimizes the hot ones in the background, so the first compile after
// instantiating runs on baseline code while the optimizer competes for the
// cores. This instantiates the package and compiles the 10,000-term policy
// four times in a row; run it once as is and once with V8's optimizing tier
// off to see the difference.
//
//   node bench/first-compile.mjs
//   node --liftoff-only bench/first-compile.mjs
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { patterns, policy, terms } from './gen.mjs';

const pkg = new URL('../checker-wasm/pkg/', import.meta.url);
const wasm = await import(new URL('checker_wasm.js', pkg));
const started = performance.now();
await wasm.default({ module_or_path: readFileSync(new URL('checker_wasm_bg.wasm', pkg)) });
const instantiateMs = performance.now() - started;
const text = JSON.stringify(policy(terms(10_000), patterns(200)));
const compiles = [];
for (let i = 0; i < 4; i += 1) {
  const before = performance.now();
  wasm.Checker.compile(text).free();
  compiles.push(performance.now() - before);
}
console.log(`instantiate ${instantiateMs.toFixed(0)} ms; compiling the 10,000-term policy, 1st to 4th time: ${compiles.map((ms) => ms.toFixed(0)).join(', ')} ms`);
