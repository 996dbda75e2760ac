/**
 * Small inline SVG icons for the severities. Emoji such as ⛔ render as an
 * empty box where no emoji font is installed, so the glyphs are drawn here;
 * they take the text colour (`currentColor`) and are hidden from assistive
 * technology, which reads the level's word instead.
 */

import type { Severity } from './findings';

const SVG = 'http://www.w3.org/2000/svg';

/** One 16×16 path per icon, drawn with the current text colour. */
const PATHS: Record<Severity | 'clean' | 'idea', string> = {
  // A circle with a bar: cannot be posted.
  block: 'M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1Zm-4 6h8v2H4V7Z',
  // A circle with an exclamation mark.
  important: 'M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1Zm-1 3h2v5H7V4Zm0 6.5h2v2H7v-2Z',
  // A triangle with an exclamation mark.
  warn: 'M8 1 15.5 14.5H.5L8 1Zm-1 5v4h2V6H7Zm0 5.5v2h2v-2H7Z',
  // A circle with an "i".
  hint: 'M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1Zm-1 6h2v5H7V7Zm0-3h2v2H7V4Z',
  // A check mark.
  clean: 'M6.2 11.6 2.6 8l-1.4 1.4 5 5 9-9L13.8 4l-7.6 7.6Z',
  // A light bulb: a suggestion, not a problem.
  idea: 'M8 1a5 5 0 0 0-3 9v2h6v-2a5 5 0 0 0-3-9Zm-2 12h4v2H6v-2Z',
};

export function icon(doc: Document, name: Severity | 'clean' | 'idea'): SVGSVGElement {
  const svg = doc.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('width', '12');
  svg.setAttribute('height', '12');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', `icon icon-${name}`);
  const path = doc.createElementNS(SVG, 'path');
  path.setAttribute('d', PATHS[name]);
  path.setAttribute('fill', 'currentColor');
  path.setAttribute('fill-rule', 'evenodd');
  svg.append(path);
  return svg;
}
