/**
 * One instance of the WebAssembly engine, and images of its memory: how a
 * worker that Chrome stopped gets its compiled policy back without
 * compiling it again.
 *
 * A compiled `Checker` lives entirely in the module's linear memory (its
 * automata, regexes and lists are Rust heap objects, the allocator's own
 * state included). The instance keeps only two other things: the stack
 * pointer, back at its start value between calls, and the externref table,
 * whose JavaScript values Rust refers to by slot (serde-wasm-bindgen keeps
 * the field names it read as strings there). So the memory and the table's
 * values, copied between calls and written into a fresh instance of the
 * *same* module, are the same engine with the same policy, and restoring
 * them is a copy instead of the policy compile, which a fresh worker runs
 * on unoptimized code (`bench/README.md`, "The cold path"). A table slot
 * holding an object could not be copied: then no image is taken. This is
 * what Wizer-style pre-initialization does; no library does it for a
 * wasm-bindgen module at run time, hence this file.
 *
 * Before the image is taken, the new checker checks a built-in sample
 * (`warmUp`): the regex engines' lazily built automata are then in the
 * image, and a restored worker's first check does not build them again.
 *
 * The instance is a state machine, and each state says what may happen:
 *
 *     fresh ──compile──▶ compiled ──check──▶ checked
 *       │                 │    ▲
 *       │                 └────┘ compile more policies, warm up
 *       └──restore──▶ restored ──check──▶ checked
 *
 * - An image is restored only into a `fresh` instance: no `Checker` exists
 *   there that the copy would pull the memory from under.
 * - An image is taken only in `compiled`: after checking, freed memory may
 *   still hold bytes of what the employee wrote, and drafts are never
 *   written to disk. (A failed compile creates no `Checker` and leaves the
 *   state as it was.)
 * - An image names the module it came from and the policy text it holds;
 *   any other module or text never uses it.
 */

import type { CheckContext } from '../protocol';

/** What the engine instance exposes that an image needs (wasm-bindgen's exports). */
export interface InstanceExports {
  memory: WebAssembly.Memory;
  __wbindgen_externrefs: WebAssembly.Table;
}

/** How to make, use and find a checker in the instance (wasm-bindgen's class). */
export interface CheckerBinding<C> {
  compile(text: string): C;
  /** The report as JSON text (`Checker.checkJson`). */
  check(checker: C, text: string, context: object): string;
  /** Where the checker's Rust object lives in linear memory. */
  pointer(checker: C): number;
  /** A JS object for the Rust checker at `pointer`. */
  wrap(pointer: number): C;
}

/**
 * The binding of a wasm-bindgen class: the glue keeps an object's pointer in
 * `__wbg_ptr` and makes an object for a pointer with the class's `__wrap`;
 * neither is in its typings. tests/unit/engine-instance.test.mjs restores a
 * checker through them with the built package, so a wasm-bindgen that
 * renames them fails there.
 */
export function wasmBindgenBinding<C extends { checkJson(text: string, context: object): string }>(checkerClass: { compile(text: string): C }): CheckerBinding<C> {
  const wrapping = checkerClass as unknown as { __wrap(pointer: number): C };
  return {
    compile: (text) => checkerClass.compile(text),
    check: (checker, text, context) => checker.checkJson(text, context),
    pointer: (checker) => (checker as unknown as { __wbg_ptr: number }).__wbg_ptr,
    wrap: (pointer) => wrapping.__wrap(pointer),
  };
}

/** A copy of the instance's memory with one compiled policy in it. */
export interface MemoryImage {
  /** The build of the WebAssembly module the image was taken from. */
  module: string;
  /** The policy text compiled in it. */
  text: string;
  /** Bytes of linear memory when the image was taken. */
  memoryBytes: number;
  /**
   * Which chunks of `CHUNK_BYTES` differ from the memory of an instance
   * that has just started (its data segments, zeros after them), in order.
   */
  chunks: Uint32Array;
  /** Those chunks' bytes, one after the other. */
  chunkBytes: ArrayBuffer;
  /** Length of the externref table when the image was taken. */
  tableLength: number;
  /** The table's slots that held a value, and the value (strings, numbers, booleans, `null`). */
  tableValues: Array<[number, TableValue]>;
  /** Where the checker lives in linear memory. */
  pointer: number;
}

/** What a table slot may hold for the image to be taken: values IndexedDB stores as they are. */
export type TableValue = string | number | boolean | null;

/**
 * Where the instance is. `fresh` and `compiled` keep the memory as the
 * instance started: a restore starts from it, an image keeps what differs.
 */
type State = { name: 'fresh' | 'compiled'; started: Uint8Array } | { name: 'restored' | 'checked' };

/** Not the employee's text: a sample in both languages that takes a check through its usual paths. */
export const WARM_UP_TEXT =
  'Hallo zusammen! Heute bei der Konferenz in Berlin: https://example.com/talk, #Kranich @postlint. Fragen an jane.doe@example.com oder +49 30 1234567. Thanks everyone, see you in March!';
export const WARM_UP_CONTEXT: CheckContext = { platform: 'linkedin', surface: 'post', lang: 'de', date: '2026-01-01', attachments: [] };

const PAGE_BYTES = 65_536;
/**
 * An image keeps only the chunks that differ from a started instance's
 * memory: the data segments and the untouched stack stay out, and so does
 * half of the built-in policy's image (4 KiB chunks keep a fifth less than
 * whole pages would).
 */
