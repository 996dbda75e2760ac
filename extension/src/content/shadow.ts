/**
 * Postlint's own UI (card, badge, review) lives in shadow roots attached to
 * elements at the end of the page, so the site's styles do not reach in and
 * ours do not leak out. Every text from a post or a policy is set with
 * `textContent`; nothing here parses HTML.
 */

import type { Level } from '../protocol';
import { levelLabel } from './i18n';

/** Marks Postlint's hosts, so page-wide listeners can tell our UI from the site's. */
export const HOST_ATTRIBUTE = 'data-postlint-ui';

const BASE_CSS = `
:host { all: initial; }
* { box-sizing: border-box; }
.surface {
  font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: #1f2328; background: #fff; border: 1px solid #d0d7de; border-radius: 8px;
  box-shadow: 0 6px 24px rgba(0, 0, 0, .18); padding: 12px 14px; max-width: 380px;
}
@media (prefers-color-scheme: dark) {
  .surface { color: #e6edf3; background: #161b22; border-color: #30363d; }
  button { background: #21262d; color: #e6edf3; border-color: #30363d; }
  a { color: #58a6ff; }
}
p { margin: 6px 0; }
button {
  font: inherit; cursor: pointer; border: 1px solid #d0d7de; border-radius: 6px;
  background: #f6f8fa; color: #1f2328; padding: 4px 10px; margin: 4px 6px 0 0;
}
button.primary { background: #1f6feb; border-color: #1f6feb; color: #fff; }
button:focus-visible, a:focus-visible { outline: 2px solid #1f6feb; outline-offset: 2px; }
.level { font-weight: 600; text-transform: uppercase; font-size: 11px; letter-spacing: .04em; }
.level-hint { color: #0969da; } .level-warn { color: #9a6700; } .level-block { color: #cf222e; }
.meta { color: #656d76; font-size: 12px; }
.quote { font-style: italic; }
ul { list-style: none; margin: 6px 0; padding: 0; }
li { padding: 6px 0; border-top: 1px solid rgba(127, 127, 127, .25); }
li:first-child { border-top: 0; }
`;

export interface ShadowUi {
  host: HTMLElement;
  root: ShadowRoot;
}

export function createShadowUi(doc: Document, tag: string, css: string): ShadowUi {
  const host = doc.createElement(tag);
  host.setAttribute(HOST_ATTRIBUTE, '');
  // Above the site's own layers; `all: initial` in the shadow CSS resets the rest.
  host.style.cssText = 'position:fixed;top:0;left:0;z-index:2147483647;';
  // Open, so assistive technology and tests can reach in; the page's CSS cannot either way.
  const root = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = BASE_CSS + css;
  root.append(style);
  doc.documentElement.append(host);
  return { host, root };
}

/** An element with text (never markup). */
export function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export function levelBadge(doc: Document, level: Level): HTMLSpanElement {
  return el(doc, 'span', `level level-${level}`, levelLabel(level));
}

/** The focusable controls inside a shadow root, in tab order. */
export function focusables(root: ShadowRoot): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>('button:not([disabled]), a[href]'));
}

/**
 * Keeps Tab and Shift+Tab inside the root, cycling at the ends, so a
 * keyboard user cannot tab out of a dialog into the page behind it.
 */
export function trapTab(root: ShadowRoot, event: KeyboardEvent): void {
  if (event.key !== 'Tab') return;
  const items = focusables(root);
  if (items.length === 0) return;
  const first = items[0]!;
  const last = items[items.length - 1]!;
  const active = root.activeElement;
  if (event.shiftKey && (active === first || !active)) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (active === last || !active)) {
    event.preventDefault();
    first.focus();
  }
}

/** Places a fixed element below the anchor (above it when there is no room), inside the viewport. */
export function placeNear(element: HTMLElement, anchor: DOMRect): void {
  const view = element.ownerDocument.defaultView;
  const width = view?.innerWidth ?? 1024;
  const height = view?.innerHeight ?? 768;
  const box = element.getBoundingClientRect();
  let top = anchor.bottom + 6;
  if (top + box.height > height && anchor.top - box.height - 6 >= 0) top = anchor.top - box.height - 6;
  const left = Math.max(4, Math.min(anchor.left, width - box.width - 4));
  element.style.top = `${Math.max(4, top)}px`;
  element.style.left = `${left}px`;
}
