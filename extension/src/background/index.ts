/**
 * Background: the service worker on Chrome and Edge, the background script on
 * Firefox. Hosts the checker; content scripts send it text over a port.
 *
 * Listeners are registered synchronously at the top level, as a service
 * worker must, so a port opened by a content script wakes a stopped worker
 * and its first message is handled.
 */

import { getEngine, takeColdStart } from './engine';
import {
  PORT_NAME,
  PROTOCOL_VERSION,
  isCheckRequest,
  type CheckRequest,
  type FromBackground,
} from '../protocol';

async function answer(request: CheckRequest): Promise<FromBackground> {
  try {
    const ready = await getEngine();
    const before = performance.now();
    const report = ready.check(request.text, request.context);
    const checkMs = performance.now() - before;
    const coldStart = takeColdStart(ready);
    return {
      v: PROTOCOL_VERSION,
      type: 'result',
      id: request.id,
      boxId: request.boxId,
      seq: request.seq,
      report,
      organization: ready.organization,
      timing: coldStart ? { checkMs, coldStart } : { checkMs },
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
  void getEngine().catch(() => undefined);
  port.onMessage.addListener((message: unknown) => {
    if (!isCheckRequest(message)) {
      const reply: FromBackground = {
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

// Warm up on install and browser start, so the first keystroke rarely waits.
chrome.runtime.onStartup.addListener(() => void getEngine().catch(() => undefined));
chrome.runtime.onInstalled.addListener(() => void getEngine().catch(() => undefined));
