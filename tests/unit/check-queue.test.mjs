// How the background chooses the next check: tabs take turns, a box's newer
// text replaces its older one, and one tab can keep only so many boxes
// waiting.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTs } from './load-ts.mjs';

const { CheckQueue, MAX_BOXES_PER_PORT } = await loadTs('extension/src/background/check-queue.ts');

let nextId = 1;
const request = (boxId, text = `text of ${boxId}`) => ({ v: 2, type: 'check', id: nextId++, boxId, seq: nextId, text, context: {} });

/** Every request in the order the queue hands them out, as `port:box`. */
function drain(queue) {
  const order = [];
  for (let next = queue.next(); next; next = queue.next()) order.push(`${next.port}:${next.request.boxId}`);
  return order;
}

test('a tab flooding its port delays only itself: tabs take turns', () => {
  const queue = new CheckQueue();
  for (let i = 0; i < 20; i++) queue.push('flood', request(`box-${i}`));
  queue.push('quiet', request('box-1'));
  queue.push('options', request('try-1'));
  const order = drain(queue);
  assert.deepEqual(order.slice(0, 4), ['flood:box-0', 'quiet:box-1', 'options:try-1', 'flood:box-1']);
  assert.equal(order.length, 22);
  assert.equal(queue.empty, true);
  assert.equal(queue.next(), null);
});

test('a newer text replaces the waiting one for the same box, keeping its turn', () => {
  const queue = new CheckQueue();
  assert.equal(queue.push('tab', request('box-1', 'old')), 'queued');
  assert.equal(queue.push('tab', request('box-2')), 'queued');
  assert.equal(queue.push('tab', request('box-1', 'newest')), 'replaced');
  const first = queue.next();
  assert.equal(first.request.boxId, 'box-1');
  assert.equal(first.request.text, 'newest');
  assert.deepEqual(drain(queue), ['tab:box-2'], 'the old text is never checked');
});

test('a tab may keep a bounded number of boxes waiting; others are unaffected', () => {
  const queue = new CheckQueue();
  for (let i = 0; i < MAX_BOXES_PER_PORT; i++) assert.equal(queue.push('tab', request(`box-${i}`)), 'queued');
  assert.equal(queue.push('tab', request('one-more')), 'full');
  assert.equal(queue.push('tab', request('box-0', 'newer')), 'replaced', 'a waiting box may still be updated');
  assert.equal(queue.push('other', request('box-0')), 'queued');
  queue.next();
  assert.equal(queue.push('tab', request('one-more')), 'queued', 'room again once one was answered');
});

test('a disconnected port leaves nothing behind', () => {
  const queue = new CheckQueue();
  queue.push('gone', request('box-1'));
  queue.push('gone', request('box-2'));
  queue.push('stays', request('box-1'));
  queue.drop('gone');
  assert.deepEqual(drain(queue), ['stays:box-1']);
  queue.drop('never-seen');
  assert.equal(queue.empty, true);
});
