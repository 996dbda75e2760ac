/**
 * The Studio's texts in German and English, from `studio/locales/*.json`.
 *
 * The explanation card and the length counter are the extension's own code
 * and read their texts through `chrome.i18n` (`getMessage`,
 * `getUILanguage`), which an ordinary web page does not have.
 * {@link installExtensionMessages} provides it from the extension's
 * `_locales`, so the card shows exactly the extension's words, in the
 * Studio's language.
 */

import type { Lang } from '../../extension/src/protocol';
import studioDe from '../locales/de.json';
import studioEn from '../locales/en.json';
import extensionDe from '../../extension/_locales/de/messages.json';
import extensionEn from '../../extension/_locales/en/messages.json';

type StudioKey = keyof typeof studioEn;

const STUDIO: Record<Lang, Record<StudioKey, string>> = { de: studioDe, en: studioEn };

interface ExtensionMessage {
  message: string;
  placeholders?: Record<string, { content: string }>;
}
const EXTENSION: Record<Lang, Record<string, ExtensionMessage>> = { de: extensionDe, en: extensionEn };

const LANG_STORAGE_KEY = 'postlint-studio-lang';

let current: Lang = initialLang();

function initialLang(): Lang {
  const stored = localStorage.getItem(LANG_STORAGE_KEY);
  if (stored === 'de' || stored === 'en') return stored;
  return navigator.language.toLowerCase().startsWith('de') ? 'de' : 'en';
}

export function uiLang(): Lang {
  return current;
}

export function setUiLang(lang: Lang): void {
  current = lang;
  localStorage.setItem(LANG_STORAGE_KEY, lang);
  document.documentElement.lang = lang;
}

/** A Studio text; `{0}`, `{1}` … take the arguments. */
export function t(key: StudioKey, ...args: (string | number)[]): string {
  return STUDIO[current][key].replace(/\{(\d+)\}/g, (whole, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? whole : String(value);
  });
}

export function isStudioKey(key: string): key is StudioKey {
  return Object.hasOwn(studioEn, key);
}

/** Fills every `data-i18n` element's text and every `data-i18n-label` element's accessible name. */
export function localizePage(root: ParentNode): void {
  for (const node of root.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const key = node.dataset['i18n'] ?? '';
    if (isStudioKey(key)) node.textContent = t(key);
  }
  for (const node of root.querySelectorAll<HTMLElement>('[data-i18n-label]')) {
    const key = node.dataset['i18nLabel'] ?? '';
    if (isStudioKey(key)) node.setAttribute('aria-label', t(key));
  }
}

/** `chrome.i18n.getMessage` over the extension's catalogue: `$NAME$` placeholders, `$1`… substitutions. */
function extensionMessage(key: string, substitutions?: string | string[]): string {
  const entry = EXTENSION[current][key] ?? EXTENSION.en[key];
  if (!entry) return '';
  const values = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
  const substitute = (text: string) => text.replace(/\$(\d)/g, (whole, index: string) => values[Number(index) - 1] ?? whole);
  return entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => {
    const placeholder = entry.placeholders?.[name.toLowerCase()];
    return placeholder ? substitute(placeholder.content) : whole;
  });
}

export function installExtensionMessages(): void {
  const host = globalThis as unknown as { chrome?: { i18n?: { getMessage: typeof extensionMessage; getUILanguage: () => string } } };
  host.chrome ??= {};
  host.chrome.i18n = { getMessage: extensionMessage, getUILanguage: uiLang };
}
