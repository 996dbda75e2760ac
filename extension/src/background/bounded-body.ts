/**
 * Reads a fetched policy with a size cap, before any of it reaches the
 * engine. DOM-free, unit-tested in Node with its own streams.
 *
 * `Response.text()` would read whatever the server sends, and the text is
 * then copied into the WebAssembly memory, which grows and never shrinks:
 * a 500 MB answer would keep the worker at 500 MB. The engine accepts no
 * policy above 4 MiB anyway (`checker-core/src/limits.rs`), so reading
 * stops there and the download is cancelled.
 */

/** The engine's own limit on a policy document, in bytes. */
export const MAX_POLICY_BYTES = 4 * 1024 * 1024;

export type BoundedBody = { text: string } | { tooLarge: true };

/**
 * The body as UTF-8 text (a byte order mark dropped, as `Response.text()`
 * does), or `tooLarge` once more than `maxBytes` arrived. A stream that
 * errors (an aborted fetch, a timeout) rejects.
 */
export async function readBounded(body: ReadableStream<Uint8Array> | null, maxBytes: number = MAX_POLICY_BYTES): Promise<BoundedBody> {
  if (!body) return { text: '' };
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return { tooLarge: true };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { text: new TextDecoder().decode(bytes) };
}
