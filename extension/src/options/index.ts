/**
 * The options page: the policy in force and its problems, the effective rules
 * by category, a "try it" box checked by the same background engine through
 * the same port and drawn with the same highlights as on the sites, and the
 * preferences the policy allows.
 */

import type { PolicyStatus } from '../background/policy-state';
import { BoxSession } from '../content/box-session';
import { CheckerConnection } from '../content/connection';
import { localDate } from '../content/context';
import { HighlightPainter } from '../content/highlights';
import { keepAliveThrough } from '../content/keep-alive';
import { PAUSE_MS, PROTOCOL_VERSION, STORAGE, type FromBackground, type Lang, type Platform, type Preferences, type RuleInfo, type RulesAnswer } from '../protocol';
import { ADAPTERS } from '../sites/adapters';
import { element, formatTime, loadTranslator, localize, readPreferences, type Translate } from '../ui/i18n';
import { problemList, statusRows } from '../ui/status-view';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

let t: Translate = (key) => key;
let lang: Lang = 'en';
let preferences: Preferences;
let status: PolicyStatus | null = null;

async function readStatus(): Promise<PolicyStatus | null> {
  const stored = await chrome.storage.local.get(STORAGE.status);
  return (stored[STORAGE.status] as PolicyStatus | undefined) ?? null;
}

function renderStatus(): void {
  const list = $('policy-status');
  const problems = $('policy-problems');
  list.replaceChildren();
  problems.replaceChildren();
  if (!status) {
    list.append(element('dt', t('policy_source')), element('dd', t('policy_starting')));
    renderNudges();
    return;
  }
  for (const [label, value] of statusRows(status, t, lang, preferences.department)) list.append(element('dt', label), element('dd', value));
  const errors = problemList(status, t);
  if (errors) problems.append(element('h3', t('options_problemsHeading')), errors);
  renderPause();
  renderDepartmentChoice();
  renderNudges();
}

/**
 * The employee's choice among the policy's departments, offered only where
 * IT allows it and sets no department itself.
 */
function renderDepartmentChoice(): void {
  const box = $('department');
  const departments = status?.departments ?? [];
  box.hidden = !status?.allowDepartmentChoice || status.department !== null || departments.length === 0;
  if (box.hidden) return;
  const select = $<HTMLSelectElement>('pref-department');
  const none = element('option', t('options_departmentNone'));
  none.value = '';
  const options = departments.map((id) => {
    const option = element('option', id);
    option.value = id;
    return option;
  });
  select.replaceChildren(none, ...options);
  select.value = preferences.department !== null && departments.includes(preferences.department) ? preferences.department : '';
}

/** How a rule's level is named: "block" only for what cannot be posted (as on the card). */
function severity(rule: { level: RuleInfo['level']; overridable: boolean }): string {
  if (rule.level !== 'block') return rule.level;
  return rule.overridable ? 'important' : 'block';
}

/** One plain-language line for a rule: the first sentence of its explanation, in the reader's language. */
function plainLine(rule: RuleInfo): string {
  return (rule.explanation[lang] ?? '').trim().split(/(?<=[.!?])\s/)[0]!;
}

/** A key per value, with a fallback for values a newer engine may add. */
function known(key: string, fallback: string): string {
  const text = t(key);
  return text === key ? t(fallback) : text;
}

/**
 * The rules in force, written for the people who follow them: per category
 * (translated, in the reader's alphabetical order) one plain line per rule,
 * its level, and whether the writer may override it. Rule ids and the packs
 * they come from are admin details, behind a switch.
 */
async function renderRules(): Promise<void> {
  const container = $('rules-list');
  const answer = (await chrome.runtime.sendMessage({ v: PROTOCOL_VERSION, type: 'rules' })) as RulesAnswer | undefined;
  container.replaceChildren();
  if (!answer?.ok) {
    container.append(element('p', t('options_rulesUnavailable')));
    return;
  }
  const collator = new Intl.Collator(lang);
  const categoryName = (category: string) => known(`options_category_${category.replace(/-/g, '_')}`, 'options_category_other');
  const byCategory = new Map<string, RuleInfo[]>();
  for (const rule of answer.rules) byCategory.set(rule.category, [...(byCategory.get(rule.category) ?? []), rule]);
  for (const [category, rules] of [...byCategory].sort(([a], [b]) => collator.compare(categoryName(a), categoryName(b)))) {
    const table = element('table');
    table.dataset.category = category;
    const head = element('tr');
    for (const [key, className] of [['options_ruleColumn', ''], ['options_levelColumn', ''], ['options_overrideColumn', ''], ['options_ruleId', 'admin'], ['options_ruleSource', 'admin']] as const) {
      const cell = element('th', t(key), className);
      cell.scope = 'col';
      head.append(cell);
    }
    table.append(element('caption', categoryName(category)), head);
    for (const rule of rules) {
      const row = element('tr', undefined, rule.enabled ? '' : 'disabled');
      row.dataset.rule = rule.id;
      const level = severity(rule);
      const binding = level === 'block';
      row.append(
        element('td', plainLine(rule)),
        element('td', rule.enabled ? t(`options_level_${level}`) : t('options_ruleDisabled'), `level-${level}`),
        element('td', binding ? t('options_notOverridable') : t('options_overridable'), binding ? 'binding' : ''),
        element('td', rule.id, 'admin'),
        element('td', known(`options_source_${rule.source}`, 'options_source_policy'), 'admin'),
      );
      table.append(row);
    }
    container.append(table);
  }
}

