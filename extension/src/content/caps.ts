/**
 * Bounds on the work one compose box may cause, so hostile text (a 1 MB
 * paste, 100,000 emoji, a flood of findings) never slows the page. DOM-free,
 * unit-tested without a browser.
 *
 * MAX_CHECKED_UNITS: only the first 100,000 UTF-16 units are sent to the
 * checker. The longest post any supported platform accepts is 25,000
 * characters (X Premium; LinkedIn allows 3,000), so no real post is ever cut,
 * while copying, checking and answering stay bounded on every keystroke
 * whatever was pasted. A prefix keeps every finding's span valid in the
 * full text.
 *
 * MAX_PAINTED_RANGES: at most 1,000 highlight ranges per box. Each range is
 * made on the page's main thread (DOM lookup, Range object, Highlight
 * registry); tens of thousands would stall typing, and beyond a thousand
 * marks more underlines tell the writer nothing new.
 */

export const MAX_CHECKED_UNITS = 100_000;
export const MAX_PAINTED_RANGES = 1_000;

export interface CheckedPart {
  /** The text sent to the checker: all of it, or its first MAX_CHECKED_UNITS units. */
  text: string;
  /** Whether that is the whole text. */
  complete: boolean;
}

/** The part of `text` to check; never ends between the halves of a surrogate pair. */
export function checkedPart(text: string, limit: number = MAX_CHECKED_UNITS): CheckedPart {
  if (text.length <= limit) return { text, complete: true };
  let end = limit;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return { text: text.slice(0, end), complete: false };
}

/** The first `limit` items to paint, in the order given (text order for findings). */
export function paintable<T>(items: readonly T[], limit: number = MAX_PAINTED_RANGES): T[] {
  return items.slice(0, limit);
}
