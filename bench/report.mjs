// Reads what the benchmark run left behind and writes bench/REPORT.md:
// criterion's estimates and samples (target/criterion), the native memory
// probe, the browser page (WASM engine and JavaScript baseline), the
// end-to-end extension run and Postlint Studio's live feedback
// (bench/out/*.json).
//
//   node bench/report.mjs           → bench/REPORT.md
//   node bench/report.mjs --smoke   → bench/out/REPORT-smoke.md (no native part)
//
// Exits 1 when the engine and the baseline disagree about a term match, so
// a benchmark that no longer compares like with like fails loudly.
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'bench', 'out');
const SMOKE = process.argv.includes('--smoke');
const CRITERION = join(process.env.CARGO_TARGET_DIR ?? join(ROOT, 'target'), 'criterion');
// Cold path (issue #20): cold start p50, the first check after the worker
// stopped (p95), and the module's size, raw and gzipped (-9).
const TARGETS = { speedup: 10, wasmRatio: 2.5, paintedP95: 16, coldDefault: 40, cold10k: 80, stoppedDefaultP95: 8, stopped10kP95: 16, wasmRawBytes: 1.2e6, wasmGzipBytes: 450e3, wasmMemory100k: 64 * 2 ** 20, studioRecheckP95: 50, studioCorpusP95: 1000 };

const readJson = (path) => (existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null);
/** The development corpus's labeled texts, one per line. */
const corpusTexts = readFileSync(join(ROOT, 'tests', 'corpus', 'posts.jsonl'), 'utf8').split('\n').filter((line) => line.trim()).length;
const inputs = readJson(join(OUT, 'inputs.json'));
const browser = readJson(join(OUT, 'browser.json'));
const e2e = readJson(join(OUT, 'e2e.json'));
const studio = readJson(join(OUT, 'studio.json'));
const nativeMemory = SMOKE ? null : readJson(join(OUT, 'native-memory.json'));

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** criterion's results by full id (`check/terms100/280`): median from estimates.json, p95 from sample.json's per-iteration times; ms. */
function criterionResults() {
  const results = {};
  if (SMOKE || !existsSync(CRITERION)) return results;
  const walk = (dir) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (!statSync(path).isDirectory()) continue;
      if (entry === 'new' && existsSync(join(path, 'benchmark.json'))) {
        const { full_id: id } = readJson(join(path, 'benchmark.json'));
        const estimates = readJson(join(path, 'estimates.json'));
        const sample = readJson(join(path, 'sample.json'));
        const perIteration = sample.times.map((time, i) => time / sample.iters[i]);
        results[id] = { medianMs: estimates.median.point_estimate / 1e6, p95Ms: percentile(perIteration, 95) / 1e6, samples: perIteration.length };
      } else walk(path);
    }
  };
  walk(CRITERION);
  return results;
}
const native = criterionResults();

/** A duration in ms, or µs below 1 ms. */
function time(ms) {
  if (typeof ms !== 'number' || Number.isNaN(ms)) return '–';
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 1) return `${ms.toFixed(2)} ms`;
  const us = ms * 1000;
  return `${us >= 10 ? us.toFixed(1) : us.toFixed(2)} µs`;
}
const ratio = (a, b) => (typeof a === 'number' && typeof b === 'number' && b > 0 ? `${(a / b).toFixed(a / b >= 10 ? 0 : 2)}×` : '–');
const mib = (bytes) => (typeof bytes === 'number' ? `${(bytes / 2 ** 20).toFixed(1)} MiB` : '–');
const kib = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;
const pass = (ok) => (ok === null ? 'pending' : ok ? '✅ met' : '❌ missed');
const table = (head, rows) => [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

const policies = Object.keys(inputs.policies);
const lengths = Object.keys(inputs.texts);
const termsLabel = (name) => `${inputs.policies[name].terms.toLocaleString('en')} terms`;
const nativeCheck = (name, length) => native[`check/${name}/${length}`];
/** The check plus the report as JSON text: the work `Checker.checkJson` does in the browser. */
const nativeCheckJson = (name, length) => native[`check-json/${name}/${length}`];
const wasmCheck = (name, length) => browser?.policies[name]?.texts[length];
const pickPolicy = (terms) => policies.find((name) => inputs.policies[name].terms === terms);
const pickLength = (n) => lengths.find((l) => Number(l) === n);

function sh(command, args) {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '?';
  }
}

