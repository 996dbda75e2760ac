/**
 * Draws findings with the CSS Custom Highlight API: the browser paints the
 * ranges, the editor's DOM is never touched, and the ranges follow scrolling,
 * resizing and reflow by themselves.
 *
 * One highlight per level, shared by every box on the page (the registry is
 * per document, hence the `postlint-` prefix); each box owns its ranges in
 * them. Styles are in `highlights.css`, injected by the manifest.
 */

import type { Level } from '../protocol';

export const HIGHLIGHT_PREFIX = 'postlint-';

/** Later levels paint over earlier ones where findings overlap. */
const LEVELS: readonly Level[] = ['hint', 'warn', 'block'];

export interface LevelRange {
  level: Level;
  range: Range;
}

export class HighlightPainter {
  private readonly highlights = new Map<Level, Highlight>();
  private readonly owned = new Map<string, LevelRange[]>();

  /** Replaces the ranges of one box. */
  paint(boxId: string, ranges: LevelRange[]): void {
    this.clear(boxId);
    for (const { level, range } of ranges) this.highlight(level).add(range);
    if (ranges.length > 0) this.owned.set(boxId, ranges);
  }

  clear(boxId: string): void {
    const ranges = this.owned.get(boxId);
    if (!ranges) return;
    for (const { level, range } of ranges) this.highlights.get(level)?.delete(range);
    this.owned.delete(boxId);
  }

  private highlight(level: Level): Highlight {
    const name = HIGHLIGHT_PREFIX + level;
    let highlight = this.highlights.get(level);
    if (!highlight) {
      highlight = new Highlight();
      highlight.priority = LEVELS.indexOf(level);
      this.highlights.set(level, highlight);
    }
    // Registered on first use, and again if the page cleared the registry.
    if (CSS.highlights.get(name) !== highlight) CSS.highlights.set(name, highlight);
    return highlight;
  }
}
