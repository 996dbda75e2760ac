// The page as an observer, against the build as shipped (dist/chrome): a
// script of the X fixture page creates its own pre-filled editor, drives it
// with the events a script can make, walks the DOM (shadow roots included),
// listens for events and reads the CSS highlight registry. It must learn
// neither a finding's text, nor its message, nor how many there are, and no
// element or attribute may name Postlint: not for its own box, and not for
// the real box the writer types into (whose highlights it may see: that is
// the residual risk docs/security.md states).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { HIGHLIGHT_NAMES, SHIPPED_EXTENSION_DIR, launch, openFixture } from '../harness.mjs';
import { EDITORS, findingsFor, waitForValue } from './helpers.mjs';

/** Texts with findings under the built-in policy (a warning, a block-level IBAN). */
const PAGE_TEXT = 'Honestly, you idiot. Pay to DE89 3704 0044 0532 0130 00 today.';
const TYPED = 'Honestly, you idiot. My IBAN is DE89 3704 0044 0532 0130 00.';

let browser;
before(async () => {
  browser = await launch({ extensionDir: SHIPPED_EXTENSION_DIR });
});
after(async () => {
  await browser?.close();
});

/** The page's spy: installed before the page's own scripts run, in the page's world. */
function installSpy() {
  const spy = { events: [], added: [] };
  window.__spy = spy;
  for (const type of ['postlint:painted', 'postlint', 'painted']) {
    document.addEventListener(type, (event) => spy.events.push(`${type}: ${String(event.detail)}`), true);
    window.addEventListener(type, (event) => spy.events.push(`${type}: ${String(event.detail)}`), true);
  }
  new MutationObserver((records) => {
    for (const record of records) for (const node of record.addedNodes) if (node instanceof Element) spy.added.push(node);
  }).observe(document, { childList: true, subtree: true });
}

/** Makes the page's own compose box, pre-filled, and works it with script-made events. */
function plantBox(text) {
  const box = document.createElement('div');
  box.setAttribute('contenteditable', 'true');
  box.setAttribute('role', 'textbox');
  box.setAttribute('data-testid', 'tweetTextarea_7');
  box.textContent = text;
  document.body.append(box);
  box.focus();
  for (const type of ['pointerdown', 'mousedown', 'click', 'keydown', 'keyup', 'input', 'paste', 'drop']) {
    box.dispatchEvent(new Event(type, { bubbles: true, cancelable: true }));
  }
  box.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true }));
  box.dispatchEvent(new InputEvent('input', { inputType: 'insertText', data: ' ', bubbles: true }));
  box.append(' ');
}

/** Everything the page can read: text, open shadow roots, names, highlight ranges, events. */
function observe() {
  const spy = window.__spy;
  const texts = [];
  const names = [];
  const closedHosts = [];
  const walk = (root) => {
    for (const element of root.querySelectorAll('*')) {
      names.push(element.localName, ...element.getAttributeNames(), ...element.getAttributeNames().map((name) => element.getAttribute(name)));
      if (element.shadowRoot) {
        texts.push(element.shadowRoot.textContent);
        walk(element.shadowRoot);
      }
    }
  };
  walk(document);
  texts.push(document.documentElement.innerText);
  // Elements added after load outside the page's editors: what do they say?
  for (const node of spy.added) {
    if (node.closest('[contenteditable]') || node.querySelector('[contenteditable]')) continue;
    texts.push(node.textContent);
    if (node.shadowRoot === null && node.localName === 'div' && node.isConnected && node.parentElement === document.documentElement) closedHosts.push(node.textContent);
  }
  const highlights = [];
  CSS.highlights.forEach((highlight, name) => {
    for (const range of highlight) {
      const own = document.querySelector('[data-testid="tweetTextarea_7"]');
      highlights.push({ name, inPlantedBox: own?.contains(range.startContainer) ?? false, text: range.toString() });
    }
  });
  const styleRules = [];
  for (const sheet of document.styleSheets) {
    try {
      for (const rule of sheet.cssRules) styleRules.push(rule.cssText);
    } catch {
      // A cross-origin sheet: not readable, so not a leak.
    }
  }
  return { texts: texts.join('\n'), names: names.join(' '), closedHosts, highlights, events: spy.events, styleRules: styleRules.join('\n') };
}

