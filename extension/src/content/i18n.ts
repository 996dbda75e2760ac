/**
 * The content script's UI strings, from `_locales` through `chrome.i18n`,
 * which picks German or English by the browser's language. Post and policy
 * text never passes through here; it is shown as it comes, with textContent.
 */

import type { Surface } from '../protocol';
import type { Severity } from './findings';

export function t(key: string, ...substitutions: string[]): string {
  let message = '';
  try {
    message = chrome.i18n.getMessage(key, substitutions);
  } catch {
    // The extension was reloaded under the page; its messages are gone.
  }
  return message || key;
}

export function severityLabel(severity: Severity): string {
  return t(`card_level_${severity}`);
}

/** Categories are kebab-case in the contract; message keys cannot hold `-`. */
export function categoryLabel(category: string): string {
  const message = t(`card_category_${category.replace(/-/g, '_')}`);
  return message.startsWith('card_category_') ? t('card_category_other') : message;
}

let pluralRules: Intl.PluralRules | null = null;

/**
 * The message `key_one` or `key_other`, as the language's plural rules pick
 * for `count` ("1 warning", "3 Warnungen"); `count` is its first
 * substitution. Every count the UI shows goes through here. German and
 * English know the forms `one` and `other`.
 */
export function plural(key: string, count: number, ...more: string[]): string {
  pluralRules ??= new Intl.PluralRules(uiLanguage());
  const form = pluralRules.select(count) === 'one' ? 'one' : 'other';
  return t(`${key}_${form}`, String(count), ...more);
}

/** A count of findings of one severity, or of all findings: "2 warnings". */
export function countLabel(severity: Severity | 'finding', count: number): string {
  return plural(`count_${severity}`, count);
}

function uiLanguage(): string {
  try {
    return chrome.i18n.getUILanguage();
  } catch {
    return 'en';
  }
}

/** A message key per surface, for the words that follow what is being written: "Before you reply". */
export function forSurface(key: string, surface: Surface): string {
  return t(`${key}_${surface}`);
}
