/**
 * The message protocol between content scripts and the background checker.
 *
 * Content scripts open one long-lived port (`chrome.runtime.connect`) named
 * {@link PORT_NAME}; every message carries `v`, so a content script left over
 * from an older version of the extension is answered with an error instead of
 * being misunderstood. The background reads each request with
 * {@link readCheckRequest}, which holds it to the same bounds the content
 * script keeps (`content/caps.ts`), since anyone able to run code in a
 * content script can send anything.
 */

import { MAX_CHECKED_UNITS } from './content/caps';
import type { Attachment, CheckContext, Finding, Lang, Platform, Report, RuleInfo, Surface } from './generated/engine-types';

/** The engine's report, context and rule types, generated from its Rust types. */
export type * from './generated/engine-types';
/** A field of a profile (surface `profile`). */
export type Field = NonNullable<CheckContext['field']>;

export const PROTOCOL_VERSION = 2;
export const PORT_NAME = 'postlint';

/** Content script → background: check `text` for the box `boxId`. */
export interface CheckRequest {
  v: typeof PROTOCOL_VERSION;
  type: 'check';
  /** Unique per request within one content script. */
  id: number;
  boxId: string;
  /** Increases with every text change of the box; answers echo it. */
  seq: number;
  text: string;
  context: CheckContext;
}

/**
 * Content script → background: nothing to do. Sent every 20 s while a
 * focused compose box is typed in (`content/keep-alive.ts`); receiving it is
 * an extension event, which keeps Chrome from stopping the service worker.
 */
export interface KeepAliveMessage {
  v: typeof PROTOCOL_VERSION;
  type: 'keepalive';
}

export function isKeepAlive(value: unknown): value is KeepAliveMessage {
  const m = value as Partial<KeepAliveMessage> | null;
  return typeof m === 'object' && m !== null && m.v === PROTOCOL_VERSION && m.type === 'keepalive';
}

/** Milliseconds the engine took to start. */
export interface ColdStart {
  /** Compile and instantiate the WebAssembly module. */
  wasmMs: number;
  /** Compile the policy (its term automata and patterns), or restore it from the image an earlier worker kept. */
  policyMs: number;
  /** The policy came from the image (`background/engine-instance.ts`) instead of being compiled. */
  restored: boolean;
  totalMs: number;
  /** From the worker's start (its script's first line) until the policy was ready: `totalMs` and the start before it. */
  sinceWorkerStartMs: number;
  /** The WebAssembly linear memory once the policy is compiled (it only grows). */
  wasmMemoryBytes: number;
}

export interface Timing {
  /** Milliseconds spent in `checker.check`. */
  checkMs: number;
  /**
   * Set when this request had to wait for the engine to start, which happens
   * after every wake of the service worker.
   */
  coldStart?: ColdStart;
}

/** A person or office named in the policy's `organization.contacts`. */
/** A contact's name: the same in every language, or one per language (`{"de": "Pressestelle", "en": "Press office"}`). */
export type ContactName = string | Partial<Record<Lang, string>>;

export interface Contact {
  name?: ContactName;
  email?: string;
  phone?: string;
}

/** What the review needs from the policy's `organization` section. */
export interface OrganizationInfo {
  name: string | null;
  /** By role (`press`, `legal`, …), as the policy lists them. */
  contacts: Record<string, Contact>;
  /** The role each rule's message or explanation names (`RuleInfo.contact`), by rule id. */
  ruleContacts?: Record<string, string>;
}

export interface CheckResult {
  v: typeof PROTOCOL_VERSION;
  type: 'result';
  id: number;
  boxId: string;
  seq: number;
  report: Report;
  timing: Timing;
  /** Set while the employee paused checking (the policy allows it): `report` is then empty. */
  paused?: boolean;
  /**
   * The organization of the policy that checked, so that a post held back by
   * a block can name whom to ask; null or absent when the policy has none
   * (the review then points to the communications team in general).
   */
  organization?: OrganizationInfo | null;
}

export interface CheckError {
  v: typeof PROTOCOL_VERSION;
  type: 'error';
  /** The request that failed; absent when the message itself was unreadable. */
  id?: number;
  boxId?: string;
  seq?: number;
  message: string;
}

/**
 * A result as it travels through the port: the report as the engine's JSON
 * text (`Checker.checkJson`). Building JavaScript objects in the worker
 * costs about 2 µs per finding and the port would serialize them again;
 * the text is parsed once, by {@link decodeAnswer}, where it is used.
 */
export type CheckResultMessage = Omit<CheckResult, 'report'> & { reportJson: string };

export type ToBackground = CheckRequest | KeepAliveMessage;
export type FromBackground = CheckResult | CheckError;
export type AnswerMessage = CheckResultMessage | CheckError;

