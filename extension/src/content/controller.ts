/**
 * The interactive part of the content script: per box a status badge, the
 * explanation card (pointer or keyboard), fixes, and the pre-submit review
 * that intercepts the site's Post button and Ctrl/Cmd+Enter.
 *
 * Keyboard shortcut for the card: Ctrl+. (Control and period) in a compose
 * box opens the card of the finding at the caret, or the list of all
 * findings when the caret is on none. Neither X, LinkedIn, Draft.js nor
 * Quill bind it, and unlike Alt+Shift combinations it does not switch the
 * keyboard layout on Windows.
 *
 * Fail open: the review intercepts only with an answer for the current text
 * in hand (waiting briefly for one that is on its way); an unavailable
 * checker, or one that does not answer in time, lets the post through.
 */

import type { Finding, OrganizationInfo, Suggestion } from '../protocol';
import type { SiteAdapter } from '../sites/adapters';
import { domPosition, textOffset } from '../text/extract';
import { StatusBadge } from './badge';
import type { BoxSession } from './box-session';
import { FindingCard } from './card';
import { applyTextEdit, revealSelection, selectText } from './editing';
import { findingAt, ignoreKey, planFix, reviewOf, type Review } from './findings';
import { showReview } from './review';
import { HOST_ATTRIBUTE } from './shadow';

/** How long a click on Post waits for a check still on its way before letting the post through. */
export const REVIEW_WAIT_MS = 1500;
/** Pointer rest time over a highlight before its card opens. */
const HOVER_DELAY_MS = 400;

interface Caret {
  start: number;
  end: number;
}

interface OpenCard {
  card: FindingCard;
  session: BoxSession;
}

function isCardShortcut(event: KeyboardEvent): boolean {
  return event.ctrlKey && !event.altKey && !event.metaKey && !event.shiftKey && (event.key === '.' || event.code === 'Period');
}

function isSubmitShortcut(event: KeyboardEvent): boolean {
  return event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey;
}

function stop(event: Event): void {
  event.preventDefault();
  event.stopImmediatePropagation();
}

export class ComposeUi {
  private readonly badges = new Map<BoxSession, StatusBadge>();
  private readonly boxListeners = new Map<BoxSession, Array<[string, EventListener]>>();
  private card: OpenCard | null = null;
  /** Set while Postlint itself clicks the site's Post button after "Post anyway". */
  private passThrough = false;
  /** A review is open or deciding; further submits wait for it. */
  private reviewing = false;
  private hoverTimer: ReturnType<typeof setTimeout> | undefined;
  /** Where the pointer last was: Chromium also fires `mousemove` when text moves under a resting pointer. */
  private lastPointer: { x: number; y: number } | null = null;
  private readonly submitSelector: string;

  constructor(
    private readonly doc: Document,
    adapter: SiteAdapter,
    private readonly sessions: () => Iterable<BoxSession>,
  ) {
    this.submitSelector = adapter.submitButtons.join(', ');
    const view = doc.defaultView;
    // Capture phase on the window: before the site's and the editors' own handlers.
    view?.addEventListener('keydown', (event) => this.onKeyDown(event), true);
    if (this.submitSelector) view?.addEventListener('click', (event) => this.onClick(event), true);
  }

  attach(session: BoxSession): void {
    const badge = new StatusBadge(session.box, {
      jump: (finding) => this.jump(session, finding),
      fix: (finding, suggestion) => this.fix(session, finding, suggestion),
      returnFocus: () => session.box.focus(),
    });
    this.badges.set(session, badge);
    session.onUpdate = () => this.refresh(session);
    const listeners: Array<[string, EventListener]> = [
      ['click', () => this.openAtCaret(session, false)],
      ['mousemove', (event) => this.hover(session, event as MouseEvent)],
      ['mouseleave', () => clearTimeout(this.hoverTimer)],
      // Typing is not hovering: a card must not pop up under a resting pointer.
      ['keydown', () => clearTimeout(this.hoverTimer)],
    ];
    for (const [type, listener] of listeners) session.box.addEventListener(type, listener, { passive: true });
    this.boxListeners.set(session, listeners);
    this.refresh(session);
  }

  detach(session: BoxSession): void {
    this.badges.get(session)?.remove();
    this.badges.delete(session);
    for (const [type, listener] of this.boxListeners.get(session) ?? []) session.box.removeEventListener(type, listener);
    this.boxListeners.delete(session);
    if (this.card?.session === session) this.card.card.close(false);
  }

