// Benchmark (not a test): how long after the typing pause the highlights are
// painted, on the real editors with a 3,000-character post, and how long the
// service worker takes to start the engine after being stopped.
//
//   npm run bench            (builds the extension and fixtures first)
//
// "After the debounce" is measured by the content script itself, from the
// moment the debounce timer fires (text extraction included) to the
// animation frame that paints the new highlights; it reports each paint in a
// `postlint:painted` event. Cold start is measured inside the worker
// (instantiate the WebAssembly + compile the default policy) and also end to
// end, from the keystroke to the painted frame.
import { launch, openFixture, stopServiceWorkers } from '../harness.mjs';

const SAMPLES = Number(process.env.SAMPLES ?? 40);
const COLD_SAMPLES = Number(process.env.COLD_SAMPLES ?? 10);

const PARAGRAPHS = [
  'Heute war ein großer Tag für unser Team in Köln: Nach zwei Jahren Entwicklung geht unsere neue Plattform live. 🚀 Ich bin stolz auf alle, die daran mitgearbeitet haben – von der Entwicklung über das Design bis zum Support.',
  'What I learned along the way: ship small, listen to the people who use what you build, and never underestimate a good test suite. Fragen gern an jane.doe@example.com.',
  'Wir suchen übrigens Verstärkung! Wer Lust auf spannende Aufgaben, ein tolles Team und flexible Arbeitszeiten hat, meldet sich bei mir. THIS IS A GREAT PLACE TO WORK. 😊',
];

function post(targetLength) {
  const parts = [];
  let length = 0;
  for (let i = 0; length < targetLength; i += 1) {
    const paragraph = PARAGRAPHS[i % PARAGRAPHS.length];
    parts.push(paragraph);
    length += paragraph.length + 2;
  }
  return parts.join('\n\n').slice(0, targetLength);
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

/** Presses one key and returns the painted event that answers it. */
async function keystroke(page, key) {
  const before = await page.evaluate(() => window.__painted.length);
  await page.keyboard.press(key);
  await page.waitForFunction((n) => window.__painted.length > n, before, { timeout: 10_000 });
  return page.evaluate(() => window.__painted.at(-1));
}

async function measureEditor(context, fixture, box, readLength) {
  const page = await openFixture(context, fixture);
  await page.click(box);
  const text = post(3000);
  await insertPost(page, text);
  await page.waitForFunction(() => window.__painted.length > 0);
  const length = await readLength(page);
  const samples = [];
  for (let i = 0; i < SAMPLES + 3; i += 1) {
    // Alternate typing and deleting a character, so the text stays at 3,000.
    const event = await keystroke(page, i % 2 === 0 ? 'x' : 'Backspace');
    if (i >= 3) samples.push(event); // the first few warm up the JIT
    await page.waitForTimeout(20);
  }
  await page.close();
  return { fixture, length, findings: samples.at(-1).findings, samples };
}

async function measureColdStart(browser) {
  const page = await openFixture(browser.context, 'x');
  await page.click('[data-testid="tweetTextarea_0"]');
  await page.keyboard.insertText('Cold start probe.');
  await page.waitForFunction(() => window.__painted.length > 0);
  const inWorker = [];
  const endToEnd = [];
  for (let i = 0; i < COLD_SAMPLES; i += 1) {
    await stopServiceWorkers(browser.context, browser.extensionId);
    const event = await keystroke(page, 'x');
    if (event.coldStart === null) throw new Error('the worker was not restarted');
    inWorker.push(event.coldStart);
    endToEnd.push(event);
  }
  await page.close();
  return { inWorker, endToEnd };
}

const row = (name, values) => {
  const cells = [percentile(values, 50), percentile(values, 95), Math.max(...values)].map((v) => v.toFixed(1).padStart(8));
  return `| ${name.padEnd(46)} | ${cells.join(' | ')} |`;
};

const browser = await launch();
try {
  const results = [
    await measureEditor(browser.context, 'x', '[data-testid="tweetTextarea_0"]', (page) => page.evaluate(() => window.__fixture.draftText().length)),
    await measureEditor(browser.context, 'linkedin', '.share-box .ql-editor', (page) => page.evaluate(() => window.__fixture.quillText('share').length - 1)),
  ];
  const cold = await measureColdStart(browser);
  const version = browser.context.browser()?.version() ?? '';
  console.log(`\nPostlint e2e latency, headless ${version || 'Chromium'}; ${SAMPLES} keystrokes per editor, ${COLD_SAMPLES} cold starts (ms)\n`);
  console.log(`| ${'measure'.padEnd(46)} |      p50 |      p95 |      max |`);
  console.log(`|${'-'.repeat(48)}|----------|----------|----------|`);
  for (const { fixture, length, findings, samples } of results) {
    const editor = fixture === 'x' ? 'Draft.js (X)' : 'Quill (LinkedIn)';
    console.log(row(`${editor}, ${length} chars, ${findings} findings: after debounce → painted`, samples.map((s) => s.afterDebounceMs)));
    console.log(row(`  highlights set (before the frame)`, samples.map((s) => s.afterDebounceAppliedMs)));
    console.log(row(`  of which: read text`, samples.map((s) => s.extractMs)));
    console.log(row(`  of which: port round trip`, samples.map((s) => s.roundTripMs)));
    console.log(row(`  of which: check in the worker`, samples.map((s) => s.checkMs)));
    console.log(row(`  of which: map to ranges and highlight`, samples.map((s) => s.drawMs)));
    console.log(row(`  keystroke → painted (incl. 150 ms debounce)`, samples.map((s) => s.sinceChangeMs)));
  }
  console.log(row('cold start in worker (WASM + compile policy)', cold.inWorker.map((c) => c.totalMs)));
  console.log(row('  of which: compile + instantiate WASM', cold.inWorker.map((c) => c.wasmMs)));
  console.log(row('  of which: compile the default policy', cold.inWorker.map((c) => c.policyMs)));
  console.log(row('worker stopped: after debounce → painted', cold.endToEnd.map((e) => e.afterDebounceMs)));
  console.log(row('worker stopped: keystroke → painted (incl. debounce)', cold.endToEnd.map((e) => e.sinceChangeMs)));
  console.log('\ntargets: after debounce → painted p95 ≤ 16 ms; cold start ≤ 100 ms');
} finally {
  await browser.close();
}
