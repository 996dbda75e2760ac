/**
 * Highlights for `<textarea>` and text `<input>`, whose text has no DOM nodes
 * to put ranges on.
 *
 * A mirror element lies exactly over the textarea with the same box, font and
 * wrapping, transparent text and `pointer-events: none`. It holds the value as
 * one text node, so the same highlight ranges as for rich editors underline
 * the mirror's invisible glyphs right over the textarea's visible ones. It
 * follows the textarea's scroll position, size and place on the page. An
 * input's one line does not wrap and sits vertically centred, as in the input.
 */

import type { EditorText } from '../text/extract';
import { nameForTests } from './test-hooks';

/** Computed styles that decide where glyphs and line breaks fall. */
const COPIED_STYLES = [
  'box-sizing', 'width', 'height',
  'padding-top', 'padding-right', 'padding-bottom', 'padding-left',
  'border-top-width', 'border-right-width', 'border-bottom-width', 'border-left-width',
  'border-top-style', 'border-right-style', 'border-bottom-style', 'border-left-style',
  'font-family', 'font-size', 'font-style', 'font-weight', 'font-variant', 'font-stretch',
  'font-feature-settings', 'font-kerning', 'line-height', 'letter-spacing', 'word-spacing',
  'text-transform', 'text-indent', 'text-align', 'tab-size', 'direction',
  'white-space', 'word-break', 'overflow-wrap',
] as const;

/** An element whose text is its `value`: a textarea or a single-line input. */
export type TextControl = HTMLTextAreaElement | HTMLInputElement;

export function isTextControl(element: Element): element is TextControl {
  return element instanceof HTMLTextAreaElement || element instanceof HTMLInputElement;
}

export class TextareaMirror {
  readonly element: HTMLDivElement;
  private readonly text: Text;
  private frame = 0;
  private readonly resizeObserver: ResizeObserver;
  private readonly onMove = () => this.schedule();

  constructor(private readonly textarea: TextControl) {
    const doc = textarea.ownerDocument;
    this.element = doc.createElement('div');
    this.element.setAttribute('aria-hidden', 'true');
    if (POSTLINT_TEST_BUILD) nameForTests(this.element, 'mirror');
    this.text = doc.createTextNode('');
    this.element.append(this.text, doc.createElement('br'));
    const style = this.element.style;
    style.position = 'fixed';
    style.pointerEvents = 'none';
    style.overflow = 'hidden';
    style.color = 'transparent';
    style.background = 'transparent';
    style.borderColor = 'transparent';
    style.margin = '0';
    doc.documentElement.append(this.element);

    this.resizeObserver = new ResizeObserver(this.onMove);
    this.resizeObserver.observe(textarea);
    textarea.addEventListener('scroll', this.onMove, { passive: true });
    doc.defaultView?.addEventListener('scroll', this.onMove, { capture: true, passive: true });
    doc.defaultView?.addEventListener('resize', this.onMove, { passive: true });
    this.sync();
  }

  /** The textarea's value as extracted text, mapped onto the mirror. */
  read(): EditorText {
    const value = this.textarea.value;
    const old = this.text.data;
    if (old !== value) {
      // Replace only what changed, so the highlight ranges before and after
      // the edit stay on their characters until the next answer, as they do
      // in a contenteditable.
      let start = 0;
      while (start < old.length && start < value.length && old[start] === value[start]) start += 1;
      let end = 0;
      while (end < old.length - start && end < value.length - start && old[old.length - 1 - end] === value[value.length - 1 - end]) end += 1;
      this.text.replaceData(start, old.length - start - end, value.slice(start, value.length - end));
    }
    return { text: value, segments: [{ start: 0, node: this.text }] };
  }

  /** Re-aligns on the next frame (layout of the page may have changed). */
  schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.sync();
    });
  }

  private sync(): void {
    const computed = getComputedStyle(this.textarea);
    const style = this.element.style;
    for (const name of COPIED_STYLES) style.setProperty(name, computed.getPropertyValue(name));
    if (this.textarea instanceof HTMLInputElement) {
      style.whiteSpace = 'pre';
      // The input centres its line in its content box.
      const content = this.textarea.clientHeight - parseFloat(computed.paddingTop) - parseFloat(computed.paddingBottom);
      style.lineHeight = `${content}px`;
    } else {
      style.whiteSpace = 'pre-wrap';
      style.overflowWrap = 'break-word';
    }
    // A textarea's scrollbar narrows its text; the mirror has none, so pad instead.
    const borders = parseFloat(computed.borderLeftWidth) + parseFloat(computed.borderRightWidth);
    const scrollbar = this.textarea.offsetWidth - this.textarea.clientWidth - borders;
    if (scrollbar > 0) style.paddingRight = `${parseFloat(computed.paddingRight) + scrollbar}px`;
    style.zIndex = stackingZIndex(this.textarea);
    const box = this.textarea.getBoundingClientRect();
    style.left = `${box.left}px`;
    style.top = `${box.top}px`;
    style.display = box.width === 0 && box.height === 0 ? 'none' : 'block';
    this.read();
    this.element.scrollTop = this.textarea.scrollTop;
    this.element.scrollLeft = this.textarea.scrollLeft;
  }

  remove(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.resizeObserver.disconnect();
    this.textarea.removeEventListener('scroll', this.onMove);
    const view = this.textarea.ownerDocument.defaultView;
    view?.removeEventListener('scroll', this.onMove, { capture: true });
    view?.removeEventListener('resize', this.onMove);
    this.element.remove();
  }
}

/**
 * The z-index that puts the mirror, which sits at the top of the page,
 * just above the textarea: one more than that of the outermost positioned
 * ancestor with one (the stacking context the textarea is painted in at the
 * top level), so that whatever covers that context also covers the mirror.
 */
function stackingZIndex(element: Element): string {
  let zIndex = 0;
  for (let node: Element | null = element; node; node = node.parentElement) {
    const computed = getComputedStyle(node);
    if (computed.position !== 'static' && computed.zIndex !== 'auto') zIndex = Number(computed.zIndex);
  }
  return String(zIndex + 1);
}
