/**
 * Editor DOM → plain text, with a map from UTF-16 offsets back to DOM
 * positions.
 *
 * Rich editors keep one element per paragraph (`<p>` in Quill, nested `<div>`s
 * with `data-block` in Draft.js) and use `<br>` both for line breaks and as a
 * placeholder inside empty paragraphs. The walk below turns that into the text
 * the user sees: one `\n` between paragraphs, one per visible line break, and
 * an empty paragraph as an empty line. Text node contents are copied verbatim
 * (only U+00A0, which contenteditable uses for runs of spaces, becomes a
 * space, keeping the length), so within a text node the offsets map one to one
 * and emoji, umlauts and mentions rendered as links need no special care.
 *
 * Only `nodeType`, `childNodes`, `nodeName`, `data` and `Element.matches` are
 * used, so the module runs on any DOM implementation (unit tests use
 * linkedom).
 */

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/** Elements that start and end a line. */
const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DIV', 'DL', 'DT', 'FIGCAPTION',
  'FIGURE', 'FOOTER', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN',
  'NAV', 'OL', 'P', 'PRE', 'SECTION', 'TABLE', 'TR', 'UL',
]);

/** Elements whose content is never text the user wrote. */
const SKIPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT']);

export interface ExtractOptions {
  /**
   * Elements inside the editor to leave out (e.g. Quill's cursor blot, which
   * holds a U+FEFF while formatting is pending).
   */
  ignoreSelector?: string;
}

/** A text node's contents start at `start` in the extracted text. */
export interface TextSegment {
  start: number;
  node: Text;
}

export interface EditorText {
  text: string;
  /** Every text node that contributed, in document order. */
  segments: TextSegment[];
}

export interface DomPosition {
  node: Text;
  offset: number;
}

export function extractText(root: Node, options: ExtractOptions = {}): EditorText {
  const parts: string[] = [];
  const segments: TextSegment[] = [];
  let length = 0;
  // A line break is owed before the next visible content. Emitting it lazily
  // is what keeps nested blocks and trailing `<br>`s from adding empty lines.
  let breakOwed = false;

  const emit = (text: string) => {
    parts.push(text);
    length += text.length;
  };
  const payOwedBreak = () => {
    if (breakOwed) {
      emit('\n');
      breakOwed = false;
    }
  };
  const endLine = () => {
    if (length > 0) breakOwed = true;
  };

  const walk = (node: Node) => {
    if (node.nodeType === TEXT_NODE) {
      const data = (node as Text).data;
      if (data.length === 0) return;
      payOwedBreak();
      segments.push({ start: length, node: node as Text });
      emit(data.replace(/\u00a0/g, ' '));
      return;
    }
    if (node.nodeType !== ELEMENT_NODE) return;
    const element = node as Element;
    const tag = element.nodeName.toUpperCase();
    if (SKIPPED_TAGS.has(tag)) return;
    if (options.ignoreSelector && element.matches(options.ignoreSelector)) return;
    if (tag === 'BR') {
      payOwedBreak();
      breakOwed = true;
      return;
    }
    const block = BLOCK_TAGS.has(tag);
    if (block) endLine();
    for (const child of Array.from(element.childNodes)) walk(child);
    if (block) endLine();
  };

  for (const child of Array.from(root.childNodes)) walk(child);
  return { text: parts.join(''), segments };
}

/**
 * The DOM position of a UTF-16 offset in the extracted text.
 *
 * An offset can fall on a synthetic line break, which has no text node. The
 * `edge` decides where it goes then: a range's `start` moves forward to the
 * next text, its `end` back to the previous text, so a range never begins or
 * ends on the far side of a paragraph boundary.
 */
export function domPosition(
  extracted: EditorText,
  offset: number,
  edge: 'start' | 'end',
): DomPosition | null {
  const { segments } = extracted;
  if (segments.length === 0) return null;
  // Last segment starting at or before `offset` (binary search: posts can be
  // long and one highlight pass maps many offsets).
  let low = 0;
  let high = segments.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (segments[middle]!.start <= offset) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  if (found === -1) {
    const first = segments[0]!;
    return { node: first.node, offset: 0 };
  }
  let segment = segments[found]!;
  const within = offset - segment.start;
  // A boundary between two nodes belongs to both. Starts go to the later
  // node and ends to the earlier one, so a highlight never reaches into a
  // neighbouring span or across a paragraph break it does not cover.
  const previous = segments[found - 1];
  if (edge === 'end' && within === 0 && previous) {
    return { node: previous.node, offset: previous.node.data.length };
  }
  if (within <= segment.node.data.length) {
    const next = segments[found + 1];
    if (edge === 'start' && within === segment.node.data.length && next) {
      return { node: next.node, offset: 0 };
    }
    return { node: segment.node, offset: within };
  }
  // Beyond this segment: on a synthetic line break, or past the end.
  if (edge === 'end') return { node: segment.node, offset: segment.node.data.length };
  const next = segments[found + 1];
  if (next) return { node: next.node, offset: 0 };
  segment = segments[segments.length - 1]!;
  return { node: segment.node, offset: segment.node.data.length };
}

/**
 * The UTF-16 offset in the extracted text of a DOM position (a caret, or the
 * point under the pointer): the inverse of {@link domPosition}. A position
 * between elements counts as the start of the next text after it. Null when
 * the caret sits in a text node that holds no extracted text.
 */
export function textOffset(extracted: EditorText, node: Node, offset: number): number | null {
  const { segments } = extracted;
  if (node.nodeType === TEXT_NODE) {
    const segment = segments.find((s) => s.node === node);
    return segment ? segment.start + Math.min(offset, segment.node.data.length) : null;
  }
  // The first text at or after the point: in the child at `offset` or in
  // whatever follows it in document order.
  let next: Node | null = node.childNodes[offset] ?? null;
  if (!next) next = following(node);
  while (next) {
    const within = next;
    const segment = segments.find((s) => within === s.node || within.contains(s.node));
    if (segment) return segment.start;
    next = following(next);
  }
  // After all the text (e.g. in an empty last paragraph).
  const last = segments[segments.length - 1];
  return last ? last.start + last.node.data.length : 0;
}

/** The node after `node` and its descendants in document order. */
function following(node: Node): Node | null {
  for (let current: Node | null = node; current; current = current.parentNode) {
    if (current.nextSibling) return current.nextSibling;
  }
  return null;
}
