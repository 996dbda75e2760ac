/**
 * "Try a post": a draft box that is checked on every keystroke, its
 * findings underlined as in the extension and explained by the extension's
 * own card (`FindingCard`), with the length counter the extension's badge
 * shows. Fixes go through CodeMirror's transactions, so undo works.
 */

import { history, historyKeymap, defaultKeymap } from '@codemirror/commands';
import { EditorState, StateEffect, StateField, type Range } from '@codemirror/state';
import { Decoration, EditorView, keymap, type DecorationSet } from '@codemirror/view';
import { FindingCard } from '../../extension/src/content/card';
import { findingAt, ignoreKey, listOrder, planFix, caretAfter, severityOf, withoutIgnored } from '../../extension/src/content/findings';
import { plural, severityLabel } from '../../extension/src/content/i18n';
import { el } from '../../extension/src/content/shadow';
import type { Finding, Report } from '../../extension/src/protocol';
import { t } from './i18n';

const showFindings = StateEffect.define<readonly Finding[]>();

/** The underlines, mapped through edits until the next check replaces them. */
const findingMarks = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(marks, transaction) {
    let next = marks.map(transaction.changes);
    for (const effect of transaction.effects) {
      if (!effect.is(showFindings)) continue;
      const ranges: Range<Decoration>[] = [];
      for (const finding of effect.value) {
        if (!finding.span || finding.span.end <= finding.span.start) continue;
        const mark = Decoration.mark({ class: `pl-finding pl-${finding.level}`, attributes: { 'data-rule': finding.rule } });
        ranges.push(mark.range(finding.span.start, Math.min(finding.span.end, transaction.state.doc.length)));
      }
      next = Decoration.set(ranges, true);
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

export class DraftPane {
  readonly view: EditorView;
  private report: Report | null = null;
  private readonly ignored = new Set<string>();
  private card: FindingCard | null = null;

  constructor(
    parent: HTMLElement,
    label: string,
    private readonly list: HTMLElement,
    private readonly counter: HTMLElement,
    onChange: () => void,
  ) {
    this.view = new EditorView({
      parent,
      state: EditorState.create({
        extensions: [
          history(),
          EditorView.lineWrapping,
          findingMarks,
          keymap.of([{ key: 'Ctrl-.', run: () => this.openAtCaret() }, ...defaultKeymap, ...historyKeymap]),
          EditorView.contentAttributes.of({ 'aria-label': label, 'aria-multiline': 'true' }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) onChange();
          }),
          EditorView.domEventHandlers({
            click: (event, view) => {
              const offset = view.posAtCoords({ x: event.clientX, y: event.clientY });
              const finding = offset === null ? null : findingAt(this.visible(), offset);
              if (finding) this.open(finding, this.anchorOf(finding));
            },
          }),
        ],
      }),
    });
  }

  text(): string {
    return this.view.state.doc.toString();
  }

  setText(text: string): void {
    this.view.dispatch({ changes: { from: 0, to: this.view.state.doc.length, insert: text } });
  }

  /** Shows a check's report; `null` when no valid policy could check the draft. */
  show(report: Report | null): void {
    this.card?.close(false);
    this.report = report;
    const visible = this.visible();
    this.view.dispatch({ effects: showFindings.of(visible) });
    this.renderList(report === null ? t('try_no_policy') : visible.length === 0 ? t('try_findings_none') : t('try_findings_count', visible.length), visible);
    const length = report?.length ?? null;
    this.counter.textContent = length ? plural('badge_length', length.limit, String(length.count)) : '';
    this.counter.classList.toggle('over', length !== null && length.count > length.limit);
  }

  /** The findings shown for the draft: the last check's, less those ignored on the card. */
  findings(): Finding[] {
    return this.visible();
  }

  private visible(): Finding[] {
    return withoutIgnored(this.report?.findings ?? [], this.ignored);
  }

  private renderList(summary: string, visible: readonly Finding[]): void {
    const items = listOrder(visible).map((finding) => {
      const button = el(document, 'button', `finding-item level-border-${finding.level}`);
      button.type = 'button';
      button.append(el(document, 'span', `level level-${finding.level}`, severityLabel(severityOf(finding))), ' ', el(document, 'span', '', finding.message));
      button.addEventListener('click', () => this.open(finding, finding.span ? this.anchorOf(finding) : button.getBoundingClientRect()));
      const item = el(document, 'li');
      item.append(button);
      return item;
    });
    const heading = el(document, 'p', 'summary', summary);
    heading.setAttribute('role', 'status');
    const listing = el(document, 'ul', 'findings');
    listing.append(...items);
    this.list.replaceChildren(heading, listing);
  }

  private anchorOf(finding: Finding): DOMRect {
    const start = Math.min(finding.span?.start ?? 0, this.view.state.doc.length);
    const coords = this.view.coordsAtPos(start);
    if (!coords) return this.view.dom.getBoundingClientRect();
    return new DOMRect(coords.left, coords.top, Math.max(coords.right - coords.left, 1), coords.bottom - coords.top);
  }

  private openAtCaret(): boolean {
    const finding = findingAt(this.visible(), this.view.state.selection.main.head);
    if (!finding) return false;
    this.open(finding, this.anchorOf(finding)).focus();
    return true;
  }

  private open(finding: Finding, anchor: DOMRect): FindingCard {
    this.card?.close(false);
    const key = ignoreKey(finding);
    const card = new FindingCard(document, finding, anchor, {
      fix: async (suggestion) => {
        const edit = planFix(this.text(), suggestion);
        this.view.dispatch({ changes: { from: edit.start, to: edit.end, insert: edit.insert }, selection: { anchor: caretAfter(edit) } });
        return true;
      },
      ignore: key === null ? undefined : () => {
        this.ignored.add(key);
        this.show(this.report);
      },
      closed: (byKeyboard) => {
        if (this.card === card) this.card = null;
        if (byKeyboard) this.view.focus();
      },
    });
    this.card = card;
    return card;
  }
}
