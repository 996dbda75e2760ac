// Benchmark (not a test): how long after the typing pause the highlights are
// painted, on the real editors with 280- and 3,000-character posts, how long
// the service worker takes to start the engine after being stopped, and how
// much memory the worker holds — once with the built-in default policy and
// once with the 10,000-term benchmark policy, delivered the way IT deploys
// it: as the managed `policy` value in Chromium's policy folder
// (/etc/chromium/policies/managed/postlint.json → chrome.storage.managed).
//
//   npm run bench                 (builds the extension and fixtures first)
//   node tests/bench/e2e-latency.mjs [--smoke] [--json out.json] [--policy default|terms10000]
//
// "After the debounce" is measured by the content script itself, from the
// moment the debounce timer fires (text extraction included) to the
// animation frame that paints the new highlights; it reports each paint in a
// `postlint:painted` event. Each editor is measured twice: on an idle page
// (the browser starts the frame as soon as the highlights change) and on a
// page running a requestAnimationFrame loop (the highlights wait for the
// running frame clock's next tick); keystrokes step through every phase of
// that clock. Cold start is measured inside the worker
// (instantiate the WebAssembly + compile the policy) and also end to end,
// from the keystroke to the painted frame. Posts and the policy are
// bench/gen.mjs's, as in the engine benchmarks.
//
// Writing the policy folder needs root. Without it the 10,000-term run is
// skipped with the reason (in the output and in the JSON), and the default
// run still happens. The policy file is removed again afterwards, also on
// failure or Ctrl+C, so later e2e tests start without it.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { launch, openFixture, serviceWorker, stopServiceWorkers } from '../harness.mjs';
import { OUT, patterns, policy, post, terms } from '../../bench/gen.mjs';
import { EXTENSION_ID, POLICY_DIR, POLICY_FILE, readStatus, waitForStatus, writeManagedPolicy } from '../e2e/managed.mjs';

const argument = (name) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : null);
const SMOKE = process.argv.includes('--smoke');
const JSON_OUT = argument('--json');
const ONLY_POLICY = argument('--policy');
const SAMPLES = Number(process.env.SAMPLES ?? (SMOKE ? 1 : 40));
const COLD_SAMPLES = Number(process.env.COLD_SAMPLES ?? (SMOKE ? 1 : 10));
const WARM_UP = SMOKE ? 0 : 3;
const LENGTHS = SMOKE ? [280] : [280, 3000];
const MANAGED_TERMS = 10_000;
const PATTERNS = 200;

/**
 * The posts: bench/out/inputs.json's when it holds the full matrix (the
 * engine benchmarks' texts), else the same generator on the same lists
 * (the smoke matrix has fewer patterns, so its texts differ).
 */
function benchText(length) {
  const inputs = existsSync(join(OUT, 'inputs.json')) ? JSON.parse(readFileSync(join(OUT, 'inputs.json'), 'utf8')) : null;
  if (inputs?.matrix.patterns === PATTERNS && inputs.texts[length]) return inputs.texts[length];
  return post(length, terms(100), patterns(PATTERNS));
}

