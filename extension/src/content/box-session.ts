/**
 * One compose box: watches its text, schedules checks, and draws the answer.
 *
 * Scheduling: a check runs 150 ms after the last change while typing, and at
 * once after a paste or on focus. Every change bumps `seq`; an answer for an
 * older `seq` is dropped, and an answer whose text no longer matches the box
 * is dropped too (the site may have re-rendered without an input event). All
 * work happens outside the input event's path: listeners only bump a counter
 * and set a timer, so typing is never slowed.
 *
 * Hostile text is bounded (see `caps.ts`): only the first MAX_CHECKED_UNITS
 * of a longer text are checked, and at most MAX_PAINTED_RANGES highlights
 * are painted; the badge says when the text was not checked completely.
 *
 * The check's lifecycle is the state machine `Phase`, moved on in one
 * place (`enter`).
 *
 * A box is checked only once the writer engaged with it: a trusted key
 * press, paste, drop or pointer press inside it (events the page cannot
 * fake). Until then nothing is sent, painted or counted, so a page cannot
 * make its own pre-filled editor and read what Postlint finds in it.
 */

import type { Attachment } from '../generated/engine-types';
import type { CheckContext, CheckResult, Field, Finding, Surface } from '../protocol';
import type { EditorKind, SiteAdapter } from '../sites/adapters';
import { domPosition, extractText, type EditorText } from '../text/extract';
import { attachmentsKey } from './attachments';
import type { CheckerConnection } from './connection';
import type { KeepAlive } from './keep-alive';
import { checkedPart, paintable } from './caps';
import { ignoreKey, isLengthOverflow, isSuggestion, reviewOf, withoutIgnored, type Review } from './findings';
import type { HighlightPainter, MarkedRange } from './highlights';
import { announcePainted } from './test-hooks';
import { TextareaMirror, isTextControl } from './textarea-mirror';

export const TYPING_DEBOUNCE_MS = 150;

/**
 * A check not answered within this time marks the checker unavailable: the
 * badge says so and the pre-submit review lets posts through (fail open).
 */
export const ANSWER_TIMEOUT_MS = 2000;

/**
 * Where a box's check stands. Every event (engagement, a change, the
 * debounce firing, an answer, a failure, a timeout) goes through
 * `BoxSession.enter`, the one place that moves it on.
 *
 * ```
 * untouched ─engage─► due ─fire─► checking ─answer─► answered
 *                      ▲   └─(empty)─► empty            │
 *                      └──────────── change ◄───────────┘
 *            checking ─fail / no answer in time─► unavailable ─change─► due
 * ```
 *
 * `due` and `checking` remember whether the checker was down before them
 * (`down`): until an answer proves otherwise, the box stays unavailable and
 * the review keeps failing open at once.
 */
export type Phase =
  /** The writer has not typed, pasted, dropped or pressed the pointer in the box: nothing is checked. */
  | { name: 'untouched' }
  /** A change waits for the debounce (0 ms after a paste or on focus). */
  | { name: 'due'; down: boolean }
  /** The request for `sent` is on its way. */
  | { name: 'checking'; down: boolean }
  /** The answer for `sent` is drawn. */
  | { name: 'answered' }
  /** The box holds no text: nothing to check or draw. */
  | { name: 'empty' }
  /** The checker failed, or did not answer the newest request in time (fail open). */
  | { name: 'unavailable' };

export interface BoxDependencies {
  connection: CheckerConnection;
  painter: HighlightPainter;
  /** Told when the writer types into this box and when it loses focus. */
  keepAlive: Pick<KeepAlive, 'typed' | 'left'>;
  /** Everything of the context except what the box knows itself. */
  baseContext: () => Omit<CheckContext, 'platform' | 'surface' | 'field' | 'attachments'>;
  /** The media attached in the box's composer. */
  attachments: (box: HTMLElement) => Attachment[];
}

