/**
 * Background: the service worker on Chrome and Edge, the background script on
 * Firefox. Hosts the checker; content scripts (and the options page's "try
 * it" box) send it text over a port.
 *
 * Listeners are registered synchronously at the top level, as a service
 * worker must, so a port opened by a content script, an alarm or a managed
 * policy change wakes a stopped worker and its event is handled.
 */

import {
  PORT_NAME,
  PROTOCOL_VERSION,
  STORAGE,
  isCheckRequest,
  isRulesRequest,
  type AnswerMessage,
  type CheckRequest,
  type Preferences,
  type RulesAnswer,
} from '../protocol';
import {
  PAUSE_END_ALARM,
  REFRESH_ALARM,
  getActive,
  messageLanguage,
  pauseEnded,
  paused,
  preferencesChanged,
  refreshPolicy,
  rules,
  takeColdStart,
} from './policy';

/** The report of a paused check, as the engine would write it. */
const EMPTY_REPORT_JSON = JSON.stringify({ findings: [], length: null });

async function answer(request: CheckRequest): Promise<AnswerMessage> {
  try {
    const ready = await getActive();
    const isPaused = paused(ready);
    const before = performance.now();
    const context = { ...request.context, lang: messageLanguage() };
    const reportJson = isPaused ? EMPTY_REPORT_JSON : ready.checker.checkJson(request.text, context);
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

/** Errors thrown by the WebAssembly side are plain objects, not `Error`s. */
function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  try {
    return JSON.stringify(error);
  } catch {
    return String(error);
  }
}

chrome.runtime.onConnect.addListener((port) => {
  if (port.name !== PORT_NAME) return;
  // A content script connects as soon as the user starts typing, so the
  // engine starts while the typing debounce is still running.
  void getActive().catch(() => undefined);
  port.onMessage.addListener((message: unknown) => {
    if (!isCheckRequest(message)) {
      const reply: AnswerMessage = {
        v: PROTOCOL_VERSION,
        type: 'error',
        message: `unsupported message; this background speaks protocol v${PROTOCOL_VERSION}`,
      };
      port.postMessage(reply);
      return;
    }
    void answer(message).then((reply) => {
      try {
        port.postMessage(reply);
      } catch {
        // The tab went away while checking; nobody is waiting for the answer.
      }
    });
  });
});

// The options page asks for the effective rules of the policy in force.
chrome.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
  if (sender.id !== chrome.runtime.id || !isRulesRequest(message)) return false;
  getActive()
    .then((ready) => sendResponse({ ok: true, rules: rules(ready) } satisfies RulesAnswer))
    .catch((error: unknown) => sendResponse({ ok: false, message: describe(error) } satisfies RulesAnswer));
  return true;
});

chrome.storage.onChanged.addListener((changes, area) => {
  // Chrome and Edge: the admin changed the managed configuration.
  if (area === 'managed') void refreshPolicy(true).catch(() => undefined);
  if (area === 'local' && STORAGE.preferences in changes) {
    void preferencesChanged(changes[STORAGE.preferences].newValue as Partial<Preferences> | undefined);
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
chrome.runtime.onInstalled.addListener(() => void refreshPolicy(true).catch(() => undefined));
