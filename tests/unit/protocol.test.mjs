// The background trusts nothing a port sends: what readCheckRequest lets
// through, what it refuses, and how stored preferences are read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTs } from './load-ts.mjs';

const protocol = await loadTs('extension/src/protocol.ts');
const { MAX_CHECKED_UNITS } = await loadTs('extension/src/content/caps.ts');

/** A request as the content script sends it. */
const request = (overrides = {}, context = {}) => ({
  v: protocol.PROTOCOL_VERSION,
  type: 'check',
  id: 7,
  boxId: 'box-1',
  seq: 3,
  text: 'Hello',
  context: { platform: 'x', surface: 'post', lang: 'en', date: '2026-11-27', attachments: [], ...context },
  ...overrides,
});

const refusal = (message) => {
  const reading = protocol.readCheckRequest(message);
  assert.equal(reading.ok, false, JSON.stringify(message).slice(0, 200));
  assert.equal(reading.error.type, 'error');
  return reading.error;
};

test("a content script's request is read as sent", () => {
  const sent = request({}, { attachments: [{ kind: 'image', count: 2, undescribed: 1 }] });
  assert.deepEqual(protocol.readCheckRequest(sent), { ok: true, request: sent });
  const withoutDate = request();
  delete withoutDate.context.date;
  assert.equal(protocol.readCheckRequest(withoutDate).ok, true, 'the date is optional');
});

test("the text is held to the content script's own cap", () => {
  assert.equal(protocol.readCheckRequest(request({ text: 'a'.repeat(MAX_CHECKED_UNITS) })).ok, true);
  const error = refusal(request({ text: 'a'.repeat(MAX_CHECKED_UNITS + 1) }));
  assert.match(error.message, /longer than 100000/);
  assert.deepEqual([error.id, error.boxId, error.seq], [7, 'box-1', 3], 'the refusal reaches the box that asked');
});

test('a context with unknown values is refused, naming the field', () => {
  const cases = [
    [{ platform: 'myspace' }, 'platform'],
    [{ surface: 'story' }, 'surface'],
    [{ lang: 'xx' }, 'lang'],
    [{ date: '2026-02-30' }, 'date'],
    [{ date: '27.11.2026' }, 'date'],
    [{ attachments: 'image' }, 'attachments'],
    [{ attachments: [{ kind: 'gif', count: 1 }] }, 'attachments'],
    [{ attachments: [{ kind: 'image', count: 1e9 }] }, 'attachments'],
    [{ attachments: [{ kind: 'image', count: -1 }] }, 'attachments'],
    [{ attachments: Array.from({ length: 4 }, () => ({ kind: 'image', count: 1 })) }, 'attachments'],
    [{ surface: 'profile', field: 'password' }, 'field'],
    [{ surface: 'post', field: 'headline' }, 'field'],
    [{ attachments: [{ kind: 'image', count: 1, undescribed: 2 }] }, 'attachments'],
    [{ attachments: [{ kind: 'image', count: 1, undescribed: '1' }] }, 'attachments'],
  ];
  for (const [context, field] of cases) {
    const error = refusal(request({}, context));
    assert.equal(error.message, `invalid check context: ${field}`, JSON.stringify(context));
    assert.equal(error.boxId, 'box-1');
  }
  assert.match(refusal(request({ context: null })).message, /not an object/);
});

test('only known context fields reach the engine', () => {
  const reading = protocol.readCheckRequest(request({ extra: 'x'.repeat(1000) }, { debug: true, attachments: [{ kind: 'video', count: 1, url: 'https://evil.example' }] }));
  assert.equal(reading.ok, true);
  assert.deepEqual(Object.keys(reading.request).sort(), ['boxId', 'context', 'id', 'seq', 'text', 'type', 'v']);
  assert.deepEqual(reading.request.context, { platform: 'x', surface: 'post', lang: 'en', date: '2026-11-27', attachments: [{ kind: 'video', count: 1, undescribed: 0 }] });
});

test('a profile box sends its field', () => {
  const reading = protocol.readCheckRequest(request({}, { surface: 'profile', field: 'bio' }));
  assert.equal(reading.ok, true);
  assert.deepEqual(reading.request.context, { platform: 'x', surface: 'profile', lang: 'en', date: '2026-11-27', attachments: [], field: 'bio' });
});

test('unreadable requests are refused without an address', () => {
  for (const message of [null, 'check', { v: 1, type: 'check' }, request({ type: 'rules' })]) {
    const error = refusal(message);
    assert.match(error.message, /protocol v2/);
    assert.equal(error.boxId, undefined);
  }
  for (const overrides of [{ id: '7' }, { seq: -1 }, { id: 1.5 }, { boxId: '' }, { boxId: 'b'.repeat(65) }, { text: 42 }]) {
    refusal(request(overrides));
  }
});

test("preferences: unknown values fall back to the defaults, a pause only as long as the options page sets", () => {
  const now = 1_800_000_000_000;
  const hour = protocol.PAUSE_MS;
  assert.deepEqual(protocol.parsePreferences(undefined, now), { lang: 'auto', pausedUntil: 0, department: null, nudges: true });
  assert.deepEqual(protocol.parsePreferences({ lang: 'de', pausedUntil: now + hour, department: null, nudges: false }, now), { lang: 'de', pausedUntil: now + hour, department: null, nudges: false });
  assert.deepEqual(protocol.parsePreferences({ lang: 'xx', pausedUntil: now + hour + 1, nudges: 'no' }, now), { lang: 'auto', pausedUntil: 0, department: null, nudges: true });
  assert.deepEqual(protocol.parsePreferences({ lang: { toString: 'de' }, pausedUntil: '9999999999999' }, now), { lang: 'auto', pausedUntil: 0, department: null, nudges: true });
  assert.deepEqual(protocol.parsePreferences({ lang: 'en', pausedUntil: Infinity }, now), { lang: 'en', pausedUntil: 0, department: null, nudges: true });
  assert.deepEqual(protocol.parsePreferences('auto', now), { lang: 'auto', pausedUntil: 0, department: null, nudges: true });
});

test('a chosen department is kept only when it is a department id', () => {
  const now = Date.now();
  assert.equal(protocol.parsePreferences({ department: 'sales' }, now).department, 'sales');
  for (const department of ['', 'sales team', 'x'.repeat(65), 42, { id: 'sales' }, '<img src=x>']) {
    assert.equal(protocol.parsePreferences({ department }, now).department, null, JSON.stringify(department));
  }
});

test("a request cannot name a department: only the background adds IT's", () => {
  const reading = protocol.readCheckRequest(request({}, { department: 'hr' }));
  assert.equal(reading.ok, true);
  assert.equal('department' in reading.request.context, false);
});
