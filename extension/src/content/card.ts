/**
 * The card of the findings on one passage: for each, its severity and
 * category, the message, the fixes first, the explanation and the guideline
 * link behind "Why?", and "ignore here" where the writer may ignore it.
 * Findings on the same words share one card. A non-modal dialog next to the
 * passage that covers neither its line nor the site's Post button where
 * there is room; Tab cycles inside it and Escape closes it (the owner then
 * returns focus to the editor's caret).
 */

import type { Finding, Suggestion } from '../protocol';
import { ignoreKey, safeLink } from './findings';
import { categoryLabel, t } from './i18n';
import { createShadowUi, el, placeNear, severityBadge, trapTab, type ShadowUi } from './shadow';

const CARD_CSS = `
.surface { position: fixed; width: max-content; min-width: 240px; }
.head { display: flex; align-items: center; gap: 8px; }
.head .close { margin: 0 0 0 auto; padding: 0 8px; }
.finding + .finding { border-top: 1px solid rgba(127, 127, 127, .35); margin-top: 8px; padding-top: 6px; }
.message { font-weight: 600; }
details { margin: 6px 0; }
summary { cursor: pointer; color: inherit; }
.status:empty { display: none; }
.status { color: #a40e26; }
@media (prefers-color-scheme: dark) { .status { color: #ff9492; } }
`;

export interface CardActions {
  /** Applies a suggestion of one of the card's findings; false when the editor did not take it. */
  fix(suggestion: Suggestion, finding: Finding): Promise<boolean>;
  /** "Ignore here"; offered only for findings that may be ignored (see `ignoreKey`). */
  ignore?: (finding: Finding) => void;
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
  private readonly status: HTMLParagraphElement;
  /** The finding the card was opened for: the first, most severe, of `findings`. */
  readonly finding: Finding;
  readonly findings: readonly Finding[];
  private readonly onOutside = (event: Event) => {
    if (!event.composedPath().includes(this.ui.host)) this.close(false);
  };
  private open = true;

  /**
   * `findings`: one finding, or the findings on the same words, most severe
   * first. `avoid`: rectangles the card should not cover (the passage's
   * line, the site's Post button).
   */
  constructor(
    doc: Document,
    findings: Finding | readonly Finding[],
    anchor: DOMRect,
    private readonly actions: CardActions,
    avoid: readonly DOMRect[] = [],
  ) {
    this.findings = Array.isArray(findings) ? findings : [findings as Finding];
    this.finding = this.findings[0]!;
    this.ui = createShadowUi(doc, 'card', CARD_CSS);
    const dialog = el(doc, 'div', 'surface');
    dialog.setAttribute('role', 'dialog');
    dialog.setAttribute('aria-labelledby', 'card-message-0');
    // Read out on opening, though shown only behind "Why?".
    dialog.setAttribute('aria-describedby', 'card-explanation-0');

    const close = el(doc, 'button', 'close', '×');
    close.type = 'button';
    close.setAttribute('aria-label', t('card_close'));
    close.addEventListener('click', () => this.close(true));

    this.status = el(doc, 'p', 'status');
    this.status.setAttribute('role', 'status');
    this.findings.forEach((finding, index) => dialog.append(this.section(doc, finding, index, index === 0 ? close : null)));
    dialog.append(this.status);
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
    placeNear(dialog, anchor, [anchor, ...avoid]);
    doc.addEventListener('pointerdown', this.onOutside, true);
  }

  /** One finding: what is wrong and the fix, then why, then "ignore here". */
  private section(doc: Document, finding: Finding, index: number, close: HTMLButtonElement | null): HTMLElement {
    const section = el(doc, 'section', 'finding');
    const head = el(doc, 'div', 'head');
    head.append(severityBadge(doc, finding), el(doc, 'span', 'meta', categoryLabel(finding.category)));
    if (close) head.append(close);
    const message = el(doc, 'p', 'message', finding.message);
    message.id = `card-message-${index}`;
    section.append(head, message);

    if (finding.suggestions.length > 0) {
      const fixes = el(doc, 'div', 'fixes');
      fixes.setAttribute('role', 'group');
      fixes.setAttribute('aria-label', t('card_fixes'));
      for (const suggestion of finding.suggestions) {
        const button = el(doc, 'button', 'fix primary', fixLabel(suggestion));
        button.type = 'button';
        button.addEventListener('click', async () => {
          button.disabled = true;
          const done = await this.actions.fix(suggestion, finding);
          if (done) this.close(false);
          else {
            this.status.textContent = t('fix_failed');
            button.disabled = false;
          }
        });
        fixes.append(button);
      }
      section.append(fixes);
    }

    const why = el(doc, 'details', 'why');
    const explanation = el(doc, 'p', 'explanation', finding.explanation);
    explanation.id = `card-explanation-${index}`;
    why.append(el(doc, 'summary', undefined, t('card_why')), explanation);
    if (finding.link) {
      const href = safeLink(finding.link);
      if (href) {
        const link = el(doc, 'a', 'link', t('card_guideline'));
        link.href = href;
        link.target = '_blank';
        link.rel = 'noopener noreferrer';
        const line = el(doc, 'p');
        line.append(link);
        why.append(line);
      } else {
        // Not a web or mail address: shown, never followed.
        why.append(el(doc, 'p', 'meta', t('card_guideline_plain', finding.link)));
      }
    }
    section.append(why);

    const ignore = this.actions.ignore;
    if (ignore && ignoreKey(finding) !== null) {
      const button = el(doc, 'button', 'ignore', t('card_ignore'));
      button.type = 'button';
      button.title = t('card_ignore_description');
      button.addEventListener('click', () => {
        ignore(finding);
        this.close(true);
      });
      section.append(button);
    }
    return section;
  }

  /** Moves keyboard focus into the card: the first fix, else the first control. */
  focus(): void {
    const target = this.ui.root.querySelector<HTMLElement>('button.fix') ?? this.ui.root.querySelector<HTMLElement>('button:not(.close), summary') ?? this.ui.root.querySelector<HTMLElement>('button');
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
