/**
 * The pre-submit review: a modal alert dialog listing the warnings and
 * blocks that remain when the writer posts. "Edit" goes back to the text;
 * "Post anyway" is offered unless a non-overridable block remains, in which
 * case the dialog says why the post cannot go out and whom to ask.
 */

import type { Finding, OrganizationInfo } from '../protocol';
import { contactFor, contactLine, type Review } from './findings';
import { categoryLabel, t } from './i18n';
import { createShadowUi, el, levelBadge, trapTab, type ShadowUi } from './shadow';

const REVIEW_CSS = `
.backdrop { position: fixed; inset: 0; width: 100vw; height: 100vh; background: rgba(0, 0, 0, .35); }
.surface { position: fixed; top: 15vh; left: 50%; transform: translateX(-50%); width: min(440px, 92vw); max-height: 70vh; overflow: auto; }
h2 { font-size: 16px; margin: 0 0 6px; }
.blocked { color: #cf222e; font-weight: 600; }
.actions { margin-top: 10px; display: flex; justify-content: flex-end; }
`;

export type ReviewChoice = 'edit' | 'post';

function findingItem(doc: Document, finding: Finding): HTMLLIElement {
  const item = el(doc, 'li');
  const meta = el(doc, 'div');
  meta.append(levelBadge(doc, finding.level), doc.createTextNode(' '), el(doc, 'span', 'meta', categoryLabel(finding.category)));
  item.append(meta, el(doc, 'p', undefined, finding.message));
  if (finding.quote) item.append(el(doc, 'p', 'meta quote', finding.quote));
  return item;
}

/** Shows the review; resolves with the writer's choice once the dialog is closed. */
export function showReview(doc: Document, review: Review, organization: OrganizationInfo | null): Promise<ReviewChoice> {
  const ui: ShadowUi = createShadowUi(doc, 'postlint-review', REVIEW_CSS);
  const blocked = review.blocking.length > 0;
  const backdrop = el(doc, 'div', 'backdrop');
  const dialog = el(doc, 'div', 'surface');
  dialog.setAttribute('role', 'alertdialog');
  dialog.setAttribute('aria-modal', 'true');
  dialog.setAttribute('aria-labelledby', 'postlint-review-title');
  dialog.setAttribute('aria-describedby', 'postlint-review-intro');
  const title = el(doc, 'h2', undefined, t('review_title'));
  title.id = 'postlint-review-title';
  dialog.append(title);

  if (blocked) {
    const intro = el(doc, 'p', 'blocked', t('review_blocked'));
    intro.id = 'postlint-review-intro';
    dialog.append(intro, el(doc, 'p', undefined, t('review_blocked_why')));
    const list = el(doc, 'ul');
    for (const finding of review.blocking) {
      const item = findingItem(doc, finding);
      item.append(el(doc, 'p', 'meta', finding.explanation));
      list.append(item);
    }
    dialog.append(list);
    const contact = contactFor(organization);
    dialog.append(el(doc, 'p', 'contact', contact ? t('review_contact', contactLine(contact)) : t('review_contact_unknown')));
  } else {
    const intro = el(doc, 'p', undefined, t('review_intro'));
    intro.id = 'postlint-review-intro';
    dialog.append(intro);
  }
  if (review.overridable.length > 0) {
    const list = el(doc, 'ul');
    for (const finding of review.overridable) list.append(findingItem(doc, finding));
    dialog.append(list);
  }

  const actions = el(doc, 'div', 'actions');
  const edit = el(doc, 'button', 'edit', t('review_edit'));
  edit.type = 'button';
  actions.append(edit);
  let post: HTMLButtonElement | null = null;
  if (!blocked) {
    post = el(doc, 'button', 'post primary', t('review_post_anyway'));
    post.type = 'button';
    actions.append(post);
  }
  dialog.append(actions);
  ui.root.append(backdrop, dialog);

  return new Promise((resolve) => {
    const finish = (choice: ReviewChoice) => {
      ui.host.remove();
      resolve(choice);
    };
    edit.addEventListener('click', () => finish('edit'));
    post?.addEventListener('click', () => finish('post'));
    backdrop.addEventListener('click', () => finish('edit'));
    dialog.addEventListener('keydown', (event) => {
      // Nothing typed here may reach the editor behind the dialog.
      event.stopPropagation();
      if (event.key === 'Escape') {
        event.preventDefault();
        finish('edit');
        return;
      }
      trapTab(ui.root, event);
    });
    edit.focus();
  });
}
