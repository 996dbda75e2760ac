// Runs in the benchmark page: the engine (checker-wasm, the extension's
// `Checker` class and code path) and the JavaScript baseline, on the inputs
// from bench/gen.mjs, in one run of one browser. Driven by bench/browser.mjs.
import { compileBaseline } from '/baseline.mjs';

const now = () => performance.now();

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function summarize(samples, extra = {}) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { medianMs: percentile(sorted, 50), p95Ms: percentile(sorted, 95), samples: samples.length, ...extra };
}

/**
 * Times several ways of doing the same job like criterion does — batches of
 * k calls, k chosen per way so a batch lasts at least `batchMs` (timer
 * resolution stays far below it), one sample per batch as time per call —
 * but interleaved: one batch of each way per round, so that a busy spell of
 * the machine slows all of them alike and their ratio stays fair. Rounds go
 * on until `budgetMs` has passed and there are `minSamples` rounds (at most
 * `maxMs`, at least 3 rounds).
 */
function measureInterleaved(runs, { budgetMs, minSamples, batchMs, maxMs }) {
  const ways = Object.entries(runs).map(([name, run]) => {
    run();
    let k = 1;
    for (;;) {
      const start = now();
      for (let i = 0; i < k; i += 1) run();
      if (now() - start >= batchMs || k >= 1 << 16) break;
      k *= 2;
    }
    return { name, run, k, samples: [] };
  });
  const begun = now();
  let rounds = 0;
  while ((rounds < minSamples || now() - begun < budgetMs) && !(rounds >= 3 && now() - begun > maxMs)) {
    for (const way of ways) {
      const start = now();
      for (let i = 0; i < way.k; i += 1) way.run();
      way.samples.push((now() - start) / way.k);
    }
    rounds += 1;
  }
  return Object.fromEntries(ways.map((way) => [way.name, summarize(way.samples, { batch: way.k })]));
}

const spanKey = (start, end) => `${start}-${end}`;

async function json(path) {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

window.runBench = async function runBench(options) {
  const inputs = await json('/out/inputs.json');
  const packTerms = await json('/out/baseline-packs.json');
  const result = { timerResolution: crossOriginIsolated ? 'isolated (5 µs)' : 'not isolated (100 µs)', policies: {} };

  const wasmBytes = await (await fetch('/pkg/checker_wasm_bg.wasm')).arrayBuffer();
  let started = now();
  const wasmModule = await WebAssembly.compile(wasmBytes);
  result.wasmCompileMs = now() - started;

  /**
   * A fresh instance per policy (a new module URL is a new module), so its
   * linear memory shows what this policy needs and nothing before it; then
   * compiles the policy `compileRepeats` times.
   */
  async function instantiateAndCompile(name, readSource) {
    const glue = await import(`/pkg/checker_wasm.js?policy=${name}`);
    started = now();
    const exports = await glue.default({ module_or_path: wasmModule });
    const instantiateMs = now() - started;
    const source = readSource === null ? glue.defaultPolicy() : await readSource();
    const memoryBefore = exports.memory.buffer.byteLength;
    const compiles = [];
    started = now();
    let checker = glue.Checker.compile(source);
    compiles.push(now() - started);
    const memoryAfterCompile = exports.memory.buffer.byteLength;
    for (let i = 1; i < options.compileRepeats; i += 1) {
      checker.free();
      started = now();
      checker = glue.Checker.compile(source);
      compiles.push(now() - started);
    }
    const measured = { instantiateMs, compile: summarize(compiles), memoryBeforeBytes: memoryBefore, memoryAfterCompileBytes: memoryAfterCompile };
    return { glue, checker, source, measured };
  }

  const defaultPolicy = await instantiateAndCompile('default', null);
  defaultPolicy.checker.free();
  result.policies.default = { terms: 0, ...defaultPolicy.measured, texts: {} };

  for (const [name, entry] of Object.entries(inputs.policies)) {
    const { glue, checker, source, measured } = await instantiateAndCompile(name, async () => (await fetch(`/out/${entry.file}`)).text());
    const policy = JSON.parse(source);

    started = now();
    const baseline = compileBaseline(policy, packTerms, inputs.patterns);
    const baselineBuildMs = now() - started;

    // The engine restricted to the baseline's work: the terms and pattern
    // rules only (the base pack's detectors switched off by `overrides`).
    const detectors = checker.rules().filter((rule) => rule.kind !== 'terms' && rule.kind !== 'pattern');
    const sameRules = glue.Checker.compile(JSON.stringify({ ...policy, overrides: detectors.map((rule) => ({ id: rule.id, enabled: false })) }));

    const perText = {};
    for (const [length, text] of Object.entries(inputs.texts)) {
      // The baseline's RegExps compile lazily on first use; time that apart.
      started = now();
      const baselineHits = baseline.check(text);
      const baselineFirstMs = now() - started;
      const report = checker.check(text, inputs.context);
      const engineTerms = new Set(report.findings.filter((f) => f.rule === 'bench.terms').map((f) => spanKey(f.span.start, f.span.end)));
      const baselineTerms = new Set(baselineHits.filter((h) => h.rule === 'bench.terms').map((h) => spanKey(h.start, h.end)));
      const onlyEngine = [...engineTerms].filter((k) => !baselineTerms.has(k));
      const onlyBaseline = [...baselineTerms].filter((k) => !engineTerms.has(k));
      const quote = (k) => { const [s, e] = k.split('-').map(Number); return text.slice(s, e); };
      perText[length] = {
        ...measureInterleaved(
          {
            // What the extension's worker calls: the report as JSON text.
            engine: () => checker.checkJson(text, inputs.context),
            engineSameRules: () => sameRules.checkJson(text, inputs.context),
            baseline: () => baseline.check(text),
          },
          options.timing,
        ),
        baselineFirstMs,
        findings: report.findings.length,
        termMatches: engineTerms.size,
        sameTermMatches: onlyEngine.length === 0 && onlyBaseline.length === 0,
        onlyEngine: onlyEngine.slice(0, 5).map(quote),
        onlyBaseline: onlyBaseline.slice(0, 5).map(quote),
      };
    }
    checker.free();
    sameRules.free();
    result.policies[name] = {
      terms: entry.terms,
      ...measured,
      baselineBuildMs,
      texts: perText,
    };
  }
  return result;
};
window.benchReady = true;
