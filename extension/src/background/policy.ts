/**
 * The policy in force, and keeping it current.
 *
 * Sources (managed storage, the policy URL, the built-in default) are read
 * when the worker starts, on `runtime.onStartup`/`onInstalled`, on the
 * refresh alarm and when managed storage changes (Chrome and Edge; Firefox
 * reads `policies.json` only at start-up and never fires that event).
 * `policy-state.ts` decides; this module does the I/O, keeps the compiled
 * checker, persists what decides the policy where only the extension can
 * write it (`policy-store.ts`), publishes the state for the UI and tells
 * content scripts to check again when anything that changes answers
 * changed. Everything it reads from `chrome.storage.local` (the
 * preferences) is checked first, since content scripts can write there.
 */

import { DEFAULT_PREFERENCES, STORAGE, parsePreferences, type ColdStart, type Lang, type OrganizationInfo, type Preferences, type RuleInfo } from '../protocol';
import { MAX_POLICY_BYTES, readBounded } from './bounded-body';
import { organizationOf } from './organization';
import { builtInPolicy, compileOrRestore, imageOf, loadWasm, warmUp, wasmMemoryBytes, type Checker } from './engine';
import type { MemoryImage } from './engine-instance';
import { readImage, readPersistedPolicy, writeImage, writePersistedPolicy, type LastGood, type PersistedPolicy } from './policy-store';
import {
  chooseDepartment,
  describePolicy,
  nudgesShown,
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
/**
 * Where versions before the IndexedDB store kept the URL's copy and the last
 * good policy; removed on update, never read (a content script may have
 * written them).
 */
export const LEGACY_STORAGE_KEYS = ['policyUrlCache', 'policyLastGood'];
/**
 * The whole fetch, body included. Chrome stops an extension service worker
 * whose fetch has not answered within 30 s, so the timeout must come first
 * for the failure to be recorded at all.
 */
const FETCH_TIMEOUT_MS = 20_000;

export interface Active {
  checker: Checker;
  candidate: Candidate;
  status: PolicyStatus;
  /** Whom the review names when a post is held back. */
  organization: OrganizationInfo | null;
  /** Milliseconds to load the module and compile, for the first answer after a start. */
  coldStart?: ColdStart;
}

let active: Active | null = null;
let preferences: Preferences = DEFAULT_PREFERENCES;
/**
 * How many changes of the preferences this worker has taken in: an update
 * that read them before the latest change (it reads them while the module
 * compiles) must not put the older value back.
 */
let preferencesChanges = 0;
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

const NOTHING_FETCHED: Omit<Fetched, 'cache'> = { text: null, notice: null };
const NOTHING_PERSISTED: PersistedPolicy = { urlCache: null, lastGood: null };

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
 * the policy store is the last good policy for when the server cannot be
 * reached, which the HTTP cache does not promise to keep.
 *
 * Redirects are not followed (`redirect: 'manual'`): a fetch cannot tell
 * whether a redirect chain stayed on https, and refusing them all means the
 * browser never even requests an address IT did not configure. The body is
 * read with the engine's size cap, and the timeout covers it too, so a
 * server that stalls halfway is a failed fetch like any other.
 */
async function fetchPolicy(url: string, cache: UrlCache | null): Promise<Fetched> {
  const previous = cache && cache.url === url ? cache : null;
  const failed = (key: string, ...args: string[]): Fetched => ({ text: null, notice: { key, args: [url, ...args] }, cache: previous });
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, FETCH_TIMEOUT_MS);
  try {
    const response = await fetch(url, { cache: 'no-cache', credentials: 'omit', redirect: 'manual', signal: controller.signal });
    // An opaque redirect hides its status; 3xx is what it was.
    if (response.type === 'opaqueredirect') return failed('policy_fetchRedirect', response.status === 0 ? '3xx' : String(response.status));
    if (!response.ok) return failed('policy_fetchStatus', String(response.status));
    const mebibytes = String(MAX_POLICY_BYTES / (1024 * 1024));
    if (Number(response.headers.get('content-length')) > MAX_POLICY_BYTES) return failed('policy_fetchTooLarge', mebibytes);
    const body = await readBounded(response.body);
    if ('tooLarge' in body) return failed('policy_fetchTooLarge', mebibytes);
    return {
      text: body.text,
      notice: null,
      cache: { url, text: body.text, etag: response.headers.get('etag'), lastModified: response.headers.get('last-modified'), fetchedAt: Date.now() },
    };
  } catch (error) {
    if (timedOut) return failed('policy_fetchTimeout', String(FETCH_TIMEOUT_MS / 1000));
    return failed('policy_fetchFailed', error instanceof Error ? error.message : String(error));
  } finally {
    clearTimeout(timer);
    // Whatever is still downloading (an error status's body, a refused redirect) is not wanted.
    controller.abort();
  }
}

