// Editor integrity (issue 10 §4): seeded random edit sequences in the real
// Draft.js and Quill fixtures, with Postlint running. A model of the text and
// caret, kept here in Node, applies each step's effect independently; after
// every step the editor's own model text and caret must match it, and no
// console error may come from the page. Fixes are applied through the card
// (Ctrl+. then Enter), with the expected replacement taken from what the real
// WASM reports for the expected text. Replay one run with
// POSTLINT_INTEGRITY_SEEDS=draft:7 (or quill:7; several comma-separated).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openFixture } from '../harness.mjs';
import { EDITORS, expectedHighlights, findingsFor, waitForHighlights } from './helpers.mjs';

const STEPS = 200;
const SEEDS = { draft: [101, 202, 303], quill: [101, 202, 303] };
const REPLAY = process.env.POSTLINT_INTEGRITY_SEEDS;

/** Small, well-known seeded PRNG (mulberry32): the same seed, the same run. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['hello', 'team', 'launch', 'today', 'great', 'work', 'Hamburg', 'news', 'proud', 'of', 'the', 'heute', 'wir', 'freuen', 'uns'];
/** Phrases the default policy flags; some carry a one-click fix. */
const FLAGGED = ['Schwachsinn', 'idiot', 'Wow!!!!', 'THIS IS SO LOUD', 'IBAN DE89 3704 0044 0532 0130 00'];
const PASTES = ['First pasted line.\nSecond pasted line.', 'Para one.\n\nPara two, das ist Schwachsinn.', 'A\nB\nC'];

/** Same choice as extension/src/content/findings.ts `findingAt`: most severe, then narrowest. */
const RANK = { hint: 0, warn: 1, block: 2 };
function findingAt(findings, offset) {
  let best = null;
  for (const finding of findings) {
    const span = finding.span;
    if (!span || span.end <= span.start || offset < span.start || offset > span.end) continue;
    if (!best) best = finding;
    else {
      const level = RANK[finding.level] - RANK[best.level];
      const narrower = span.end - span.start < best.span.end - best.span.start;
      if (level > 0 || (level === 0 && narrower)) best = finding;
    }
  }
  return best;
}

const CARET = {
  draft: (page) => page.evaluate(() => window.__fixture.draftCaret('tweetTextarea_0')),
  quill: (page) => page.evaluate(() => window.__fixture.quillCaret('share')),
};

