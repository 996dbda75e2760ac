/**
 * Which policy is in force, decided without any browser API, so the rules
 * below are unit-tested in Node with the real engine.
 *
 * Precedence: the managed inline `policy`, then the managed `policyUrl` (the
 * freshly fetched text, else its cached copy), then the built-in default. A
 * candidate the engine rejects never replaces a working policy: the last good
 * one stays in force and the rejection is reported with its JSON paths.
 *
 * Value checks the managed schema cannot express (Chrome silently ignores
 * such keywords) happen here too: the URL scheme and the refresh bounds.
 * Each problem is a message key of `_locales` plus its substitutions, so the
 * options page shows it in German or English.
 */

import { isDepartmentId } from '../protocol';

export const REFRESH_MINUTES_DEFAULT = 60;
export const REFRESH_MINUTES_MIN = 15;
export const REFRESH_MINUTES_MAX = 1440;

export type PolicySource = 'managed' | 'url' | 'url-cached' | 'built-in';

/** The managed `nudges`: suggestions (category `campaign`) pinned on or off, or left to the employee. */
export type NudgeSetting = 'on' | 'off' | 'user';
const NUDGE_SETTINGS: readonly NudgeSetting[] = ['on', 'off', 'user'];

/** Whether suggestions are shown: IT's pin, else the employee's choice. */
export function nudgesShown(setting: NudgeSetting, employeeWantsThem: boolean): boolean {
  return setting === 'user' ? employeeWantsThem : setting === 'on';
}

/**
 * The engine's report JSON without its suggestions (category `campaign`),
 * for when they are switched off. Reports without any are returned as they
 * are, unparsed.
 */
export function withoutSuggestions(reportJson: string): string {
  if (!reportJson.includes('"campaign"')) return reportJson;
  const report = JSON.parse(reportJson) as { findings: Array<{ category: string }> };
  return JSON.stringify({ ...report, findings: report.findings.filter((finding) => finding.category !== 'campaign') });
}

/** A problem with the configuration or a fetch, as a `_locales` key and its substitutions. */
export interface Notice {
  key: string;
  args: string[];
}

/** What the engine reports for a rejected policy. */
export interface PolicyProblem {
  path: string;
  message: string;
  hint: string | null;
}

/** The managed values after the checks the schema cannot do. */
export interface ManagedConfig {
  policy: string | null;
  policyUrl: string | null;
  refreshMinutes: number;
  allowPause: boolean;
  supportContact: string | null;
  /** The department IT set for this organizational unit. */
  department: string | null;
  /** Whether the employee may choose a department where IT sets none. */
  allowDepartmentChoice: boolean;
  /** Suggestions (category `campaign`): pinned on or off by IT, or the employee's choice. */
  nudges: NudgeSetting;
}

/** A policy text with where it came from; `text` is JSON. */
export interface Candidate {
  source: PolicySource;
  text: string;
}

/** The URL's copy that the engine accepted last, kept in storage. */
export interface UrlCache {
  url: string;
  text: string;
  etag: string | null;
  lastModified: string | null;
  fetchedAt: number;
}

export type CompileOutcome = { ok: true } | { ok: false; problems: PolicyProblem[] };

/** A rejected candidate: the engine's problems, or why it could not be had at all. */
export interface Rejection {
  source: PolicySource;
  problems: PolicyProblem[];
  notice: Notice | null;
}

export interface Resolution {
  /** The policy to run. */
  active: Candidate;
  /** The source the configuration asks for (the active one unless it was rejected). */
  wanted: PolicySource;
  rejections: Rejection[];
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** A policy URL must be https; plain http only on the loopback, for testing. */
export function checkPolicyUrl(value: string): { url: string } | { notice: Notice } {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { notice: { key: 'policy_urlInvalid', args: [value] } };
  }
  if (url.protocol === 'https:') return { url: url.href };
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return { url: url.href };
  return { notice: { key: 'policy_urlNotHttps', args: [value] } };
}

/** The refresh interval in minutes, clamped to what the admin guide promises. */
export function clampRefreshMinutes(value: unknown): { minutes: number; notice: Notice | null } {
  if (value === undefined || value === null) return { minutes: REFRESH_MINUTES_DEFAULT, notice: null };
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return { minutes: REFRESH_MINUTES_DEFAULT, notice: { key: 'policy_refreshInvalid', args: [String(value), String(REFRESH_MINUTES_DEFAULT)] } };
  }
  const minutes = Math.min(REFRESH_MINUTES_MAX, Math.max(REFRESH_MINUTES_MIN, Math.round(value)));
  if (minutes === value) return { minutes, notice: null };
  return { minutes, notice: { key: 'policy_refreshClamped', args: [String(value), String(minutes)] } };
}

