/**
 * The message protocol between content scripts and the background checker.
 *
 * Content scripts open one long-lived port (`chrome.runtime.connect`) named
 * {@link PORT_NAME}; every message carries `v`, so a content script left over
 * from an older version of the extension is answered with an error instead of
 * being misunderstood.
 */

export const PROTOCOL_VERSION = 1;
export const PORT_NAME = 'postlint';

export type Platform = 'linkedin' | 'x' | 'generic';
export type Surface = 'post' | 'comment' | 'reply' | 'message';
export type Lang = 'de' | 'en';
export type Level = 'hint' | 'warn' | 'block';

export interface Attachment {
  kind: 'image' | 'video' | 'document';
  count: number;
}

/** Mirrors checker-core's `CheckContext` (JSON contract). */
export interface CheckContext {
  platform: Platform;
  surface: Surface;
  /** `YYYY-MM-DD`, the writer's local day. */
  date?: string;
  lang: Lang;
  attachments: Attachment[];
}

/** UTF-16 code units, end exclusive, as JavaScript counts. */
export interface Span {
  start: number;
  end: number;
}

export interface Suggestion {
  label: string;
  replacement: string;
  span: Span | null;
}

export interface Finding {
  rule: string;
  category: string;
  level: Level;
  overridable: boolean;
  span: Span | null;
  quote: string | null;
  message: string;
  explanation: string;
  link: string | null;
  suggestions: Suggestion[];
}

export interface LengthReport {
  platform: Platform;
  count: number;
  limit: number;
  unit: 'weighted' | 'characters';
}

export interface Report {
  findings: Finding[];
  length: LengthReport | null;
}

/** Content script → background: check `text` for the box `boxId`. */
export interface CheckRequest {
  v: typeof PROTOCOL_VERSION;
  type: 'check';
  /** Unique per request within one content script. */
  id: number;
  boxId: string;
  /** Increases with every text change of the box; answers echo it. */
  seq: number;
  text: string;
  context: CheckContext;
}

/** Milliseconds the engine took to start. */
export interface ColdStart {
  /** Compile and instantiate the WebAssembly module. */
  wasmMs: number;
  /** Compile the policy (its term automata and patterns). */
  policyMs: number;
  totalMs: number;
  /** The WebAssembly linear memory once the policy is compiled (it only grows). */
  wasmMemoryBytes: number;
}

export interface Timing {
  /** Milliseconds spent in `checker.check`. */
  checkMs: number;
  /**
   * Set when this request had to wait for the engine to start, which happens
   * after every wake of the service worker.
   */
  coldStart?: ColdStart;
}

export interface CheckResult {
  v: typeof PROTOCOL_VERSION;
  type: 'result';
  id: number;
  boxId: string;
  seq: number;
  report: Report;
  timing: Timing;
}

export interface CheckError {
  v: typeof PROTOCOL_VERSION;
  type: 'error';
  /** The request that failed; absent when the message itself was unreadable. */
  id?: number;
  boxId?: string;
  seq?: number;
  message: string;
}

export type ToBackground = CheckRequest;
export type FromBackground = CheckResult | CheckError;

export function isCheckRequest(value: unknown): value is CheckRequest {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Partial<CheckRequest>;
  return (
    m.v === PROTOCOL_VERSION &&
    m.type === 'check' &&
    typeof m.id === 'number' &&
    typeof m.boxId === 'string' &&
    typeof m.seq === 'number' &&
    typeof m.text === 'string' &&
    typeof m.context === 'object' &&
    m.context !== null
  );
}
