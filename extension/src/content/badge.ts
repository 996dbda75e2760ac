/**
 * The status badge of a compose box, and the line of whole-post findings.
 *
 * The badge sits outside the box, beside its bottom-right corner (below it
 * where the page has no room on the right), never on the text and never on
 * the site's Post button: counts by severity with small icons, the
 * characters left when the post nears or passes the platform's limit ("−27"),
 * a check mark when clean, or "unavailable" when the checker cannot answer.
 * Clicking it lists every finding; each can be jumped to or fixed from the
 * list. It follows the box in tab order (the owner moves focus), and its
 * tooltip names the shortcut.
 *
 * Findings about the whole post (a missing disclosure) have no place to be
 * underlined, so they are shown as a line under the box, with their fix.
 *
 * A polite live region announces the counts once per change, so a screen
 * reader learns of findings without Postlint touching the editor's DOM.
 */

import type { Finding, LengthReport, Suggestion } from '../protocol';
import { fixLabel } from './card';
import { countBySeverity, isSuggestion, listOrder, problemsOf, remainder, wholePostFindings, type Severity } from './findings';
import { categoryLabel, countLabel, plural, t } from './i18n';
import { icon } from './icons';
import { createShadowUi, el, firstFit, severityBadge, trapTab, type ShadowUi } from './shadow';

const BADGE_CSS = `
.badge {
  position: fixed; font: 600 12px/1 system-ui, sans-serif; border-radius: 999px; padding: 4px 8px; margin: 0;
  display: inline-flex; align-items: center; gap: 6px;
  background: #fff; color: #1f2328; border: 1px solid #d0d7de; box-shadow: 0 1px 3px rgba(0,0,0,.15);
}
.badge .count { display: inline-flex; align-items: center; gap: 3px; }
.badge[data-state="clean"] { color: #116329; }
.badge[data-state="unavailable"] { color: #57606a; border-style: dashed; }
.badge .capped { font-weight: 400; }
.badge .remaining.over { color: #a40e26; }
.count.level-important, .count.level-block { color: #a40e26; } .count.level-warn { color: #7d4e00; } .count.level-hint { color: #0550ae; }
.whole {
  position: fixed; font: 13px/1.3 system-ui, sans-serif; color: #1f2328; background: #fff8e1;
  border: 1px solid #d4a72c; border-radius: 6px; padding: 3px 8px; margin: 0;
}
.whole p { margin: 2px 0; display: flex; align-items: center; gap: 6px; flex-wrap: wrap; }
.whole button { margin: 0; padding: 1px 8px; font-size: 12px; }
.whole p.idea { color: #0f5323; background: #dafbe1; border-radius: 4px; padding: 2px 6px; }
.whole.ideas { background: #dafbe1; border-color: #1a7f37; }
.whole .level-idea { color: #116329; font-weight: 600; display: inline-flex; align-items: center; gap: 3px; }
.panel { position: fixed; width: 360px; max-height: 60vh; overflow: auto; }
.panel h2 { font-size: 14px; margin: 0 0 4px; }
@media (prefers-color-scheme: dark) {
  .badge { background: #161b22; color: #e6edf3; border-color: #3d444d; box-shadow: none; }
  .badge[data-state="clean"] { color: #56d364; }
  .badge[data-state="unavailable"] { color: #9ea7b3; }
  .badge .remaining.over, .count.level-important, .count.level-block { color: #ff9492; }
  .count.level-warn { color: #e3b341; } .count.level-hint { color: #79b8ff; }
  .whole { color: #e6edf3; background: #2b2111; border-color: #9e6a03; }
  .whole p.idea, .whole.ideas { color: #56d364; background: #0f2a17; }
  .whole.ideas { border-color: #2ea043; }
  .whole .level-idea { color: #56d364; }
}
`;

/** From X: the count of characters left shows once a post is this close to the limit. */
const REMAINING_SHOWN_BELOW = 20;

const SEVERITIES: readonly Severity[] = ['block', 'important', 'warn', 'hint'];

export type BadgeState =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'unavailable' }
  /** `complete` is false when the text was longer than the cap and only its start was checked. */
  | { kind: 'findings'; findings: Finding[]; length: LengthReport | null; complete: boolean };

export interface BadgeActions {
  jump(finding: Finding): void;
  fix(finding: Finding, suggestion: Suggestion): Promise<boolean>;
  /** The panel was closed from the keyboard: focus goes back to the editor. */
  returnFocus(): void;
  /** Tab or Shift+Tab on the badge: focus moves on from the box's place in tab order. */
  tabOut(forward: boolean): void;
  /** What the badge must not cover besides the box (the site's Post button). */
  avoid(): DOMRect[];
}