/** An answer from the port, its report parsed; unreadable text becomes an error for that request. */
export function decodeAnswer(message: AnswerMessage): FromBackground {
  if (message.type !== 'result') return message;
  const { reportJson, ...rest } = message;
  try {
    return { ...rest, report: JSON.parse(reportJson) as Report };
  } catch {
    return { v: PROTOCOL_VERSION, type: 'error', id: rest.id, boxId: rest.boxId, seq: rest.seq, message: 'the checker sent an unreadable report' };
  }
}

const PLATFORMS: readonly Platform[] = ['linkedin', 'x', 'generic'];
const SURFACES: readonly Surface[] = ['post', 'comment', 'reply', 'message', 'profile'];
const FIELDS: readonly Field[] = ['name', 'headline', 'about', 'bio', 'location'];
const LANGS: readonly Lang[] = ['de', 'en'];
const ATTACHMENT_KINDS: readonly Attachment['kind'][] = ['image', 'video', 'document'];
/** Content scripts name boxes `box-<n>`, the options page `try-<n>`. */
const MAX_BOX_ID_LENGTH = 64;
/** More than any post carries: X takes 4 images, LinkedIn 20. */
export const MAX_ATTACHMENT_COUNT = 100;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A request the background accepts, or why not (with what it could read of the request, to address the error). */
export type RequestReading = { ok: true; request: CheckRequest } | { ok: false; error: CheckError };

/**
 * Reads a message from the port. The background trusts nothing a content
 * script sends: the port is reachable from any page the content script runs
 * on, by anyone who can run code in its isolated world (an employee with
 * DevTools). So the text is held to the content script's own cap, and the
 * context is rebuilt from known values only; anything else is an error
 * for that request.
 */