/**
 * Looks at every source and installs the policy that should run.
 *
 * When the URL is to be fetched and a copy of it is at hand, that copy is
 * installed first: off the company network the fetch may take until its
 * timeout, and checks must not wait for it. Without a copy (the first start
 * with this URL) checks wait for the fetch, as they would otherwise run a
 * policy IT never chose.
 */
async function update(fetchNow: boolean): Promise<Active> {
  const started = performance.now();
  const changesBefore = preferencesChanges;
  // The module compiles while the policy and preferences are read: a cold
  // start waits for the slower of the two, not for both in turn.
  const loadingWasm = loadWasm();
  const [managed, stored, persisted, image] = await Promise.all([
    readManaged(),
    chrome.storage.local.get([STORAGE.preferences, STORAGE.status]),
    // Without IndexedDB (a browser that keeps no site data) there is just no copy to fall back on.
    readPersistedPolicy(Date.now()).catch(() => NOTHING_PERSISTED),
    // Only a worker without a policy can restore one.
    active ? null : readImage().catch(() => null),
  ]);
  const wasmMs = await loadingWasm;
  const { config, notices } = readManagedConfig(managed);
  if (preferencesChanges === changesBefore) preferences = parsePreferences(stored[STORAGE.preferences], Date.now());
  // Only to tell whether the department changed while this worker slept.
  const storedStatus = (stored[STORAGE.status] as PolicyStatus | undefined) ?? null;
  const timing = { started, wasmMs, storedStatus, image };

  // An inline policy takes precedence, so the URL is not even asked.
  const fetchUrl =
    config.policy === null && config.policyUrl !== null && (fetchNow || refreshDue(persisted.urlCache, config.policyUrl, config.refreshMinutes, Date.now()))
      ? config.policyUrl
      : null;
  if (fetchUrl === null) return (await install(config, notices, { ...NOTHING_FETCHED, cache: persisted.urlCache }, persisted, timing)).installed;

  let current = persisted;
  if (!active && persisted.urlCache?.url === fetchUrl) {
    current = (await install(config, notices, { ...NOTHING_FETCHED, cache: persisted.urlCache }, persisted, timing)).persisted;
  }
  const fetched = await fetchPolicy(fetchUrl, current.urlCache);
  return (await install(config, notices, fetched, current, timing)).installed;
}