function renderPause(): void {
  const box = $('pause');
  box.hidden = !status?.allowPause;
  if (box.hidden) return;
  const pausedNow = preferences.pausedUntil > Date.now();
  $('pause-state').textContent = pausedNow ? t('options_pausedUntil', [formatTime(preferences.pausedUntil, lang)]) : t('options_notPaused');
  $('pause-button').textContent = pausedNow ? t('options_resume') : t('options_pauseHour');
}

/** The suggestions switch, or what IT pinned instead of it. */
function renderNudges(): void {
  const setting = status?.nudges ?? 'user';
  $('nudges').hidden = setting !== 'user';
  $<HTMLInputElement>('pref-nudges').checked = preferences.nudges;
  const pinned = $('nudges-pinned');
  pinned.hidden = setting === 'user';
  pinned.textContent = setting === 'on' ? t('options_nudgesPinnedOn') : setting === 'off' ? t('options_nudgesPinnedOff') : '';
}

async function savePreferences(next: Partial<Preferences>): Promise<void> {
  preferences = { ...preferences, ...next };
  await chrome.storage.local.set({ [STORAGE.preferences]: preferences });
}

/** The "try it" box: a compose box like on the sites, on the chosen platform. */
function startTryBox(): void {
  const box = $('try-box');
  const select = $<HTMLSelectElement>('try-platform');
  const painter = new HighlightPainter();
  const findings = $('try-findings');
  let session: BoxSession | null = null;
  const connection = new CheckerConnection((answer: FromBackground) => {
    if (!session || answer.boxId !== session.id) return;
    if (answer.type === 'error') {
      session.failed(answer.seq);
      findings.replaceChildren(element('li', answer.message));
      return;
    }
    session.receive(answer);
    findings.replaceChildren(
      ...answer.report.findings.map((finding) => {
        const level = severity(finding);
        const item = element('li', undefined, `level-${level}`);
        item.append(element('strong', `${t(`options_level_${level}`)}: `), finding.message);
        return item;
      }),
    );
  });
  let sessions = 0;
  const keepAlive = keepAliveThrough(connection);
  const mount = () => {
    session?.dispose();
    const platform = select.value as Platform;
    const adapter = { ...ADAPTERS.generic!, platform };
    session = new BoxSession(`try-${++sessions}`, box, 'post', undefined, 'contenteditable', adapter, {
      connection,
      painter,
      keepAlive,
      baseContext: () => ({ lang, date: localDate(new Date()) }),
      attachments: () => [],
    });
  };
  select.addEventListener('change', mount);
  mount();
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && STORAGE.recheck in changes) connection.recheckAll();
  });
}

async function main(): Promise<void> {
  preferences = await readPreferences();
  ({ t, lang } = await loadTranslator(preferences));
  document.documentElement.lang = lang;
  document.title = t('options_title');
  localize(document, t);
  $<HTMLSelectElement>('pref-lang').value = preferences.lang;
  $<HTMLSelectElement>('pref-lang').addEventListener('change', async (event) => {
    await savePreferences({ lang: (event.target as HTMLSelectElement).value as Preferences['lang'] });
    location.reload();
  });
  $<HTMLInputElement>('pref-nudges').addEventListener('change', (event) => {
    void savePreferences({ nudges: (event.target as HTMLInputElement).checked });
  });
  $('pause-button').addEventListener('click', () => {
    void savePreferences({ pausedUntil: preferences.pausedUntil > Date.now() ? 0 : Date.now() + PAUSE_MS }).then(renderPause);
  });
  $<HTMLSelectElement>('pref-department').addEventListener('change', async (event) => {
    const chosen = (event.target as HTMLSelectElement).value;
    await savePreferences({ department: chosen === '' ? null : chosen });
    renderStatus();
    await renderRules();
  });
  const admin = $<HTMLInputElement>('admin-details');
  admin.addEventListener('change', () => document.body.classList.toggle('show-admin', admin.checked));
  status = await readStatus();
  renderStatus();
  startTryBox();
  await renderRules();
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local' || !(STORAGE.status in changes)) return;
    status = (changes[STORAGE.status].newValue as PolicyStatus | undefined) ?? null;
    renderStatus();
    void renderRules();
  });
}

void main();
