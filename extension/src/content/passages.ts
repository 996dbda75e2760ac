/**
 * Where things are in a box, and moving to them: the caret as text offsets,
 * the screen rectangle of a finding's passage, the text under the pointer;
 * going to a passage, and applying a fix to it. Shared by the card, the
 * badge and the review.
 */

import type { Finding, Suggestion } from '../protocol';
import { domPosition, textOffset } from '../text/extract';
import type { BoxSession } from './box-session';
import { applyTextEdit, revealSelection, selectText } from './editing';
import { planFix } from './findings';
import { isTextControl } from './textarea-mirror';

/** A selection in a box, as UTF-16 offsets of its extracted text. */
export interface Caret {
  start: number;
  end: number;
}

export function caretOf(session: BoxSession): Caret | null {
  const box = session.box;
  if (isTextControl(box)) return { start: box.selectionStart ?? 0, end: box.selectionEnd ?? 0 };
  const selection = box.ownerDocument.getSelection();
  if (!selection || selection.rangeCount === 0) return null;
  const range = selection.getRangeAt(0);
  if (!box.contains(range.startContainer)) return null;
  const text = session.read();
  const start = textOffset(text, range.startContainer, range.startOffset);
  const end = textOffset(text, range.endContainer, range.endOffset);
  return start === null || end === null ? null : { start, end };
}

/** Puts focus and the caret back into the box (where it was, when known). */
export function restoreCaret(session: BoxSession, caret: Caret | null): void {
  session.box.focus({ preventScroll: true });
  if (caret) selectText(session.box, session.read(), caret.start, caret.end);
}

/** The first line box of a finding's passage; the box's own rectangle for whole-post findings. */
export function passageRect(session: BoxSession, finding: Finding): DOMRect {
  const span = finding.span;
  if (span) {
    const text = session.read();
    const start = domPosition(text, span.start, 'start');
    const end = domPosition(text, span.end, 'end');
    if (start && end) {
      const range = session.box.ownerDocument.createRange();
      range.setStart(start.node, start.offset);
      range.setEnd(end.node, end.offset);
      const first = range.getClientRects()[0];
      if (first) return first;
    }
  }
  return session.box.getBoundingClientRect();
}

/** The text position under the pointer (highlights are not DOM, so hit-test the text). */
export function pointAt(doc: Document, x: number, y: number): { node: Node; offset: number } | null {
  const withPosition = doc as Document & { caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null };
  if (withPosition.caretPositionFromPoint) {
    const position = withPosition.caretPositionFromPoint(x, y);
    return position ? { node: position.offsetNode, offset: position.offset } : null;
  }
  const range = doc.caretRangeFromPoint?.(x, y);
  return range ? { node: range.startContainer, offset: range.startOffset } : null;
}

/** Selects a finding's passage and scrolls it into view. */
export function goTo(session: BoxSession, finding: Finding): void {
  if (!finding.span) return;
  selectText(session.box, session.read(), finding.span.start, finding.span.end);
  revealSelection(session.box);
}

/**
 * Applies a suggestion, only while the box still holds the text it was
 * made for (the writer may have typed since the answer arrived).
 */
export async function applyFix(session: BoxSession, finding: Finding, suggestion: Suggestion): Promise<boolean> {
  const answer = session.currentAnswer();
  if (!answer || !answer.report.findings.includes(finding)) return false;
  const edit = planFix(session.read().text, suggestion);
  return applyTextEdit(session.box, session.kind, () => session.read(), edit);
}
