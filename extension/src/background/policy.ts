/**
 * The policy in force, and keeping it current.
 *
 * Sources (managed storage, the policy URL, the built-in default) are read
 * when the worker starts, on `runtime.onStartup`/`onInstalled`, on the
 * refresh alarm and when managed storage changes (Chrome and Edge; Firefox
 * reads `policies.json` only at start-up and never fires that event).
 * `policy-state.ts` decides; this module does the I/O, keeps the compiled
 * checker, persists the state for the UI and tells content scripts to check
 * again when anything that changes answers changed.
 */

import { DEFAULT_PREFERENCES, STORAGE, type Lang, type OrganizationInfo, type Preferences, type RuleInfo } from '../protocol';
import { organizationOf } from './organization';
import { builtInPolicy, compile, loadWasm, wasmMemoryBytes, type Checker } from './engine';
import {
  describePolicy,
  readManagedConfig,
  refreshDue,
  resolvePolicy,
  type Candidate,
  type CompileOutcome,
  type ManagedConfig,
  type Notice,
  type PolicyStatus,
  type UrlCache,
} from './policy-state';

export const REFRESH_ALARM = 'postlint-policy-refresh';
export const PAUSE_END_ALARM = 'postlint-pause-end';
const CACHE_KEY = 'policyUrlCache';
const LAST_GOOD_KEY = 'policyLastGood';
const FETCH_TIMEOUT_MS = 30_000;

export interface Active {
  checker: Checker;
  candidate: Candidate;
  status: PolicyStatus;
  /** Whom the review names when a post is held back. */
  organization: OrganizationInfo | null;
  /** Milliseconds to load the module and compile, for the first answer after a start. */
  coldStart?: { wasmMs: number; policyMs: number; totalMs: number; wasmMemoryBytes: number };
}

let active: Active | null = null;
let preferences: Preferences = DEFAULT_PREFERENCES;
/** Serializes updates, so two triggers never race to install a policy. */
let queue: Promise<Active> | null = null;
/**
 * Checks that arrived before this worker had a policy. They are answered as
 * soon as one is installed, without waiting for the status and the policy
 * text to be written to storage.
 */
let waitingForActive: Array<(ready: Active) => void> = [];

/**
 * Managed values. Firefox rejects when no policy is configured; Chrome
 * resolves to `{}`. Both mean "nothing managed".
 */
async function readManaged(): Promise<Record<string, unknown>> {
  try {
    return ((await chrome.storage.managed.get(null)) ?? {}) as Record<string, unknown>;
  } catch {
    return {};
  }
}

interface Fetched {
  text: string | null;
  notice: Notice | null;
  cache: UrlCache | null;
}

/**
 * A conditional GET of the policy URL, without cookies or user data.
 *
 * The browser's HTTP cache makes it conditional (`cache: 'no-cache'`
 * revalidates with the stored `ETag`/`Last-Modified` every time; a 304
 * reaches this code as the cached 200). Set by hand, `If-None-Match` and
 * `If-Modified-Since` are not CORS-safelisted and would force a preflight,
 * and `ETag` is not even readable without `Access-Control-Expose-Headers`:
 * the policy server would need three CORS settings instead of one
 * (docs/admin.md asks only for `Access-Control-Allow-Origin`). The copy in
 * `chrome.storage.local` is the last good policy for when the server cannot
 * be reached, which the HTTP cache does not promise to keep.
 */
