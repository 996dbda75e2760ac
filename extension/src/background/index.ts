/**
 * Background: the service worker on Chrome and Edge, the background script on
 * Firefox. Hosts the checker; content scripts (and the options page's "try
 * it" box) send it text over a port.
 *
 * Listeners are registered synchronously at the top level, as a service
 * worker must, so a port opened by a content script, an alarm or a managed
 * policy change wakes a stopped worker and its event is handled.
 *
 * Requests are read with `readCheckRequest` (nothing a port sends is
 * trusted) and answered one at a time from `CheckQueue`, the ports taking
 * turns, so that no page can hold up the checks of the others.
 */

import { PORT_NAME, PROTOCOL_VERSION, STORAGE, isKeepAlive, isPolicyRequest, isRulesRequest, readCheckRequest, type AnswerMessage, type CheckContext, type CheckRequest, type PolicyAnswer, type RulesAnswer } from '../protocol';
import { dateInZone } from '../content/context';
import { CheckQueue } from './check-queue';
import { checkJson } from './engine';
import { WARM_UP_CONTEXT, WARM_UP_TEXT } from './engine-instance';
import { withoutSuggestions } from './policy-state';
import {
  LEGACY_STORAGE_KEYS,
  PAUSE_END_ALARM,
  REFRESH_ALARM,
  department,
  getActive,
  messageLanguage,
  pauseEnded,
  paused,
  preferencesChanged,
  showsNudges,
  refreshPolicy,
  rules,
  takeColdStart,
  type Active,
} from './policy';

/** The report of a paused check, as the engine would write it. */
const EMPTY_REPORT_JSON = JSON.stringify({ findings: [], length: null });

async function answer(request: CheckRequest): Promise<AnswerMessage> {
  try {
    const ready = await getActive();
    const isPaused = paused(ready);
    const before = performance.now();
    const reportJson = isPaused ? EMPTY_REPORT_JSON : check(ready, request.text, request.context);
    const checkMs = performance.now() - before;
    const coldStart = takeColdStart(ready);
    return {
      v: PROTOCOL_VERSION,
      type: 'result',
      id: request.id,
      boxId: request.boxId,
      seq: request.seq,
      reportJson,
      organization: ready.organization,
      timing: coldStart ? { checkMs, coldStart } : { checkMs },
      ...(isPaused ? { paused: true } : {}),
    };
  } catch (error) {
    return {
      v: PROTOCOL_VERSION,
      type: 'error',
      id: request.id,
      boxId: request.boxId,
      seq: request.seq,
      message: describe(error),
    };
  }
}

/** The report on `text` as JSON text, with what only the background may add to the context. */
function check(ready: Active, text: string, requestContext: CheckContext): string {
  // The day of writing in the policy's time zone, whatever the page's.
  const date = dateInZone(new Date(), ready.checker.timezone());
  // The department is the background's to add: no page or content script names it.
  const inDepartment = department(ready);
  const context = { ...requestContext, lang: messageLanguage(), date, ...(inDepartment === null ? {} : { department: inDepartment }) };
  const checked = checkJson(ready.checker, text, context);
  return showsNudges(ready) ? checked : withoutSuggestions(checked);
}

let warmedUp = false;

/**
 * A fresh worker's first check compiles the engine's functions on their
 * first call and loads the browser's time-zone data. A sample check as
 * soon as the policy is ready, while the employee's typing debounce still
 * runs, spares their first check that wait.
 */
function warmUp(ready: Active): void {
  if (warmedUp) return;
  warmedUp = true;
  setTimeout(() => {
    try {
      check(ready, WARM_UP_TEXT, WARM_UP_CONTEXT);
    } catch {
      // The policy was replaced meanwhile; its checker is gone and needs no warming.
    }
  }, 0);
}

/** Errors thrown by the WebAssembly side are plain objects, not `Error`s. */
function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  try {
    return JSON.stringify(error);
  } catch {
    return String(error);
  }
}

const waiting = new CheckQueue<chrome.runtime.Port>();
let answering = false;

function post(port: chrome.runtime.Port, reply: AnswerMessage): void {
  try {
    port.postMessage(reply);
  } catch {
    // The tab went away while checking; nobody is waiting for the answer.
  }
}

/** Answers waiting requests until none are left, one port's turn at a time. */
async function answerWaiting(): Promise<void> {
  if (answering) return;
  answering = true;
  try {
    for (let next = waiting.next(); next; next = waiting.next()) {
      post(next.port, await answer(next.request));
      // Lets requests that arrived meanwhile take their place (and replace
      // older ones for the same box) before the next turn is chosen.
      if (!waiting.empty) await new Promise((resolve) => setTimeout(resolve, 0));
    }
  } finally {
    answering = false;
  }
}

chrome.runtime.onConnect.addListener((port) => {
  if (port.name !== PORT_NAME) return;
  // A content script connects as soon as the user starts typing, so the
  // engine starts while the typing debounce is still running.
  void getActive().then(warmUp, () => undefined);
  port.onMessage.addListener((message: unknown) => {
    // Receiving it was the point: an event that resets Chrome's idle timer.
    if (isKeepAlive(message)) return;
    const reading = readCheckRequest(message);
    if (!reading.ok) {
      post(port, reading.error);
      return;
    }
    const { request } = reading;
    if (waiting.push(port, request) === 'full') {
      post(port, { v: PROTOCOL_VERSION, type: 'error', id: request.id, boxId: request.boxId, seq: request.seq, message: 'too many boxes waiting for a check in this tab' });
      return;
    }
    void answerWaiting();
  });
  port.onDisconnect.addListener(() => waiting.drop(port));
});

// The options page asks for the effective rules of the policy in force.
chrome.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
  if (sender.id !== chrome.runtime.id || !isRulesRequest(message)) return false;
  getActive()
    .then((ready) => sendResponse({ ok: true, rules: rules(ready) } satisfies RulesAnswer))
    .catch((error: unknown) => sendResponse({ ok: false, message: describe(error) } satisfies RulesAnswer));
  return true;
});

// The Studio, an extension page, asks for the text of the policy in force.
// Content scripts share the extension's id but run in web pages: only a
// page of the extension's own origin gets the text.
chrome.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
  if (sender.id !== chrome.runtime.id || !sender.url?.startsWith(chrome.runtime.getURL('')) || !isPolicyRequest(message)) return false;
  getActive()
    .then((ready) => sendResponse({ ok: true, text: ready.candidate.text, source: ready.candidate.source } satisfies PolicyAnswer))
    .catch((error: unknown) => sendResponse({ ok: false, message: describe(error) } satisfies PolicyAnswer));
  return true;
});

chrome.storage.onChanged.addListener((changes, area) => {
  // Chrome and Edge: the admin changed the managed configuration.
  if (area === 'managed') void refreshPolicy(true).catch(() => undefined);
  if (area === 'local' && STORAGE.preferences in changes) {
    void preferencesChanged(changes[STORAGE.preferences].newValue);
  }
});

chrome.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === REFRESH_ALARM) void refreshPolicy(true).catch(() => undefined);
  if (alarm.name === PAUSE_END_ALARM) void pauseEnded();
});

// Browser start and install: fetch the policy URL now, and start the engine
// so the first keystroke rarely waits. (Firefox reads managed storage only
// at start-up, so this is where its policy arrives.)
chrome.runtime.onStartup.addListener(() => void refreshPolicy(true).catch(() => undefined));
chrome.runtime.onInstalled.addListener(() => {
  void chrome.storage.local.remove(LEGACY_STORAGE_KEYS);
  void refreshPolicy(true).catch(() => undefined);
});
