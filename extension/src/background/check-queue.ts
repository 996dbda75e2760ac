/**
 * Which check the background answers next, so that one page cannot starve
 * the others. DOM-free, unit-tested without a browser.
 *
 * Every port (a tab's content script, the options page) has its own queue,
 * holding only the newest request per box: a newer text makes the older
 * request worthless (its answer would be dropped as stale), so it is
 * replaced in place and keeps its turn. Ports take turns, one request each,
 * so a page that sends a flood of requests delays its own boxes only. A
 * port may have at most {@link MAX_BOXES_PER_PORT} boxes waiting; a request
 * for one more is refused, which bounds the memory one page can hold in the
 * worker (each text up to 100,000 UTF-16 units).
 */

import type { CheckRequest } from '../protocol';

/** Far more boxes with text than a page has at once (LinkedIn: a share box and the comment boxes in use). */
export const MAX_BOXES_PER_PORT = 32;

export type Enqueued = 'queued' | 'replaced' | 'full';

export class CheckQueue<Port> {
  private readonly waiting = new Map<Port, Map<string, CheckRequest>>();
  /** Ports with waiting requests, in the order they are served. */
  private turns: Port[] = [];

  /** Adds a request; `full` when its port already has the most boxes waiting. */
  push(port: Port, request: CheckRequest): Enqueued {
    let boxes = this.waiting.get(port);
    if (boxes?.has(request.boxId)) {
      boxes.set(request.boxId, request);
      return 'replaced';
    }
    if (boxes && boxes.size >= MAX_BOXES_PER_PORT) return 'full';
    if (!boxes) {
      boxes = new Map();
      this.waiting.set(port, boxes);
      this.turns.push(port);
    }
    boxes.set(request.boxId, request);
    return 'queued';
  }

  /** The next request to answer: the oldest waiting box of the port whose turn it is. */
  next(): { port: Port; request: CheckRequest } | null {
    const port = this.turns.shift();
    if (port === undefined) return null;
    const boxes = this.waiting.get(port)!;
    const [boxId, request] = boxes.entries().next().value as [string, CheckRequest];
    boxes.delete(boxId);
    if (boxes.size > 0) this.turns.push(port);
    else this.waiting.delete(port);
    return { port, request };
  }

  /** Forgets everything a port was waiting for (it disconnected). */
  drop(port: Port): void {
    if (!this.waiting.delete(port)) return;
    this.turns = this.turns.filter((waiting) => waiting !== port);
  }

  get empty(): boolean {
    return this.turns.length === 0;
  }
}
