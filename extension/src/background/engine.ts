/**
 * The WebAssembly checker: loading the module, compiling policies or
 * restoring them from an image of a previous worker's memory
 * (`engine-instance.ts`), and checking text.
 *
 * Loaded lazily by the first use after the worker (re)starts, so a stopped
 * and woken service worker answers its first message exactly like a fresh
 * one: the message waits for the same start-up promise instead of failing.
 * Which policy is compiled is `policy.ts`'s decision.
 */

import initWasm, { Checker, defaultPolicy } from '../../../checker-wasm/pkg/checker_wasm.js';
import { EngineInstance, wasmBindgenBinding, type MemoryImage } from './engine-instance';
import type { PolicyProblem } from './policy-state';

/** File name of the WebAssembly module inside the extension package. */
export const WASM_FILE = 'checker_wasm_bg.wasm';

export { Checker };

let loading: Promise<number> | null = null;
let instance: EngineInstance<Checker> | null = null;

/**
 * Loads the module once per worker; resolves to the milliseconds it took. A
 * failed load is forgotten, so the next use tries again.
 */
export function loadWasm(): Promise<number> {
  if (loading) return loading;
  const started = performance.now();
  // The module is packaged with the extension; fetching it reads the package,
  // not the network.
  const attempt = initWasm({ module_or_path: fetch(chrome.runtime.getURL(WASM_FILE)) }).then((exports) => {
    instance = new EngineInstance(exports, wasmBindgenBinding(Checker), POSTLINT_WASM_BUILD);
    return performance.now() - started;
  });
  loading = attempt;
  attempt.catch(() => {
    if (loading === attempt) loading = null;
  });
  return attempt;
}

/** Bytes of the module's linear memory: what compiled policies take, for the cold-start report. */
export function wasmMemoryBytes(): number {
  return instance?.memoryBytes ?? 0;
}

export function builtInPolicy(): string {
  return defaultPolicy();
}

/** Compiles a policy text; the engine's rejection comes back as its problems. */
export function compile(text: string): { checker: Checker } | { problems: PolicyProblem[] } {
  return problemsOf(() => Checker.compile(text));
}

/**
 * The worker's compile: restores the policy from `image` when that holds
 * this text for this module, else compiles it.
 */
export function compileOrRestore(text: string, image: MemoryImage | null): { checker: Checker; restored: boolean } | { problems: PolicyProblem[] } {
  const engine = loadedInstance();
  const restored = engine.restore(image, text);
  if (restored) return { checker: restored, restored: true };
  const compiled = problemsOf(() => engine.compile(text));
  return 'checker' in compiled ? { ...compiled, restored: false } : compiled;
}

function problemsOf(compileText: () => Checker): { checker: Checker } | { problems: PolicyProblem[] } {
  try {
    return { checker: compileText() };
  } catch (error) {
    const problems = (error as { problems?: unknown })?.problems;
    if (Array.isArray(problems)) return { problems: problems as PolicyProblem[] };
    return { problems: [{ path: '', message: error instanceof Error ? error.message : String(error), hint: null }] };
  }
}

/** The report on the employee's `text` as JSON text (`Checker.checkJson`). */
export function checkJson(checker: Checker, text: string, context: object): string {
  return loadedInstance().check(checker, text, context);
}

/** Checks a built-in sample, so that the employee's first check does not wait for the engine's first-call costs. */
export function warmUp(checker: Checker): void {
  loadedInstance().warmUp(checker);
}

/** An image of the engine holding `checker`, compiled from `text`; `null` once this worker checked text. */
export function imageOf(checker: Checker, text: string): MemoryImage | null {
  return loadedInstance().image(checker, text);
}

function loadedInstance(): EngineInstance<Checker> {
  if (!instance) throw new Error('the WebAssembly module is not loaded');
  return instance;
}