async function fetchPolicy(url: string, cache: UrlCache | null): Promise<Fetched> {
  const previous = cache && cache.url === url ? cache : null;
  let response: Response;
  try {
    response = await fetch(url, { cache: 'no-cache', credentials: 'omit', redirect: 'follow', signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  } catch (error) {
    return { text: null, notice: { key: 'policy_fetchFailed', args: [url, error instanceof Error ? error.message : String(error)] }, cache: previous };
  }
  if (!response.ok) return { text: null, notice: { key: 'policy_fetchStatus', args: [url, String(response.status)] }, cache: previous };
  const text = await response.text();
  return {
    text,
    notice: null,
    cache: { url, text, etag: response.headers.get('etag'), lastModified: response.headers.get('last-modified'), fetchedAt: Date.now() },
  };
}

/** Looks at every source and installs the policy that should run. */
async function update(fetchNow: boolean): Promise<Active> {
  const started = performance.now();
  const wasmMs = await loadWasm();
  const { config, notices } = readManagedConfig(await readManaged());
  const stored = await chrome.storage.local.get([CACHE_KEY, LAST_GOOD_KEY, STORAGE.preferences, STORAGE.status]);
  preferences = { ...DEFAULT_PREFERENCES, ...((stored[STORAGE.preferences] as Partial<Preferences> | undefined) ?? {}) };
  let cache = (stored[CACHE_KEY] as UrlCache | undefined) ?? null;
  const lastGood = (stored[LAST_GOOD_KEY] as Candidate | undefined) ?? active?.candidate ?? null;

  let fetched: Fetched = { text: null, notice: null, cache };
  // An inline policy takes precedence, so the URL is not even asked.
  if (config.policy === null && config.policyUrl !== null && (fetchNow || refreshDue(cache, config.policyUrl, config.refreshMinutes, Date.now()))) {
    fetched = await fetchPolicy(config.policyUrl, cache);
  }

  const compiled = new Map<string, Checker>();
  const tryCompile = (text: string): CompileOutcome => {
    if (compiled.has(text) || active?.candidate.text === text) return { ok: true };
    const outcome = compile(text);
    if ('problems' in outcome) return { ok: false, problems: outcome.problems };
    compiled.set(text, outcome.checker);
    return { ok: true };
  };
  const compileStarted = performance.now();
  const resolution = resolvePolicy(
    { config, fetched: fetched.text, fetchNotice: fetched.notice, cache, lastGood, builtIn: builtInPolicy() },
    tryCompile,
  );
  const policyMs = performance.now() - compileStarted;

  // The URL's cache holds only copies the engine accepted.
  if (resolution.active.source === 'url' && fetched.cache) cache = fetched.cache;

  const now = Date.now();
  const previous = active;
  const storedStatus = (stored[STORAGE.status] as PolicyStatus | undefined) ?? null;
  const storedCandidate = (stored[LAST_GOOD_KEY] as Candidate | undefined) ?? null;
  // The same policy as before the worker slept keeps its time of taking effect.
  const sameAsStored = storedCandidate?.text === resolution.active.text && storedStatus !== null;
  const changed = !previous || previous.candidate.text !== resolution.active.text;
  const checker = changed ? compiled.get(resolution.active.text)! : previous.checker;
  for (const [text, unused] of compiled) if (text !== resolution.active.text || !changed) unused.free();
  if (changed) previous?.checker.free();

  const status: PolicyStatus = {
    source: resolution.active.source,
    wanted: resolution.wanted,
    ...describePolicy(resolution.active.text),
    appliedAt: !changed ? previous.status.appliedAt : sameAsStored ? storedStatus.appliedAt : now,
    checkedAt: now,
    policyUrl: config.policyUrl,
    fetchedAt: config.policyUrl !== null && cache?.url === config.policyUrl ? cache.fetchedAt : null,
    refreshMinutes: config.refreshMinutes,
    allowPause: config.allowPause,
    supportContact: config.supportContact,
    extraSites: config.extraSites,
    notices,
    rejections: resolution.rejections,
  };
  active = {
    checker,
    candidate: resolution.active,
    status,
    organization: withSupportContact(organizationOf(resolution.active.text), config.supportContact),
    ...(previous ? {} : { coldStart: { wasmMs, policyMs, totalMs: performance.now() - started, wasmMemoryBytes: wasmMemoryBytes() } }),
  };

  const installed = active;
  const waiting = waitingForActive;
  waitingForActive = [];
  for (const answer of waiting) answer(installed);

  const writes: Record<string, unknown> = { [STORAGE.status]: status };
  // The policy text can be hundreds of kilobytes: stored again only when it changed.
  if (storedCandidate?.text !== resolution.active.text || storedCandidate.source !== resolution.active.source) writes[LAST_GOOD_KEY] = resolution.active;
  if (cache) writes[CACHE_KEY] = cache;
  // A first start after the worker slept is not a change for the open boxes.
  if (storedCandidate && storedCandidate.text !== resolution.active.text) writes[STORAGE.recheck] = now;
  await chrome.storage.local.set(writes);
  await scheduleRefresh(config);
  return installed;
}

async function scheduleRefresh(config: ManagedConfig): Promise<void> {
  if (config.policyUrl === null) {
    await chrome.alarms.clear(REFRESH_ALARM);
    return;
  }
  const existing = await chrome.alarms.get(REFRESH_ALARM);
  if (existing?.periodInMinutes !== config.refreshMinutes) {
    await chrome.alarms.create(REFRESH_ALARM, { periodInMinutes: config.refreshMinutes, delayInMinutes: config.refreshMinutes });
  }
}

function enqueue(fetchNow: boolean): Promise<Active> {
  const run = (queue ?? Promise.resolve()).catch(() => undefined).then(() => update(fetchNow));
  queue = run;
  // A failed update is forgotten, so the next use tries again.
  run.catch(() => {
    if (queue === run) queue = null;
  });
  return run;
}

/**
 * The policy in force, reading the sources first if this worker has none yet.
 * While an update runs, checks are answered with the policy still in force.
 */
export function getActive(): Promise<Active> {
  if (active) return Promise.resolve(active);
  const run = queue ?? enqueue(false);
  return new Promise((resolve, reject) => {
    waitingForActive.push(resolve);
    run.catch((error: unknown) => {
      waitingForActive = waitingForActive.filter((waiter) => waiter !== resolve);
      reject(error);
    });
  });
}

/** Looks at every source again; `fetchNow` fetches the URL even if the cache is fresh. */
export function refreshPolicy(fetchNow: boolean): Promise<Active> {
  return enqueue(fetchNow);
}

/** Hands over the start-up timing once, for the first answer after a start. */
export function takeColdStart(ready: Active): Active['coldStart'] {
  const coldStart = ready.coldStart;
  delete ready.coldStart;
  return coldStart;
}

/** The language of engine messages: the employee's choice, else the browser's UI language. */
export function messageLanguage(): Lang {
  if (preferences.lang !== 'auto') return preferences.lang;
  return chrome.i18n.getUILanguage().toLowerCase().startsWith('de') ? 'de' : 'en';
}

/** Whether checking is paused now (only ever when the policy allows pausing). */
export function paused(ready: Active): boolean {
  return ready.status.allowPause && preferences.pausedUntil > Date.now();
}

export function rules(ready: Active): RuleInfo[] {
  return ready.checker.rules() as RuleInfo[];
}

/** The employee changed a preference: answers change, so boxes check again. */
export async function preferencesChanged(next: Partial<Preferences> | undefined): Promise<void> {
  preferences = { ...DEFAULT_PREFERENCES, ...(next ?? {}) };
  if (preferences.pausedUntil > Date.now()) chrome.alarms.create(PAUSE_END_ALARM, { when: preferences.pausedUntil });
  else await chrome.alarms.clear(PAUSE_END_ALARM);
  await chrome.storage.local.set({ [STORAGE.recheck]: Date.now() });
}

export async function pauseEnded(): Promise<void> {
  await chrome.storage.local.set({ [STORAGE.recheck]: Date.now() });
}

/** IT's support contact from the managed configuration, beside the policy's own contacts. */
function withSupportContact(organization: OrganizationInfo | null, supportContact: string | null): OrganizationInfo | null {
  if (!supportContact) return organization;
  const base = organization ?? { name: null, contacts: {} };
  return { ...base, contacts: { ...base.contacts, support: base.contacts.support ?? { name: supportContact } } };
}
