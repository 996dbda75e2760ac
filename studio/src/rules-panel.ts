/**
 * The effective rules after `extends` and `overrides`; a click shows where
 * the policy defines or overrides a rule, or says which pack it comes from.
 */

import { categoryLabel, severityLabel } from '../../extension/src/content/i18n';
import { el } from '../../extension/src/content/shadow';
import type { RuleInfo } from '../../extension/src/protocol';
import { t } from './i18n';
import { tableWithHeadings } from './table';

/** Where the policy text names rule `id` (the `id` key of its own rule, else of its override); null for an untouched pack rule. */
export function rulePointer(policyText: string, id: string): string | null {
  let policy: { rules?: unknown; overrides?: unknown };
  try {
    policy = JSON.parse(policyText) as typeof policy;
  } catch {
    return null;
  }
  const indexIn = (list: unknown) => (Array.isArray(list) ? list.findIndex((entry) => (entry as { id?: unknown } | null)?.id === id) : -1);
  const own = indexIn(policy.rules);
  if (own >= 0) return `/rules/${own}/id`;
  const override = indexIn(policy.overrides);
  return override >= 0 ? `/overrides/${override}/id` : null;
}

export function renderRules(output: HTMLElement, rules: readonly RuleInfo[], policyText: string, jump: (pointer: string) => void): void {
  const headings = (['rules_id', 'rules_kind', 'rules_category', 'rules_level', 'rules_source', 'rules_enabled', 'rules_overridable'] as const).map((key) => t(key));
  const { table, body } = tableWithHeadings('rules', headings);
  for (const rule of rules) {
    const row = el(document, 'tr');
    row.classList.toggle('disabled', !rule.enabled);
    const name = el(document, 'th');
    name.scope = 'row';
    const pointer = rulePointer(policyText, rule.id);
    const button = el(document, 'button', 'link-like', rule.id);
    button.type = 'button';
    if (pointer) {
      button.title = t('rules_jump', rule.id);
      button.addEventListener('click', () => jump(pointer));
    } else {
      button.title = t('rules_from_pack', rule.source);
      const note = el(document, 'p', 'meta pack-note', t('rules_from_pack', rule.source));
      note.hidden = true;
      button.setAttribute('aria-expanded', 'false');
      button.addEventListener('click', () => {
        note.hidden = !note.hidden;
        button.setAttribute('aria-expanded', String(!note.hidden));
      });
      name.append(button, note);
    }
    if (pointer) name.append(button);
    row.append(
      name,
      el(document, 'td', '', rule.kind),
      el(document, 'td', '', categoryLabel(rule.category)),
      el(document, 'td', `level level-${rule.level}`, severityLabel(rule.level)),
      el(document, 'td', '', rule.source),
      el(document, 'td', '', rule.enabled ? t('rules_yes') : t('rules_no')),
      el(document, 'td', '', rule.overridable ? t('rules_yes') : t('rules_no')),
    );
    body.append(row);
  }
  output.replaceChildren(el(document, 'p', 'meta', t('rules_count', rules.length)), table);
}
