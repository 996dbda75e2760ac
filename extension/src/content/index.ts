/**
 * Content script: finds compose boxes, sends their text to the background
 * checker and draws the findings. Holds no checker itself (see
 * the sites' CSP forbids WebAssembly here, see docs/security.md).
 */

import { STORAGE, isLastFindingsRequest, type FromBackground, type TabFindings } from '../protocol';
import { ADAPTERS, adapterForHost, boxAttributes, boxRule, boxSelector, editorKind } from '../sites/adapters';
import { attachmentsIn, composerOf } from './attachments';
import { BoxSession } from './box-session';
import { CheckerConnection } from './connection';
import { ComposeUi } from './controller';
import { browserLang, localDate } from './context';
import { HighlightPainter } from './highlights';
import { keepAliveThrough } from './keep-alive';

const adapter = adapterForHost(ADAPTERS, location.hostname);
const selector = boxSelector(adapter);
const sessions = new Map<HTMLElement, BoxSession>();
const sessionsById = new Map<string, BoxSession>();
const painter = new HighlightPainter();
const ui = new ComposeUi(document, adapter, () => sessions.values());
let boxCount = 0;
/** The answer for the box checked last, for the popup; kept here only (it quotes the post). */
let lastChecked: TabFindings | null = null;

const connection = new CheckerConnection((answer: FromBackground) => {
  const session = answer.boxId === undefined ? undefined : sessionsById.get(answer.boxId);
  if (!session) return;
  if (answer.type === 'result') {
    session.receive(answer);
    lastChecked = { platform: adapter.platform, surface: session.surface, findings: answer.report.findings, paused: answer.paused === true, at: Date.now() };
  } else session.failed(answer.seq);
});

const keepAlive = keepAliveThrough(connection);

chrome.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
  if (sender.id !== chrome.runtime.id || !isLastFindingsRequest(message)) return false;
  sendResponse(lastChecked);
  return false;
});

const baseContext = () => ({
  lang: browserLang(navigator.language),
  date: localDate(new Date()),
});

/** Each box's composer, found once (the walk up the page is not free). */
const composers = new WeakMap<HTMLElement, Element>();
function attachments(box: HTMLElement) {
  let composer = composers.get(box);
  if (!composer?.isConnected || !composer.contains(box)) {
    composer = composerOf(box, selector);
    composers.set(box, composer);
  }
  return attachmentsIn(composer, adapter);
}

function consider(element: Element): void {
  if (!(element instanceof HTMLElement) || sessions.has(element)) return;
  // An editable inside a box we already watch is part of that box.
  for (const box of sessions.keys()) if (box.contains(element)) return;
  const rule = boxRule(adapter, element);
  if (!rule) return;
  const id = `box-${++boxCount}`;
  const session = new BoxSession(id, element, rule.surface, rule.field, editorKind(element), adapter, { connection, painter, keepAlive, baseContext, attachments });
  sessions.set(element, session);
  sessionsById.set(id, session);
  ui.attach(session);
}

function scan(root: Element): void {
  if (root.matches(selector)) consider(root);
  for (const element of root.querySelectorAll(selector)) consider(element);
}

function dropRemoved(): void {
  for (const [box, session] of sessions) {
    if (box.isConnected) continue;
    ui.detach(session);
    session.dispose();
    sessions.delete(box);
    sessionsById.delete(session.id);
  }
}

const observer = new MutationObserver((records) => {
  let removed = false;
  for (const record of records) {
    if (record.type === 'attributes') {
      if (record.target instanceof Element) scan(record.target);
      continue;
    }
    for (const node of record.addedNodes) if (node instanceof Element) scan(node);
    if (record.removedNodes.length > 0) removed = true;
  }
  if (removed) dropRemoved();
  // Media added to or removed from a composer changes what its box is told.
  if (adapter.attachments) for (const session of sessions.values()) session.noticeAttachments();
  // Anything that moved the page may have moved a textarea under its mirror.
  for (const session of sessions.values()) session.relayout();
  ui.relayout();
});

observer.observe(document.documentElement, {
  childList: true,
  subtree: true,
  attributes: true,
  attributeFilter: boxAttributes(adapter),
});
scan(document.documentElement);

// The background bumps this when answers would change (a new policy, a
// language or pause change): every open box is checked again.
chrome.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && STORAGE.recheck in changes) connection.recheckAll();
});
