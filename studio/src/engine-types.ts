/**
 * Shapes of what the engine's WebAssembly exports return to the Studio
 * beyond the extension's contract (`extension/src/protocol.ts`): policy test
 * results and corpus evaluations, as checker-core serializes them.
 */

import type { Finding } from '../../extension/src/protocol';

/** checker-core's `TestReport`. */
export interface TestReport {
  total: number;
  failures: TestFailure[];
}

export interface TestFailure {
  /** Position in the policy's `tests`. */
  index: number;
  name: string;
  text: string;
  /** The `expect` items the findings did not meet. */
  missing: TestMismatch[];
  /** The `forbid` items the findings met. */
  unexpected: TestMismatch[];
  findings: Finding[];
}

/** checker-core's `TestMismatch`: an `expect` or `forbid` item and how many findings it matched. */
export interface TestMismatch {
  /** JSON pointer of the item, e.g. `/tests/0/expect/1`. */
  path: string;
  rule: string;
  quote: string | null;
  count: number | null;
  found: number;
}

/** checker-core's `eval::Score`; ratios are null when undefined (nothing found or expected). */
export interface Score {
  expected: number;
  found: number;
  true_positives: number;
  false_positives: number;
  missed: number;
  duplicates: number;
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

export interface CategoryScore extends Score {
  category: string;
}

export interface MissedFinding {
  id: string;
  category: string;
  quote: string | null;
  context: string;
}

export interface FalseFinding extends MissedFinding {
  rule: string;
}

/** checker-core's `Evaluation`, the object `postlint eval --format json` prints. */
export interface Evaluation {
  entries: number;
  clean_entries: number;
  overall: Score;
  categories: CategoryScore[];
  missed: MissedFinding[];
  false_findings: FalseFinding[];
}

/** What the corpus worker is asked and answers; `generation` drops stale answers. */
export interface EvaluationRequest {
  generation: number;
  policy: string;
  corpus: string;
}

export type EvaluationAnswer = { generation: number; ok: true; evaluation: Evaluation } | { generation: number; ok: false; message: string };
