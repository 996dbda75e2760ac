// Expectations for the e2e tests come from the real checker: the same WASM
// package the extension ships, run here in Node on the text the test typed.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { readHighlights } from '../harness.mjs';

const pkg = new URL('../../checker-wasm/pkg/', import.meta.url);
const wasm = await import(new URL('checker_wasm.js', pkg));
wasm.initSync({ module: await readFile(new URL('checker_wasm_bg.wasm', pkg)) });
const checker = wasm.Checker.compile(wasm.defaultPolicy());

function today() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** What the checker reports for `text` in a box of this platform and surface. */
export function findingsFor(text, platform, surface) {
  return checker.check(text, { platform, surface, lang: 'en', date: today(), attachments: [] }).findings;
}

/** The highlight texts by level that those findings should paint. */
export function expectedHighlights(text, platform, surface) {
  const expected = { hint: [], warn: [], block: [] };
  for (const finding of findingsFor(text, platform, surface)) {
    if (finding.span && finding.span.end > finding.span.start) expected[finding.level].push(text.slice(finding.span.start, finding.span.end));
  }
  return expected;
}

/** Waits until the page's highlights (inside `within`) equal `expected`. */
export async function waitForHighlights(page, expected, within, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  let actual;
  for (;;) {
    actual = await readHighlights(page, within);
    if (JSON.stringify(actual) === JSON.stringify(expected)) return actual;
    if (Date.now() > deadline) break;
    await page.waitForTimeout(50);
  }
  assert.deepEqual(actual, expected, `highlights in ${within}`);
  return actual;
}

/** Every quote, flattened, for asserting that a trigger is among them. */
export function allQuotes(highlights) {
  return [...highlights.hint, ...highlights.warn, ...highlights.block];
}