/** What the badge shows of a state (the panel and the line show the findings themselves). */
function renderKey(state: BadgeState): string {
  if (state.kind !== 'findings') return state.kind;
  const counts = countBySeverity(state.findings);
  const left = state.length ? remainder(state.length) : null;
  const whole = wholePostFindings(state.findings).map((finding) => finding.rule);
  return `findings ${SEVERITIES.map((severity) => counts[severity]).join(' ')} ${state.complete} ${left} ${whole.join(' ')}`;
}

/** "1 block, 2 warnings", or "No findings". */
function countsSentence(findings: readonly Finding[]): string {
  const counts = countBySeverity(findings);
  const parts = SEVERITIES.filter((severity) => counts[severity] > 0).map((severity) => countLabel(severity, counts[severity]));
  return parts.length > 0 ? parts.join(', ') : t('badge_clean');
}

export class StatusBadge {
  private readonly ui: ShadowUi;
  private readonly button: HTMLButtonElement;
  private readonly whole: HTMLDivElement;
  private readonly live: HTMLDivElement;
  private panel: HTMLDivElement | null = null;
  private state: BadgeState = { kind: 'idle' };
  private frame = 0;
  private readonly resizeObserver: ResizeObserver;
  private readonly onMove = () => this.schedule();
  private readonly onOutside = (event: Event) => {
    if (!event.composedPath().includes(this.ui.host)) this.closePanel();
  };