  relayout(): void {
    for (const badge of this.badges.values()) badge.schedule();
  }

  private refresh(session: BoxSession): void {
    const badge = this.badges.get(session);
    if (!badge) return;
    if (session.unavailable) badge.update({ kind: 'unavailable' });
    else if (session.empty) badge.update({ kind: 'idle' });
    else if (session.lastAnswer) badge.update({ kind: 'findings', findings: session.visibleFindings(), length: session.lastAnswer.report.length, complete: session.checkedCompletely });
    else badge.update({ kind: 'checking' });
  }

  private sessionContaining(node: Node | null): BoxSession | null {
    if (!node) return null;
    for (const session of this.sessions()) if (session.box === node || session.box.contains(node)) return session;
    return null;
  }

  // ---- the card -------------------------------------------------------

  private caretOf(session: BoxSession): Caret | null {
    const box = session.box;
    if (box instanceof HTMLTextAreaElement) return { start: box.selectionStart, end: box.selectionEnd };
    const selection = this.doc.getSelection();
    if (!selection || selection.rangeCount === 0) return null;
    const range = selection.getRangeAt(0);
    if (!box.contains(range.startContainer)) return null;
    const text = session.read();
    const start = textOffset(text, range.startContainer, range.startOffset);
    const end = textOffset(text, range.endContainer, range.endOffset);
    return start === null || end === null ? null : { start, end };
  }

  private rectOf(session: BoxSession, finding: Finding): DOMRect {
    const span = finding.span;
    if (span) {
      const text = session.read();
      const start = domPosition(text, span.start, 'start');
      const end = domPosition(text, span.end, 'end');
      if (start && end) {
        const range = this.doc.createRange();
        range.setStart(start.node, start.offset);
        range.setEnd(end.node, end.offset);
        const rects = range.getClientRects();
        const first = rects[0];
        if (first) return first;
      }
    }
    return session.box.getBoundingClientRect();
  }

  /** Opens the card of the finding at the caret; from the keyboard, the list when there is none. */
  private openAtCaret(session: BoxSession, byKeyboard: boolean): void {
    const caret = this.caretOf(session);
    const finding = caret ? findingAt(session.visibleFindings(), caret.start) : null;
    if (finding) {
      this.openCard(session, finding, byKeyboard, caret);
      return;
    }
    if (byKeyboard) this.badges.get(session)?.openPanel(true);
    else this.card?.card.close(false);
  }

  private hover(session: BoxSession, event: MouseEvent): void {
    const { clientX, clientY } = event;
    const moved = !this.lastPointer || this.lastPointer.x !== clientX || this.lastPointer.y !== clientY;
    this.lastPointer = { x: clientX, y: clientY };
    if (!moved) return;
    clearTimeout(this.hoverTimer);
    this.hoverTimer = setTimeout(() => {
      const point = this.pointAt(clientX, clientY);
      if (!point || !session.box.contains(point.node)) return;
      const offset = textOffset(session.read(), point.node, point.offset);
      const finding = offset === null ? null : findingAt(session.visibleFindings(), offset);
      if (!finding || this.card?.card.finding === finding) return;
      this.openCard(session, finding, false, this.caretOf(session));
    }, HOVER_DELAY_MS);
  }

  /** The text position under the pointer (highlights are not DOM, so hit-test the text). */
  private pointAt(x: number, y: number): { node: Node; offset: number } | null {
    const doc = this.doc as Document & { caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null };
    if (doc.caretPositionFromPoint) {
      const position = doc.caretPositionFromPoint(x, y);
      return position ? { node: position.offsetNode, offset: position.offset } : null;
    }
    const range = this.doc.caretRangeFromPoint?.(x, y);
    return range ? { node: range.startContainer, offset: range.startOffset } : null;
  }

  private openCard(session: BoxSession, finding: Finding, byKeyboard: boolean, caret: Caret | null): void {
    this.card?.card.close(false);
    const card: FindingCard = new FindingCard(this.doc, finding, this.rectOf(session, finding), {
      fix: (suggestion) => this.fix(session, finding, suggestion),
      ...(ignoreKey(finding) !== null ? { ignore: () => session.ignore(finding) } : {}),
      closed: (returnFocus) => {
        if (this.card?.card === card) this.card = null;
        if (returnFocus) this.restoreCaret(session, caret);
      },
    });
    this.card = { card, session };
    if (byKeyboard) card.focus();
  }

