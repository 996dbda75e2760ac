/**
 * Opens the card of the passage at the caret (click, Ctrl+.) or under a
 * resting pointer, with every finding on the same words, and closes it when
 * the writer types on. One card at a time on the page.
 */

import type { Finding } from '../protocol';
import { textOffset } from '../text/extract';
import type { BoxSession } from './box-session';
import { FindingCard } from './card';
import { findingAt, onSameWords } from './findings';
import { applyFix, caretOf, passageRect, pointAt, restoreCaret, type Caret } from './passages';

/** Pointer rest time over a highlight before its card opens. */
const HOVER_DELAY_MS = 400;

export interface CardHooks {
  /** What a card over this box must not cover besides its passage (the site's Post button). */
  avoid(session: BoxSession): DOMRect[];
  /** Ctrl+. where the caret is on no finding: the box's list of all findings instead. */
  openList(session: BoxSession): void;
}

export class Cards {
  private open: { card: FindingCard; session: BoxSession } | null = null;
  private hoverTimer: ReturnType<typeof setTimeout> | undefined;
  /** Where the pointer last was: Chromium also fires `mousemove` when text moves under a resting pointer. */
  private lastPointer: { x: number; y: number } | null = null;

  constructor(
    private readonly doc: Document,
    private readonly hooks: CardHooks,
  ) {}

  /** Opens the card of the finding at the caret; from the keyboard, the list when there is none. */
  openAtCaret(session: BoxSession, byKeyboard: boolean): void {
    const caret = caretOf(session);
    const finding = caret ? findingAt(session.visibleFindings(), caret.start) : null;
    if (finding) {
      this.openFor(session, finding, byKeyboard, caret);
      return;
    }
    if (byKeyboard) this.hooks.openList(session);
    else this.close();
  }

  hover(session: BoxSession, event: MouseEvent): void {
    const { clientX, clientY } = event;
    const moved = !this.lastPointer || this.lastPointer.x !== clientX || this.lastPointer.y !== clientY;
    this.lastPointer = { x: clientX, y: clientY };
    if (!moved) return;
    this.stopHover();
    this.hoverTimer = setTimeout(() => {
      const point = pointAt(this.doc, clientX, clientY);
      if (!point || !session.box.contains(point.node)) return;
      const offset = textOffset(session.read(), point.node, point.offset);
      const finding = offset === null ? null : findingAt(session.visibleFindings(), offset);
      if (!finding || this.open?.card.findings.includes(finding)) return;
      this.openFor(session, finding, false, caretOf(session));
    }, HOVER_DELAY_MS);
  }

  /** Typing is not hovering: a card must not pop up under a resting pointer. */
  stopHover(): void {
    clearTimeout(this.hoverTimer);
  }

  /** Opens the card of `finding` and every finding on the same words; from the keyboard it takes focus. */
  openFor(session: BoxSession, finding: Finding, byKeyboard: boolean, caret: Caret | null): void {
    this.close();
    const findings = onSameWords(session.visibleFindings(), finding);
    const passage = passageRect(session, finding);
    // The whole line of the passage stays readable, not only its words.
    const box = session.box.getBoundingClientRect();
    const line = new DOMRect(box.left, passage.top, box.width, passage.height);
    const card: FindingCard = new FindingCard(
      this.doc,
      findings,
      passage,
      {
        fix: (suggestion, of) => applyFix(session, of, suggestion),
        ignore: (of) => session.ignore(of),
        closed: (returnFocus) => {
          if (this.open?.card === card) this.open = null;
          if (returnFocus) restoreCaret(session, caret);
        },
      },
      [line, ...this.hooks.avoid(session)],
    );
    this.open = { card, session };
    if (byKeyboard) card.focus();
  }

  /** Closes the open card (of one box only, when given), leaving focus where it is. */
  close(session?: BoxSession): void {
    if (this.open && (!session || this.open.session === session)) this.open.card.close(false);
  }
}