// --- machine
// The service worker's module (pkg-worker, what every cold start compiles)
// and the Studio's, which has everything.
const wasmFile = (pkg) => {
  const path = join(ROOT, 'checker-wasm', pkg, 'checker_wasm_bg.wasm');
  if (!existsSync(path)) return null;
  const bytes = readFileSync(path);
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};
const workerWasm = wasmFile('pkg-worker');
const studioWasm = wasmFile('pkg');
const lines = [];
const push = (...more) => lines.push(...more);
push(
  '# Postlint performance report',
  '',
  `Generated by \`${SMOKE ? 'node bench/report.mjs --smoke' : './dev bench'}\` on ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}, commit \`${sh('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD'])}\`${sh('git', ['-C', ROOT, 'status', '--porcelain']) ? ' (with uncommitted changes)' : ''}.`,
  '',
  `- **Machine:** ${cpus().length} cores (nproc ${sh('nproc', [])}), ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory (${(freemem() / 2 ** 30).toFixed(1)} GiB free at the end)`,
  `- **Load average at the end of the run:** ${loadavg().map((l) => l.toFixed(2)).join(', ')} (1, 5, 15 min). Other jobs shared the machine; every ratio below compares figures from the same run.`,
  `- **Browser:** headless ${browser?.browser ?? e2e?.browser ?? '–'} (Debian), ${browser?.timerResolution ?? ''} timer`,
  `- **Toolchain:** ${sh('rustc', ['--version'])}; Node ${process.version}`,
  '- **Method and the fixes this suite led to (before → after):** `bench/README.md`.',
  `- **Inputs:** \`bench/gen.mjs\` (deterministic): policies of ${policies.map(termsLabel).join(', ')}, each with the base pack and ${inputs.matrix.patterns} patterns; posts of ${lengths.join(', ')} characters of German/English prose naming listed terms and pattern ids; context LinkedIn post, German.`,
  '',
);

// --- key table
const wasmNative = [];
for (const name of policies) for (const length of lengths) {
  const w = wasmCheck(name, length)?.engine.medianMs;
  const n = nativeCheckJson(name, length)?.medianMs;
  if (w && n) wasmNative.push({ name, length, ratio: w / n });
}
const p10k = pickPolicy(10_000);
const p100k = pickPolicy(100_000);
const l3000 = pickLength(3000);
const at10k3000 = p10k && l3000 ? wasmCheck(p10k, l3000) : null;
const speedup = at10k3000 ? at10k3000.baseline.medianMs / at10k3000.engine.medianMs : null;
const speedupSameRules = at10k3000?.engineSameRules ? at10k3000.baseline.medianMs / at10k3000.engineSameRules.medianMs : null;
const worstWasmRatio = wasmNative.length ? wasmNative.reduce((a, b) => (b.ratio > a.ratio ? b : a)) : null;
// End to end: the built-in default policy and the 10,000-term policy (managed), each in its own browser.
const e2eRuns = e2e ? [['default policy', e2e.default], [`${(e2e.managed?.terms ?? 10_000).toLocaleString('en')} terms (managed)`, e2e.managed?.editors ? e2e.managed : null]].filter(([, run]) => run) : [];
const typingRows = e2eRuns.flatMap(([policyName, run]) => run.editors.map((r) => ({ ...r, policyName })));
const worstPainted = typingRows.length ? typingRows.reduce((a, b) => (b.afterDebounce.p95 > a.afterDebounce.p95 ? b : a)) : null;
const worstAnimating = typingRows.length ? typingRows.reduce((a, b) => (b.animating.afterDebounce.p95 > a.animating.afterDebounce.p95 ? b : a)) : null;
const worstApplied = typingRows.length ? typingRows.reduce((a, b) => (b.applied.p95 > a.applied.p95 ? b : a)) : null;
const coldDefault = e2e?.default?.coldStart.total;
const cold10k = e2e?.managed?.coldStart?.total;
const cold10kSkipped = e2e?.managed?.skipped ?? (e2e ? null : 'the end-to-end run did not run');
const stoppedDefault = e2e?.default?.coldStart.endToEnd;
const stopped10k = e2e?.managed?.coldStart?.endToEnd;
/** The same start without an image: the first start after the policy changed. */
const compiledNote = (run) => `without an image (first start with a new policy) p50 ${run.coldStartCompiled.total.p50.toFixed(1)} ms`;
const stoppedCompiledNote = (run) => `without an image p95 ${run.coldStartCompiled.endToEnd.p95.toFixed(1)} ms`;
const wasm100k = p100k ? browser?.policies[p100k] : null;
const wasm100kBytes = wasm100k ? wasm100k.memoryAfterCompileBytes : null;

