/** The policy's state as the options page and the popup show it. */

import type { Lang } from '../protocol';
import { chooseDepartment, type PolicyStatus } from '../background/policy-state';
import { element, formatTime, type Translate } from './i18n';

const SOURCE_KEYS: Record<PolicyStatus['source'], string> = {
  managed: 'policy_sourceManaged',
  url: 'policy_sourceUrl',
  'url-cached': 'policy_sourceUrlCached',
  'built-in': 'policy_sourceBuiltIn',
};

export function sourceLabel(status: PolicyStatus, t: Translate): string {
  return t(SOURCE_KEYS[status.source]);
}

/** Rows of (label, value) describing the policy in force. */
export function statusRows(status: PolicyStatus, t: Translate, lang: Lang, chosen: string | null = null): Array<[string, string]> {
  const rows: Array<[string, string]> = [
    [t('policy_organization'), status.organization ?? t('policy_none')],
    [t('policy_revision'), status.revision ?? t('policy_none')],
    [t('policy_source'), sourceLabel(status, t)],
    [t('policy_appliedAt'), formatTime(status.appliedAt, lang)],
  ];
  if (status.policyUrl !== null) {
    rows.push([t('policy_url'), status.policyUrl]);
    rows.push([t('policy_fetchedAt'), formatTime(status.fetchedAt, lang)]);
  }
  if (status.supportContact !== null) rows.push([t('policy_supportContact'), status.supportContact]);
  if ((status.departments ?? []).length > 0 || status.department) rows.push([t('policy_department'), departmentLabel(status, t, chosen)]);
  return rows;
}

/** Whose department's rules apply: IT's, the employee's, or none (the policy's own rules). */
export function departmentLabel(status: PolicyStatus, t: Translate, chosen: string | null): string {
  const { department, by } = chooseDepartment(status, chosen);
  if (department === null) return t('policy_departmentNone');
  return t(by === 'it' ? 'policy_departmentByIt' : 'policy_departmentChosen', [department]);
}

/**
 * Every problem: with the managed values, fetching, and the engine's
 * rejections with their JSON paths. Empty when all is well.
 */
export function problemList(status: PolicyStatus, t: Translate): HTMLUListElement | null {
  const list = element('ul', undefined, 'problems');
  for (const notice of status.notices) list.append(element('li', t(notice.key, notice.args)));
  for (const rejection of status.rejections) {
    const source = t(SOURCE_KEYS[rejection.source]);
    if (rejection.notice) list.append(element('li', `${source}: ${t(rejection.notice.key, rejection.notice.args)}`));
    for (const problem of rejection.problems) {
      const item = element('li');
      item.dataset.path = problem.path;
      item.append(`${source}: `, element('code', problem.path === '' ? '/' : problem.path, 'path'), ` ${problem.message}`);
      if (problem.hint) item.append(element('span', ` (${problem.hint})`, 'hint'));
      list.append(item);
    }
  }
  if (status.rejections.some((r) => r.problems.length > 0)) {
    list.prepend(element('li', t('policy_keptLastGood'), 'kept'));
  }
  return list.childElementCount > 0 ? list : null;
}
