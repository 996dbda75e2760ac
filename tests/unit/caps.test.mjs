// The bounds on hostile text: what part of a long text is checked, and how
// many highlights are painted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTs } from './load-ts.mjs';

const caps = await loadTs('extension/src/content/caps.ts');

test('a text within the cap is checked whole', () => {
  const text = 'Hallo 👋 world'.repeat(1000);
  assert.deepEqual(caps.checkedPart(text), { text, complete: true });
  const exact = 'x'.repeat(caps.MAX_CHECKED_UNITS);
  assert.deepEqual(caps.checkedPart(exact), { text: exact, complete: true });
});

test('a 1 MB text is cut to its first MAX_CHECKED_UNITS units, a prefix of it', () => {
  const text = 'Grüße aus Köln, you idiot. '.repeat(40_000);
  assert.ok(text.length > 1_000_000);
  const part = caps.checkedPart(text);
  assert.equal(part.complete, false);
  assert.equal(part.text.length, caps.MAX_CHECKED_UNITS);
  assert.ok(text.startsWith(part.text));
});

test('the cut never splits an emoji between its surrogate halves', () => {
  // 100,000 emoji: 200,000 UTF-16 units; an odd limit falls inside one.
  const emoji = '😀'.repeat(100_000);
  const odd = caps.checkedPart(emoji, 7);
  assert.deepEqual(odd, { text: '😀😀😀', complete: false });
  const even = caps.checkedPart(emoji, 8);
  assert.deepEqual(even, { text: '😀😀😀😀', complete: false });
  const full = caps.checkedPart(emoji);
  assert.equal(full.text.length, caps.MAX_CHECKED_UNITS);
  assert.equal(full.text, '😀'.repeat(caps.MAX_CHECKED_UNITS / 2));
  // A lone high surrogate never ends the checked part.
  const last = full.text.charCodeAt(full.text.length - 1);
  assert.ok(!(last >= 0xd800 && last <= 0xdbff));
});

test('at most MAX_PAINTED_RANGES items are painted, the first ones in order', () => {
  const many = Array.from({ length: 25_000 }, (_, i) => i);
  const painted = caps.paintable(many);
  assert.equal(painted.length, caps.MAX_PAINTED_RANGES);
  assert.deepEqual(painted.slice(0, 3), [0, 1, 2]);
  assert.equal(painted.at(-1), caps.MAX_PAINTED_RANGES - 1);
  assert.deepEqual(caps.paintable([1, 2, 3]), [1, 2, 3]);
});
