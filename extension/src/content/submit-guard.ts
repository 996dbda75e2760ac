/**
 * The pre-submit review: intercepts the site's Post buttons and
 * Ctrl/Cmd+Enter in the capture phase, before the site's and the editors'
 * own handlers, and shows the review when the post has warnings or blocks.
 *
 * Fail open: the review intercepts only with an answer for the current text
 * in hand (waiting briefly for one that is on its way); an unavailable
 * checker, or one that does not answer in time, lets the post through.
 * Binding blocks hold the post whatever the writer ignored (`reviewOf`).
 */

import type { Finding, OrganizationInfo } from '../protocol';
import type { BoxSession } from './box-session';
import type { Review } from './findings';
import { applyFix, caretOf, restoreCaret } from './passages';
import { showReview } from './review';

/** How long a click on Post waits for a check still on its way before letting the post through. */
export const REVIEW_WAIT_MS = 1500;

export interface GuardHooks {
  /** Closes any open card: the review takes its place. */
  closeCard(): void;
  /** "Go to" in the review: the passage's card, opened from the keyboard. */
  openCard(session: BoxSession, finding: Finding): void;
}

export function isSubmitShortcut(event: KeyboardEvent): boolean {
  return event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey;
}

export function stop(event: Event): void {
  event.preventDefault();
  event.stopImmediatePropagation();
}

/** Profiles have no review before saving: highlights and the badge are enough. */
function reviewed(session: BoxSession): boolean {
  return session.surface !== 'profile';
}

export class SubmitGuard {
  /** Set while Postlint itself clicks the site's Post button after "Post anyway". */
  private passThrough = false;
  /** A review is open or deciding; further submits wait for it. */
  private reviewing = false;

  constructor(
    private readonly submitSelector: string,
    private readonly sessions: () => Iterable<BoxSession>,
    private readonly hooks: GuardHooks,
  ) {}

  /** Ctrl/Cmd+Enter in a box: reviewed like a click on its Post button. */
  onSubmitShortcut(event: KeyboardEvent, session: BoxSession): void {
    if (!reviewed(session)) return;
    const button = this.submitButtonFor(session);
    if (button) this.intercept(event, session, button);
  }

  onClick(event: MouseEvent): void {
    if (this.passThrough || !this.submitSelector || !(event.target instanceof Element)) return;
    const button = event.target.closest(this.submitSelector);
    if (!(button instanceof HTMLElement)) return;
    const session = this.sessionForButton(button);
    if (session) this.intercept(event, session, button);
  }

  /** The Post button of a box: the first in its nearest ancestor that holds one. */
  submitButtonFor(session: BoxSession): HTMLElement | null {
    if (!this.submitSelector) return null;
    for (let node = session.box.parentElement; node; node = node.parentElement) {
      const button = node.querySelector(this.submitSelector);
      if (button instanceof HTMLElement) return button;
    }
    return null;
  }

  /** The box a Post button belongs to: the one in its nearest ancestor that holds a box. */
  private sessionForButton(button: Element): BoxSession | null {
    for (let node = button.parentElement; node; node = node.parentElement) {
      for (const session of this.sessions()) if (reviewed(session) && node.contains(session.box)) return session;
    }
    return null;
  }

  private intercept(event: Event, session: BoxSession, button: HTMLElement): void {
    if (this.reviewing) {
      stop(event);
      return;
    }
    // A box the writer never touched is not checked, not even by a script's
    // click on Post: its answer would tell the page what the box holds.
    session.engage(event);
    if (!session.engaged) return;
    // Fail open: without a working checker the site behaves as without Postlint.
    if (session.unavailable || session.read().text.trim().length === 0) return;
    const answer = session.currentAnswer();
    if (answer) {
      const review = session.review();
      if (!review) return;
      stop(event);
      void this.review(session, button, review, answer.organization ?? null);
      return;
    }
    // A check is on its way (or due): hold the post briefly for its answer.
    stop(event);
    this.reviewing = true;
    void session.latestAnswer(REVIEW_WAIT_MS).then((latest) => {
      this.reviewing = false;
      const review = latest ? session.review() : null;
      if (!latest || !review) this.submit(button);
      else void this.review(session, button, review, latest.organization ?? null);
    });
  }

  private async review(session: BoxSession, button: HTMLElement, review: Review, organization: OrganizationInfo | null): Promise<void> {
    this.reviewing = true;
    this.hooks.closeCard();
    const caret = caretOf(session);
    const choice = await showReview(button.ownerDocument, review, organization, session.surface);
    this.reviewing = false;
    switch (choice.kind) {
      case 'post':
        if (review.blocking.length === 0) this.submit(button);
        else restoreCaret(session, caret);
        return;
      case 'edit':
        restoreCaret(session, caret);
        return;
      case 'goto':
        this.hooks.openCard(session, choice.finding);
        return;
      case 'fix':
        restoreCaret(session, caret);
        await applyFix(session, choice.finding, choice.suggestion);
        return;
    }
  }

  /** Submits through the site's own button, once, past our own interception. */
  private submit(button: HTMLElement): void {
    this.passThrough = true;
    try {
      button.click();
    } finally {
      this.passThrough = false;
    }
  }
}