/** bench/out/policy-terms10000.json, or the identical text from the generator when it was not written. */
function benchPolicy() {
  const file = join(OUT, `policy-terms${MANAGED_TERMS}.json`);
  return existsSync(file) ? readFileSync(file, 'utf8') : JSON.stringify(policy(terms(MANAGED_TERMS), patterns(PATTERNS)));
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function insertPost(page, text) {
  const paragraphs = text.split('\n\n');
  for (let i = 0; i < paragraphs.length; i += 1) {
    if (i > 0) {
      await page.keyboard.press('Enter');
      await page.keyboard.press('Enter');
    }
    await page.keyboard.insertText(paragraphs[i]);
  }
}

/**
 * Presses one key and returns the painted event that answers it. The page
 * waits for the event itself: Playwright's waitForFunction polls on
 * animation frames, which would keep the page's frame clock running and
 * make every measured frame wait for the next 60 Hz tick (see `animating`).
 */
async function keystroke(page, key) {
  const before = await page.evaluate(() => window.__painted.length);
  await page.keyboard.press(key);
  return page.evaluate(
    (n) =>
      new Promise((resolve, reject) => {
        if (window.__painted.length > n) return resolve(window.__painted.at(-1));
        const timer = setTimeout(() => reject(new Error('no painted event within 10 s')), 10_000);
        document.addEventListener('postlint:painted', () => (clearTimeout(timer), resolve(window.__painted.at(-1))), { once: true });
      }),
    before,
  );
}

/** Starts or stops a requestAnimationFrame loop in the page, as a feed with animations runs one. */
const animate = (page, on) =>
  page.evaluate((spin) => {
    window.__spin = spin;
    const loop = () => window.__spin && requestAnimationFrame(loop);
    if (spin) requestAnimationFrame(loop);
  }, on);

/**
 * Keystrokes typed and deleted alternately. The pause after each answer
 * steps through a whole frame interval (golden-ratio steps), so keystrokes
 * land at every phase of the 60 Hz frame clock, as a person's do, instead
 * of the phase the harness's own timing would fix.
 */
async function typeSamples(page, count) {
  const samples = [];
  for (let i = 0; i < count + WARM_UP; i += 1) {
    const event = await keystroke(page, i % 2 === 0 ? 'x' : 'Backspace');
    if (i >= WARM_UP) samples.push(event); // the first few warm up the JIT
    await page.waitForTimeout(20 + ((i * 0.618034) % 1) * 16.7);
  }
  return samples;
}

async function measureEditor(context, editor, targetLength) {
  const page = await openFixture(context, editor.fixture);
  await page.click(editor.box);
  await insertPost(page, benchText(targetLength));
  await page.waitForFunction(() => window.__painted.length > 0);
  const length = await editor.readLength(page);
  // An idle page: nothing else asks for frames, as on a compose box.
  const samples = await typeSamples(page, SAMPLES);
  // A page that animates: the frame clock ticks anyway, and the highlights
  // wait for its next tick (0–16.7 ms).
  await animate(page, true);
  const animating = await typeSamples(page, SAMPLES);
  await animate(page, false);
  await page.close();
  return { editor: editor.name, fixture: editor.fixture, length, findings: samples.at(-1).findings, samples, animating };
}

/**
 * Cold starts, twice: as a stopped worker usually restarts (restoring the
 * image of the engine with the policy compiled that the previous worker
 * kept, background/engine-instance.ts), and as the first start with a new
 * policy (no image: it is deleted before each stop, so the worker
 * compiles).
 */
async function measureColdStart(browser) {
  const page = await openFixture(browser.context, 'x');
  await page.click('[data-testid="tweetTextarea_0"]');
  await page.keyboard.insertText('Cold start probe.');
  await page.waitForFunction(() => window.__painted.length > 0);
  const series = { restored: { inWorker: [], endToEnd: [] }, compiled: { inWorker: [], endToEnd: [] } };
  // The first restart of a run may compile: the browser's start-up checked text before an image was taken.
  let skippedFirst = false;
  for (const [name, { inWorker, endToEnd }] of Object.entries(series)) {
    for (let i = 0; i < COLD_SAMPLES; i += 1) {
      if (name === 'compiled') await forgetImage(browser);
      await stopServiceWorkers(browser.context, browser.extensionId);
      const event = await keystroke(page, 'x');
      if (event.coldStart === null) throw new Error('the worker was not restarted');
      if (name === 'restored' && !event.coldStart.restored && !skippedFirst) {
        skippedFirst = true;
        i -= 1;
        continue;
      }
      if (event.coldStart.restored !== (name === 'restored')) throw new Error(`a ${name} cold start came out ${event.coldStart.restored ? 'restored' : 'compiled'}`);
      inWorker.push(event.coldStart);
      endToEnd.push(event);
    }
  }
  await page.close();
  return series;
}

/** Deletes the worker's engine image from the extension's IndexedDB, so its next start compiles. */
async function forgetImage(browser) {
  const worker = await serviceWorker(browser.context, browser.extensionId);
  await worker.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const opening = indexedDB.open('postlint');
        opening.onerror = () => reject(opening.error);
        opening.onsuccess = () => {
          const transaction = opening.result.transaction('policy', 'readwrite');
          transaction.objectStore('policy').delete('image');
          transaction.oncomplete = () => resolve();
          transaction.onerror = () => reject(transaction.error);
        };
      }),
  );
}

/**
 * The worker's JS heap (V8's count, through the DevTools protocol: workers
 * have no performance.memory) after it has served checks. The WebAssembly
 * memory is not in it; the worker reports that with its cold start.
 */
