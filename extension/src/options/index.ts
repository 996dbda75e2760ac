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
import { PROTOCOL_VERSION, STORAGE, type FromBackground, type Lang, type Platform, type Preferences, type RuleInfo, type RulesAnswer } from '../protocol';
import { ADAPTERS } from '../sites/adapters';
import { element, formatTime, loadTranslator, localize, readPreferences, type Translate } from '../ui/i18n';
import { problemList, statusRows } from '../ui/status-view';

const PAUSE_MS = 60 * 60 * 1000;
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
    list.append(element('dd', t('policy_starting')));
    return;
  }
  for (const [label, value] of statusRows(status, t, lang)) list.append(element('dt', label), element('dd', value));
  const errors = problemList(status, t);
  if (errors) problems.append(element('h3', t('options_problemsHeading')), errors);
  renderPause();
}

async function renderRules(): Promise<void> {
  const container = $('rules-list');
  const answer = (await chrome.runtime.sendMessage({ v: PROTOCOL_VERSION, type: 'rules' })) as RulesAnswer | undefined;
  container.replaceChildren();
  if (!answer?.ok) {
    container.append(element('p', t('options_rulesUnavailable')));
    return;
  }
  const byCategory = new Map<string, RuleInfo[]>();
  for (const rule of answer.rules) byCategory.set(rule.category, [...(byCategory.get(rule.category) ?? []), rule]);
  for (const [category, rules] of [...byCategory].sort(([a], [b]) => a.localeCompare(b))) {
    const table = element('table');
    table.dataset.category = category;
    for (const rule of rules) {
      const row = element('tr', undefined, rule.enabled ? '' : 'disabled');
      row.dataset.rule = rule.id;
      row.append(
        element('td', rule.id),
        element('td', rule.enabled ? t(`options_level_${rule.level}`) : t('options_ruleDisabled'), `level-${rule.level}`),
        element('td', rule.source),
      );
      table.append(row);
    }
    container.append(element('h3', t(`options_category_${category.replace(/-/g, '_')}`)), table);
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
        const item = element('li', undefined, `level-${finding.level}`);
        item.append(element('strong', `${t(`options_level_${finding.level}`)}: `), finding.message);
        return item;
      }),
    );
  });
  let sessions = 0;
  const mount = () => {
    session?.dispose();
    const platform = select.value as Platform;
    const adapter = { ...ADAPTERS.generic!, platform };
    session = new BoxSession(`try-${++sessions}`, box, 'post', 'contenteditable', adapter, {
      connection,
      painter,
      baseContext: () => ({ lang, date: localDate(new Date()), attachments: [] }),
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
  $('pause-button').addEventListener('click', () => {
    void savePreferences({ pausedUntil: preferences.pausedUntil > Date.now() ? 0 : Date.now() + PAUSE_MS }).then(renderPause);
  });
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