/** One run: returns nothing, throws with the seed and the step log on the first divergence. */
async function run(context, name, seed) {
  const editor = EDITORS[name];
  const random = mulberry32(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
  const errors = [];
  const page = await openFixture(context, editor.fixture);
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  await page.waitForSelector(editor.box);
  await page.click(editor.box);

  let text = '';
  let caret = 0;
  const log = [];
  const insert = (inserted) => {
    text = text.slice(0, caret) + inserted + text.slice(caret);
    caret += inserted.length;
  };
  const lineStart = () => text.lastIndexOf('\n', caret - 1) + 1;
  const lineEnd = () => (text.indexOf('\n', caret) === -1 ? text.length : text.indexOf('\n', caret));
  const moveTo = async (target) => {
    while (caret < target) {
      await page.keyboard.press('ArrowRight');
      caret += 1;
    }
    while (caret > target) {
      await page.keyboard.press('ArrowLeft');
      caret -= 1;
    }
  };
  const fail = (message) => assert.fail(`${name} seed ${seed} (replay: POSTLINT_INTEGRITY_SEEDS=${name}:${seed}) after step ${log.length}: ${message}\nsteps:\n${log.slice(-15).join('\n')}`);
  const settle = async () => {
    const deadline = Date.now() + 5000;
    let model;
    let at;
    for (;;) {
      model = await editor.model(page);
      at = await CARET[name](page);
      if (model === text && at === caret) return;
      if (Date.now() > deadline) break;
      await page.waitForTimeout(25);
    }
    if (model !== text) fail(`the editor's model ${JSON.stringify(model)} differs from the expected ${JSON.stringify(text)}`);
    fail(`the caret is at ${at}, expected ${caret} (text ${JSON.stringify(text)})`);
  };

  for (let step = 0; step < STEPS; step += 1) {
    const long = text.length > 200;
    const roll = random() * 100;
    if (roll < (long ? 10 : 30)) {
      const word = (caret > 0 && !/[\s]$/.test(text.slice(0, caret)) ? ' ' : '') + pick(WORDS);
      log.push(`type ${JSON.stringify(word)}`);
      await page.keyboard.type(word);
      insert(word);
    } else if (roll < 40) {
      const phrase = ' ' + pick(FLAGGED) + ' ';
      log.push(`type ${JSON.stringify(phrase)}`);
      await page.keyboard.type(phrase);
      insert(phrase);
    } else if (roll < 45) {
      log.push('Enter');
      await page.keyboard.press('Enter');
      insert('\n');
    } else if (roll < (long ? 65 : 55)) {
      const count = Math.min(caret, int(1, long ? 30 : 8));
      log.push(`Backspace x${count}`);
      for (let i = 0; i < count; i += 1) await page.keyboard.press('Backspace');
      text = text.slice(0, caret - count) + text.slice(caret);
      caret -= count;
    } else if (roll < (long ? 72 : 61)) {
      // Within the line: Chromium extends a selection unevenly across Quill's
      // empty paragraphs, with or without Postlint (Backspace runs cross lines).
      const count = Math.min(caret - lineStart(), int(1, long ? 60 : 15));
      log.push(`select ${count} left, Backspace`);
      for (let i = 0; i < count; i += 1) await page.keyboard.press('Shift+ArrowLeft');
      if (count > 0) {
        await page.keyboard.press('Backspace');
        text = text.slice(0, caret - count) + text.slice(caret);
        caret -= count;
      }
    } else if (roll < (long ? 74 : 67)) {
      const pasted = pick(PASTES);
      log.push(`paste ${JSON.stringify(pasted)}`);
      await page.evaluate((pasted) => {
        const data = new DataTransfer();
        data.setData('text/plain', pasted);
        document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
      }, pasted);
      insert(pasted);
    } else if (roll < 80) {
      const target = Math.max(0, Math.min(text.length, caret + int(-12, 12)));
      log.push(`arrows to ${target}`);
      await moveTo(target);
    } else if (roll < 85) {
      // Home/End only on short lines, where the visual line is the logical one.
      if (lineEnd() - lineStart() <= 25) {
        const home = random() < 0.5;
        log.push(home ? 'Home' : 'End');
        await page.keyboard.press(home ? 'Home' : 'End');
        caret = home ? lineStart() : lineEnd();
      }
    } else if (roll < 88) {
      const start = random() < 0.3;
      log.push(start ? 'Ctrl+Home' : 'Ctrl+End');
      await page.keyboard.press(start ? 'Control+Home' : 'Control+End');
      caret = start ? 0 : text.length;
    } else {
      // A one-click fix of a finding the card would show, nearest the caret.
      const findings = findingsFor(text, editor.platform, 'post');
      const candidates = [];
      for (const finding of findings) {
        if (!finding.span || finding.span.end - finding.span.start < 2) continue;
        const offset = finding.span.start + 1;
        const shown = findingAt(findings, offset);
        if (shown?.suggestions[0]?.span) candidates.push({ offset, shown });
      }
      if (candidates.length === 0) continue;
      candidates.sort((a, b) => Math.abs(a.offset - caret) - Math.abs(b.offset - caret));
      const { offset, shown } = candidates[0];
      const suggestion = shown.suggestions[0];
      log.push(`fix ${shown.rule} ${JSON.stringify(shown.quote)} -> ${JSON.stringify(suggestion.replacement)}`);
      // The extension has checked this very text. (A range across paragraphs
      // reads without the line breaks, which are block boundaries in the DOM.)
      const painted = Object.fromEntries(Object.entries(expectedHighlights(text, editor.platform, 'post')).map(([level, quotes]) => [level, quotes.map((quote) => quote.replaceAll('\n', ''))]));
      await waitForHighlights(page, painted, editor.box, 15000);
      await moveTo(offset);
      await page.keyboard.press('Control+.');
      const card = page.locator('[data-test-ui="card"] [role="dialog"]');
      await card.waitFor({ timeout: 10000 });
      await page.keyboard.press('Enter');
      await card.waitFor({ state: 'detached' });
      text = text.slice(0, suggestion.span.start) + suggestion.replacement + text.slice(suggestion.span.end);
      caret = suggestion.span.start + suggestion.replacement.length;
    }
    await settle();
    if (errors.length > 0) fail(`console errors: ${errors.join(' | ')}`);
  }
  await page.close();
  return log;
}

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const runs = REPLAY
  ? REPLAY.split(',').map((entry) => entry.split(':')).map(([name, seed]) => [name, Number(seed)])
  : Object.entries(SEEDS).flatMap(([name, seeds]) => seeds.map((seed) => [name, seed]));
for (const [name, seed] of runs) {
  test(`${name}: ${STEPS} seeded random edits (seed ${seed}) keep the editor's model and caret right, with no console error`, async () => {
    const log = await run(browser.context, name, seed);
    assert.ok(log.some((entry) => entry.startsWith('fix ')), `seed ${seed} applied at least one fix`);
    assert.ok(log.some((entry) => entry.startsWith('paste ')), `seed ${seed} pasted at least once`);
  });
}