async function workerHeap(browser) {
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  const session = await browser.context.newCDPSession(page);
  try {
    const { targetInfos } = await session.send('Target.getTargets');
    const worker = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${browser.extensionId}/`));
    if (!worker) return null;
    const { sessionId } = await session.send('Target.attachToTarget', { targetId: worker.targetId, flatten: false });
    const reply = new Promise((resolve) =>
      session.on('Target.receivedMessageFromTarget', (event) => {
        const message = JSON.parse(event.message);
        if (message.id === 1) resolve(message.result ?? null);
      }),
    );
    await session.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: 1, method: 'Runtime.getHeapUsage' }) });
    const usage = await Promise.race([reply, new Promise((resolve) => setTimeout(() => resolve(null), 5000))]);
    return usage && { usedJSHeapSize: usage.usedSize, totalJSHeapSize: usage.totalSize };
  } finally {
    await session.detach();
  }
}

const stats = (values) => ({ p50: percentile(values, 50), p95: percentile(values, 95), max: Math.max(...values), samples: values.length });

const row = (name, values) => {
  const cells = [percentile(values, 50), percentile(values, 95), Math.max(...values)].map((v) => v.toFixed(1).padStart(8));
  return `| ${name.padEnd(56)} | ${cells.join(' | ')} |`;
};

const EDITORS = [
  { fixture: 'x', name: 'Draft.js (X)', box: '[data-testid="tweetTextarea_0"]', readLength: (page) => page.evaluate(() => window.__fixture.draftText().length) },
  { fixture: 'linkedin', name: 'Quill (LinkedIn)', box: '.share-box .ql-editor', readLength: (page) => page.evaluate(() => window.__fixture.quillText('share').length - 1) },
];

/** The status the background published, as the policy in force for a run. */
const describeStatus = (status) => (status ? { source: status.source, revision: status.revision } : null);

/** One browser, one policy: every editor and length, the worker's memory, then the cold starts. */
async function measurePolicy(label, accept) {
  const browser = await launch();
  try {
    if (browser.extensionId !== EXTENSION_ID) throw new Error(`the extension id ${browser.extensionId} is not the manifest key's ${EXTENSION_ID}, so a managed policy would not reach it`);
    const status = await waitForStatus(browser.context, browser.extensionId, accept, { timeoutMs: 30_000, reloadAfterMs: 10_000 });
    const editors = [];
    for (const length of LENGTHS) for (const editor of EDITORS) editors.push(await measureEditor(browser.context, editor, length));
    const heap = await workerHeap(browser);
    const cold = await measureColdStart(browser);
    // Nothing else (another job's policy file) may have replaced the policy meanwhile.
    const after = await readStatus(browser.context, browser.extensionId);
    if (!accept(after)) throw new Error(`the policy in force changed during the ${label} run: ${JSON.stringify(describeStatus(after))}`);
    return { label, policy: describeStatus(status), browser: `Chromium ${browser.context.browser()?.version() ?? ''}`.trim(), editors, heap, cold };
  } finally {
    await browser.close();
  }
}

/** The policy file we wrote, removed again only if it is still ours (a parallel job may own the folder's file now). */
let written = null;
function removeOurPolicy() {
  if (written === null) return;
  try {
    if (readFileSync(POLICY_FILE, 'utf8') === written) rmSync(POLICY_FILE, { force: true });
    else console.warn(`${POLICY_FILE} changed since this run wrote it; left in place`);
  } catch {
    // Already gone.
  }
  written = null;
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    removeOurPolicy();
    process.exit(130);
  });
}

/**
 * Writes the 10,000-term policy as the managed `policy` value, or returns
 * why it cannot (the folder needs root).
 */
async function deployManagedPolicy(text) {
  try {
    await writeManagedPolicy({ policy: text });
    written = readFileSync(POLICY_FILE, 'utf8');
    return null;
  } catch (error) {
    if (error.code === 'EACCES' || error.code === 'EPERM' || error.code === 'EROFS') {
      return `cannot write ${POLICY_FILE} (${error.code}): Chromium takes managed policies only from ${POLICY_DIR}, which only root may write. Run this benchmark as root (e.g. sudo node tests/bench/e2e-latency.mjs) to measure the ${MANAGED_TERMS.toLocaleString('en')}-term policy.`;
    }
    throw error;
  }
}

function print(run) {
  const { label, editors, cold, heap } = run;
  console.log(`\n${label}: ${SAMPLES} keystrokes per editor, ${COLD_SAMPLES} cold starts (ms)\n`);
  console.log(`| ${'measure'.padEnd(56)} |      p50 |      p95 |      max |`);
  console.log(`|${'-'.repeat(58)}|----------|----------|----------|`);
  for (const { editor, length, findings, samples, animating } of editors) {
    console.log(row(`${editor}, ${length} chars, ${findings} findings: debounce → painted (idle page)`, samples.map((s) => s.afterDebounceMs)));
    console.log(row(`  page animating: debounce → painted`, animating.map((s) => s.afterDebounceMs)));
    console.log(row(`  page animating: highlights set`, animating.map((s) => s.afterDebounceAppliedMs)));
    console.log(row(`  highlights set (before the frame)`, samples.map((s) => s.afterDebounceAppliedMs)));
    console.log(row(`  of which: read text`, samples.map((s) => s.extractMs)));
    console.log(row(`  of which: port round trip`, samples.map((s) => s.roundTripMs)));
    console.log(row(`  of which: check in the worker`, samples.map((s) => s.checkMs)));
    console.log(row(`  of which: map to ranges and highlight`, samples.map((s) => s.drawMs)));
    console.log(row(`  keystroke → painted (incl. 150 ms debounce)`, samples.map((s) => s.sinceChangeMs)));
  }
  for (const [name, series] of Object.entries(cold)) {
    const restored = name === 'restored';
    console.log(row(`cold start in worker, ${name} (WASM + ${restored ? 'restore' : 'compile'} the policy)`, series.inWorker.map((c) => c.totalMs)));
    console.log(row("  the same from the worker's first line", series.inWorker.map((c) => c.sinceWorkerStartMs)));
    console.log(row('  of which: compile + instantiate WASM', series.inWorker.map((c) => c.wasmMs)));
    console.log(row(`  of which: ${restored ? 'restore the policy from the image' : 'compile the policy (no image)'}`, series.inWorker.map((c) => c.policyMs)));
    console.log(row(`worker stopped, ${name}: after debounce → painted`, series.endToEnd.map((e) => e.afterDebounceMs)));
    console.log(row(`worker stopped, ${name}: keystroke → painted`, series.endToEnd.map((e) => e.sinceChangeMs)));
  }
  const mib = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
  console.log(`worker memory: JS heap ${heap ? `${mib(heap.usedJSHeapSize)} used of ${mib(heap.totalJSHeapSize)}` : 'not read'}, WASM ${mib(cold.compiled.inWorker.at(-1).wasmMemoryBytes ?? 0)}`);
}

