// The keep-alive's state machine: pings while a focused box is typed in,
// none once the box is left or the writer stopped typing for long.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTs } from './load-ts.mjs';

const { KeepAlive, KEEP_ALIVE_INTERVAL_MS, KEEP_ALIVE_IDLE_LIMIT_MS } = await loadTs('extension/src/content/keep-alive.ts');

/** A fake clock whose interval timers fire as time is advanced. */
function environment() {
  const env = { time: 0, pings: 0, timers: new Set() };
  env.now = () => env.time;
  env.ping = () => env.pings++;
  env.every = (ms, tick) => {
    const timer = { ms, tick, next: env.time + ms };
    env.timers.add(timer);
    return () => env.timers.delete(timer);
  };
  env.advance = (ms) => {
    const end = env.time + ms;
    for (;;) {
      const due = [...env.timers].filter((t) => t.next <= end).sort((a, b) => a.next - b.next)[0];
      if (!due) break;
      env.time = due.next;
      due.next += due.ms;
      due.tick();
    }
    env.time = end;
  };
  return env;
}

test('a box being typed in pings every interval, through pauses', () => {
  const env = environment();
  const keepAlive = new KeepAlive(env);
  env.advance(60_000);
  assert.equal(env.pings, 0, 'no pings before any typing');
  keepAlive.typed();
  assert.equal(keepAlive.name, 'awake');
  env.advance(KEEP_ALIVE_INTERVAL_MS * 3);
  assert.equal(env.pings, 3);
  keepAlive.typed();
  keepAlive.typed();
  assert.equal(env.timers.size, 1, 'typing again starts no second timer');
});

test('leaving the box stops the pings at once', () => {
  const env = environment();
  const keepAlive = new KeepAlive(env);
  keepAlive.typed();
  env.advance(KEEP_ALIVE_INTERVAL_MS);
  keepAlive.left();
  assert.equal(keepAlive.name, 'resting');
  env.advance(KEEP_ALIVE_INTERVAL_MS * 10);
  assert.equal(env.pings, 1);
  assert.equal(env.timers.size, 0);
  keepAlive.left();
  assert.equal(keepAlive.name, 'resting', 'leaving twice is harmless');
});

test('a focused box nobody types in lets the worker sleep after the idle limit', () => {
  const env = environment();
  const keepAlive = new KeepAlive(env);
  keepAlive.typed();
  env.advance(KEEP_ALIVE_IDLE_LIMIT_MS + KEEP_ALIVE_INTERVAL_MS * 5);
  assert.equal(keepAlive.name, 'resting');
  assert.equal(env.pings, Math.ceil(KEEP_ALIVE_IDLE_LIMIT_MS / KEEP_ALIVE_INTERVAL_MS) - 1);
  assert.equal(env.timers.size, 0);
  keepAlive.typed();
  env.advance(KEEP_ALIVE_INTERVAL_MS);
  assert.equal(keepAlive.name, 'awake', 'typing again wakes it');
});

test('the background tells a ping from a check request', async () => {
  const { PROTOCOL_VERSION, isKeepAlive } = await loadTs('extension/src/protocol.ts');
  assert.equal(isKeepAlive({ v: PROTOCOL_VERSION, type: 'keepalive' }), true);
  assert.equal(isKeepAlive({ v: PROTOCOL_VERSION - 1, type: 'keepalive' }), false, 'an older protocol is answered with an error instead');
  assert.equal(isKeepAlive({ v: PROTOCOL_VERSION, type: 'check', id: 1, boxId: 'box-1', seq: 1, text: '', context: {} }), false);
  assert.equal(isKeepAlive(null), false);
});