/**
 * Reads the managed storage values. Anything of the wrong type was already
 * dropped by Chrome; Firefox applies no schema, so types are checked again.
 */
export function readManagedConfig(raw: Record<string, unknown>): { config: ManagedConfig; notices: Notice[] } {
  const notices: Notice[] = [];
  const text = (key: string): string | null => {
    const value = raw[key];
    if (value === undefined || value === null) return null;
    if (typeof value === 'string') return value.trim() === '' ? null : value;
    notices.push({ key: 'policy_valueWrongType', args: [key] });
    return null;
  };

  const policy = text('policy');
  let policyUrl: string | null = null;
  const urlValue = text('policyUrl');
  if (urlValue !== null) {
    const checked = checkPolicyUrl(urlValue.trim());
    if ('url' in checked) policyUrl = checked.url;
    else notices.push(checked.notice);
  }
  const refresh = clampRefreshMinutes(raw.policyRefreshMinutes);
  if (refresh.notice) notices.push(refresh.notice);

  // Earlier versions read `extraSites` but never checked those sites. The
  // host permissions are fixed in the manifest, so an admin who still sets
  // it learns that it does nothing (Firefox delivers it; Chrome drops keys
  // the managed schema does not name before the extension sees them).
  if (raw.extraSites !== undefined && raw.extraSites !== null) notices.push({ key: 'policy_extraSitesIgnored', args: ['extraSites'] });

  const flag = (key: string): boolean => {
    const value = raw[key];
    if (value === undefined || value === null) return false;
    if (typeof value === 'boolean') return value;
    notices.push({ key: 'policy_valueWrongType', args: [key] });
    return false;
  };
  const allowPause = flag('allowPause');

  let department = text('department');
  if (department !== null && !isDepartmentId(department.trim())) {
    notices.push({ key: 'policy_departmentInvalid', args: [department] });
    department = null;
  }

  let nudges: NudgeSetting = 'user';
  const nudgesValue = text('nudges');
  if (nudgesValue !== null) {
    if (NUDGE_SETTINGS.includes(nudgesValue as NudgeSetting)) nudges = nudgesValue as NudgeSetting;
    else notices.push({ key: 'policy_valueWrongType', args: ['nudges'] });
  }

  return {
    config: {
      policy,
      policyUrl,
      refreshMinutes: refresh.minutes,
      allowPause,
      supportContact: text('supportContact'),
      department: department?.trim() ?? null,
      allowDepartmentChoice: flag('allowDepartmentChoice'),
      nudges,
    },
    notices,
  };
}

/** Which department's rules apply, and who decided. */
export interface DepartmentChoice {
  /** A department of the policy, or `null` for the policy's own rules. */
  department: string | null;
  by: 'it' | 'employee' | null;
}

/**
 * The department whose rules apply: IT's `department` when the policy
 * defines it (an id it does not define means the policy's own rules, and a
 * notice); otherwise, where IT allows the choice, the employee's, if the
 * policy defines it. The employee's choice never overrides IT's value.
 */
export function chooseDepartment(
  status: Pick<PolicyStatus, 'department' | 'allowDepartmentChoice' | 'departments'>,
  chosen: string | null,
): DepartmentChoice {
  const departments = status.departments ?? [];
  if (status.department) {
    return departments.includes(status.department) ? { department: status.department, by: 'it' } : { department: null, by: null };
  }
  if (status.allowDepartmentChoice && chosen !== null && departments.includes(chosen)) return { department: chosen, by: 'employee' };
  return { department: null, by: null };
}

/**
 * Whether the URL's cached copy is older than the refresh interval. A copy
 * fetched "in the future" (the clock was set back) is due, so no time
 * stamp can postpone the next fetch.
 */
export function refreshDue(cache: UrlCache | null, url: string, refreshMinutes: number, now: number): boolean {
  if (!cache || cache.url !== url || cache.fetchedAt > now) return true;
  return now - cache.fetchedAt >= refreshMinutes * 60_000;
}

