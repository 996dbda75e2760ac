/**
 * The checker engine: the WebAssembly module and the compiled policy.
 *
 * Started lazily by the first check after the worker (re)starts, so a stopped
 * and woken service worker answers its first message exactly like a fresh
 * one: the message waits for the same start-up promise instead of failing.
 */

import initWasm, { Checker, defaultPolicy } from '../../../checker-wasm/pkg/checker_wasm.js';
import type { CheckContext, ColdStart, Report } from '../protocol';

/** File name of the WebAssembly module inside the extension package. */
export const WASM_FILE = 'checker_wasm_bg.wasm';

export interface Engine {
  check(text: string, context: CheckContext): Report;
  coldStart: ColdStart;
}

async function startEngine(): Promise<Engine> {
  const started = performance.now();
  // The module is packaged with the extension; fetching it reads the package,
  // not the network.
  const wasm = await initWasm({ module_or_path: fetch(chrome.runtime.getURL(WASM_FILE)) });
  const instantiated = performance.now();
  const checker = Checker.compile(defaultPolicy());
  const compiled = performance.now();
  return {
    coldStart: {
      wasmMs: instantiated - started,
      policyMs: compiled - instantiated,
      totalMs: compiled - started,
      wasmMemoryBytes: wasm.memory.buffer.byteLength,
    },
    check: (text, context) => checker.check(text, context) as Report,
  };
}

let engine: Promise<Engine> | null = null;
/** Whether an answer has told the content scripts about the current engine's start. */
let startReported = false;

/**
 * The running engine, starting it if needed. A failed start is forgotten, so
 * the next check tries again rather than failing for the worker's lifetime.
 */
export function getEngine(): Promise<Engine> {
  if (engine) return engine;
  const starting = startEngine();
  engine = starting;
  startReported = false;
  starting.catch(() => {
    if (engine === starting) engine = null;
  });
  return starting;
}

/** The start-up timing, once per start: for the first answer after it. */
export function takeColdStart(ready: Engine): ColdStart | undefined {
  if (startReported) return undefined;
  startReported = true;
  return ready.coldStart;
}