export class BoxSession {
  private seq = 0;
  /**
   * The box's text and seq at the last request sent, to skip re-checking
   * unchanged text, and whether all of that text was sent (see `caps.ts`).
   */
  private sent: { text: string; attachments: string; seq: number; complete: boolean } | null = null;
  /** The attachments as last seen, to notice when media is added or removed. */
  private attachments: Attachment[] = [];
  /** The answer drawn last, for redrawing after re-renders that kept the text. */
  private answered: CheckResult | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Timestamps of the check in flight, for the test flavour's paint event. */
  private lastChangeAt = 0;
  private firedAt = 0;
  private sentAt = 0;
  private readonly mirror: TextareaMirror | null;
  private readonly mutations: MutationObserver | null;
  private readonly listeners: Array<[string, EventListener]>;
  private answerTimer: ReturnType<typeof setTimeout> | undefined;
  private phase: Phase = { name: 'untouched' };
  /** Callbacks waiting for the newest request to be answered or to fail. */
  private waiters: Array<() => void> = [];
  /** "Ignore here" keys (rule and quote); in memory only, for this box. */
  private readonly ignored = new Set<string>();
  private lastReadEmpty = true;
  /** Called whenever the answer, the availability or the ignored set changes. */
  onUpdate: (() => void) | null = null;

  constructor(
    readonly id: string,
    readonly box: HTMLElement,
    readonly surface: Surface,
    /** The profile field the box edits (surface `profile` only). */
    readonly field: Field | undefined,
    readonly kind: EditorKind,
    private readonly adapter: SiteAdapter,
    private readonly deps: BoxDependencies,
  ) {
    this.mirror = isTextControl(box) ? new TextareaMirror(box) : null;
    // Sites also change the text without input events (clearing after posting,
    // restoring a draft); watching the editor's DOM catches those.
    this.mutations = this.mirror
      ? null
      : new MutationObserver(() => this.changed(TYPING_DEBOUNCE_MS));
    this.mutations?.observe(box, { childList: true, characterData: true, subtree: true });
    const engage = (event: Event) => this.engage(event);
    this.listeners = [
      ['keydown', engage],
      ['pointerdown', engage],
      ['drop', engage],
      ['input', (event) => (this.typed(event), this.changed(TYPING_DEBOUNCE_MS))],
      ['blur', () => this.deps.keepAlive.left()],
      ['paste', (event) => (this.engage(event), this.changed(0))],
      ['focus', () => this.checkSoon()],
    ];
    // Capture: the editor may stop a key or paste event before it bubbles here.
    for (const [type, listener] of this.listeners) box.addEventListener(type, listener, { passive: true, capture: true });
  }

  /** Whether the writer has engaged with this box, so that it is checked. */
  get engaged(): boolean {
    return this.phase.name !== 'untouched';
  }

  /** Engages the box on a trusted event of the writer's (one the page cannot fake). */
  engage(event: Event): void {
    if (this.engaged || !event.isTrusted) return;
    this.checkAfter(0);
  }

  /** Trusted typing in an engaged box keeps the worker awake (`keep-alive.ts`). */
  private typed(event: Event): void {
    if (this.engaged && event.isTrusted) this.deps.keepAlive.typed();
  }

  /** Whether the checker is known to be down for the newest text (fail open). */
  private get down(): boolean {
    const phase = this.phase;
    return phase.name === 'unavailable' || ((phase.name === 'due' || phase.name === 'checking') && phase.down);
  }

