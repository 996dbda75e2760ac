/**
 * DOM-free decisions about findings: which are ignored, how they are listed
 * and counted, which one the caret is in, whether a post needs the review,
 * and what text edit a suggestion makes. Unit-tested without a browser.
 */

import type { Contact, Finding, Level, OrganizationInfo, Suggestion } from '../protocol';

const LEVEL_RANK: Record<Level, number> = { hint: 0, warn: 1, block: 2 };

/**
 * "Ignore here" covers one rule on one exact quoted text in one box, so the
 * same word elsewhere in the box stays ignored while another rule on it, or
 * another word, is still shown. Document-level findings have no quote and
 * cannot be ignored.
 */
export function ignoreKey(finding: Finding): string | null {
  if (finding.quote === null || finding.span === null) return null;
  return `${finding.rule}\u0000${finding.quote}`;
}

export function withoutIgnored(findings: readonly Finding[], ignored: ReadonlySet<string>): Finding[] {
  return findings.filter((finding) => {
    const key = ignoreKey(finding);
    return key === null || !ignored.has(key);
  });
}

export function countByLevel(findings: readonly Finding[]): Record<Level, number> {
  const counts: Record<Level, number> = { hint: 0, warn: 0, block: 0 };
  for (const finding of findings) counts[finding.level] += 1;
  return counts;
}

/**
 * The order of the badge's list and the review: most severe first; within a
 * level, findings in text order, then document-level ones (they concern the
 * whole post and have no place in the text).
 */
export function listOrder(findings: readonly Finding[]): Finding[] {
  return findings
    .map((finding, index) => ({ finding, index }))
    .sort((a, b) => {
      const level = LEVEL_RANK[b.finding.level] - LEVEL_RANK[a.finding.level];
      if (level !== 0) return level;
      const aStart = a.finding.span?.start ?? Number.POSITIVE_INFINITY;
      const bStart = b.finding.span?.start ?? Number.POSITIVE_INFINITY;
      if (aStart !== bStart) return aStart - bStart;
      return a.index - b.index;
    })
    .map(({ finding }) => finding);
}

/**
 * The finding under a caret or pointer at `offset` (a range includes both of
 * its ends, so a caret right after a word still opens its card). Where
 * findings overlap, the most severe, then the narrowest, wins.
 */
export function findingAt(findings: readonly Finding[], offset: number): Finding | null {
  let best: Finding | null = null;
  for (const finding of findings) {
    const span = finding.span;
    if (!span || span.end <= span.start || offset < span.start || offset > span.end) continue;
    if (!best || !best.span) {
      best = finding;
      continue;
    }
    const level = LEVEL_RANK[finding.level] - LEVEL_RANK[best.level];
    const narrower = span.end - span.start < best.span.end - best.span.start;
    if (level > 0 || (level === 0 && narrower)) best = finding;
  }
  return best;
}

export interface Review {
  /** Blocks that IT marked non-overridable: the post cannot go out. */
  blocking: Finding[];
  /** Warnings and overridable blocks: the writer may post anyway. */
  overridable: Finding[];
}

/** What the pre-submit review must show, or null when the post may go out unasked. */
export function reviewOf(findings: readonly Finding[]): Review | null {
  const listed = listOrder(findings);
  const blocking = listed.filter((f) => f.level === 'block' && !f.overridable);
  const overridable = listed.filter((f) => f.level === 'warn' || (f.level === 'block' && f.overridable));
  return blocking.length === 0 && overridable.length === 0 ? null : { blocking, overridable };
}

/** Replace `text.slice(start, end)` with `insert`. */
export interface TextEdit {
  start: number;
  end: number;
  insert: string;
}

/**
 * The edit a suggestion makes. A suggestion without a span appends to the
 * post: on a new paragraph when the post has several lines, after a space
 * otherwise, and with nothing added when the post already ends in
 * whitespace, so the rest of the text is left exactly as it was.
 */
export function planFix(text: string, suggestion: Suggestion): TextEdit {
  if (suggestion.span) {
    const start = Math.max(0, Math.min(suggestion.span.start, text.length));
    const end = Math.max(start, Math.min(suggestion.span.end, text.length));
    return { start, end, insert: suggestion.replacement };
  }
  const body = suggestion.replacement.replace(/^\s+/, '');
  let separator = '';
  if (text.length > 0 && !/\s$/.test(text)) separator = text.includes('\n') ? '\n\n' : ' ';
  return { start: text.length, end: text.length, insert: separator + body };
}

export function applyEdit(text: string, edit: TextEdit): string {
  return text.slice(0, edit.start) + edit.insert + text.slice(edit.end);
}

/** Where the caret belongs after an edit: right after the inserted text. */
export function caretAfter(edit: TextEdit): number {
  return edit.start + edit.insert.length;
}

/** Links from the policy are shown only when they use one of these schemes. */
const LINK_SCHEMES = new Set(['https:', 'http:', 'mailto:']);

export function safeLink(link: string | null): string | null {
  if (!link) return null;
  try {
    const url = new URL(link.trim());
    return LINK_SCHEMES.has(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * Whom to ask about a post that is held back: the press contact when the
 * policy names one (the built-in critical-topic rules refer to it), else the
 * first contact listed.
 */
export function contactFor(organization: OrganizationInfo | null): Contact | null {
  if (!organization) return null;
  const contacts = organization.contacts;
  return contacts.press ?? Object.values(contacts)[0] ?? null;
}

/** A contact as one line: "Press office <press@acme.example>, +49 …". */
export function contactLine(contact: Contact): string {
  const name = contact.name ?? '';
  const email = contact.email ? (name ? ` <${contact.email}>` : contact.email) : '';
  const phone = contact.phone ? `${name || email ? ', ' : ''}${contact.phone}` : '';
  return `${name}${email}${phone}`;
}
