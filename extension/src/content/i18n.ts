/**
 * The content script's UI strings, from `_locales` through `chrome.i18n`,
 * which picks German or English by the browser's language. Post and policy
 * text never passes through here; it is shown as it comes, with textContent.
 */

import type { Level } from '../protocol';

export function t(key: string, ...substitutions: string[]): string {
  let message = '';
  try {
    message = chrome.i18n.getMessage(key, substitutions);
  } catch {
    // The extension was reloaded under the page; its messages are gone.
  }
  return message || key;
}

export function levelLabel(level: Level): string {
  return t(`card_level_${level}`);
}

/** Categories are kebab-case in the contract; message keys cannot hold `-`. */
export function categoryLabel(category: string): string {
  const message = t(`card_category_${category.replace(/-/g, '_')}`);
  return message.startsWith('card_category_') ? t('card_category_other') : message;
}