push('## Targets', '');
push(
  table(
    ['measure', 'target', 'measured', ''],
    [
      ['engine vs JS baseline, 10,000 terms, 3,000 chars, same browser', `≥ ${TARGETS.speedup}× faster`, speedup ? `${speedup.toFixed(1)}× faster (${time(at10k3000.engine.medianMs)} vs ${time(at10k3000.baseline.medianMs)} median)` : '–', pass(speedup === null ? null : speedup >= TARGETS.speedup)],
      ['  the same, engine limited to the baseline\'s rules (terms + patterns)', `≥ ${TARGETS.speedup}× faster`, speedupSameRules ? `${speedupSameRules.toFixed(1)}× faster (${time(at10k3000.engineSameRules.medianMs)} vs ${time(at10k3000.baseline.medianMs)} median)` : '–', pass(speedupSameRules === null ? null : speedupSameRules >= TARGETS.speedup)],
      ['WASM vs native, same work: check + report as JSON text (worst cell of the matrix)', `≤ ${TARGETS.wasmRatio}× slower`, worstWasmRatio ? `${worstWasmRatio.ratio.toFixed(2)}× (${termsLabel(worstWasmRatio.name)}, ${worstWasmRatio.length} chars); median of cells ${percentile(wasmNative.map((r) => r.ratio), 50).toFixed(2)}×` : '–', pass(worstWasmRatio === null ? null : worstWasmRatio.ratio <= TARGETS.wasmRatio)],
      ['keystroke → highlights painted, after the debounce (worst editor/length)', `p95 ≤ ${TARGETS.paintedP95} ms`, worstPainted ? `p95 ${worstPainted.afterDebounce.p95.toFixed(1)} ms painted (${worstPainted.editor}, ${worstPainted.length} chars, ${worstPainted.policyName}); highlights set p95 ${worstApplied.applied.p95.toFixed(1)} ms (${worstApplied.editor}, ${worstApplied.length} chars, ${worstApplied.policyName}). On a page that animates meanwhile: p95 ${worstAnimating.animating.afterDebounce.p95.toFixed(1)} ms painted (${worstAnimating.editor}, ${worstAnimating.length} chars, ${worstAnimating.policyName}), since its running frame clock adds 0–16.7 ms` : '–', pass(worstPainted ? worstPainted.afterDebounce.p95 <= TARGETS.paintedP95 : null)],
      ['service worker cold start, default policy (restoring the engine image)', `≤ ${TARGETS.coldDefault} ms`, coldDefault ? `p50 ${coldDefault.p50.toFixed(1)} ms, p95 ${coldDefault.p95.toFixed(1)} ms; ${compiledNote(e2e.default)}` : '–', pass(coldDefault ? coldDefault.p50 <= TARGETS.coldDefault : null)],
      ['service worker cold start, 10,000-term policy (managed, restoring the engine image)', `≤ ${TARGETS.cold10k} ms`, cold10k ? `p50 ${cold10k.p50.toFixed(1)} ms, p95 ${cold10k.p95.toFixed(1)} ms; ${compiledNote(e2e.managed)}${p10k && browser ? ` (policy compile alone p50 ${e2e.managed.coldStartCompiled.policy.p50.toFixed(1)} ms in the fresh worker, ${time(browser.policies[p10k].compile.medianMs)} median in the page, whose module V8 has already optimized)` : ''}` : `not measured: ${cold10kSkipped}`, cold10k ? pass(cold10k.p50 <= TARGETS.cold10k) : 'not measured'],
      ['stopped worker, default policy: debounce fired → painted', `p95 ≤ ${TARGETS.stoppedDefaultP95} ms`, stoppedDefault ? `p95 ${stoppedDefault.p95.toFixed(1)} ms, p50 ${stoppedDefault.p50.toFixed(1)} ms; ${stoppedCompiledNote(e2e.default)}` : '–', pass(stoppedDefault ? stoppedDefault.p95 <= TARGETS.stoppedDefaultP95 : null)],
      ['stopped worker, 10,000-term policy (managed): debounce fired → painted', `p95 ≤ ${TARGETS.stopped10kP95} ms`, stopped10k ? `p95 ${stopped10k.p95.toFixed(1)} ms, p50 ${stopped10k.p50.toFixed(1)} ms; ${stoppedCompiledNote(e2e.managed)}` : `not measured: ${cold10kSkipped}`, stopped10k ? pass(stopped10k.p95 <= TARGETS.stopped10kP95) : 'not measured'],
      ['the service worker\'s checker_wasm_bg.wasm, raw / gzip -9', `≤ ${TARGETS.wasmRawBytes / 1e6} MB / ≤ ${TARGETS.wasmGzipBytes / 1e3} KB`, workerWasm ? `${(workerWasm.raw / 1e6).toFixed(2)} MB / ${(workerWasm.gzip / 1e3).toFixed(0)} KB` : '–', pass(workerWasm ? workerWasm.raw <= TARGETS.wasmRawBytes && workerWasm.gzip <= TARGETS.wasmGzipBytes : null)],
      ['compiled 100,000-term policy in WASM', `≤ 64 MiB`, wasm100kBytes ? `${mib(wasm100kBytes)} linear memory (fresh instance, after compile)` : '–', pass(wasm100kBytes ? wasm100kBytes <= TARGETS.wasmMemory100k : null)],
      ['Studio: policy edit → recompiled, tests run and a 3,000-char draft rechecked (example policy)', `p95 ≤ ${TARGETS.studioRecheckP95} ms`, studio ? `p95 ${studio.recheck.p95.toFixed(1)} ms, p50 ${studio.recheck.p50.toFixed(1)} ms (${studio.recheck.samples} edits, ${studio.recheck.findings} findings)` : '–', pass(studio ? studio.recheck.p95 <= TARGETS.studioRecheckP95 : null)],
      [`Studio: policy edit → corpus re-measured in the worker (tests/corpus, ${corpusTexts} texts)`, `p95 ≤ ${TARGETS.studioCorpusP95 / 1000} s`, studio ? `p95 ${time(studio.corpus.p95)}, p50 ${time(studio.corpus.p50)} (${studio.corpus.samples} edits)` : '–', pass(studio ? studio.corpus.p95 <= TARGETS.studioCorpusP95 : null)],
    ],
  ),
  '',
  'Cold start is judged by its median; the p95 of a handful of cold starts on a shared machine mostly measures the neighbours. It runs from the start of the background\'s start-up (`update` in background/policy.ts) until the policy is ready, as when issue #20 was filed; the section "End to end" also gives it from the worker script\'s first line. Since issue #20 a restarted worker restores the engine with the policy compiled from the image the previous worker kept (background/engine-instance.ts); only the first start with a new policy compiles, given beside each figure.',
  '',
  '"Stopped worker" is the DevTools protocol stopping the worker between two keystrokes. Since issue #20 a pause in a focused compose box no longer gets there: the content script pings the worker every 20 s while the box has focus and was typed in within 5 minutes (`extension/src/content/keep-alive.ts`; `tests/e2e/keep-alive.test.mjs` watches Chromium keep the worker through a 45-second pause and stop it once the box is left). The stopped-worker rows are what remains: the first check after the writer left the box for more than 30 s.',
  '',
  'Studio (`bench/studio.mjs`): the built page (dist/studio) in the same headless Chromium, one character typed into or deleted from the policy per sample, timed in the page from the keydown until the draft\'s findings (or the corpus table, computed by the worker) are replaced: everything the page does for an edit, the rules and tests panels included.',
  '',
);