  /**
   * The one place where the phase changes. A settled phase (an answer, an
   * empty box, the checker down) wakes whoever waits for an answer; a
   * request on its way tells the UI that a check runs.
   */
  private enter(next: Phase): void {
    if (next.name !== 'due') {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.phase = next;
    if (next.name === 'answered' || next.name === 'empty' || next.name === 'unavailable') {
      clearTimeout(this.answerTimer);
      this.settle();
    } else if (next.name === 'checking') {
      this.onUpdate?.();
    }
  }

  /** Schedules a check of the text in `delayMs` (the debounce, or 0 after a paste or on focus). */
  private checkAfter(delayMs: number): void {
    this.deps.connection.warm();
    clearTimeout(this.timer);
    this.enter({ name: 'due', down: this.down });
    this.timer = setTimeout(() => this.check(), delayMs);
  }

  dispose(): void {
    // A removed box fires no blur. Should another box be in use, its next keystroke wakes the pings again.
    this.deps.keepAlive.left();
    clearTimeout(this.timer);
    clearTimeout(this.answerTimer);
    this.settle();
    for (const [type, listener] of this.listeners) this.box.removeEventListener(type, listener, { capture: true });
    this.mutations?.disconnect();
    this.mirror?.remove();
    this.deps.painter.clear(this.id);
    this.deps.connection.forget(this.id);
  }

  /** The page moved or resized around the box (only textareas need to follow). */
  relayout(): void {
    this.mirror?.schedule();
  }

  private changed(delayMs: number): void {
    if (!this.engaged) return;
    this.seq += 1;
    this.lastChangeAt = performance.now();
    this.mirror?.schedule();
    // A paste is handled by the editor after the event; 0 ms runs after it.
    this.checkAfter(delayMs);
  }

  /**
   * Looks at the composer's media again (the page changed): a check of an
   * engaged box follows at once when media was added or removed.
   */
  noticeAttachments(): void {
    if (!this.engaged) return;
    const before = attachmentsKey(this.attachments);
    this.attachments = this.deps.attachments(this.box);
    if (attachmentsKey(this.attachments) !== before) this.changed(0);
  }

  private checkSoon(): void {
    if (this.engaged) this.checkAfter(0);
  }

  /** The box's text now, with its DOM map. */
  read(): EditorText {
    const text = this.mirror ? this.mirror.read() : extractText(this.box, this.adapter.ignoreInEditor ? { ignoreSelector: this.adapter.ignoreInEditor } : {});
    this.lastReadEmpty = text.text.trim().length === 0;
    return text;
  }

  /**
   * Whether the text was empty when last read (every check and every answer
   * reads it), so the badge need not walk the editor once more per update.
   */
  get empty(): boolean {
    return this.lastReadEmpty;
  }

  /** The debounce fired (or a check is wanted now): send the text, or redraw what is known of it. */
  private check(): void {
    const down = this.down;
    const firedAt = performance.now();
    const current = this.read();
    this.attachments = this.deps.attachments(this.box);
    const attachments = attachmentsKey(this.attachments);
    if (this.sent && this.sent.text === current.text && this.sent.attachments === attachments) {
      // Only the DOM changed (re-render, formatting): redraw the answer we
      // have on the new nodes, or keep waiting for the one on its way.
      if (this.answered?.seq === this.sent.seq) {
        this.draw(current, this.answered);
        this.enter({ name: 'answered' });
      } else {
        this.enter(down ? { name: 'unavailable' } : { name: 'checking', down });
      }
      return;
    }
    const part = checkedPart(current.text);
    this.sent = { text: current.text, attachments, seq: this.seq, complete: part.complete };
    if (current.text.trim().length === 0) {
      // Nothing to check in an empty box; its old findings are gone with the text.
      this.deps.painter.clear(this.id);
      this.answered = null;
      this.enter({ name: 'empty' });
      return;
    }
    this.firedAt = firedAt;
    this.sentAt = performance.now();
    const context: CheckContext = {
      ...this.deps.baseContext(),
      attachments: this.attachments,
      platform: this.adapter.platform,
      surface: this.surface,
      ...(this.field ? { field: this.field } : {}),
    };
    this.deps.connection.check(this.id, this.seq, part.text, context);
    this.enter({ name: 'checking', down });
    const seq = this.seq;
    clearTimeout(this.answerTimer);
    this.answerTimer = setTimeout(() => {
      if (this.phase.name === 'checking' && this.sent?.seq === seq) this.enter({ name: 'unavailable' });
    }, ANSWER_TIMEOUT_MS);
  }

  /** Wakes whoever waits for an answer, and tells the UI. */
  private settle(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
    this.onUpdate?.();
  }

  /** Whether the checker failed or did not answer in time (fail open). */
  get unavailable(): boolean {
    return this.down;
  }

  /** Whether a check of the current text is due or on its way. */
  get pending(): boolean {
    return (this.phase.name === 'due' || this.phase.name === 'checking') && !this.phase.down;
  }

  /**
   * The answer for exactly the text the box holds now, or null (no answer
   * yet, an empty box, or the box changed since).
   */
  currentAnswer(): CheckResult | null {
    if (!this.sent || !this.answered || this.answered.seq !== this.sent.seq) return null;
    return this.read().text === this.sent.text ? this.answered : null;
  }

  /**
   * The answer for the current text, checking it now if a check is merely
   * scheduled, and waiting at most `timeoutMs` for it. Null when there is
   * none in time (the caller fails open).
   */
  async latestAnswer(timeoutMs: number): Promise<CheckResult | null> {
    const ready = this.currentAnswer();
    if (ready) return ready;
    if (!this.engaged) return null;
    if (this.phase.name === 'due' || !this.sent || this.read().text !== this.sent.text) this.check();
    if (this.down) return null;
    await new Promise<void>((resolve) => {
      this.waiters.push(resolve);
      setTimeout(resolve, timeoutMs);
    });
    return this.down ? null : this.currentAnswer();
  }

  /** Whether the last text sent was checked whole (false: it was longer than the cap). */
  get checkedCompletely(): boolean {
    return this.sent?.complete ?? true;
  }

  /** The last answer drawn, possibly for an older text (the badge shows it while the next check runs). */
  get lastAnswer(): CheckResult | null {
    return this.answered;
  }

  /** The current answer's findings, without those ignored here. */
  visibleFindings(): Finding[] {
    return this.answered ? withoutIgnored(this.answered.report.findings, this.ignored) : [];
  }

  /** What the pre-submit review must show for the last answer (see `reviewOf`), or null. */
  review(): Review | null {
    return this.answered ? reviewOf(this.answered.report.findings, this.ignored) : null;
  }

  /** "Ignore here": this rule on this exact text, in this box, until the page reloads. */
  ignore(finding: Finding): void {
    const key = ignoreKey(finding);
    if (key === null) return;
    this.ignored.add(key);
    if (this.answered) this.draw(this.read(), this.answered);
    this.onUpdate?.();
  }

  /** An answer from the background for this box. */
  receive(result: CheckResult): void {
    const receivedAt = performance.now();
    if (!this.sent || result.seq !== this.sent.seq) return; // answers an older request
    const current = this.read();
    if (current.text !== this.sent.text) {
      // Stale: the text changed since. A change event normally scheduled a
      // check already; a change without one (a script setting a textarea's
      // value) gets one now.
      if (this.phase.name !== 'due') this.changed(0);
      return;
    }
    this.answered = result;
    this.draw(current, result);
    this.enter({ name: 'answered' });
    if (POSTLINT_TEST_BUILD) {
      announcePainted(this.box.ownerDocument, result, { lastChangeAt: this.lastChangeAt, firedAt: this.firedAt, sentAt: this.sentAt, receivedAt });
    }
  }

  private draw(text: EditorText, result: CheckResult): void {
    this.deps.painter.paint(this.id, this.ranges(text, result));
  }

  /** The checker could not answer: draw nothing rather than stale findings. */
  failed(seq: number | undefined): void {
    if (seq !== undefined && this.sent && seq !== this.sent.seq) return; // an older request
    this.deps.painter.clear(this.id);
    this.sent = null;
    this.answered = null;
    this.enter({ name: 'unavailable' });
  }

  private ranges(text: EditorText, result: CheckResult): MarkedRange[] {
    const ranges: MarkedRange[] = [];
    const doc = this.box.ownerDocument;
    const inText = withoutIgnored(result.report.findings, this.ignored).filter((finding) => finding.span && finding.span.end > finding.span.start);
    for (const finding of paintable(inText)) {
      const span = finding.span;
      if (!span) continue;
      const start = domPosition(text, span.start, 'start');
      const end = domPosition(text, span.end, 'end');
      if (!start || !end) continue;
      const range = doc.createRange();
      range.setStart(start.node, start.offset);
      range.setEnd(end.node, end.offset);
      if (!range.collapsed) ranges.push({ mark: isLengthOverflow(finding) ? 'overflow' : isSuggestion(finding) ? 'campaign' : finding.level, range });
    }
    return ranges;
  }
}
