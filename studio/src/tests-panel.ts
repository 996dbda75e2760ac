/**
 * The policy's own tests, run on every valid edit: each failure shows what
 * the test expected against what the text got, and jumps to the test.
 */

import { el } from '../../extension/src/content/shadow';
import type { TestMismatch, TestReport } from './engine-types';
import { t } from './i18n';

function ruleList(ids: readonly string[]): string {
  return ids.length === 0 ? t('tests_nothing') : ids.join(', ');
}

/** An item as written (`acme.codenames "Kranich" ×1`), with what it matched when it pins a quote or count. */
function describeItem(mismatch: TestMismatch): string {
  const quote = mismatch.quote === null ? '' : ` "${mismatch.quote}"`;
  const count = mismatch.count === null ? '' : ` ×${mismatch.count}`;
  const written = `${mismatch.rule}${quote}${count}`;
  return quote || count ? t('tests_item_found', written, mismatch.found) : written;
}

export function renderTests(output: HTMLElement, report: TestReport, jump: (pointer: string) => void): void {
  const failed = report.failures.length;
  const summary = el(
    document,
    'p',
    failed === 0 ? 'tests-summary ok' : 'tests-summary error',
    report.total === 0 ? t('tests_none') : failed === 0 ? t('tests_passed', report.total) : t('tests_failed', failed, report.total),
  );
  summary.setAttribute('role', 'status');
  const list = el(document, 'ul', 'test-failures');
  for (const failure of report.failures) {
    const item = el(document, 'li', 'test-failure');
    const name = el(document, 'button', 'link-like test-name', failure.name);
    name.type = 'button';
    name.title = t('tests_jump');
    name.addEventListener('click', () => jump(`/tests/${failure.index}`));
    const comparison = el(document, 'dl', 'comparison');
    const got = [...new Set(failure.findings.map((finding) => finding.rule))];
    comparison.append(
      el(document, 'dt', '', t('tests_expected')),
      el(document, 'dd', 'expected', [
        ...(failure.missing.length ? [t('tests_missing', ruleList(failure.missing.map(describeItem)))] : []),
        ...(failure.unexpected.length ? [t('tests_unexpected', ruleList(failure.unexpected.map(describeItem)))] : []),
      ].join(' · ')),
      el(document, 'dt', '', t('tests_got')),
      el(document, 'dd', 'got', ruleList(got)),
    );
    item.append(name, el(document, 'blockquote', 'test-text', failure.text), comparison);
    list.append(item);
  }
  output.replaceChildren(summary, list);
}
