// Expectations for the e2e tests come from the real checker: the same WASM
// package the extension ships, run here in Node on the text the test typed.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { openFixture, readHighlights, serviceWorker } from '../harness.mjs';

const pkg = new URL('../../checker-wasm/pkg/', import.meta.url);
const wasm = await import(new URL('checker_wasm.js', pkg));
wasm.initSync({ module: await readFile(new URL('checker_wasm_bg.wasm', pkg)) });
const checker = wasm.Checker.compile(wasm.defaultPolicy());

function today() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** What the checker reports for `text` in a box of this platform and surface. */
export function findingsFor(text, platform, surface) {
  return checker.check(text, { platform, surface, lang: 'en', date: today(), attachments: [] }).findings;
}

/** The highlight texts by level that those findings should paint. */
export function expectedHighlights(text, platform, surface) {
  const expected = { hint: [], warn: [], block: [], overflow: [] };
  for (const finding of findingsFor(text, platform, surface)) {
    // The length overflow is tinted, not underlined at its level.
    const mark = finding.category === 'length' ? 'overflow' : finding.level;
    if (finding.span && finding.span.end > finding.span.start) expected[mark].push(text.slice(finding.span.start, finding.span.end));
  }
  return expected;
}

/** Waits until the page's highlights (inside `within`) equal `expected`. */
export async function waitForHighlights(page, expected, within, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  let actual;
  for (;;) {
    actual = await readHighlights(page, within);
    if (JSON.stringify(actual) === JSON.stringify(expected)) return actual;
    if (Date.now() > deadline) break;
    await page.waitForTimeout(50);
  }
  assert.deepEqual(actual, expected, `highlights in ${within}`);
  return actual;
}

/** Every quote, flattened, for asserting that a trigger is among them. */
export function allQuotes(highlights) {
  return [...highlights.hint, ...highlights.warn, ...highlights.block, ...highlights.overflow];
}

/**
 * The three editors, as the tests drive them: where the box and its Post
 * button are, and how to read the editor's own model.
 */
export const EDITORS = {
  draft: {
    fixture: 'x',
    platform: 'x',
    box: '[data-testid="tweetTextarea_0"]',
    post: '[data-testid="tweetButtonInline"] >> nth=0',
    model: (page) => page.evaluate(() => window.__fixture.draftText('tweetTextarea_0')),
  },
  quill: {
    fixture: 'linkedin',
    platform: 'linkedin',
    box: '.share-box .ql-editor',
    post: '.share-actions__primary-action',
    // Quill always ends its text with a newline of its own.
    model: async (page) => (await page.evaluate(() => window.__fixture.quillText('share'))).replace(/\n$/, ''),
  },
  textarea: {
    fixture: 'textarea',
    platform: 'x',
    box: '[data-testid="tweetTextarea_0"]',
    // The highlights are on the overlay mirror, not in the textarea.
    highlights: '[data-test-ui="mirror"]',
    post: '[data-testid="tweetButton"]',
    model: (page) => page.$eval('[data-testid="tweetTextarea_0"]', (textarea) => textarea.value),
  },
};

/** Polls `read` until it returns `expected` (deep equality), then asserts. */
export async function waitForValue(read, expected, message, timeoutMs = 10000) {
  const deadline = Date.now() + timeoutMs;
  let actual;
  for (;;) {
    actual = await read();
    if (JSON.stringify(actual) === JSON.stringify(expected)) return actual;
    if (Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.deepEqual(actual, expected, message);
  return actual;
}

/** Opens a fixture, types `text` into the editor's box and waits for its highlights. */
export async function typeChecked(context, editor, text, { expectFindings = true } = {}) {
  const page = await openFixture(context, editor.fixture);
  await page.waitForSelector(editor.box);
  await page.click(editor.box);
  await page.keyboard.type(text);
  if (expectFindings) {
    const expected = expectedHighlights(text, editor.platform, 'post');
    assert.ok(allQuotes(expected).length > 0, `the text has findings: ${text}`);
    await waitForHighlights(page, expected, editor.highlights ?? editor.box, 15000);
  }
  await waitForValue(() => editor.model(page), text, "the editor's model holds the typed text");
  return page;
}

/** The state of the box's status badge (the visible one: empty boxes hide theirs). */
export function badgeState(page) {
  return page.evaluate(() => {
    for (const host of document.querySelectorAll('[data-test-ui="badge"]')) {
      const button = host.shadowRoot?.querySelector('.badge');
      if (button && button.style.display !== 'none') return button.dataset.state ?? null;
    }
    return null;
  });
}

/** The review dialog that holds a post back. */
export const reviewDialog = (page) => page.locator('[data-test-ui="review"] [role="alertdialog"]');

/** What the fixture's Post buttons (and Ctrl+Enter) submitted. */
export function submissions(page) {
  return page.evaluate(() => window.__fixture.posted().map((entry) => entry.text.replace(/\n$/, '')));
}

/** The element that has focus, looking into Postlint's shadow roots. */
export function focused(page) {
  return page.evaluate(() => {
    let active = document.activeElement;
    const path = [];
    while (active) {
      path.push(active.getAttribute('data-testid') ?? active.className ?? active.nodeName);
      if (!active.shadowRoot?.activeElement) break;
      active = active.shadowRoot.activeElement;
    }
    const host = document.activeElement;
    return { host: host?.getAttribute('data-test-ui') ?? host?.nodeName.toLowerCase() ?? null, inner: active?.textContent ?? null, path };
  });
}

/**
 * Opens the extension's action popup over `page` and evaluates `expression`
 * in it through the DevTools protocol (Playwright does not expose action
 * popups as pages), until `ready` holds for the value; returns that value.
 */
export async function evaluateInPopup(browser, page, expression, ready) {
  const worker = await serviceWorker(browser.context, browser.extensionId);
  await page.bringToFront();
  await worker.evaluate(() => chrome.action.openPopup());
  const session = await browser.context.newCDPSession(page);
  try {
    let target;
    const deadline = Date.now() + 15_000;
    while (!target) {
      const { targetInfos } = await session.send('Target.getTargets');
      target = targetInfos.find((info) => info.url === `chrome-extension://${browser.extensionId}/popup.html`);
      if (!target && Date.now() > deadline) throw new Error('the popup did not open');
      if (!target) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const { sessionId } = await session.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
    const answers = new Map();
    session.on('Target.receivedMessageFromTarget', (event) => {
      const message = JSON.parse(event.message);
      answers.get(message.id)?.(message);
    });
    let id = 0;
    const evaluate = () =>
      new Promise((resolve) => {
        id += 1;
        answers.set(id, (message) => resolve(message.result?.result?.value ?? null));
        void session.send('Target.sendMessageToTarget', {
          sessionId,
          message: JSON.stringify({ id, method: 'Runtime.evaluate', params: { expression, returnByValue: true } }),
        });
      });
    for (;;) {
      const value = await evaluate();
      if (value !== null && ready(value)) return value;
      if (Date.now() > deadline) assert.fail(`popup: ${JSON.stringify(value)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await session.detach();
  }
}
