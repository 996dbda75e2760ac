/**
 * The corpus panel: precision and recall per category of the policy in the
 * editor on a labeled corpus, recomputed in a worker whenever the policy
 * changes; every missed and false finding opens its post in "Try a post".
 */

import { categoryLabel } from '../../extension/src/content/i18n';
import { el } from '../../extension/src/content/shadow';
import type { Attachment, Lang, Platform, Surface } from '../../extension/src/protocol';
import type { Evaluation, EvaluationAnswer, EvaluationRequest, Score } from './engine-types';
import { t } from './i18n';
import { tableWithHeadings } from './table';

/** One labeled post, as far as "Try a post" needs it. */
export interface CorpusPost {
  id: string;
  text: string;
  platform?: Platform;
  surface?: Surface;
  lang?: Lang;
  date?: string;
  attachments?: Attachment[];
}

export class CorpusPanel {
  private readonly worker = new Worker('corpus-worker.js', { type: 'module' });
  private corpus: { name: string; text: string; posts: Map<string, CorpusPost> } | null = null;
  private policy = '';
  private generation = 0;
  private busy = false;
  private lastEvaluation: Evaluation | null = null;

  constructor(
    private readonly output: HTMLElement,
    private readonly tryPost: (post: CorpusPost) => void,
  ) {
    this.worker.addEventListener('message', (event: MessageEvent<EvaluationAnswer>) => this.answered(event.data));
    this.render();
  }

  get source(): { name: string; text: string } | null {
    return this.corpus;
  }

  open(name: string, text: string): void {
    const posts = new Map<string, CorpusPost>();
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        const post = JSON.parse(line) as CorpusPost;
        if (typeof post.id === 'string' && typeof post.text === 'string') posts.set(post.id, post);
      } catch {
        // The engine reports the bad line with its number.
      }
    }
    this.corpus = { name, text, posts };
    this.lastEvaluation = null;
    this.measure();
  }

  /** The policy in force changed (only valid policies arrive here). */
  policyChanged(policy: string): void {
    this.policy = policy;
    this.measure();
  }

  /** Re-renders the last result, e.g. after the UI language changed. */
  render(): void {
    if (!this.corpus) {
      this.output.replaceChildren(el(document, 'p', 'meta', t('corpus_none')));
    } else if (this.lastEvaluation) {
      this.renderEvaluation(this.corpus.name, this.lastEvaluation);
    }
  }

  private measure(): void {
    if (!this.corpus || !this.policy) return;
    this.generation += 1;
    this.setStatus(t('corpus_running', this.corpus.name));
    // One request in flight; later edits wait for it and then send only the newest policy.
    if (!this.busy) this.send();
  }

  private send(): void {
    if (!this.corpus) return;
    this.busy = true;
    const request: EvaluationRequest = { generation: this.generation, policy: this.policy, corpus: this.corpus.text };
    this.worker.postMessage(request);
  }

  private answered(answer: EvaluationAnswer): void {
    this.busy = false;
    if (answer.generation !== this.generation) {
      this.send();
      return;
    }
    const name = this.corpus?.name ?? '';
    if (answer.ok) {
      this.lastEvaluation = answer.evaluation;
      this.renderEvaluation(name, answer.evaluation);
    } else {
      this.lastEvaluation = null;
      this.output.replaceChildren(el(document, 'p', 'error', t('corpus_error', name, answer.message)));
    }
  }

  private setStatus(text: string): void {
    let status = this.output.querySelector<HTMLElement>('.corpus-status');
    if (!status) {
      status = el(document, 'p', 'corpus-status meta');
      status.setAttribute('role', 'status');
      this.output.prepend(status);
    }
    status.textContent = text;
  }

  private renderEvaluation(name: string, evaluation: Evaluation): void {
    const summary = el(document, 'p', 'corpus-status', t('corpus_summary', name, evaluation.entries, evaluation.clean_entries));
    summary.setAttribute('role', 'status');
    const headings = (['corpus_category', 'corpus_expected', 'corpus_found', 'corpus_precision', 'corpus_recall', 'corpus_f1'] as const).map((key) => t(key));
    const { table, body } = tableWithHeadings('scores', headings);
    for (const row of evaluation.categories) body.append(scoreRow(row.category, categoryLabel(row.category), row));
    body.append(scoreRow('overall', t('corpus_overall'), evaluation.overall));

    const missed = listOf(
      t('corpus_missed', evaluation.missed.length),
      evaluation.missed.map((item) => ({ id: item.id, label: `${item.id} · ${item.category} · ${item.context}` })),
      (id) => this.openPost(id),
    );
    const falseFindings = listOf(
      t('corpus_false', evaluation.false_findings.length),
      evaluation.false_findings.map((item) => ({ id: item.id, label: `${item.id} · ${item.rule} · ${item.context}` })),
      (id) => this.openPost(id),
    );
    this.output.replaceChildren(summary, table, missed, falseFindings);
  }

  private openPost(id: string): void {
    const post = this.corpus?.posts.get(id);
    if (post) this.tryPost(post);
  }
}

/** Three decimals, as `postlint eval` prints; an em dash where the ratio is undefined. */
function ratio(value: number | null): string {
  return value === null ? '—' : value.toFixed(3);
}

/** A ratio with a small bar, readable as text and as a `<meter>` alike. */
function ratioCell(value: number | null, label: string): HTMLTableCellElement {
  const cell = el(document, 'td', 'ratio');
  cell.append(el(document, 'span', 'value', ratio(value)));
  if (value !== null) {
    const meter = el(document, 'meter');
    meter.min = 0;
    meter.max = 1;
    meter.low = 0.9;
    meter.optimum = 1;
    meter.value = value;
    meter.setAttribute('aria-label', label);
    cell.append(meter);
  }
  return cell;
}

function scoreRow(key: string, label: string, score: Score): HTMLTableRowElement {
  const row = el(document, 'tr');
  row.dataset['category'] = key;
  const name = el(document, 'th', '', label);
  name.scope = 'row';
  row.append(
    name,
    el(document, 'td', 'count', String(score.expected)),
    el(document, 'td', 'count', String(score.found)),
    ratioCell(score.precision, `${label}: ${t('corpus_precision')}`),
    ratioCell(score.recall, `${label}: ${t('corpus_recall')}`),
    el(document, 'td', 'ratio', ratio(score.f1)),
  );
  row.cells[3]!.dataset['metric'] = 'precision';
  row.cells[4]!.dataset['metric'] = 'recall';
  return row;
}

function listOf(title: string, items: { id: string; label: string }[], open: (id: string) => void): HTMLElement {
  const details = el(document, 'details', 'corpus-list');
  details.append(el(document, 'summary', '', title));
  const list = el(document, 'ul');
  for (const item of items) {
    const button = el(document, 'button', 'link-like', item.label);
    button.type = 'button';
    button.title = t('corpus_try', item.id);
    button.addEventListener('click', () => open(item.id));
    const entry = el(document, 'li');
    entry.append(button);
    list.append(entry);
  }
  details.append(list);
  return details;
}