  constructor(private readonly box: HTMLElement, private readonly actions: BadgeActions) {
    const doc = box.ownerDocument;
    this.ui = createShadowUi(doc, 'badge', BADGE_CSS);
    this.button = el(doc, 'button', 'badge');
    this.button.type = 'button';
    this.button.setAttribute('aria-haspopup', 'dialog');
    this.button.setAttribute('aria-expanded', 'false');
    this.button.addEventListener('click', () => (this.panel ? this.closePanel() : this.openPanel(false)));
    this.button.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.panel) {
        event.preventDefault();
        this.closePanel();
        this.actions.returnFocus();
        return;
      }
      if (event.key !== 'Tab' || event.altKey || event.ctrlKey || event.metaKey) return;
      event.preventDefault();
      this.actions.tabOut(!event.shiftKey);
    });
    this.whole = el(doc, 'div', 'whole');
    this.live = el(doc, 'div', 'visually-hidden');
    this.live.setAttribute('role', 'status');
    this.live.setAttribute('aria-live', 'polite');
    this.ui.root.append(this.button, this.whole, this.live);
    this.resizeObserver = new ResizeObserver(this.onMove);
    this.resizeObserver.observe(box);
    doc.defaultView?.addEventListener('scroll', this.onMove, { capture: true, passive: true });
    doc.defaultView?.addEventListener('resize', this.onMove, { passive: true });
    this.render();
  }

  update(state: BadgeState): void {
    const unchanged = this.panel === null && renderKey(state) === renderKey(this.state);
    this.state = state;
    // Every check updates the badge, mostly to what it shows already. Redrawing
    // it anyway dirties the page and costs a frame while the answer is on its
    // way, so the frame that paints the highlights comes a frame later.
    if (unchanged) return;
    this.render();
    if (this.panel) this.fillPanel(this.panel);
  }

  /** Whether the badge is shown (an empty box has none), so that Tab from the box may land on it. */
  get visible(): boolean {
    return this.button.style.display !== 'none';
  }

  focus(): void {
    this.button.focus();
  }

  /** Re-aligns with the box on the next frame. */
  schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.place();
    });
  }

  private place(): void {
    const rect = this.box.getBoundingClientRect();
    // An empty box has nothing to report; a box out of layout has no corner.
    const hidden = this.state.kind === 'idle' || (rect.width === 0 && rect.height === 0);
    this.button.style.display = hidden ? 'none' : '';
    this.whole.style.display = hidden || this.whole.childElementCount === 0 ? 'none' : '';
    if (hidden) return;
    const view = this.box.ownerDocument.defaultView;
    const width = view?.innerWidth ?? 1024;
    const height = view?.innerHeight ?? 768;
    const size = this.button.getBoundingClientRect();
    const avoid = [rect, ...this.actions.avoid()];
    const candidates = [
      // Beside the bottom-right corner, outside the box.
      { left: rect.right + 6, top: rect.bottom - size.height },
      // Below the box, at its right end, then at its left end.
      { left: rect.right - size.width, top: rect.bottom + 4 },
      { left: rect.left, top: rect.bottom + 4 },
      // Above the box, at its right end.
      { left: rect.right - size.width, top: rect.top - size.height - 4 },
    ];
    const spot = firstFit(view, candidates, size, avoid) ?? candidates[0]!;
    this.button.style.left = `${spot.left}px`;
    this.button.style.top = `${spot.top}px`;
    if (this.whole.childElementCount > 0) {
      this.whole.style.maxWidth = `${Math.max(160, rect.width)}px`;
      // Under the box, else above it, else under the site's Post button:
      // never on that button or on the badge.
      const line = this.whole.getBoundingClientRect();
      const avoidLine = [...this.actions.avoid(), new DOMRect(spot.left, spot.top, size.width, size.height)];
      const spots = [
        { left: rect.left, top: rect.bottom + 4 },
        { left: rect.left, top: rect.top - line.height - 4 },
        { left: rect.left, top: Math.max(rect.bottom, ...avoidLine.map((other) => other.bottom)) + 4 },
      ];
      const place = firstFit(view, spots, line, avoidLine) ?? spots[0]!;
      this.whole.style.left = `${place.left}px`;
      this.whole.style.top = `${place.top}px`;
    }
    if (this.panel) {
      const panel = this.panel.getBoundingClientRect();
      const left = Math.max(4, Math.min(rect.right, width) - panel.width);
      // Below the box, else above it, else beside it; never on the Post button.
      const spots = [
        { left, top: rect.bottom + 4 },
        { left, top: rect.top - panel.height - 4 },
        { left: rect.right + 6, top: Math.max(4, rect.top) },
      ];
      const place = firstFit(view, spots, panel, this.actions.avoid()) ?? { left, top: Math.max(4, Math.min(rect.bottom + 4, height - panel.height - 4)) };
      this.panel.style.top = `${place.top}px`;
      this.panel.style.left = `${place.left}px`;
    }
  }

  private render(): void {
    const doc = this.box.ownerDocument;
    const state = this.state;
    this.button.replaceChildren();
    this.whole.replaceChildren();
    delete this.button.dataset.capped;
    this.button.style.display = state.kind === 'idle' ? 'none' : '';
    if (state.kind === 'idle') {
      this.live.textContent = '';
      return;
    }
    if (state.kind === 'checking') {
      this.button.dataset.state = 'checking';
      this.button.textContent = '…';
      this.button.setAttribute('aria-label', t('badge_checking'));
      this.button.title = t('badge_checking');
    } else if (state.kind === 'unavailable') {
      this.button.dataset.state = 'unavailable';
      this.button.textContent = t('badge_unavailable_short');
      this.button.setAttribute('aria-label', t('badge_unavailable'));
      this.button.title = t('badge_unavailable');
      this.live.textContent = t('badge_unavailable');
    } else {
      this.renderFindings(doc, state);
    }
    this.schedule();
  }

  private renderFindings(doc: Document, state: Extract<BadgeState, { kind: 'findings' }>): void {
    const counts = countBySeverity(state.findings);
    for (const severity of SEVERITIES) {
      if (counts[severity] === 0) continue;
      const count = el(doc, 'span', `count level-${severity}`);
      count.append(icon(doc, severity), doc.createTextNode(String(counts[severity])));
      this.button.append(count);
    }
    // Suggestions are not problems: with only those, the post is clean.
    const clean = problemsOf(state.findings).length === 0;
    this.button.dataset.state = clean ? 'clean' : 'findings';
    if (clean) this.button.append(icon(doc, 'clean'));
    let label = t('badge_summary', countsSentence(state.findings));
    const left = state.length ? remainder(state.length) : null;
    if (left !== null && left <= REMAINING_SHOWN_BELOW) {
      // As X shows it: the characters left, negative past the limit.
      this.button.append(el(doc, 'span', left < 0 ? 'remaining over' : 'remaining', left < 0 ? `−${-left}` : String(left)));
      label += ` ${left < 0 ? plural('badge_over_limit', -left) : plural('badge_left', left)}`;
    }
    if (!state.complete) {
      // Said on the badge itself: a clean mark must not suggest the whole text passed.
      this.button.dataset.capped = 'true';
      this.button.append(el(doc, 'span', 'capped', t('badge_too_long_short')));
      label += ` ${t('badge_too_long')}`;
    }
    this.button.setAttribute('aria-label', label);
    this.button.title = `${label} – ${t('badge_shortcut')}`;
    this.live.textContent = clean ? t('badge_clean') : `${countsSentence(state.findings)} – ${t('badge_shortcut')}`;

    const whole = wholePostFindings(state.findings);
    // Only suggestions: the whole line takes their friendly colour.
    this.whole.classList.toggle('ideas', whole.length > 0 && whole.every(isSuggestion));
    for (const finding of whole) {
      const line = el(doc, 'p', isSuggestion(finding) ? 'idea' : undefined);
      line.append(severityBadge(doc, finding), el(doc, 'span', undefined, finding.message));
      const suggestion = finding.suggestions[0];
      if (suggestion) {
        const fix = el(doc, 'button', 'fix', fixLabel(suggestion));
        fix.type = 'button';
        fix.addEventListener('click', () => void this.actions.fix(finding, suggestion));
        line.append(fix);
      }
      this.whole.append(line);
    }
  }

  /** Opens the list; `focus` moves keyboard focus into it. */
  openPanel(focus: boolean): void {
    const doc = this.box.ownerDocument;
    if (!this.panel) {
      const panel = el(doc, 'div', 'surface panel');
      panel.setAttribute('role', 'dialog');
      panel.setAttribute('aria-labelledby', 'panel-title');
      panel.addEventListener('keydown', (event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          event.stopPropagation();
          this.closePanel();
          this.actions.returnFocus();
          return;
        }
        trapTab(this.ui.root, event);
      });
      this.ui.root.append(panel);
      this.panel = panel;
      this.button.setAttribute('aria-expanded', 'true');
      doc.addEventListener('pointerdown', this.onOutside, true);
    }
    this.fillPanel(this.panel);
    this.place();
    if (focus) this.panel.querySelector<HTMLElement>('button')?.focus();
  }

  closePanel(): void {
    if (!this.panel) return;
    this.panel.remove();
    this.panel = null;
    this.button.setAttribute('aria-expanded', 'false');
    this.box.ownerDocument.removeEventListener('pointerdown', this.onOutside, true);
  }

  private fillPanel(panel: HTMLDivElement): void {
    const doc = this.box.ownerDocument;
    const title = el(doc, 'h2', undefined, t('badge_list_title'));
    title.id = 'panel-title';
    panel.replaceChildren(title);
    const state = this.state;
    if (state.kind !== 'findings') {
      panel.append(el(doc, 'p', 'meta', state.kind === 'unavailable' ? t('badge_unavailable') : t('badge_checking')));
      return;
    }
    if (!state.complete) panel.append(el(doc, 'p', 'meta', t('badge_too_long')));
    if (state.length) {
      panel.append(el(doc, 'p', 'meta', plural('badge_length', state.length.limit, String(state.length.count))));
    }
    if (state.findings.length === 0) {
      panel.append(el(doc, 'p', undefined, t('badge_clean')));
      return;
    }
    const list = el(doc, 'ul');
    for (const finding of listOrder(state.findings)) {
      const item = el(doc, 'li');
      const meta = el(doc, 'div');
      meta.append(severityBadge(doc, finding), doc.createTextNode(' '), el(doc, 'span', 'meta', categoryLabel(finding.category)));
      item.append(meta, el(doc, 'p', undefined, finding.message));
      item.append(el(doc, 'p', 'meta quote', finding.quote ?? t('badge_whole_post')));
      if (finding.span) {
        const jump = el(doc, 'button', 'jump', t('badge_goto'));
        jump.type = 'button';
        jump.addEventListener('click', () => {
          this.closePanel();
          this.actions.jump(finding);
        });
        item.append(jump);
      }
      for (const suggestion of finding.suggestions) {
        const fix = el(doc, 'button', 'fix primary', fixLabel(suggestion));
        fix.type = 'button';
        fix.addEventListener('click', async () => {
          this.closePanel();
          await this.actions.fix(finding, suggestion);
        });
        item.append(fix);
      }
      list.append(item);
    }
    panel.append(list);
  }

  remove(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.closePanel();
    this.resizeObserver.disconnect();
    const view = this.box.ownerDocument.defaultView;
    view?.removeEventListener('scroll', this.onMove, { capture: true });
    view?.removeEventListener('resize', this.onMove);
    this.ui.host.remove();
  }
}
