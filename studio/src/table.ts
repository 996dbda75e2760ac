/** Tables of the Studio's panels: column headings for screen readers, rows appended by the caller. */

import { el } from '../../extension/src/content/shadow';

export function tableWithHeadings(className: string, headings: readonly string[]): { table: HTMLTableElement; body: HTMLTableSectionElement } {
  const table = el(document, 'table', className);
  const head = el(document, 'tr');
  for (const heading of headings) {
    const cell = el(document, 'th', '', heading);
    cell.scope = 'col';
    head.append(cell);
  }
  const thead = el(document, 'thead');
  thead.append(head);
  const body = el(document, 'tbody');
  table.append(thead, body);
  return { table, body };
}
