// Reading a fetched policy with a size cap: the download stops at the cap
// instead of filling the WebAssembly memory, and text survives chunking.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTs } from './load-ts.mjs';

const { MAX_POLICY_BYTES, readBounded } = await loadTs('extension/src/background/bounded-body.ts');

/** A body that hands out `chunk` on every pull, `chunks` times (Infinity: never ends), and counts what it gave. */
function source(chunk, chunks) {
  const stats = { pulled: 0, cancelled: false };
  const stream = new ReadableStream({
    pull(controller) {
      if (stats.pulled === chunks) return controller.close();
      stats.pulled += 1;
      controller.enqueue(chunk);
    },
    cancel() {
      stats.cancelled = true;
    },
  });
  return { stream, stats };
}

test('the cap is the engine limit of 4 MiB', () => {
  assert.equal(MAX_POLICY_BYTES, 4 * 1024 * 1024);
});

test('a body within the cap is read whole; UTF-8 split across chunks and a BOM are handled', async () => {
  const bytes = new TextEncoder().encode('\uFEFF{"name":"Müller ✓ 😀"}');
  const chunks = [...bytes].map((byte) => new Uint8Array([byte]));
  const stream = new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
  assert.deepEqual(await readBounded(stream), { text: '{"name":"Müller ✓ 😀"}' });
  assert.deepEqual(await readBounded(null), { text: '' });
});

test('exactly the cap is accepted, one byte more is not', async () => {
  const exact = source(new Uint8Array(1024).fill(32), 4);
  assert.equal((await readBounded(exact.stream, 4096)).text.length, 4096);
  const over = source(new Uint8Array(1024).fill(32), 5);
  assert.deepEqual(await readBounded(over.stream, 4096), { tooLarge: true });
});

test('an endless body stops at the cap and the download is cancelled', async () => {
  const { stream, stats } = source(new Uint8Array(64 * 1024), Infinity);
  assert.deepEqual(await readBounded(stream), { tooLarge: true });
  assert.equal(stats.cancelled, true);
  assert.ok(stats.pulled <= MAX_POLICY_BYTES / (64 * 1024) + 2, `read ${stats.pulled} chunks of 64 KiB`);
});

test('a body that fails halfway (a timeout aborting the fetch) rejects', async () => {
  let sent = 0;
  const stream = new ReadableStream({
    pull(controller) {
      if (sent++ === 2) controller.error(new DOMException('signal is aborted without reason', 'AbortError'));
      else controller.enqueue(new Uint8Array(10));
    },
  });
  await assert.rejects(readBounded(stream), { name: 'AbortError' });
});