/** Decides with what was fetched (if anything), installs the result and records it. */
async function install(
  config: ManagedConfig,
  notices: Notice[],
  fetched: Fetched,
  persisted: PersistedPolicy,
  timing: { started: number; wasmMs: number; storedStatus: PolicyStatus | null; image: MemoryImage | null },
): Promise<{ installed: Active; persisted: PersistedPolicy }> {
  let cache = persisted.urlCache;
  const lastGood: Candidate | null = persisted.lastGood ?? active?.candidate ?? null;

  const compiled = new Map<string, Checker>();
  const restoredTexts = new Set<string>();
  const tryCompile = (text: string): CompileOutcome => {
    if (compiled.has(text) || active?.candidate.text === text) return { ok: true };
    const outcome = compileOrRestore(text, timing.image);
    if ('problems' in outcome) return { ok: false, problems: outcome.problems };
    compiled.set(text, outcome.checker);
    if (outcome.restored) restoredTexts.add(text);
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
  const stored = persisted.lastGood;
  // The same policy as before the worker slept keeps its time of taking effect.
  const sameAsStored = stored?.text === resolution.active.text && stored.appliedAt > 0;
  const changed = !previous || previous.candidate.text !== resolution.active.text;
  const checker = changed ? compiled.get(resolution.active.text)! : previous.checker;
  const restored = restoredTexts.has(resolution.active.text);
  for (const [text, unused] of compiled) if (text !== resolution.active.text || !changed) unused.free();
  if (changed) previous?.checker.free();
  // Taken now, before any check of the employee's runs, and after a sample
  // check warmed the new checker up: a restarted worker restores this
  // policy instead of compiling it. A policy compiled after checks (it
  // changed while the worker ran) has no image, and the one stored is of an
  // older policy.
  if (changed && !restored) {
    warmUp(checker);
    const image = imageOf(checker, resolution.active.text);
    void writeImage(image).catch(() => undefined);
  }

  const departments = checker.departments();
  const departmentNotices: Notice[] =
    config.department !== null && !departments.includes(config.department) ? [{ key: 'policy_departmentUnknown', args: [config.department] }] : [];
  const status: PolicyStatus = {
    source: resolution.active.source,
    wanted: resolution.wanted,
    ...describePolicy(resolution.active.text),
    appliedAt: !changed ? previous.status.appliedAt : sameAsStored ? stored.appliedAt : now,
    checkedAt: now,
    policyUrl: config.policyUrl,
    fetchedAt: config.policyUrl !== null && cache?.url === config.policyUrl ? cache.fetchedAt : null,
    refreshMinutes: config.refreshMinutes,
    allowPause: config.allowPause,
    supportContact: config.supportContact,
    department: config.department,
    allowDepartmentChoice: config.allowDepartmentChoice,
    departments,
    nudges: config.nudges,
    notices: [...notices, ...departmentNotices],
    rejections: resolution.rejections,
  };
  active = {
    checker,
    candidate: resolution.active,
    status,
    organization: withRuleContacts(
      withSupportContact(organizationOf(resolution.active.text), config.supportContact),
      checker.rules(departmentIn(status) ?? undefined) as RuleInfo[],
    ),
    ...(previous ? {} : { coldStart: { wasmMs: timing.wasmMs, policyMs, restored, totalMs: performance.now() - timing.started, sinceWorkerStartMs: performance.now(), wasmMemoryBytes: wasmMemoryBytes() } }),
  };

  const installed = active;
  const waiting = waitingForActive;
  waitingForActive = [];
  for (const answer of waiting) answer(installed);

  const lastGoodNow: LastGood = { ...resolution.active, appliedAt: status.appliedAt };
  // The policy text can be hundreds of kilobytes: stored again only when it changed.
  const keepLastGood = stored?.text === lastGoodNow.text && stored.source === lastGoodNow.source && stored.appliedAt === lastGoodNow.appliedAt;
  await writePersistedPolicy({ ...(keepLastGood ? {} : { lastGood: lastGoodNow }), ...(cache && cache !== persisted.urlCache ? { urlCache: cache } : {}) }).catch(() => undefined);
  const writes: Record<string, unknown> = { [STORAGE.status]: status };
  // A first start after the worker slept is not a change for the open boxes;
  // a new policy, or IT moving this unit to another department, is.
  const before = previous?.status ?? timing.storedStatus;
  const departmentChanged = before !== null && departmentIn(before) !== departmentIn(status);
  if ((stored && stored.text !== resolution.active.text) || departmentChanged) writes[STORAGE.recheck] = now;
  await chrome.storage.local.set(writes);
  await scheduleRefresh(config);
  return { installed, persisted: { urlCache: cache, lastGood: keepLastGood ? stored : lastGoodNow } };
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

/** Whether suggestions (category `campaign`) reach the boxes: IT's pin, else the employee's choice. */
export function showsNudges(ready: Active): boolean {
  return nudgesShown(ready.status.nudges, preferences.nudges);
}

export function rules(ready: Active): RuleInfo[] {
  return ready.checker.rules(department(ready) ?? undefined) as RuleInfo[];
}

/** The department whose rules apply now (IT's, else the employee's where allowed), or `null`. */
export function department(ready: Active): string | null {
  return departmentIn(ready.status);
}

/** The department whose rules apply under `status` and the employee's preference. */
function departmentIn(status: PolicyStatus): string | null {
  return chooseDepartment(status, preferences.department).department;
}

/** The employee changed a preference: answers change, so boxes check again. */
export async function preferencesChanged(stored: unknown): Promise<void> {
  preferencesChanges += 1;
  preferences = parsePreferences(stored, Date.now());
  if (preferences.pausedUntil > Date.now()) chrome.alarms.create(PAUSE_END_ALARM, { when: preferences.pausedUntil });
  else await chrome.alarms.clear(PAUSE_END_ALARM);
  await chrome.storage.local.set({ [STORAGE.recheck]: Date.now() });
}

export async function pauseEnded(): Promise<void> {
  await chrome.storage.local.set({ [STORAGE.recheck]: Date.now() });
}

/** IT's support contact from the managed configuration, beside the policy's own contacts. */
/** Which contact each rule names, so that a held-back post names the rule's own contact first. */
function withRuleContacts(organization: OrganizationInfo | null, rules: readonly RuleInfo[]): OrganizationInfo | null {
  if (!organization) return null;
  const ruleContacts: Record<string, string> = {};
  for (const rule of rules) if (rule.contact && organization.contacts[rule.contact]) ruleContacts[rule.id] = rule.contact;
  return { ...organization, ruleContacts };
}

function withSupportContact(organization: OrganizationInfo | null, supportContact: string | null): OrganizationInfo | null {
  if (!supportContact) return organization;
  const base = organization ?? { name: null, contacts: {} };
  return { ...base, contacts: { ...base.contacts, support: base.contacts.support ?? { name: supportContact } } };
}