export const CHUNK_BYTES = 4096;

export class EngineInstance<C> {
  private state: State;

  constructor(
    private readonly exports: InstanceExports,
    private readonly checkers: CheckerBinding<C>,
    /** Identifies the module's build (a hash of its bytes). */
    readonly module: string,
  ) {
    this.state = { name: 'fresh', started: new Uint8Array(exports.memory.buffer.slice(0)) };
  }

  /** Compiles a policy; throws the engine's error as `Checker.compile` does. */
  compile(text: string): C {
    const checker = this.checkers.compile(text);
    if (this.state.name === 'fresh') this.state = { name: 'compiled', started: this.state.started };
    return checker;
  }

  /**
   * The checker of `text` from `image`, or `null` when the image is not for
   * this module and text, or this instance already holds a checker.
   */
  restore(image: MemoryImage | null, text: string): C | null {
    if (this.state.name !== 'fresh' || !image || image.module !== this.module || image.text !== text) return null;
    const { started } = this.state;
    const { memory, __wbindgen_externrefs: table } = this.exports;
    try {
      // Both grow first: when the browser refuses the memory, nothing was written and the policy is compiled instead.
      const missingPages = Math.ceil((image.memoryBytes - memory.buffer.byteLength) / PAGE_BYTES);
      if (missingPages > 0) memory.grow(missingPages);
      if (table.length < image.tableLength) table.grow(image.tableLength - table.length);
    } catch {
      return null;
    }
    // The memory as it started (calls since, such as a failed compile, may have changed it), then the image's chunks.
    const bytes = new Uint8Array(memory.buffer);
    bytes.set(started);
    bytes.fill(0, started.byteLength);
    const chunkBytes = new Uint8Array(image.chunkBytes);
    image.chunks.forEach((chunk, k) => bytes.set(chunkBytes.subarray(k * CHUNK_BYTES, (k + 1) * CHUNK_BYTES), chunk * CHUNK_BYTES));
    for (const [slot, value] of image.tableValues) table.set(slot, value);
    this.state = { name: 'restored' };
    return this.checkers.wrap(image.pointer);
  }

  /** The report on the employee's `text`: from now on no image is taken. */
  check(checker: C, text: string, context: object): string {
    this.state = { name: 'checked' };
    return this.checkers.check(checker, text, context);
  }

  /**
   * Checks a built-in sample: V8 compiles the check's functions on their
   * first call, and the regex engines build their automata lazily, so a
   * new instance's first check is many times slower than the next. The
   * state stays: the sample is not the employee's.
   */
  warmUp(checker: C): void {
    this.checkers.check(checker, WARM_UP_TEXT, WARM_UP_CONTEXT);
  }

  /**
   * An image holding `checker` compiled from `text`, or `null` once text was
   * checked (or it was restored, or the table holds an object).
   */
  image(checker: C, text: string): MemoryImage | null {
    if (this.state.name !== 'compiled') return null;
    const { started } = this.state;
    const table = this.exports.__wbindgen_externrefs;
    const tableValues: Array<[number, TableValue]> = [];
    for (let slot = 0; slot < table.length; slot += 1) {
      const value: unknown = table.get(slot);
      if (value === undefined) continue;
      if (!isTableValue(value)) return null;
      tableValues.push([slot, value]);
    }
    const { chunks, chunkBytes } = changedChunks(new Uint8Array(this.exports.memory.buffer), started);
    return {
      module: this.module,
      text,
      memoryBytes: this.exports.memory.buffer.byteLength,
      chunks,
      chunkBytes,
      tableLength: table.length,
      tableValues,
      pointer: this.checkers.pointer(checker),
    };
  }

  /** Bytes of linear memory: what compiled policies take, for the cold-start report. */
  get memoryBytes(): number {
    return this.exports.memory.buffer.byteLength;
  }
}

export function isTableValue(value: unknown): value is TableValue {
  return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** The chunks of `memory` that differ from `started` (zeros past its end), and their bytes. */
function changedChunks(memory: Uint8Array, started: Uint8Array): { chunks: Uint32Array; chunkBytes: ArrayBuffer } {
  // Compared a word at a time: memory and chunks are multiples of 4 bytes.
  const words = new Uint32Array(memory.buffer, memory.byteOffset, memory.byteLength / 4);
  const startedWords = new Uint32Array(started.buffer, started.byteOffset, started.byteLength / 4);
  const wordsPerChunk = CHUNK_BYTES / 4;
  const chunks: number[] = [];
  for (let chunk = 0; chunk * CHUNK_BYTES < memory.byteLength; chunk += 1) {
    for (let word = chunk * wordsPerChunk, end = word + wordsPerChunk; word < end; word += 1) {
      if (words[word] !== (startedWords[word] ?? 0)) {
        chunks.push(chunk);
        break;
      }
    }
  }
  const chunkBytes = new Uint8Array(chunks.length * CHUNK_BYTES);
  chunks.forEach((chunk, k) => chunkBytes.set(memory.subarray(chunk * CHUNK_BYTES, (chunk + 1) * CHUNK_BYTES), k * CHUNK_BYTES));
  return { chunks: Uint32Array.from(chunks), chunkBytes: chunkBytes.buffer };
}
