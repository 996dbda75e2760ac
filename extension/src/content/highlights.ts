/**
 * Draws findings with the CSS Custom Highlight API: the browser paints the
 * ranges, the editor's DOM is never touched, and the ranges follow scrolling,
 * resizing and reflow by themselves.
 *
 * One highlight per level, shared by every box on the page; each box owns its
 * ranges in them. Styles are in `highlights.css`, injected by the manifest
 * (injected style sheets are not among the page's `document.styleSheets`).
 *
 * The registry is the page's: its scripts see *where* a box has findings.
 * That is the residual risk docs/security.md states; the names say neither
 * "Postlint" nor the level, and boxes are only checked after the writer
 * typed, pasted, dropped or clicked in them (see box-session.ts).
 */

import type { Level } from '../protocol';

/**
 * How a range is drawn: a wavy underline per level, for the text past the
 * platform's length limit a tinted run as the platform itself shows it, and
 * for a suggestion (category `campaign`, not a problem) a friendly dotted one.
 */
export type Mark = Level | 'overflow' | 'campaign';

/** The registry's name of each mark's highlight (kept in step with highlights.css). */
export const HIGHLIGHT_NAMES: Readonly<Record<Mark, string>> = { hint: 'mark-a', warn: 'mark-b', block: 'mark-c', overflow: 'mark-d', campaign: 'mark-e' };

/** Later marks paint over earlier ones where they overlap: problems over suggestions. */
const MARKS: readonly Mark[] = ['overflow', 'campaign', 'hint', 'warn', 'block'];

export interface MarkedRange {
  mark: Mark;
  range: Range;
}

export class HighlightPainter {
  private readonly highlights = new Map<Mark, Highlight>();
  private readonly owned = new Map<string, MarkedRange[]>();

  /** Replaces the ranges of one box. */
  paint(boxId: string, ranges: MarkedRange[]): void {
    this.clear(boxId);
    for (const { mark, range } of ranges) this.highlight(mark).add(range);
    if (ranges.length > 0) this.owned.set(boxId, ranges);
  }

  clear(boxId: string): void {
    const ranges = this.owned.get(boxId);
    if (!ranges) return;
    for (const { mark, range } of ranges) this.highlights.get(mark)?.delete(range);
    this.owned.delete(boxId);
  }

  private highlight(mark: Mark): Highlight {
    const name = HIGHLIGHT_NAMES[mark];
    let highlight = this.highlights.get(mark);
    if (!highlight) {
      highlight = new Highlight();
      highlight.priority = MARKS.indexOf(mark);
      this.highlights.set(mark, highlight);
    }
    // Registered on first use, and again if the page cleared the registry.
    if (CSS.highlights.get(name) !== highlight) CSS.highlights.set(name, highlight);
    return highlight;
  }
}