const coldSummary = (series) => ({
  total: stats(series.inWorker.map((c) => c.totalMs)),
  sinceWorkerStart: stats(series.inWorker.map((c) => c.sinceWorkerStartMs)),
  wasm: stats(series.inWorker.map((c) => c.wasmMs)),
  policy: stats(series.inWorker.map((c) => c.policyMs)),
  endToEnd: stats(series.endToEnd.map((e) => e.afterDebounceMs)),
  wasmMemoryBytes: series.inWorker.at(-1).wasmMemoryBytes ?? null,
});

function summarize(run) {
  const pick = (samples, key) => stats(samples.map((s) => s[key]));
  return {
    policy: run.policy,
    editors: run.editors.map(({ editor, length, findings, samples, animating }) => ({
      editor,
      length,
      findings,
      animating: { afterDebounce: pick(animating, 'afterDebounceMs'), applied: pick(animating, 'afterDebounceAppliedMs') },
      afterDebounce: pick(samples, 'afterDebounceMs'),
      applied: pick(samples, 'afterDebounceAppliedMs'),
      sinceChange: pick(samples, 'sinceChangeMs'),
      check: pick(samples, 'checkMs'),
      roundTrip: pick(samples, 'roundTripMs'),
      extract: pick(samples, 'extractMs'),
      draw: pick(samples, 'drawMs'),
    })),
    coldStart: coldSummary(run.cold.restored),
    coldStartCompiled: coldSummary(run.cold.compiled),
    workerHeap: run.heap,
  };
}

const runs = {};
let skipped = null;
if (!ONLY_POLICY || ONLY_POLICY === 'default') {
  // The default run must not see a policy file another job left behind.
  if (existsSync(POLICY_FILE)) throw new Error(`${POLICY_FILE} exists (another run's managed policy?): the default-policy figures would not be the default policy's. Remove it and run again.`);
  runs.default = await measurePolicy('built-in default policy', (s) => s?.source === 'built-in');
  print(runs.default);
}
if (!ONLY_POLICY || ONLY_POLICY === `terms${MANAGED_TERMS}`) {
  const text = benchPolicy();
  const revision = JSON.parse(text).revision;
  skipped = await deployManagedPolicy(text);
  if (skipped) console.warn(`\nskipped the ${MANAGED_TERMS.toLocaleString('en')}-term policy: ${skipped}`);
  else {
    try {
      runs.managed = await measurePolicy(`${MANAGED_TERMS.toLocaleString('en')}-term policy (managed, ${(text.length / 1024).toFixed(0)} KiB)`, (s) => s?.source === 'managed' && s.revision === revision);
    } finally {
      removeOurPolicy();
    }
    print(runs.managed);
  }
}
console.log('\ntargets (issue #20): after debounce → painted p95 ≤ 16 ms; cold start p50 ≤ 40 ms (default policy), ≤ 80 ms (10,000 terms); worker stopped → painted p95 ≤ 8 ms (default), ≤ 16 ms (10,000 terms)');

if (JSON_OUT) {
  const browserName = (runs.default ?? runs.managed)?.browser ?? null;
  const summary = {
    browser: browserName,
    samples: SAMPLES,
    coldSamples: COLD_SAMPLES,
    default: runs.default ? summarize(runs.default) : null,
    managed: runs.managed ? { terms: MANAGED_TERMS, ...summarize(runs.managed) } : { terms: MANAGED_TERMS, skipped: skipped ?? 'not run (--policy)' },
  };
  await writeFile(JSON_OUT, JSON.stringify(summary, null, 1));
}
