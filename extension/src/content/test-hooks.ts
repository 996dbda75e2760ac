import type { CheckResult } from '../protocol';

/**
 * What only the test flavour does (`POSTLINT_TEST_BUILD`, see
 * extension/build/build.mjs). Callers guard every call with
 * `if (POSTLINT_TEST_BUILD)`, so esbuild drops these functions from the
 * shipped build: there, the page can neither find Postlint's UI by name nor
 * hear when it paints.
 */

/** The attribute that names a piece of Postlint's UI for the browser tests. */
const TEST_UI_ATTRIBUTE = 'data-test-ui';

/** Published on the page's document after highlights are painted (benchmarks and tests). */
const PAINTED_EVENT = 'postlint:painted';

export function nameForTests(element: Element, name: string): void {
  element.setAttribute(TEST_UI_ATTRIBUTE, name);
}

/** When a check's steps happened (`performance.now()`), from the change to the answer. */
export interface CheckMarks {
  lastChangeAt: number;
  firedAt: number;
  sentAt: number;
  receivedAt: number;
}

/**
 * Tells the page, just before the frame that paints an answer's highlights,
 * how long each step took, for the latency benchmark: timings and a count,
 * never the text. JSON text, as objects do not cross from the content
 * script's world into the page's.
 */
export function announcePainted(doc: Document, result: CheckResult, marks: CheckMarks): void {
  const appliedAt = performance.now();
  requestAnimationFrame(() => {
    const frameAt = performance.now();
    const detail = JSON.stringify({
      seq: result.seq,
      findings: result.report.findings.length,
      checkMs: result.timing.checkMs,
      coldStart: result.timing.coldStart ?? null,
      extractMs: marks.sentAt - marks.firedAt,
      roundTripMs: marks.receivedAt - marks.sentAt,
      drawMs: appliedAt - marks.receivedAt,
      afterDebounceAppliedMs: appliedAt - marks.firedAt,
      afterDebounceMs: frameAt - marks.firedAt,
      sinceChangeMs: frameAt - marks.lastChangeAt,
    });
    doc.dispatchEvent(new CustomEvent(PAINTED_EVENT, { detail }));
  });
}
