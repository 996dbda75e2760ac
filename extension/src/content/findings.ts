/**
 * DOM-free decisions about findings: which are ignored, how they are listed
 * and counted, which one the caret is in, whether a post needs the review,
 * and what text edit a suggestion makes. Unit-tested without a browser.
 */

import type { Contact, ContactName, Finding, Lang, LengthReport, Level, OrganizationInfo, Suggestion } from '../protocol';

const LEVEL_RANK: Record<Level, number> = { hint: 0, warn: 1, block: 2 };

/** A block that IT marked non-overridable: the post cannot go out while it stands. */
export function isBinding(finding: Finding): boolean {
  return finding.level === 'block' && !finding.overridable;
}

/**
 * How a finding's level is named: "block" only for what really cannot be
 * posted; a block the writer may override is "important".
 */
export type Severity = 'hint' | 'warn' | 'important' | 'block';

export function severityOf(finding: Finding): Severity {
  if (finding.level !== 'block') return finding.level;
  return isBinding(finding) ? 'block' : 'important';
}

/**
 * Whether a finding is a suggestion toward the company's goals (category
 * `campaign`) rather than a problem: shown in its own friendly look, never
 * counted as a problem, never in the pre-submit review.
 */
export function isSuggestion(finding: Finding): boolean {
  return finding.category === 'campaign';
}

/** The findings that are problems, without the suggestions. */
export function problemsOf(findings: readonly Finding[]): Finding[] {
  return findings.filter((finding) => !isSuggestion(finding));
}

/** Whether a finding is the platform's own length limit (shown as a tinted overflow, never ignored). */
export function isLengthOverflow(finding: Finding): boolean {
  return finding.category === 'length';
}

/**
 * "Ignore here" covers one rule on one exact quoted text in one box, so the
 * same word elsewhere in the box stays ignored while another rule on it, or
 * another word, is still shown. Not for document-level findings (no quote),
 * binding blocks (IT's decision, not the writer's), or the length limit
 * (the platform enforces it anyway).
 */
export function ignoreKey(finding: Finding): string | null {
  if (finding.quote === null || finding.span === null || isBinding(finding) || isLengthOverflow(finding)) return null;
  return `${finding.rule}\u0000${finding.quote}`;
}

export function withoutIgnored(findings: readonly Finding[], ignored: ReadonlySet<string>): Finding[] {
  return findings.filter((finding) => {
    const key = ignoreKey(finding);
    return key === null || !ignored.has(key);
  });
}

/** The problems per severity; suggestions are not problems and not counted. */
export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { hint: 0, warn: 0, important: 0, block: 0 };
  for (const finding of problemsOf(findings)) counts[severityOf(finding)] += 1;
  return counts;
}

/** Suggestions rank below every problem. */
function rank(finding: Finding): number {
  return isSuggestion(finding) ? -1 : LEVEL_RANK[finding.level];
}

/**
 * The order of the badge's list and the review: most severe first,
 * suggestions last; within a level, findings in text order, then document-level ones (they concern the
 * whole post and have no place in the text).
 */
export function listOrder(findings: readonly Finding[]): Finding[] {
  return findings
    .map((finding, index) => ({ finding, index }))
    .sort((a, b) => {
      const level = rank(b.finding) - rank(a.finding);
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

/**
 * The findings on exactly the same words as `finding` (itself included),
 * most severe first: one card shows them together, so a word that breaks
 * two rules raises one card, not two.
 */
export function onSameWords(findings: readonly Finding[], finding: Finding): Finding[] {
  const span = finding.span;
  if (!span) return [finding];
  const same = findings.filter((other) => other === finding || (other.span?.start === span.start && other.span.end === span.end));
  return same.sort((a, b) => LEVEL_RANK[b.level] - LEVEL_RANK[a.level]);
}

/** Findings that concern the whole post (no place in the text), in list order. */
export function wholePostFindings(findings: readonly Finding[]): Finding[] {
  return listOrder(findings.filter((finding) => finding.span === null));
}

/** Characters left before the platform's limit; negative past it. */
export function remainder(length: LengthReport): number {
  return length.limit - length.count;
}

export interface Review {
  /** Blocks that IT marked non-overridable: the post cannot go out. */
  blocking: Finding[];
  /** Warnings and overridable blocks: the writer may post anyway. */
  overridable: Finding[];
}

/**
 * What the pre-submit review must show, or null when the post may go out
 * unasked. Binding blocks count whether or not anything was ignored; of the
 * rest, only what the writer has not ignored.
 */
export function reviewOf(findings: readonly Finding[], ignored: ReadonlySet<string>): Review | null {
  // A suggestion never holds a post back, whatever level it came with.
  const listed = listOrder(problemsOf(findings));
  const blocking = listed.filter(isBinding);
  const overridable = withoutIgnored(listed, ignored).filter((f) => f.level === 'warn' || (f.level === 'block' && f.overridable));
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
 * Whom to ask about a post that is held back by `findings`: the contact the
 * first of their rules names itself, else the support contact IT set up
 * (the worker files the managed `supportContact` under `support` when the
 * policy names none), else the press office, else the first contact listed.
 */
export function contactFor(organization: OrganizationInfo | null, findings: readonly Finding[] = []): Contact | null {
  if (!organization) return null;
  const contacts = organization.contacts;
  for (const finding of findings) {
    const own = organization.ruleContacts?.[finding.rule];
    if (own && contacts[own]) return contacts[own];
  }
  return contacts.support ?? contacts.press ?? Object.values(contacts)[0] ?? null;
}

/** A contact's name for a reader of `lang`: theirs, else the other one, as the engine picks. */
export function contactName(name: ContactName | undefined, lang: Lang): string {
  if (name === undefined || typeof name === 'string') return name ?? '';
  return name[lang] ?? Object.values(name).find((text) => text) ?? '';
}

/** A contact as one line, its name in the reader's language: "Press office <press@acme.example>, +49 …". */
export function contactLine(contact: Contact, lang: Lang): string {
  const name = contactName(contact.name, lang);
  const email = contact.email ? (name ? ` <${contact.email}>` : contact.email) : '';
  const phone = contact.phone ? `${name || email ? ', ' : ''}${contact.phone}` : '';
  return `${name}${email}${phone}`;
}