export interface ResolveInput {
  config: ManagedConfig;
  /** A text just fetched from `config.policyUrl` (not yet accepted by the engine). */
  fetched: string | null;
  /** Why the URL could not be fetched just now, if it could not. */
  fetchNotice: Notice | null;
  /** The URL's last accepted copy. */
  cache: UrlCache | null;
  /** The policy in force before this decision (persisted across restarts). */
  lastGood: Candidate | null;
  builtIn: string;
}

/**
 * Decides which policy runs. `compile` is the engine's validation: a
 * candidate runs only if it compiles.
 *
 * - The wanted candidate is the first configured source: inline, then URL
 *   (fetched text, else the cached copy), then built-in.
 * - If it compiles, it runs. Otherwise the last good policy stays in force;
 *   with none (a first start with a broken policy), the next source down the
 *   chain that compiles runs, so the built-in default is the floor.
 */
export function resolvePolicy(input: ResolveInput, compile: (text: string) => CompileOutcome): Resolution {
  const { config, cache } = input;
  const rejections: Rejection[] = [];
  const chain: Candidate[] = [];
  if (config.policy !== null) chain.push({ source: 'managed', text: config.policy });
  if (config.policyUrl !== null) {
    const cached = cache && cache.url === config.policyUrl ? cache : null;
    if (input.fetched !== null) chain.push({ source: 'url', text: input.fetched });
    if (input.fetchNotice) rejections.push({ source: 'url', problems: [], notice: input.fetchNotice });
    if (cached && (input.fetched === null || cached.text !== input.fetched)) chain.push({ source: 'url-cached', text: cached.text });
    // Behind an inline policy the URL is only a fallback, not fetched, and not worth a notice.
    if (config.policy === null && input.fetched === null && !cached && !input.fetchNotice) {
      rejections.push({ source: 'url', problems: [], notice: { key: 'policy_urlNotFetchedYet', args: [config.policyUrl] } });
    }
  }
  chain.push({ source: 'built-in', text: input.builtIn });
  const wanted = chain[0].source === 'url-cached' ? 'url' : chain[0].source;

  const tried = (candidate: Candidate): boolean => {
    const outcome = compile(candidate.text);
    if (outcome.ok) return true;
    rejections.push({ source: candidate.source, problems: outcome.problems, notice: null });
    return false;
  };

  const [first, ...rest] = chain;
  if (tried(first)) return { active: first, wanted, rejections };
  // The fetched text was rejected: its cached predecessor is the URL's last good copy.
  const next = rest[0];
  if (first.source === 'url' && next?.source === 'url-cached' && tried(next)) return { active: next, wanted, rejections };
  if (input.lastGood && input.lastGood.text !== first.text && compile(input.lastGood.text).ok) {
    return { active: input.lastGood, wanted, rejections };
  }
  for (const candidate of rest) {
    if (candidate.source === 'url-cached' && first.source === 'url') continue; // tried above
    if (tried(candidate)) return { active: candidate, wanted, rejections };
  }
  // Unreachable with a working engine: the built-in policy always compiles.
  return { active: chain[chain.length - 1], wanted, rejections };
}

/** Organization name and revision of a policy text that compiled. */
export function describePolicy(text: string): { organization: string | null; revision: string | null } {
  try {
    const value = JSON.parse(text) as { organization?: { name?: unknown }; revision?: unknown };
    return {
      organization: typeof value.organization?.name === 'string' ? value.organization.name : null,
      revision: typeof value.revision === 'string' ? value.revision : null,
    };
  } catch {
    return { organization: null, revision: null };
  }
}

/** What the options page and popup show about the policy (`chrome.storage.local`). */
export interface PolicyStatus {
  source: PolicySource;
  /** The source the configuration asks for; differs from `source` while that one is rejected. */
  wanted: PolicySource;
  organization: string | null;
  revision: string | null;
  /** When the policy in force was taken into use (epoch ms). */
  appliedAt: number;
  /** When the sources were last looked at. */
  checkedAt: number;
  policyUrl: string | null;
  /** When the URL last answered (200 or 304). */
  fetchedAt: number | null;
  refreshMinutes: number;
  allowPause: boolean;
  supportContact: string | null;
  /** IT's managed `department` (checked as an id, not yet against the policy). */
  department: string | null;
  allowDepartmentChoice: boolean;
  /** The ids of the policy's `departments`. */
  departments: string[];
  nudges: NudgeSetting;
  /** Problems with the managed values themselves. */
  notices: Notice[];
  /** Candidates that were rejected at `checkedAt`, with the engine's JSON paths. */
  rejections: Rejection[];
}
