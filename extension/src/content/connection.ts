/**
 * The content script's end of the port to the background checker.
 *
 * A stopped service worker disconnects every port. Requests still waiting
 * for an answer then go out again on a new port (which wakes the worker), so
 * a check is never lost; only the newest request per box is kept, since an
 * older one would be discarded as stale anyway.
 *
 * The newest request per box is also kept after its answer: when the policy
 * changes, `recheckAll` sends it again, and the box draws the new answer as
 * it answers the same `seq` and text.
 */

import {
  PORT_NAME,
  PROTOCOL_VERSION,
  decodeAnswer,
  type AnswerMessage,
  type CheckContext,
  type CheckRequest,
  type FromBackground,
  type KeepAliveMessage,
} from '../protocol';

/** Resends of one request before giving up on it (a worker that keeps crashing). */
const MAX_ATTEMPTS = 3;

interface Pending {
  request: CheckRequest;
  attempts: number;
}

export class CheckerConnection {
  private port: chrome.runtime.Port | null = null;
  private nextId = 1;
  private readonly pending = new Map<string, Pending>();
  /** Each box's newest request, answered or not. */
  private readonly latest = new Map<string, CheckRequest>();
  /** False once the extension was reloaded or removed under this page. */
  private alive = true;

  constructor(private readonly onAnswer: (answer: FromBackground) => void) {}

  check(boxId: string, seq: number, text: string, context: CheckContext): void {
    const request: CheckRequest = { v: PROTOCOL_VERSION, type: 'check', id: this.nextId++, boxId, seq, text, context };
    this.pending.set(boxId, { request, attempts: 1 });
    this.latest.set(boxId, request);
    this.send(request);
  }

  /** Checks every box's current text again (the policy or a preference changed). */
  recheckAll(): void {
    for (const [boxId, previous] of this.latest) {
      const request: CheckRequest = { ...previous, id: this.nextId++ };
      this.pending.set(boxId, { request, attempts: 1 });
      this.latest.set(boxId, request);
      this.send(request);
    }
  }

  /**
   * Opens the port now if it is closed, which wakes a stopped service worker
   * so that its engine starts while the user is still typing.
   */
  warm(): void {
    this.connect();
  }

  /**
   * Keeps the service worker awake (`keep-alive.ts`). Opens the port if it
   * was closed: a worker stopped anyway starts again while the writer pauses.
   */
  ping(): void {
    const port = this.connect();
    const message: KeepAliveMessage = { v: PROTOCOL_VERSION, type: 'keepalive' };
    try {
      port?.postMessage(message);
    } catch {
      // The port died meanwhile; the next ping or check opens a new one.
    }
  }

  /** Forgets a box's outstanding request (its box was removed). */
  forget(boxId: string): void {
    this.pending.delete(boxId);
    this.latest.delete(boxId);
  }

  private send(request: CheckRequest): void {
    const port = this.connect();
    if (!port) {
      this.fail(request, 'the extension was updated or removed; reload the page');
      return;
    }
    try {
      port.postMessage(request);
    } catch {
      // The port died between connect and post; the disconnect handler resends.
    }
  }

  private connect(): chrome.runtime.Port | null {
    if (this.port) return this.port;
    if (!this.alive) return null;
    let port: chrome.runtime.Port;
    try {
      port = chrome.runtime.connect({ name: PORT_NAME });
    } catch {
      this.alive = false;
      return null;
    }
    port.onMessage.addListener((message: AnswerMessage) => this.receive(decodeAnswer(message)));
    port.onDisconnect.addListener(() => {
      if (this.port === port) this.port = null;
      this.resendPending();
    });
    this.port = port;
    return port;
  }

  private receive(message: FromBackground): void {
    if (message.boxId !== undefined) {
      const pending = this.pending.get(message.boxId);
      if (pending && pending.request.id === message.id) this.pending.delete(message.boxId);
    }
    this.onAnswer(message);
  }

  private resendPending(): void {
    for (const [boxId, pending] of this.pending) {
      if (pending.attempts >= MAX_ATTEMPTS) {
        this.pending.delete(boxId);
        this.fail(pending.request, 'the checker stopped repeatedly');
        continue;
      }
      pending.attempts += 1;
      this.send(pending.request);
    }
  }

  private fail(request: CheckRequest, message: string): void {
    this.pending.delete(request.boxId);
    this.onAnswer({ v: PROTOCOL_VERSION, type: 'error', id: request.id, boxId: request.boxId, seq: request.seq, message });
  }
}