// --- check times
push('## Check time', '', 'Median and p95 per check. Native: criterion (`cargo bench`, release, LTO), p95 over its samples\' per-iteration times. WASM: `Checker.checkJson` of the `--target web` package in the browser page — the call the extension\'s worker makes, returning the report as JSON text that the page parses where it uses it — with `performance.now()` around batches of checks (one sample per batch of ≥ 5 ms; engine, restricted engine and baseline batches interleaved round by round, so a busy spell of the machine hits all three alike). "WASM / native" compares it with the native check plus `serde_json::to_string` of the report (criterion group `check-json`), the same work but for the `\\u` escapes that `checkJson` writes for characters outside ASCII (a little more work on the WASM side). Baseline: the JavaScript RegExp checker (`bench/browser/baseline.mjs`), terms and patterns only — it does none of the engine\'s other rules, folding or evasion handling, so it does less work than the engine.', '');
const checkRows = [];
for (const name of policies) for (const length of lengths) {
  const n = nativeCheck(name, length);
  const nj = nativeCheckJson(name, length);
  const w = wasmCheck(name, length);
  checkRows.push([
    termsLabel(name),
    length,
    n ? `${time(n.medianMs)} / ${time(n.p95Ms)}` : '–',
    nj ? time(nj.medianMs) : '–',
    w ? `${time(w.engine.medianMs)} / ${time(w.engine.p95Ms)}` : '–',
    ratio(w?.engine.medianMs, nj?.medianMs),
    w ? `${time(w.baseline.medianMs)} / ${time(w.baseline.p95Ms)}` : '–',
    w ? `**${ratio(w.baseline.medianMs, w.engine.medianMs)}**` : '–',
    w?.engineSameRules ? `${time(w.engineSameRules.medianMs)} / ${time(w.engineSameRules.p95Ms)}` : '–',
    w?.engineSameRules ? `**${ratio(w.baseline.medianMs, w.engineSameRules.medianMs)}**` : '–',
    w ? `${w.sameTermMatches ? 'yes' : '**NO**'} (${w.termMatches})` : '–',
  ]);
}
push(table(['policy', 'chars', 'native check median / p95', 'native check + JSON text, median', 'WASM (checkJson) median / p95', 'WASM / native (same work)', 'JS baseline median / p95', 'baseline / WASM', 'WASM, terms + patterns only, median / p95', 'baseline / that', 'same term matches (count)'], checkRows), '');
push('"Terms + patterns only": the same policy with the base pack\'s detectors (e-mail, phone, IBAN, cards, secrets, links, hosts, shouting, punctuation, length, attachments, quotations) switched off by `overrides`, so the engine does the baseline\'s work — still with evasion folding.', '');
push('"Same term matches": the set of (start, end) of the engine\'s `bench.terms` findings equals the baseline\'s matches of that rule on that text. The posts are free of evasions, so both must find exactly the same spans.', '');

