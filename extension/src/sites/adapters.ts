/**
 * Everything Postlint knows about the sites it runs on, in one table.
 *
 * The sites rename classes and `data-*` attributes often, so no selector lives
 * anywhere else in the extension.
 */

import type { Field, Platform, Surface } from '../protocol';
import type { AttachmentKind } from '../generated/engine-types';

/** How the compose box holds its text, which decides how it is read and drawn on. */
export type EditorKind =
  /** Draft.js (X): a contenteditable whose blocks carry `data-block`. */
  | 'draft'
  /** Quill (LinkedIn): a contenteditable `.ql-editor` with one `<p>` per line. */
  | 'quill'
  /** Any other contenteditable. */
  | 'contenteditable'
  /** `<textarea>`: no DOM text to highlight, so an overlay mirrors it. */
  | 'textarea'
  /** A single-line text `<input>` (profile forms): mirrored like a textarea. */
  | 'input';

/**
 * How a fix reaches an editor's own model. Writing the DOM
 * directly would desynchronise Draft.js and be reverted by Quill, so every
 * path goes through input the editor already handles, after selecting the
 * range to replace:
 * - `paste`: a synthetic `paste` event carrying a DataTransfer. Draft.js
 *   handles it in its own paste handler (React does not see a synthetic
 *   `beforeinput`: it builds `onBeforeInput` from `textInput`), splits lines
 *   into blocks, and pushes one entry on its undo stack.
 * - `exec-command`: `document.execCommand('insertText')` (and
 *   `insertParagraph` between lines): the browser's own editing, which Quill's
 *   observer reads as user input and records in its history.
 * - `textarea`: `execCommand('insertText')` on the focused textarea or input
 *   keeps the native undo; `setRangeText` plus an `input` event where that
 *   fails.
 */
export type EditPath = 'paste' | 'exec-command' | 'textarea';

export const EDIT_PATHS: Record<EditorKind, EditPath> = {
  draft: 'paste',
  quill: 'exec-command',
  contenteditable: 'exec-command',
  textarea: 'textarea',
  input: 'textarea',
};

export interface BoxRule {
  /** Matches the editable element itself. */
  selector: string;
  surface: Surface;
  /** The profile field the box edits; only with surface `profile`. */
  field?: Field;
  /** The box must have an ancestor matching this (`Element.closest`). */
  within?: string;
}

export interface SiteAdapter {
  platform: Platform;
  /** Host names the adapter serves (exact match). Empty for the generic one. */
  hosts: string[];
  /** Tried in order; the first rule a box matches decides its surface. */
  boxes: BoxRule[];
  /** The site's own submit controls (used by the pre-submit review; profile forms have none). */
  submitButtons: string[];
  /** Elements inside an editor that hold no user text. */
  ignoreInEditor?: string;
  /** Where the composer shows attached media; none: attachments are not reported. */
  attachments?: AttachmentPreviews;
}

/**
 * The composer's previews of attached media. They are searched in the box's
 * composer: the largest ancestor of the box that holds no other compose box.
 */
export interface AttachmentPreviews {
  /** One element per attached item, by kind. */
  previews: Partial<Record<AttachmentKind, string>>;
  /** One element per attached image without a description, where the site offers descriptions. */
  undescribedImages?: string;
}

export type AdapterTable = Record<string, SiteAdapter>;

const X_COMPOSER = '[data-testid^="tweetTextarea_"]:is([contenteditable="true"], textarea)';
/** X's "Edit profile" dialog (on /settings/profile): its inputs are named after the profile's fields. */
const X_EDIT_PROFILE = '[role="dialog"]:has([data-testid="Profile_Save_Button"])';

/** A LinkedIn profile form input for one field: the ids end in `-<field>`. */
function profileInput(field: string): string {
  return `:is(input, textarea)[id^="single-line-text-form-component-profileEditFormElement-"][id$="-${field}"], :is(input, textarea)[id^="multiline-text-form-component-profileEditFormElement-"][id$="-${field}"]`;
}

