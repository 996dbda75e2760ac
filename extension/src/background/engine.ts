/**
 * The WebAssembly checker: loading the module and compiling policies.
 *
 * Loaded lazily by the first use after the worker (re)starts, so a stopped
 * and woken service worker answers its first message exactly like a fresh
 * one: the message waits for the same start-up promise instead of failing.
 * Which policy is compiled is `policy.ts`'s decision.
 */

import initWasm, { Checker, defaultPolicy } from '../../../checker-wasm/pkg/checker_wasm.js';
import type { PolicyProblem } from './policy-state';

/** File name of the WebAssembly module inside the extension package. */
export const WASM_FILE = 'checker_wasm_bg.wasm';

export { Checker };

let loading: Promise<number> | null = null;
let memory: WebAssembly.Memory | null = null;

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
    memory = exports.memory;
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
  return memory?.buffer.byteLength ?? 0;
}

export function builtInPolicy(): string {
  return defaultPolicy();
}

/** Compiles a policy text; the engine's rejection comes back as its problems. */
export function compile(text: string): { checker: Checker } | { problems: PolicyProblem[] } {
  try {
    return { checker: Checker.compile(text) };
  } catch (error) {
    const problems = (error as { problems?: unknown })?.problems;
    if (Array.isArray(problems)) return { problems: problems as PolicyProblem[] };
    return { problems: [{ path: '', message: error instanceof Error ? error.message : String(error), hint: null }] };
  }
}
