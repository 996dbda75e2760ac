// The port's reconnect-and-resend logic, with a stand-in for the browser's
// `chrome.runtime.connect` (the real one is exercised by the e2e tests).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTs } from './load-ts.mjs';

const { CheckerConnection } = await loadTs('extension/src/content/connection.ts');

/** A fake runtime whose ports record what was posted and can be dropped. */
function fakeRuntime() {
  const ports = [];
  globalThis.chrome = {
    runtime: {
      connect({ name }) {
        const listeners = { message: [], disconnect: [] };
        const port = {
          name,
          posted: [],
          postMessage(message) {
            port.posted.push(message);
          },
          onMessage: { addListener: (fn) => listeners.message.push(fn) },
          onDisconnect: { addListener: (fn) => listeners.disconnect.push(fn) },
          answer: (message) => listeners.message.forEach((fn) => fn(message)),
          drop: () => listeners.disconnect.forEach((fn) => fn()),
        };
        ports.push(port);
        return port;
      },
    },
  };
  return ports;
}

const context = { platform: 'x', surface: 'post', lang: 'en', attachments: [] };
const REPORT = { findings: [{ rule: 'acme.codenames', span: { start: 0, end: 3 } }], length: null };
/** The background's answer as it travels through the port: the report as JSON text. */
const result = (request, reportJson = JSON.stringify(REPORT)) => ({ v: 2, type: 'result', id: request.id, boxId: request.boxId, seq: request.seq, reportJson, timing: { checkMs: 0 } });

test('a request outstanding when the port drops is sent again on a new port', () => {
  const ports = fakeRuntime();
  const answers = [];
  const connection = new CheckerConnection((answer) => answers.push(answer));
  connection.check('box-1', 1, 'old text', context);
  connection.check('box-1', 2, 'new text', context);
  connection.check('box-2', 1, 'other box', context);
  assert.equal(ports.length, 1);
  ports[0].answer(result(ports[0].posted[2])); // box-2 answered before the drop
  ports[0].drop();
  assert.equal(ports.length, 2, 'reconnected');
  // Only box-1's newest request is resent; box-2 had its answer.
  assert.deepEqual(ports[1].posted.map((m) => [m.boxId, m.seq, m.text]), [['box-1', 2, 'new text']]);
  ports[1].answer(result(ports[1].posted[0]));
  assert.deepEqual(answers.map((a) => [a.type, a.boxId, a.seq]), [['result', 'box-2', 1], ['result', 'box-1', 2]]);
  assert.deepEqual(answers[0].report, REPORT, 'the report arrives parsed');
  ports[1].drop();
  assert.equal(ports.length, 2, 'nothing outstanding, so no reconnect until the next check');
});

test('a request that keeps losing its worker ends in an error, not a loop', () => {
  const ports = fakeRuntime();
  const answers = [];
  const connection = new CheckerConnection((answer) => answers.push(answer));
  connection.check('box-1', 7, 'text', context);
  for (let i = 0; i < 5; i += 1) ports.at(-1).drop();
  assert.equal(ports.length, 3, 'sent three times in all');
  assert.equal(answers.length, 1);
  assert.equal(answers[0].type, 'error');
  assert.equal(answers[0].seq, 7);
});

test('a forgotten box is not resent', () => {
  const ports = fakeRuntime();
  const connection = new CheckerConnection(() => {});
  connection.check('box-1', 1, 'text', context);
  connection.forget('box-1');
  ports[0].drop();
  assert.equal(ports.length, 1);
});

test('when the extension is gone, checks fail with an error instead of throwing', () => {
  globalThis.chrome = { runtime: { connect: () => { throw new Error('Extension context invalidated.'); } } };
  const answers = [];
  const connection = new CheckerConnection((answer) => answers.push(answer));
  connection.check('box-1', 1, 'text', context);
  assert.equal(answers[0].type, 'error');
  assert.match(answers[0].message, /reload the page/);
});

test('after a policy change, each box is checked again with its newest text and seq, on a port that woke the worker', () => {
  const ports = fakeRuntime();
  const connection = new CheckerConnection(() => {});
  connection.check('box-1', 1, 'old', context);
  connection.check('box-1', 2, 'newest', context);
  connection.check('box-2', 5, 'other', context);
  connection.check('box-3', 1, 'removed', context);
  connection.forget('box-3');
  for (const message of ports[0].posted.slice(1, 3)) ports[0].answer(result(message));
  // The worker stopped since: the port is gone, and no request is outstanding.
  ports[0].drop();
  assert.equal(ports.length, 1);
  connection.recheckAll();
  assert.equal(ports.length, 2, 'the recheck opens a new port');
  const resent = ports[1].posted;
  assert.deepEqual(resent.map((m) => [m.boxId, m.seq, m.text]), [['box-1', 2, 'newest'], ['box-2', 5, 'other']]);
  const ids = ports[0].posted.map((m) => m.id);
  assert.ok(resent.every((m) => !ids.includes(m.id)), 'new request ids');
});

test('an answer whose report cannot be read becomes an error for its box', () => {
  const ports = fakeRuntime();
  const answers = [];
  const connection = new CheckerConnection((answer) => answers.push(answer));
  connection.check('box-1', 4, 'text', context);
  ports[0].answer(result(ports[0].posted[0], '{"findings": [')); // cut off
  assert.deepEqual(answers.map((a) => [a.type, a.boxId, a.seq]), [['error', 'box-1', 4]]);
  assert.match(answers[0].message, /unreadable report/);
});
