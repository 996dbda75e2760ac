/**
 * Postlint's own UI (card, badge, review) lives in closed shadow roots
 * attached to plain, unnamed elements at the end of the page: the site's
 * styles do not reach in, and the site's scripts can neither read what the
 * UI says (findings quote the post and the policy) nor find it by a name.
 * Only this content script holds the roots. Every text from a post or a
 * policy is set with `textContent`; nothing here parses HTML.
 */

import type { Finding } from '../protocol';
import { isSuggestion, severityOf } from './findings';
import { severityLabel, t } from './i18n';
import { icon } from './icons';
import { nameForTests } from './test-hooks';

/** Our hosts, so page-wide listeners can tell our UI from the site's without marking it in the DOM. */
const hosts = new WeakSet<EventTarget>();

/** Whether an event target is one of Postlint's UI hosts. */
export function isOwnUi(target: EventTarget | null): boolean {
  return target !== null && hosts.has(target);
}

/**
 * Colours meet WCAG AA (4.5:1) for text on the surfaces, in light and dark
 * mode: the level words use darker tones on white and lighter ones on the
 * dark surface.
 */
const BASE_CSS = `
:host { all: initial; }
* { box-sizing: border-box; }
.surface {
  font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: #1f2328; background: #fff; border: 1px solid #d0d7de; border-radius: 8px;
  box-shadow: 0 6px 24px rgba(0, 0, 0, .18); padding: 12px 14px; max-width: 380px;
}
p { margin: 6px 0; }
button {
  font: inherit; cursor: pointer; border: 1px solid #d0d7de; border-radius: 6px;
  background: #f6f8fa; color: #1f2328; padding: 4px 10px; margin: 4px 6px 0 0;
}
button.primary { background: #0a5bd3; border-color: #0a5bd3; color: #fff; }
button:focus-visible, a:focus-visible, summary:focus-visible, [tabindex]:focus-visible { outline: 2px solid #0a5bd3; outline-offset: 2px; }
a { color: #0a5bd3; }
.level { font-weight: 600; text-transform: uppercase; font-size: 11px; letter-spacing: .04em; display: inline-flex; align-items: center; gap: 4px; }
.level-hint { color: #0550ae; } .level-warn { color: #7d4e00; } .level-important { color: #a40e26; } .level-block { color: #a40e26; }
.level-idea { color: #116329; }
.meta { color: #57606a; font-size: 12px; }
.quote { font-style: italic; }
ul { list-style: none; margin: 6px 0; padding: 0; }
li { padding: 6px 0; border-top: 1px solid rgba(127, 127, 127, .35); }
li:first-child { border-top: 0; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media (prefers-color-scheme: dark) {
  .surface { color: #e6edf3; background: #161b22; border-color: #3d444d; }
  button { background: #21262d; color: #e6edf3; border-color: #3d444d; }
  button.primary { background: #1f6feb; border-color: #1f6feb; color: #fff; }
  a { color: #79b8ff; }
  .level-hint { color: #79b8ff; } .level-warn { color: #e3b341; } .level-important, .level-block { color: #ff9492; }
  .level-idea { color: #56d364; }
  .meta { color: #9ea7b3; }
}
`;

export interface ShadowUi {
  host: HTMLElement;
  root: ShadowRoot;
}

/** `name` says which piece of UI this is, to the browser tests only. */
export function createShadowUi(doc: Document, name: string, css: string): ShadowUi {
  const host = doc.createElement('div');
  hosts.add(host);
  if (POSTLINT_TEST_BUILD) nameForTests(host, name);
  // Above the site's own layers, whatever the site's styles say of divs;
  // `all: initial` in the shadow CSS resets the inside.
  host.style.cssText = 'all:initial !important;display:block !important;position:fixed !important;top:0 !important;left:0 !important;z-index:2147483647 !important;';
  // Closed, so the page learns nothing through it (assistive technology
  // reads closed roots like open ones); the test flavour opens it for tests.
  const root = host.attachShadow({ mode: POSTLINT_TEST_BUILD ? 'open' : 'closed' });
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

/** A finding's severity as an icon and its word ("Block" only for what cannot be posted). */
export function severityBadge(doc: Document, finding: Finding): HTMLSpanElement {
  if (isSuggestion(finding)) {
    // Not a problem: a light bulb and "Suggestion" in a friendly colour.
    const badge = el(doc, 'span', 'level level-idea');
    badge.append(icon(doc, 'idea'), doc.createTextNode(t('card_suggestion')));
    return badge;
  }
  const severity = severityOf(finding);
  const badge = el(doc, 'span', `level level-${severity}`);
  badge.append(icon(doc, severity), doc.createTextNode(severityLabel(severity)));
  return badge;
}

/** The focusable controls inside a shadow root, in tab order. */
export function focusables(root: ShadowRoot): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>('button:not([disabled]), a[href], summary'));
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
  // Focus may rest on something that is not a control (the review's heading).
  const active = root.activeElement as HTMLElement | null;
  const outside = !active || !items.includes(active);
  if (event.shiftKey && (active === first || outside)) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (active === last || outside)) {
    event.preventDefault();
    first.focus();
  }
}

function overlaps(a: DOMRect, b: DOMRect): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

export interface Spot {
  left: number;
  top: number;
}

/** The first spot where a box of `size` lies inside the viewport and covers none of `avoid`. */
export function firstFit(view: Window | null, spots: readonly Spot[], size: { width: number; height: number }, avoid: readonly DOMRect[]): Spot | null {
  const width = view?.innerWidth ?? 1024;
  const height = view?.innerHeight ?? 768;
  return (
    spots.find(({ left, top }) => {
      const at = new DOMRect(left, top, size.width, size.height);
      return left >= 0 && top >= 0 && left + size.width <= width && top + size.height <= height && !avoid.some((other) => overlaps(at, other));
    }) ?? null
  );
}

/**
 * Places a fixed element next to the anchor: below it, else above it, else
 * beside it, taking the first place that fits the viewport and covers none of
 * `avoid` (the highlighted line, the site's Post button); below it when none
 * does.
 */
export function placeNear(element: HTMLElement, anchor: DOMRect, avoid: readonly DOMRect[] = []): void {
  const view = element.ownerDocument.defaultView;
  const box = element.getBoundingClientRect();
  const gap = 6;
  const left = Math.max(4, Math.min(anchor.left, (view?.innerWidth ?? 1024) - box.width - 4));
  // Aligned with the anchor's start, else with its end (clear of a button to its right).
  const endAligned = Math.max(4, anchor.right - box.width);
  const spots = [
    { top: anchor.bottom + gap, left },
    { top: anchor.bottom + gap, left: endAligned },
    { top: anchor.top - box.height - gap, left },
    { top: anchor.top - box.height - gap, left: endAligned },
    { top: Math.max(4, anchor.top), left: anchor.right + gap },
    { top: Math.max(4, anchor.top), left: anchor.left - box.width - gap },
  ];
  const place = firstFit(view, spots, box, avoid) ?? spots[0]!;
  element.style.top = `${Math.max(4, place.top)}px`;
  element.style.left = `${Math.max(4, place.left)}px`;
}