  private restoreCaret(session: BoxSession, caret: Caret | null): void {
    session.box.focus({ preventScroll: true });
    if (caret) selectText(session.box, session.read(), caret.start, caret.end);
  }

  // ---- jump and fix ---------------------------------------------------

  private jump(session: BoxSession, finding: Finding): void {
    if (!finding.span) return;
    selectText(session.box, session.read(), finding.span.start, finding.span.end);
    revealSelection(session.box);
  }

  /**
   * Applies a suggestion, only while the box still holds the text it was
   * made for (the writer may have typed since the answer arrived).
   */
  private async fix(session: BoxSession, finding: Finding, suggestion: Suggestion): Promise<boolean> {
    const answer = session.currentAnswer();
    if (!answer || !answer.report.findings.includes(finding)) return false;
    const edit = planFix(session.read().text, suggestion);
    return applyTextEdit(session.box, session.kind, () => session.read(), edit);
  }

  // ---- the pre-submit review -------------------------------------------

  private onKeyDown(event: KeyboardEvent): void {
    if (!(event.target instanceof Node) || (event.target instanceof Element && event.target.hasAttribute(HOST_ATTRIBUTE))) return;
    const session = this.sessionContaining(event.target);
    if (!session) return;
    if (isCardShortcut(event)) {
      stop(event);
      this.openAtCaret(session, true);
    } else if (isSubmitShortcut(event)) {
      const button = this.submitButtonFor(session);
      if (button) this.interceptSubmit(event, session, button);
    }
  }

  private onClick(event: MouseEvent): void {
    if (this.passThrough || !(event.target instanceof Element)) return;
    const button = event.target.closest(this.submitSelector);
    if (!(button instanceof HTMLElement)) return;
    const session = this.sessionForButton(button);
    if (session) this.interceptSubmit(event, session, button);
  }

  /** The box a Post button belongs to: the one in its nearest ancestor that holds a box. */
  private sessionForButton(button: Element): BoxSession | null {
    for (let node = button.parentElement; node; node = node.parentElement) {
      for (const session of this.sessions()) if (node.contains(session.box)) return session;
    }
    return null;
  }

  /** The Post button of a box: the first in its nearest ancestor that holds one. */
  private submitButtonFor(session: BoxSession): HTMLElement | null {
    if (!this.submitSelector) return null;
    for (let node = session.box.parentElement; node; node = node.parentElement) {
      const button = node.querySelector(this.submitSelector);
      if (button instanceof HTMLElement) return button;
    }
    return null;
  }

  private interceptSubmit(event: Event, session: BoxSession, button: HTMLElement): void {
    if (this.reviewing) {
      stop(event);
      return;
    }
    // Fail open: without a working checker the site behaves as without Postlint.
    if (session.unavailable || session.read().text.trim().length === 0) return;
    const answer = session.currentAnswer();
    if (answer) {
      const review = reviewOf(session.visibleFindings());
      if (!review) return;
      stop(event);
      void this.review(session, button, review, answer.organization ?? null);
      return;
    }
    // A check is on its way (or due): hold the post briefly for its answer.
    stop(event);
    this.reviewing = true;
    void session.latestAnswer(REVIEW_WAIT_MS).then((latest) => {
      this.reviewing = false;
      const review = latest ? reviewOf(session.visibleFindings()) : null;
      if (!latest || !review) this.submit(button);
      else void this.review(session, button, review, latest.organization ?? null);
    });
  }

  private async review(session: BoxSession, button: HTMLElement, review: Review, organization: OrganizationInfo | null): Promise<void> {
    this.reviewing = true;
    this.card?.card.close(false);
    const caret = this.caretOf(session);
    const choice = await showReview(this.doc, review, organization);
    this.reviewing = false;
    if (choice === 'post' && review.blocking.length === 0) this.submit(button);
    else this.restoreCaret(session, caret);
  }

  /** Submits through the site's own button, once, past our own interception. */
  private submit(button: HTMLElement): void {
    this.passThrough = true;
    try {
      button.click();
    } finally {
      this.passThrough = false;
    }
  }
}
