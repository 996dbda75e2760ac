/**
 * The toolbar popup: whether this tab is a site Postlint checks, the findings
 * of the box checked last in it, where the policy comes from and its state,
 * and a link to the options page.
 *
 * The tab's URL is readable without the `tabs` or `activeTab` permission
 * because the three sites are host permissions; on any other tab `url` is
 * absent, which already means "not a supported site".
 */

import type { PolicyStatus } from '../background/policy-state';
import { PROTOCOL_VERSION, STORAGE, type LastFindingsRequest, type TabFindings } from '../protocol';
import { ADAPTERS } from '../sites/adapters';
import { element, loadTranslator, localize, pluralize, readPreferences } from '../ui/i18n';
import { problemList, statusRows } from '../ui/status-view';

const $ = (id: string) => document.getElementById(id)!;

/** The site adapter serving a URL, if any (the generic one names no hosts of its own). */
function supportedSite(url: string | undefined): string | null {
  if (!url) return null;
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return null;
  }
  for (const [name, adapter] of Object.entries(ADAPTERS)) if (name !== 'generic' && adapter.hosts.includes(host)) return host;
  return null;
}

async function main(): Promise<void> {
  const preferences = await readPreferences();
  const { t, lang } = await loadTranslator(preferences);
  document.documentElement.lang = lang;
  localize(document, t);

  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  const host = supportedSite(tab?.url);
  $('site').textContent = host ? t('popup_siteSupported', [host]) : t('popup_siteUnsupported');
  $('site').dataset.supported = String(host !== null);

  if (host && tab?.id !== undefined) {
    const request: LastFindingsRequest = { v: PROTOCOL_VERSION, type: 'lastFindings' };
    // No answer when the page loaded before the extension: then nothing was checked yet.
    const last = ((await chrome.tabs.sendMessage(tab.id, request).catch(() => null)) as TabFindings | null) ?? undefined;
    const section = $('findings-section');
    section.hidden = false;
    const list = $('findings');
    if (!last) $('findings-summary').textContent = t('popup_noCheckYet');
    else if (last.paused) $('findings-summary').textContent = t('popup_paused');
    else {
      $('findings-summary').textContent = pluralize(t, lang, 'count_finding', last.findings.length);
      for (const finding of last.findings) {
        const item = element('li', undefined, `level-${finding.level}`);
        item.append(finding.message);
        list.append(item);
      }
    }
  }

  const status = ((await chrome.storage.local.get(STORAGE.status))[STORAGE.status] as PolicyStatus | undefined) ?? null;
  const rows = $('policy-status');
  if (!status) rows.append(element('dt', t('policy_source')), element('dd', t('policy_starting')));
  else {
    for (const [label, value] of statusRows(status, t, lang, preferences.department)) rows.append(element('dt', label), element('dd', value));
    const problems = problemList(status, t);
    if (problems) $('policy-problems').append(element('p', t('popup_policyProblems')), problems);
  }

  $('options-link').addEventListener('click', (event) => {
    event.preventDefault();
    void chrome.runtime.openOptionsPage();
    window.close();
  });
}

void main();
