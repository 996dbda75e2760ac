/**
 * Keeps the background service worker awake while the employee writes.
 *
 * Chrome stops an extension's service worker after 30 seconds without
 * extension events, and the next check after that pays for a cold start
 * (compiling the WebAssembly module and the policy, `bench/REPORT.md`).
 * A message on the port is such an event (Chrome 110+ resets the idle timer
 * on every event the worker receives), so while a compose box has focus and
 * was typed in lately, a ping every {@link KEEP_ALIVE_INTERVAL_MS} keeps the
 * worker awake through the pauses of writing. When the box loses focus, or
 * nothing was typed for {@link KEEP_ALIVE_IDLE_LIMIT_MS}, the pings stop and
 * the worker may sleep as before.
 *
 * DOM-free: the clock, the timer and the sending are passed in, so the state
 * machine is unit-tested without a browser (tests/unit/keep-alive.test.mjs).
 */

/** Well inside Chrome's 30-second idle timeout, with room for a throttled timer. */
export const KEEP_ALIVE_INTERVAL_MS = 20_000;

/** A writer who typed nothing for this long has left: let the worker sleep. */
export const KEEP_ALIVE_IDLE_LIMIT_MS = 5 * 60_000;

export type KeepAliveState =
  /** No focused box was typed in lately: no pings; the worker may sleep. */
  | { name: 'resting' }
  /** A focused box was typed in at `lastInputAt`: a ping every interval. */
  | { name: 'awake'; lastInputAt: number; stopTimer: () => void };

export interface KeepAliveEnvironment {
  now: () => number;
  /** Calls `tick` every `ms` until the returned function is called. */
  every: (ms: number, tick: () => void) => () => void;
  /** Sends one ping to the background. */
  ping: () => void;
}

export class KeepAlive {
  private state: KeepAliveState = { name: 'resting' };

  constructor(private readonly env: KeepAliveEnvironment) {}

  get name(): KeepAliveState['name'] {
    return this.state.name;
  }

  /** The employee typed into a focused compose box. */
  typed(): void {
    const now = this.env.now();
    if (this.state.name === 'awake') {
      this.state.lastInputAt = now;
      return;
    }
    const stopTimer = this.env.every(KEEP_ALIVE_INTERVAL_MS, () => this.tick());
    this.state = { name: 'awake', lastInputAt: now, stopTimer };
  }

  /** The compose box lost focus (or went away). */
  left(): void {
    this.rest();
  }

  private tick(): void {
    if (this.state.name !== 'awake') return;
    if (this.env.now() - this.state.lastInputAt >= KEEP_ALIVE_IDLE_LIMIT_MS) {
      this.rest();
      return;
    }
    this.env.ping();
  }

  private rest(): void {
    if (this.state.name === 'awake') this.state.stopTimer();
    this.state = { name: 'resting' };
  }
}

/** The keep-alive of a page's boxes, pinging through `connection`, on the real clock. */
export function keepAliveThrough(connection: { ping(): void }): KeepAlive {
  return new KeepAlive({
    now: () => performance.now(),
    every: (ms, tick) => {
      const timer = setInterval(tick, ms);
      return () => clearInterval(timer);
    },
    ping: () => connection.ping(),
  });
}
