/**
 * The media attached in a box's composer, read from the previews the site
 * shows (the adapter table says where). Counts only: the page's files and
 * descriptions are never read.
 */

import type { Attachment, AttachmentKind } from '../generated/engine-types';
import { MAX_ATTACHMENT_COUNT } from '../protocol';
import type { SiteAdapter } from '../sites/adapters';

const KINDS: readonly AttachmentKind[] = ['image', 'video', 'document'];

/**
 * The box's composer: the largest ancestor that holds no other compose box,
 * so that each box of an X thread counts only its own media.
 */
export function composerOf(box: Element, boxSelector: string): Element {
  let composer = box;
  for (let parent = box.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
    const others = [...parent.querySelectorAll(boxSelector)].some((other) => !box.contains(other) && !other.contains(box));
    if (others) break;
    composer = parent;
  }
  return composer;
}

/** The attachments the composer shows, per kind, with how many images lack a description. */
export function attachmentsIn(composer: Element, adapter: SiteAdapter): Attachment[] {
  const media = adapter.attachments;
  if (!media) return [];
  const attachments: Attachment[] = [];
  for (const kind of KINDS) {
    const selector = media.previews[kind];
    const count = Math.min(MAX_ATTACHMENT_COUNT, selector ? composer.querySelectorAll(selector).length : 0);
    if (count === 0) continue;
    const undescribed = kind === 'image' && media.undescribedImages ? Math.min(count, composer.querySelectorAll(media.undescribedImages).length) : 0;
    attachments.push({ kind, count, undescribed });
  }
  return attachments;
}

/** A key that changes exactly when the attachments do. */
export function attachmentsKey(attachments: readonly Attachment[]): string {
  return attachments.map(({ kind, count, undescribed }) => `${kind}:${count}:${undescribed}`).join(',');
}