// --- compile and memory
push('## Compile time and memory per policy', '');
const compileRows = [];
for (const name of ['default', ...policies]) {
  const n = native[`compile/${name}`];
  const b = browser?.policies[name];
  const m = nativeMemory?.[name];
  compileRows.push([
    name === 'default' ? 'built-in default (base pack)' : `${termsLabel(name)} + base + ${inputs.matrix.patterns} patterns`,
    n ? `${time(n.medianMs)} / ${time(n.p95Ms)}` : '–',
    b ? `${time(b.compile.medianMs)} / ${time(b.compile.p95Ms)}` : name === 'default' && e2e?.default ? `${e2e.default.coldStartCompiled.policy.p50.toFixed(1)} ms (in the extension's fresh worker, p50)` : '–',
    b ? time(b.baselineBuildMs + (b.texts[lengths[0]]?.baselineFirstMs ?? 0)) : '–',
    m ? mib(m.retainedBytes) : '–',
    m ? mib(m.peakBytes) : '–',
    b ? mib(b.memoryAfterCompileBytes) : name === 'default' && e2e?.default?.coldStartCompiled.wasmMemoryBytes ? `${mib(e2e.default.coldStartCompiled.wasmMemoryBytes)} (extension)` : '–',
  ]);
}
push(table(['policy', 'native compile median / p95', 'WASM compile median / p95', 'baseline build + first check', 'native retained heap', 'native peak while compiling', 'WASM linear memory after compile'], compileRows), '');
push('Compile = `Policy::from_json` + `compile` (native: criterion, 10 samples; WASM: `Checker.compile`, 5 runs). Native memory: a counting global allocator (`checker-core/benches/memory.rs`) — bytes still allocated once only the `Checker` is kept, and the peak while reading and compiling; requested bytes, without allocator slack. WASM memory: `WebAssembly.Memory.buffer.byteLength` of a fresh instance right after compiling (linear memory never shrinks, so this is the high-water mark of reading plus compiling, allocator slack included); a fresh instance starts at ' + (browser ? mib(Object.values(browser.policies)[0].memoryBeforeBytes) : '–') + '. The baseline\'s RegExps compile lazily on their first use, hence "build + first check" (280 chars).', '');