export function readCheckRequest(value: unknown): RequestReading {
  const refuse = (message: string, about: Partial<CheckRequest> = {}): RequestReading => {
    const error: CheckError = { v: PROTOCOL_VERSION, type: 'error', message };
    if (isCount(about.id) && typeof about.boxId === 'string' && about.boxId.length <= MAX_BOX_ID_LENGTH && isCount(about.seq)) {
      Object.assign(error, { id: about.id, boxId: about.boxId, seq: about.seq });
    }
    return { ok: false, error };
  };
  if (typeof value !== 'object' || value === null) return refuse(`unsupported message; this background speaks protocol v${PROTOCOL_VERSION}`);
  const m = value as Partial<CheckRequest>;
  if (m.v !== PROTOCOL_VERSION || m.type !== 'check') return refuse(`unsupported message; this background speaks protocol v${PROTOCOL_VERSION}`);
  if (!isCount(m.id) || !isCount(m.seq) || typeof m.boxId !== 'string' || m.boxId.length === 0 || m.boxId.length > MAX_BOX_ID_LENGTH) {
    return refuse(`a check request needs a numeric id and seq and a box id of at most ${MAX_BOX_ID_LENGTH} characters`);
  }
  if (typeof m.text !== 'string') return refuse('a check request needs a text', m);
  if (m.text.length > MAX_CHECKED_UNITS) return refuse(`the text is longer than ${MAX_CHECKED_UNITS} UTF-16 units`, m);
  const context = readContext(m.context);
  if (typeof context === 'string') return refuse(`invalid check context: ${context}`, m);
  return { ok: true, request: { v: PROTOCOL_VERSION, type: 'check', id: m.id, boxId: m.boxId, seq: m.seq, text: m.text, context } };
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** The context with known fields and values only, or what is wrong with it. */
function readContext(value: unknown): CheckContext | string {
  if (typeof value !== 'object' || value === null) return 'not an object';
  const c = value as Partial<Record<keyof CheckContext, unknown>>;
  if (!PLATFORMS.includes(c.platform as Platform)) return 'platform';
  if (!SURFACES.includes(c.surface as Surface)) return 'surface';
  if (!LANGS.includes(c.lang as Lang)) return 'lang';
  if (c.field !== undefined && (c.surface !== 'profile' || !FIELDS.includes(c.field as Field))) return 'field';
  if (c.date !== undefined && !isCalendarDay(c.date)) return 'date';
  if (!Array.isArray(c.attachments) || c.attachments.length > ATTACHMENT_KINDS.length) return 'attachments';
  const attachments: Attachment[] = [];
  for (const item of c.attachments as unknown[]) {
    const { kind, count, undescribed = 0 } = (typeof item === 'object' && item !== null ? item : {}) as Partial<Record<keyof Attachment, unknown>>;
    if (!ATTACHMENT_KINDS.includes(kind as Attachment['kind']) || !isCount(count) || count > MAX_ATTACHMENT_COUNT) return 'attachments';
    if (!isCount(undescribed) || undescribed > count) return 'attachments';
    attachments.push({ kind: kind as Attachment['kind'], count, undescribed });
  }
  return {
    platform: c.platform as Platform,
    surface: c.surface as Surface,
    lang: c.lang as Lang,
    ...(c.date !== undefined ? { date: c.date as string } : {}),
    attachments,
    ...(c.field !== undefined ? { field: c.field as Field } : {}),
  };
}

/** `YYYY-MM-DD` naming a day that exists. */
function isCalendarDay(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const parts = ISO_DAY.exec(value);
  if (!parts) return false;
  const [year, month, day] = parts.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Storage keys shared by the background, the content scripts, the options
 * page and the popup. The background writes the policy state; the options
 * page writes the preferences.
 */
export const STORAGE = {
  /** `chrome.storage.local`: the policy state for the UI (`PolicyStatus`). */
  status: 'policyStatus',
  /** `chrome.storage.local`: the employee's preferences (`Preferences`). */
  preferences: 'preferences',
  /**
   * `chrome.storage.local`: changes whenever checks would answer differently
   * (a new policy, a language or pause change). Content scripts listen for it
   * and check their boxes again. A storage event reaches them even while the
   * service worker sleeps and their port is closed, which a port message
   * would not.
   */
  recheck: 'recheckEpoch',
} as const;

export type LanguagePreference = 'auto' | Lang;

export interface Preferences {
  lang: LanguagePreference;
  /** Epoch milliseconds; checking is paused until then (only if the policy allows pausing). */
  pausedUntil: number;
  /** The department the employee chose (used only where IT allows the choice and sets none). */
  department: string | null;
  /** Whether suggestions (category `campaign`) are shown, unless IT pinned them. */
  nudges: boolean;
}

export const DEFAULT_PREFERENCES: Preferences = { lang: 'auto', pausedUntil: 0, department: null, nudges: true };

/** A department id as the engine accepts it: letters, digits, `-` and `_`. */
export function isDepartmentId(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(value);
}

/** The options page pauses for an hour; a pause further ahead was not set there. */
export const PAUSE_MS = 60 * 60 * 1000;

const LANGUAGE_PREFERENCES: readonly LanguagePreference[] = ['auto', 'de', 'en'];

/**
 * The preferences as stored, each value checked: a content script can write
 * `chrome.storage.local` too, so an unknown language or a pause longer than
 * the options page sets falls back to the default instead of reaching the
 * engine (where an unknown language would fail every check, and every
 * check failing means posting as if Postlint were absent).
 */
export function parsePreferences(stored: unknown, now: number): Preferences {
  const raw = (typeof stored === 'object' && stored !== null ? stored : {}) as Partial<Record<keyof Preferences, unknown>>;
  const lang = LANGUAGE_PREFERENCES.includes(raw.lang as LanguagePreference) ? (raw.lang as LanguagePreference) : DEFAULT_PREFERENCES.lang;
  const pause = raw.pausedUntil;
  const pausedUntil = typeof pause === 'number' && Number.isFinite(pause) && pause > now && pause <= now + PAUSE_MS ? pause : DEFAULT_PREFERENCES.pausedUntil;
  const department = isDepartmentId(raw.department) ? raw.department : DEFAULT_PREFERENCES.department;
  const nudges = typeof raw.nudges === 'boolean' ? raw.nudges : DEFAULT_PREFERENCES.nudges;
  return { lang, pausedUntil, department, nudges };
}

/**
 * The last answer for a compose box in a tab: what the popup lists. Its
 * quotes and messages hold post text, so only the tab's content script keeps
 * it, in memory, and the popup asks for it (`LastFindingsRequest`); it is
 * never written to extension storage (issue 10 §6).
 */
export interface TabFindings {
  platform: Platform;
  surface: Surface;
  findings: Finding[];
  paused: boolean;
  at: number;
}

/** One-shot messages (`chrome.runtime.sendMessage`) from the options page and popup. */
export interface RulesRequest {
  v: typeof PROTOCOL_VERSION;
  type: 'rules';
}

export type RulesAnswer = { ok: true; rules: RuleInfo[] } | { ok: false; message: string };

/** The popup asks the active tab's content script for its `TabFindings` (`chrome.tabs.sendMessage`). */
export interface LastFindingsRequest {
  v: typeof PROTOCOL_VERSION;
  type: 'lastFindings';
}

export function isLastFindingsRequest(value: unknown): value is LastFindingsRequest {
  return typeof value === 'object' && value !== null && (value as LastFindingsRequest).v === PROTOCOL_VERSION && (value as LastFindingsRequest).type === 'lastFindings';
}

export function isRulesRequest(value: unknown): value is RulesRequest {
  return typeof value === 'object' && value !== null && (value as RulesRequest).v === PROTOCOL_VERSION && (value as RulesRequest).type === 'rules';
}

/** Postlint Studio, packaged as an extension page, asks for the text of the policy in force. */
export interface PolicyRequest {
  v: typeof PROTOCOL_VERSION;
  type: 'policy';
}

/** `source` is where the policy came from: `managed`, `url`, `url-cached` or `built-in`. */
export type PolicyAnswer = { ok: true; text: string; source: string } | { ok: false; message: string };

export function isPolicyRequest(value: unknown): value is PolicyRequest {
  return typeof value === 'object' && value !== null && (value as PolicyRequest).v === PROTOCOL_VERSION && (value as PolicyRequest).type === 'policy';
}
