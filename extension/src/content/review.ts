/**
 * The pre-submit review: a modal alert dialog listing the warnings and
 * blocks that remain when the writer posts, comments, replies or sends.
 * Each item has its fixes and "Go to", which closes the review and opens the
 * passage's card. "Edit" (the safe default, also Escape and a click beside
 * the dialog) goes back to the text; "Post anyway" (or "Comment anyway", …)
 * is offered unless a non-overridable block remains, in which case the
 * dialog says why the post cannot go out and whom to ask. Focus starts on
 * the heading, so a screen reader reads the reason first.
 */

import type { Finding, OrganizationInfo, Suggestion, Surface } from '../protocol';
import { fixLabel } from './card';
import { browserLang } from './context';
import { contactFor, contactLine, type Review } from './findings';
import { categoryLabel, forSurface, t } from './i18n';
import { createShadowUi, el, severityBadge, trapTab, type ShadowUi } from './shadow';

const REVIEW_CSS = `
.backdrop { position: fixed; inset: 0; width: 100vw; height: 100vh; background: rgba(0, 0, 0, .35); }
.surface { position: fixed; top: 15vh; left: 50%; transform: translateX(-50%); width: min(440px, 92vw); max-height: 70vh; overflow: auto; }
h2 { font-size: 16px; margin: 0 0 6px; }
h2:focus { outline: none; }
h2:focus-visible { outline: 2px solid #0a5bd3; outline-offset: 2px; }
.blocked { color: #a40e26; font-weight: 600; }
@media (prefers-color-scheme: dark) { .blocked { color: #ff9492; } }
.actions { margin-top: 10px; display: flex; justify-content: flex-end; }
`;

/** What the writer chose: back to the text, post as it is, a passage to go to, or a fix to apply. */
export type ReviewChoice =
  | { kind: 'edit' }
  | { kind: 'post' }
  | { kind: 'goto'; finding: Finding }
  | { kind: 'fix'; finding: Finding; suggestion: Suggestion };

function findingItem(doc: Document, finding: Finding, choose: (choice: ReviewChoice) => void): HTMLLIElement {
  const item = el(doc, 'li');
  const meta = el(doc, 'div');
  meta.append(severityBadge(doc, finding), doc.createTextNode(' '), el(doc, 'span', 'meta', categoryLabel(finding.category)));
  item.append(meta, el(doc, 'p', undefined, finding.message));
  if (finding.quote) item.append(el(doc, 'p', 'meta quote', finding.quote));
  for (const suggestion of finding.suggestions) {
    const fix = el(doc, 'button', 'fix', fixLabel(suggestion));
    fix.type = 'button';
    fix.addEventListener('click', () => choose({ kind: 'fix', finding, suggestion }));
    item.append(fix);
  }
  if (finding.span) {
    const go = el(doc, 'button', 'goto', t('badge_goto'));
    go.type = 'button';
    go.addEventListener('click', () => choose({ kind: 'goto', finding }));
    item.append(go);
  }
  return item;
}

/** Shows the review; resolves with the writer's choice once the dialog is closed. */
export function showReview(doc: Document, review: Review, organization: OrganizationInfo | null, surface: Surface): Promise<ReviewChoice> {
  const ui: ShadowUi = createShadowUi(doc, 'review', REVIEW_CSS);
  const blocked = review.blocking.length > 0;
  const backdrop = el(doc, 'div', 'backdrop');
  const dialog = el(doc, 'div', 'surface');
  dialog.setAttribute('role', 'alertdialog');
  dialog.setAttribute('aria-modal', 'true');
  dialog.setAttribute('aria-labelledby', 'review-title');
  dialog.setAttribute('aria-describedby', 'review-intro');
  const title = el(doc, 'h2', undefined, forSurface('review_title', surface));
  title.id = 'review-title';
  title.tabIndex = -1;
  dialog.append(title);

  return new Promise((resolve) => {
    const finish = (choice: ReviewChoice) => {
      ui.host.remove();
      resolve(choice);
    };
    if (blocked) {
      const intro = el(doc, 'p', 'blocked', t('review_blocked'));
      intro.id = 'review-intro';
      dialog.append(intro, el(doc, 'p', undefined, t('review_blocked_why')));
      const list = el(doc, 'ul');
      for (const finding of review.blocking) {
        const item = findingItem(doc, finding, finish);
        item.insertBefore(el(doc, 'p', 'meta', finding.explanation), item.querySelector('button'));
        list.append(item);
      }
      dialog.append(list);
      const contact = contactFor(organization, review.blocking);
      dialog.append(el(doc, 'p', 'contact', contact ? t('review_contact', contactLine(contact, browserLang(navigator.language))) : t('review_contact_unknown')));
    } else {
      const intro = el(doc, 'p', undefined, t('review_intro'));
      intro.id = 'review-intro';
      dialog.append(intro);
    }
    if (review.overridable.length > 0) {
      const list = el(doc, 'ul');
      for (const finding of review.overridable) list.append(findingItem(doc, finding, finish));
      dialog.append(list);
    }

    const actions = el(doc, 'div', 'actions');
    const edit = el(doc, 'button', 'edit primary', t('review_edit'));
    edit.type = 'button';
    edit.addEventListener('click', () => finish({ kind: 'edit' }));
    actions.append(edit);
    if (!blocked) {
      const post = el(doc, 'button', 'post', forSurface('review_anyway', surface));
      post.type = 'button';
      post.addEventListener('click', () => finish({ kind: 'post' }));
      actions.append(post);
    }
    dialog.append(actions);
    ui.root.append(backdrop, dialog);

    backdrop.addEventListener('click', () => finish({ kind: 'edit' }));
    dialog.addEventListener('keydown', (event) => {
      // Nothing typed here may reach the editor behind the dialog.
      event.stopPropagation();
      if (event.key === 'Escape') {
        event.preventDefault();
        finish({ kind: 'edit' });
        return;
      }
      trapTab(ui.root, event);
    });
    title.focus();
  });
}