// --- end to end
push('## End to end in the extension', '');
if (e2e) {
  const pair = (stat, digits = 1) => `${stat.p50.toFixed(digits)} / ${stat.p95.toFixed(digits)}`;
  push(`${e2e.samples ?? '–'} keystrokes per editor, length and page state (typing and deleting a character alternately, at every phase of the frame clock), each policy in a fresh browser; the 10,000-term policy is bench/gen.mjs's, delivered as the managed \`policy\` value through \`/etc/chromium/policies/managed/postlint.json\` → \`chrome.storage.managed\`, as IT deploys it. All times in ms, p50 / p95, from the moment the typing debounce (150 ms) fired.`, '');
  push(
    table(
      ['policy', 'editor (fixture)', 'chars', 'findings', 'highlights set', 'painted (idle page)', 'painted (page animating)', 'keystroke → painted incl. debounce (idle page)'],
      typingRows.map((r) => [r.policyName, r.editor, r.length, r.findings, pair(r.applied), pair(r.afterDebounce), pair(r.animating.afterDebounce), pair(r.sinceChange)]),
    ),
    '',
    '"Painted" is the animation frame after the highlights were set (its requestAnimationFrame callback, just before the browser paints). On an idle page — a compose box, nothing else animating — the browser starts that frame at once. On a page that animates meanwhile (a requestAnimationFrame loop in the fixture) the frame clock is already running, and the highlights wait for its next 60 Hz tick: 0–16.7 ms on top of "highlights set", whatever Postlint does. See bench/README.md.',
    '',
    'Where "highlights set" goes (idle page):',
    '',
    table(
      ['policy', 'editor (fixture)', 'chars', 'read the text', 'port round trip (incl. the check)', 'check in the worker', 'map to ranges + highlight'],
      typingRows.map((r) => [r.policyName, r.editor, r.length, pair(r.extract, 2), pair(r.roundTrip), pair(r.check, 2), pair(r.draw, 2)]),
    ),
    '',
  );
  if (cold10kSkipped) push(`**The 10,000-term policy was not measured end to end:** ${cold10kSkipped}`, '');
  const coldCells = (stat) => `${stat.p50.toFixed(1)} / ${stat.p95.toFixed(1)} / ${stat.max.toFixed(1)}`;
  const coldRuns = e2eRuns.map(([name, run]) => [name, run.coldStart, run.coldStartCompiled]);
  push(
    table(
      ['service worker cold start, p50 / p95 / max ms', ...coldRuns.map(([name]) => name)],
      [
        ['restarted worker: WASM compile + instantiate + restore the policy from the image', ...coldRuns.map(([, c]) => coldCells(c.total))],
        ['  the same, from the worker script\'s first line', ...coldRuns.map(([, c]) => coldCells(c.sinceWorkerStart))],
        ['  of which WASM compile + instantiate', ...coldRuns.map(([, c]) => coldCells(c.wasm))],
        ['  of which restore the policy', ...coldRuns.map(([, c]) => coldCells(c.policy))],
        ['  stopped worker: debounce fired → painted', ...coldRuns.map(([, c]) => coldCells(c.endToEnd))],
        ['first start with a new policy (no image): WASM compile + instantiate + policy compile', ...coldRuns.map(([, , c]) => coldCells(c.total))],
        ['  the same, from the worker script\'s first line', ...coldRuns.map(([, , c]) => coldCells(c.sinceWorkerStart))],
        ['  of which WASM compile + instantiate', ...coldRuns.map(([, , c]) => coldCells(c.wasm))],
        ['  of which policy compile', ...coldRuns.map(([, , c]) => coldCells(c.policy))],
        ['  stopped worker: debounce fired → painted', ...coldRuns.map(([, , c]) => coldCells(c.endToEnd))],
      ],
    ),
    '',
    `Worker memory — JS heap after serving the keystrokes above (V8's count through the DevTools protocol), WebAssembly linear memory of a freshly started worker once the policy is compiled: ${e2eRuns.map(([name, run]) => `${name}: JS heap ${run.workerHeap ? `${mib(run.workerHeap.usedJSHeapSize)} used of ${mib(run.workerHeap.totalJSHeapSize)}` : 'not read'}, WASM linear memory ${mib(run.coldStartCompiled.wasmMemoryBytes)}`).join('; ')}.`,
    '',
  );
} else push('Not run.', '');

