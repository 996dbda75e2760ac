/**
 * The interactive part of the content script, wired per box: its status
 * badge (`badge.ts`), the card of a passage (`cards.ts`), and the pre-submit
 * review (`submit-guard.ts`); going to passages and fixing them is in
 * `passages.ts`.
 *
 * Keyboard: Ctrl+. (Control and period) in a compose box opens the card of
 * the finding at the caret, or the list of all findings when the caret is on
 * none. Neither X, LinkedIn, Draft.js nor Quill bind it, and unlike
 * Alt+Shift combinations it does not switch the keyboard layout on Windows.
 * Tab from a box goes to its badge, and on from there, as if the badge
 * followed the box in the page (it cannot be put there without touching the
 * site's DOM).
 */

import type { SiteAdapter } from '../sites/adapters';
import { StatusBadge } from './badge';
import type { BoxSession } from './box-session';
import { Cards } from './cards';
import { applyFix, caretOf, goTo, restoreCaret, type Caret } from './passages';
import { isOwnUi } from './shadow';
import { isSubmitShortcut, stop, SubmitGuard } from './submit-guard';

function isCardShortcut(event: KeyboardEvent): boolean {
  return event.ctrlKey && !event.altKey && !event.metaKey && !event.shiftKey && (event.key === '.' || event.code === 'Period');
}

function isPlainTab(event: KeyboardEvent): boolean {
  return event.key === 'Tab' && !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey;
}

/** What Tab can land on, in document order. */
const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"]), [contenteditable="true"]';

export class ComposeUi {
  private readonly badges = new Map<BoxSession, StatusBadge>();
  private readonly boxListeners = new Map<BoxSession, Array<[string, EventListener]>>();
  private readonly cards: Cards;
  private readonly guard: SubmitGuard;
  /** Where the caret was when Tab moved from a box to its badge, for Shift+Tab back. */
  private readonly caretsBeforeBadge = new WeakMap<BoxSession, Caret | null>();

  constructor(
    private readonly doc: Document,
    adapter: SiteAdapter,
    private readonly sessions: () => Iterable<BoxSession>,
  ) {
    const submitSelector = adapter.submitButtons.join(', ');
    this.guard = new SubmitGuard(submitSelector, sessions, {
      closeCard: () => this.cards.close(),
      openCard: (session, finding) => {
        goTo(session, finding);
        this.cards.openFor(session, finding, true, finding.span);
      },
    });
    this.cards = new Cards(doc, {
      avoid: (session) => this.avoid(session),
      openList: (session) => this.badges.get(session)?.openPanel(true),
    });
    const view = doc.defaultView;
    // Capture phase on the window: before the site's and the editors' own handlers.
    view?.addEventListener('keydown', (event) => this.onKeyDown(event), true);
    if (submitSelector) view?.addEventListener('click', (event) => this.guard.onClick(event), true);
  }

  attach(session: BoxSession): void {
    session.onUpdate = () => this.refresh(session);
    const listeners: Array<[string, EventListener]> = [
      ['click', () => this.cards.openAtCaret(session, false)],
      ['mousemove', (event) => this.cards.hover(session, event as MouseEvent)],
      ['mouseleave', () => this.cards.stopHover()],
      ['keydown', () => this.cards.stopHover()],
      // The card must not hide what is being written.
      ['input', () => this.cards.close(session)],
    ];
    for (const [type, listener] of listeners) session.box.addEventListener(type, listener, { passive: true });
    this.boxListeners.set(session, listeners);
    this.refresh(session);
  }

  detach(session: BoxSession): void {
    session.onUpdate = null;
    this.badges.get(session)?.remove();
    this.badges.delete(session);
    for (const [type, listener] of this.boxListeners.get(session) ?? []) session.box.removeEventListener(type, listener);
    this.boxListeners.delete(session);
    this.cards.close(session);
  }

  relayout(): void {
    for (const badge of this.badges.values()) badge.schedule();
  }

  /** The box's badge, made once the writer engaged with the box: until then the page sees no trace of Postlint. */
  private badgeOf(session: BoxSession): StatusBadge | null {
    let badge = this.badges.get(session) ?? null;
    if (!badge && session.engaged) {
      badge = new StatusBadge(session.box, {
        jump: (finding) => goTo(session, finding),
        fix: (finding, suggestion) => applyFix(session, finding, suggestion),
        returnFocus: () => session.box.focus(),
        tabOut: (forward) => (forward ? this.focusAfter(session.box) : restoreCaret(session, this.caretsBeforeBadge.get(session) ?? null)),
        avoid: () => this.avoid(session),
      });
      this.badges.set(session, badge);
    }
    return badge;
  }

  private refresh(session: BoxSession): void {
    const badge = this.badgeOf(session);
    if (!badge) return;
    if (session.unavailable) badge.update({ kind: 'unavailable' });
    else if (session.empty) badge.update({ kind: 'idle' });
    else if (session.lastAnswer) badge.update({ kind: 'findings', findings: session.visibleFindings(), length: session.lastAnswer.report.length, complete: session.checkedCompletely });
    else badge.update({ kind: 'checking' });
  }

  /** The site's Post button of the box: neither a card nor the badge may cover it. */
  private avoid(session: BoxSession): DOMRect[] {
    const button = this.guard.submitButtonFor(session);
    return button ? [button.getBoundingClientRect()] : [];
  }

  private sessionContaining(node: Node): BoxSession | null {
    for (const session of this.sessions()) if (session.box === node || session.box.contains(node)) return session;
    return null;
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (!(event.target instanceof Node) || isOwnUi(event.target)) return;
    const session = this.sessionContaining(event.target);
    if (!session) return;
    // This listener runs before the box's own; a shortcut it stops still engages the box.
    session.engage(event);
    if (isCardShortcut(event)) {
      stop(event);
      this.cards.openAtCaret(session, true);
    } else if (isSubmitShortcut(event)) {
      this.guard.onSubmitShortcut(event, session);
    } else if (isPlainTab(event)) {
      const badge = this.badges.get(session);
      if (!badge?.visible) return;
      stop(event);
      this.caretsBeforeBadge.set(session, caretOf(session));
      badge.focus();
    }
  }

  /** Focus to what follows the box in tab order, as if the badge stood right after it. */
  private focusAfter(box: HTMLElement): void {
    for (const candidate of this.doc.querySelectorAll<HTMLElement>(FOCUSABLE)) {
      if (box.contains(candidate) || !(box.compareDocumentPosition(candidate) & Node.DOCUMENT_POSITION_FOLLOWING)) continue;
      if (candidate.getClientRects().length === 0) continue;
      candidate.focus();
      return;
    }
    (this.doc.activeElement as HTMLElement | null)?.blur();
  }
}