function assertLearnsNothing(seen, findings, where) {
  assert.deepEqual(seen.events, [], `${where}: no event told the page anything`);
  assert.doesNotMatch(seen.names, /postlint/i, `${where}: no element or attribute names Postlint`);
  assert.doesNotMatch(seen.styleRules, /highlight\(/, `${where}: the highlight styles are not among the page's style sheets`);
  for (const name of Object.values(HIGHLIGHT_NAMES)) assert.doesNotMatch(name, /postlint|hint|warn|block/i, 'highlight names are neutral');
  for (const finding of findings) {
    assert.ok(!seen.texts.includes(finding.message), `${where}: the page cannot read the message "${finding.message}"`);
    assert.ok(!seen.texts.includes(finding.explanation), `${where}: nor the explanation`);
  }
  // A closed root shows nothing of the badge: neither a count nor a word.
  for (const text of seen.closedHosts) assert.equal(text, '', `${where}: a UI host has no readable text`);
}

test('a page-made, pre-filled editor is never checked; the page learns nothing', async () => {
  const page = await browser.context.newPage();
  await page.addInitScript(installSpy);
  await page.goto('https://x.com/compose/post');
  await page.waitForSelector(EDITORS.draft.box);
  await page.evaluate(plantBox, PAGE_TEXT);
  // Give the extension every chance to check: well past the debounce and a cold start.
  await page.waitForTimeout(3000);
  const seen = await page.evaluate(observe);
  assert.deepEqual(seen.highlights.filter((h) => h.inPlantedBox), [], 'no highlight in the planted box');
  assert.equal(seen.closedHosts.length, 0, 'no badge or other UI appeared for it');
  assertLearnsNothing(seen, findingsFor(PAGE_TEXT, 'x', 'post'), 'planted box');
  await page.close();
});

test('the real box the writer types into: highlights are painted, but the badge and card stay unreadable', async () => {
  const editor = EDITORS.draft;
  const page = await browser.context.newPage();
  await page.addInitScript(installSpy);
  await page.goto('https://x.com/compose/post');
  await page.click(editor.box);
  await page.keyboard.type(TYPED);
  const findings = findingsFor(TYPED, 'x', 'post');
  assert.ok(findings.length >= 2, `the text has findings: ${JSON.stringify(findings)}`);
  // The extension works: the writer sees the underlines, and a card opens on Ctrl+.
  await waitForValue(async () => (await page.evaluate(observe)).highlights.length > 0, true, 'highlights painted in the real box', 15000);
  await page.keyboard.press('Control+.');
  await page.waitForTimeout(500);
  const seen = await page.evaluate(observe);
  assert.ok(seen.closedHosts.length >= 1, 'the badge (and list) are there, on hosts with closed roots');
  assertLearnsNothing(seen, findings, 'real box');
  await page.close();
});

test('the page cannot find the extension by a planted box, nor by scanning for its UI before the writer acts', async () => {
  const page = await openFixture(browser.context, 'linkedin');
  await page.waitForSelector(EDITORS.quill.box);
  const seen = await page.evaluate(() => {
    const box = document.createElement('div');
    box.className = 'ql-editor';
    box.setAttribute('contenteditable', 'true');
    box.textContent = 'Honestly, you idiot.';
    document.body.append(box);
    box.focus();
    box.dispatchEvent(new Event('input', { bubbles: true }));
    return new Promise((resolve) =>
      setTimeout(() => {
        let ranges = 0;
        CSS.highlights.forEach((highlight) => (ranges += highlight.size));
        const extra = [...document.documentElement.children].filter((child) => child.localName !== 'head' && child.localName !== 'body');
        resolve({ ranges, extra: extra.length });
      }, 2500),
    );
  });
  assert.deepEqual(seen, { ranges: 0, extra: 0 }, 'nothing painted, nothing added to the page');
  await page.close();
});
