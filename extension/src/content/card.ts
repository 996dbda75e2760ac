/**
 * The explanation card of one finding: category, message, explanation,
 * guideline link, one button per suggestion, and "ignore here". A
 * non-modal dialog next to the highlighted text; Tab cycles inside it and
 * Escape closes it (the owner then returns focus to the editor's caret).
 */

import type { Finding, Suggestion } from '../protocol';
import { safeLink } from './findings';
import { categoryLabel, t } from './i18n';
import { createShadowUi, el, levelBadge, placeNear, trapTab, type ShadowUi } from './shadow';

const CARD_CSS = `
.surface { position: fixed; width: max-content; min-width: 240px; }
.head { display: flex; align-items: center; gap: 8px; }
.head .close { margin: 0 0 0 auto; padding: 0 8px; }
.message { font-weight: 600; }
.status:empty { display: none; }
.status { color: #cf222e; }
`;

export interface CardActions {
  fix(suggestion: Suggestion): Promise<boolean>;
  /** Absent for findings that cannot be ignored (document-level ones). */
  ignore?: () => void;
  /** `byKeyboard`: closed with Escape or the close button, so focus goes back to the editor. */
  closed(byKeyboard: boolean): void;
}

export function fixLabel(suggestion: Suggestion): string {
  if (suggestion.label) return suggestion.label;
  return suggestion.span ? t('fix_replace_with', suggestion.replacement) : t('fix_append', suggestion.replacement);
}

export class FindingCard {
  private readonly ui: ShadowUi;
  private readonly dialog: HTMLDivElement;
  private readonly onOutside = (event: Event) => {
    if (!event.composedPath().includes(this.ui.host)) this.close(false);
  };
  private open = true;

  constructor(
    doc: Document,
    readonly finding: Finding,
    anchor: DOMRect,
    private readonly actions: CardActions,
  ) {
    this.ui = createShadowUi(doc, 'postlint-card', CARD_CSS);
    const dialog = el(doc, 'div', `surface level-border-${finding.level}`);
    dialog.setAttribute('role', 'dialog');
    dialog.setAttribute('aria-labelledby', 'postlint-card-message');
    dialog.setAttribute('aria-describedby', 'postlint-card-explanation');

    const head = el(doc, 'div', 'head');
    head.append(levelBadge(doc, finding.level), el(doc, 'span', 'meta', categoryLabel(finding.category)));
    const close = el(doc, 'button', 'close', '×');
    close.type = 'button';
    close.setAttribute('aria-label', t('card_close'));
    close.addEventListener('click', () => this.close(true));
    head.append(close);

    const message = el(doc, 'p', 'message', finding.message);
    message.id = 'postlint-card-message';
    const explanation = el(doc, 'p', 'explanation', finding.explanation);
    explanation.id = 'postlint-card-explanation';
    dialog.append(head, message, explanation);

    if (finding.link) {
      const href = safeLink(finding.link);
      if (href) {
        const link = el(doc, 'a', 'link', t('card_guideline'));
        link.href = href;
        link.target = '_blank';
        link.rel = 'noopener noreferrer';
        const line = el(doc, 'p');
        line.append(link);
        dialog.append(line);
      } else {
        // Not a web or mail address: shown, never followed.
        dialog.append(el(doc, 'p', 'meta', t('card_guideline_plain', finding.link)));
      }
    }

    const status = el(doc, 'p', 'status');
    status.setAttribute('role', 'status');
    if (finding.suggestions.length > 0) {
      const fixes = el(doc, 'div', 'fixes');
      fixes.setAttribute('role', 'group');
      fixes.setAttribute('aria-label', t('card_fixes'));
      for (const suggestion of finding.suggestions) {
        const button = el(doc, 'button', 'fix primary', fixLabel(suggestion));
        button.type = 'button';
        button.addEventListener('click', async () => {
          button.disabled = true;
          const done = await this.actions.fix(suggestion);
          if (done) this.close(false);
          else {
            status.textContent = t('fix_failed');
            button.disabled = false;
          }
        });
        fixes.append(button);
      }
      dialog.append(fixes);
    }
    const ignore = actions.ignore;
    if (ignore) {
      const button = el(doc, 'button', 'ignore', t('card_ignore'));
      button.type = 'button';
      button.title = t('card_ignore_description');
      button.addEventListener('click', () => {
        ignore();
        this.close(true);
      });
      dialog.append(button);
    }
    dialog.append(status);
    dialog.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        this.close(true);
        return;
      }
      trapTab(this.ui.root, event);
    });
    this.ui.root.append(dialog);
    this.dialog = dialog;
    placeNear(dialog, anchor);
    doc.addEventListener('pointerdown', this.onOutside, true);
  }

  /** Moves keyboard focus into the card: the first fix, else the first control. */
  focus(): void {
    const target = this.ui.root.querySelector<HTMLElement>('button.fix') ?? this.ui.root.querySelector<HTMLElement>('button:not(.close)') ?? this.ui.root.querySelector<HTMLElement>('button');
    target?.focus();
  }

  get isOpen(): boolean {
    return this.open;
  }

  close(byKeyboard: boolean): void {
    if (!this.open) return;
    this.open = false;
    this.dialog.ownerDocument.removeEventListener('pointerdown', this.onOutside, true);
    this.ui.host.remove();
    this.actions.closed(byKeyboard);
  }
}