export const ADAPTERS: AdapterTable = {
  x: {
    platform: 'x',
    hosts: ['x.com', 'twitter.com'],
    boxes: [
      { selector: '[data-testid="dmComposerTextInput"]', surface: 'message' },
      // The reply modal shows the post being answered above the composer.
      { selector: X_COMPOSER, within: '[role="dialog"]:has(article[data-testid="tweet"])', surface: 'reply' },
      // On a post's page, the reply composer is a cell of the conversation.
      { selector: X_COMPOSER, within: '[data-testid="cellInnerDiv"]', surface: 'reply' },
      // Home and modal composer, quote posts, and every box of a thread.
      { selector: X_COMPOSER, surface: 'post' },
      { selector: 'input[name="displayName"]', within: X_EDIT_PROFILE, surface: 'profile', field: 'name' },
      { selector: 'textarea[name="description"]', within: X_EDIT_PROFILE, surface: 'profile', field: 'bio' },
      { selector: 'input[name="location"]', within: X_EDIT_PROFILE, surface: 'profile', field: 'location' },
    ],
    submitButtons: ['[data-testid="tweetButton"]', '[data-testid="tweetButtonInline"]', '[data-testid="dmComposerSendButton"]'],
    // The composer's media strip; each image offers "Add description" until one is set.
    attachments: {
      previews: {
        image: '[data-testid="attachments"] [data-testid="attachmentImage"]',
        video: '[data-testid="attachments"] video',
      },
      undescribedImages: '[data-testid="attachments"] [data-testid="altTextButton"]',
    },
  },
  linkedin: {
    platform: 'linkedin',
    hosts: ['www.linkedin.com'],
    boxes: [
      { selector: '.msg-form__contenteditable[contenteditable="true"]', surface: 'message' },
      // A comment box nested inside a comment is a reply to it.
      {
        selector: '.ql-editor[contenteditable="true"]',
        within: ':is(.comments-comment-entity, .comments-comment-item) :is(.comments-comment-box, .comments-comment-texteditor)',
        surface: 'reply',
      },
      {
        selector: '.ql-editor[contenteditable="true"]',
        within: ':is(.comments-comment-box, .comments-comment-texteditor)',
        surface: 'comment',
      },
      { selector: '.ql-editor[contenteditable="true"]', surface: 'post' },
      { selector: profileInput('headline'), surface: 'profile', field: 'headline' },
      { selector: profileInput('summary'), surface: 'profile', field: 'about' },
      { selector: profileInput('firstName'), surface: 'profile', field: 'name' },
      { selector: profileInput('lastName'), surface: 'profile', field: 'name' },
    ],
    submitButtons: [
      '.share-actions__primary-action',
      '.comments-comment-box__submit-button',
      '.comments-comment-box__submit-button--cr',
      '.msg-form__send-button',
    ],
    ignoreInEditor: '.ql-cursor, .ql-ui',
    // The share box's preview under the text (images, a video, a PDF carousel).
    attachments: {
      previews: {
        image: '.share-creation-state__additional-content .share-images__image',
        video: '.share-creation-state__additional-content video',
        document: '.share-creation-state__additional-content .document-s-container',
      },
    },
  },
  generic: {
    platform: 'generic',
    hosts: [],
    boxes: [
      { selector: 'textarea', surface: 'post' },
      { selector: '[contenteditable="true"], [contenteditable=""], [contenteditable="plaintext-only"]', surface: 'post' },
    ],
    submitButtons: ['button[type="submit"]', 'input[type="submit"]'],
  },
};

/** The adapter for a host; the generic one where no site adapter claims it. */
export function adapterForHost(table: AdapterTable, host: string): SiteAdapter {
  for (const [name, adapter] of Object.entries(table)) {
    if (name !== 'generic' && adapter.hosts.includes(host)) return adapter;
  }
  return table.generic ?? ADAPTERS.generic!;
}

/** One selector that matches every box the adapter knows, for discovery. */
export function boxSelector(adapter: SiteAdapter): string {
  return [...new Set(adapter.boxes.map((rule) => rule.selector))].join(', ');
}

/**
 * The attributes the box selectors test (`[data-testid^=…]`,
 * `[contenteditable=…]`): a change of one of them can turn an element into a
 * box, so the content script watches exactly these.
 */
export function boxAttributes(adapter: SiteAdapter): string[] {
  const names = new Set<string>();
  for (const rule of adapter.boxes) for (const [, name] of rule.selector.matchAll(/\[([A-Za-z-]+)/g)) names.add(name!);
  return [...names];
}

/** The rule that claims a box, or null when none of the adapter does. */
export function boxRule(adapter: SiteAdapter, box: Element): BoxRule | null {
  for (const rule of adapter.boxes) {
    if (!box.matches(rule.selector)) continue;
    if (rule.within && !box.closest(rule.within)) continue;
    return rule;
  }
  return null;
}

/** The surface of a box, or null when no rule of the adapter claims it. */
export function classifyBox(adapter: SiteAdapter, box: Element): Surface | null {
  return boxRule(adapter, box)?.surface ?? null;
}

/** How the box's text is read: decided by the element, not the site. */
export function editorKind(box: Element): EditorKind {
  if (box.nodeName === 'TEXTAREA') return 'textarea';
  if (box.nodeName === 'INPUT') return 'input';
  if (box.querySelector('[data-block="true"]') || box.classList.contains('public-DraftEditor-content')) return 'draft';
  if (box.classList.contains('ql-editor')) return 'quill';
  return 'contenteditable';
}
