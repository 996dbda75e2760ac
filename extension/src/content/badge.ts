/**
 * The status badge at a compose box's bottom-right corner: counts by level,
 * a clean mark, or "unavailable" when the checker cannot answer. Clicking it
 * lists every finding, document-level ones and the length included; each can
 * be jumped to or fixed from the list.
 */

import type { Finding, LengthReport, Level, Suggestion } from '../protocol';
import { fixLabel } from './card';
import { countByLevel, listOrder } from './findings';
import { categoryLabel, levelLabel, t } from './i18n';
import { createShadowUi, el, levelBadge, trapTab, type ShadowUi } from './shadow';

const BADGE_CSS = `
.badge {
  position: fixed; font: 600 12px/1 system-ui, sans-serif; border-radius: 999px; padding: 4px 8px; margin: 0;
  background: #fff; color: #1f2328; border: 1px solid #d0d7de; box-shadow: 0 1px 3px rgba(0,0,0,.15);
}
.badge[data-state="clean"] { color: #1a7f37; }
.badge[data-state="unavailable"] { color: #656d76; border-style: dashed; }
.badge .count + .count, .badge .capped { margin-left: 6px; }
.badge .capped { font-weight: 400; }
.panel { position: fixed; width: 360px; max-height: 60vh; overflow: auto; }
.panel h2 { font-size: 14px; margin: 0 0 4px; }
`;

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
}

const LEVEL_SYMBOL: Record<Level, string> = { block: '⛔', warn: '⚠', hint: 'ℹ' };

/** What the button shows of a state (the panel shows the findings themselves). */
function renderKey(state: BadgeState): string {
  if (state.kind !== 'findings') return state.kind;
  const counts = countByLevel(state.findings);
  return `findings ${counts.block} ${counts.warn} ${counts.hint} ${state.complete}`;
}

export class StatusBadge {
  private readonly ui: ShadowUi;
  private readonly button: HTMLButtonElement;
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
    this.ui = createShadowUi(doc, 'postlint-badge', BADGE_CSS);
    this.button = el(doc, 'button', 'badge');
    this.button.type = 'button';
    this.button.setAttribute('aria-haspopup', 'dialog');
    this.button.setAttribute('aria-expanded', 'false');
    this.button.addEventListener('click', () => (this.panel ? this.closePanel() : this.openPanel(false)));
    this.ui.root.append(this.button);
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
    if (hidden) return;
    const size = this.button.getBoundingClientRect();
    this.button.style.left = `${rect.right - size.width - 6}px`;
    this.button.style.top = `${rect.bottom - size.height - 6}px`;
    if (this.panel) {
      const panel = this.panel.getBoundingClientRect();
      const view = this.box.ownerDocument.defaultView;
      const top = rect.bottom + 4 + panel.height > (view?.innerHeight ?? 768) ? Math.max(4, rect.top - panel.height - 4) : rect.bottom + 4;
      this.panel.style.top = `${top}px`;
      this.panel.style.left = `${Math.max(4, rect.right - panel.width)}px`;
    }
  }

  private render(): void {
    const doc = this.box.ownerDocument;
    const state = this.state;
    this.button.replaceChildren();
    delete this.button.dataset.capped;
    this.button.style.display = state.kind === 'idle' ? 'none' : '';
    if (state.kind === 'idle') return;
    if (state.kind === 'checking') {
      this.button.dataset.state = 'checking';
      this.button.textContent = '…';
      this.button.setAttribute('aria-label', t('badge_checking'));
    } else if (state.kind === 'unavailable') {
      this.button.dataset.state = 'unavailable';
      this.button.textContent = t('badge_unavailable_short');
      this.button.setAttribute('aria-label', t('badge_unavailable'));
      this.button.title = t('badge_unavailable');
    } else {
      const counts = countByLevel(state.findings);
      const parts: string[] = [];
      for (const level of ['block', 'warn', 'hint'] as const) {
        if (counts[level] === 0) continue;
        this.button.append(el(doc, 'span', `count level-${level}`, `${LEVEL_SYMBOL[level]} ${counts[level]}`));
        parts.push(`${counts[level]} ${levelLabel(level)}`);
      }
      if (parts.length === 0) {
        this.button.dataset.state = 'clean';
        this.button.textContent = '✓';
        this.button.setAttribute('aria-label', t('badge_summary', t('badge_clean')));
      } else {
        this.button.dataset.state = 'findings';
        this.button.setAttribute('aria-label', t('badge_summary', parts.join(', ')));
      }
      if (!state.complete) {
        // Said on the badge itself: a clean mark must not suggest the whole text passed.
        this.button.dataset.capped = 'true';
        this.button.append(el(doc, 'span', 'capped', t('badge_too_long_short')));
        this.button.setAttribute('aria-label', `${this.button.getAttribute('aria-label') ?? ''} ${t('badge_too_long')}`);
      }
      this.button.title = this.button.getAttribute('aria-label') ?? '';
    }
    this.schedule();
  }

  /** Opens the list; `focus` moves keyboard focus into it. */
  openPanel(focus: boolean): void {
    const doc = this.box.ownerDocument;
    if (!this.panel) {
      const panel = el(doc, 'div', 'surface panel');
      panel.setAttribute('role', 'dialog');
      panel.setAttribute('aria-labelledby', 'postlint-panel-title');
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
    title.id = 'postlint-panel-title';
    panel.replaceChildren(title);
    const state = this.state;
    if (state.kind !== 'findings') {
      panel.append(el(doc, 'p', 'meta', state.kind === 'unavailable' ? t('badge_unavailable') : t('badge_checking')));
      return;
    }
    if (!state.complete) panel.append(el(doc, 'p', 'meta', t('badge_too_long')));
    if (state.length) {
      panel.append(el(doc, 'p', 'meta', t('badge_length', String(state.length.count), String(state.length.limit))));
    }
    if (state.findings.length === 0) {
      panel.append(el(doc, 'p', undefined, t('badge_clean')));
      return;
    }
    const list = el(doc, 'ul');
    for (const finding of listOrder(state.findings)) {
      const item = el(doc, 'li');
      const meta = el(doc, 'div');
      meta.append(levelBadge(doc, finding.level), doc.createTextNode(' '), el(doc, 'span', 'meta', categoryLabel(finding.category)));
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