const sizeRow = (name, file) => [name, `${kib(file.raw)} (${file.raw.toLocaleString('en')} bytes)`, kib(file.gzip)];
if (workerWasm || studioWasm) {
  const rows = [
    ...(workerWasm ? [sizeRow('checker_wasm_bg.wasm of the service worker (checker-wasm/pkg-worker)', workerWasm)] : []),
    ...(studioWasm ? [sizeRow('checker_wasm_bg.wasm of the Studio (checker-wasm/pkg, everything)', studioWasm)] : []),
  ];
  push('## Package size', '', table(['file', 'raw', 'gzip -9'], rows), '', 'Both without the name section (binaryen\'s wasm-opt, `./dev` build_wasm). The worker\'s leaves out the Studio\'s exports (checker-wasm\'s `studio` feature); the steps and their effect are in bench/README.md, "The cold path".', '');
}

// --- scaling
push('## Scaling', '');
const scaleLength = l3000 ?? lengths.at(-1);
const scaleTerms = p10k ?? policies.at(-1);
const source = (name, length) => nativeCheck(name, length)?.medianMs ?? wasmCheck(name, length)?.engine.medianMs;
const sourceName = Object.keys(native).length ? 'native' : 'WASM';
push(
  `Check time (${sourceName} median) against the number of terms, ${scaleLength}-character post:`,
  '',
  table(['terms', 'check', 'relative to the smallest policy'], policies.map((name) => [inputs.policies[name].terms.toLocaleString('en'), time(source(name, scaleLength)), ratio(source(name, scaleLength), source(policies[0], scaleLength))])),
  '',
  `Check time against the length of the post, ${termsLabel(scaleTerms)}:`,
  '',
  table(['chars', 'check', 'per 1,000 chars'], lengths.map((length) => [length, time(source(scaleTerms, length)), time((source(scaleTerms, length) / Number(length)) * 1000)])),
  '',
  'Check time stays flat as the policy grows (one automaton for all terms) and grows in proportion to the text.',
  '',
);

const mismatches = [];
for (const name of policies) for (const length of lengths) {
  const w = wasmCheck(name, length);
  if (w && !w.sameTermMatches) mismatches.push(`${name} ${length}: engine only ${JSON.stringify(w.onlyEngine)}, baseline only ${JSON.stringify(w.onlyBaseline)}`);
}
if (mismatches.length) push('## Term match differences', '', ...mismatches.map((m) => `- ${m}`), '');

const target = SMOKE ? join(OUT, 'REPORT-smoke.md') : join(ROOT, 'bench', 'REPORT.md');
writeFileSync(target, lines.join('\n'));
console.log(`wrote ${target}`);
if (!browser) {
  console.error('bench/out/browser.json is missing: the browser benchmark did not run');
  process.exit(1);
}
if (mismatches.length) {
  console.error(`the engine and the baseline disagree about term matches:\n${mismatches.join('\n')}`);
  process.exit(1);
}
