/**
 * German and English for the extension's own pages (options, popup), from
 * `_locales/<lang>/messages.json`.
 *
 * `chrome.i18n.getMessage` always speaks the browser's UI language, but the
 * employee may choose another on the options page, so the pages read the
 * catalogue of the chosen language themselves (the same files, one lookup
 * for both cases). Text is set with `textContent` only: status and findings
 * may quote policy or post text.
 */

import { STORAGE, parsePreferences, type Lang, type Preferences } from '../protocol';

type Catalogue = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

export type Translate = (key: string, args?: readonly string[]) => string;

export function uiLanguage(preference: Preferences['lang'], browserLanguage: string): Lang {
  if (preference !== 'auto') return preference;
  return browserLanguage.toLowerCase().startsWith('de') ? 'de' : 'en';
}

/**
 * `$1`…`$9` are replaced by the arguments, and so are named placeholders
 * (`$COUNT$`) through the message's `placeholders`, as `chrome.i18n` does;
 * `$$` is a literal dollar sign.
 */
export function translator(catalogue: Catalogue, fallback: Catalogue): Translate {
  return (key, args = []) => {
    const entry = catalogue[key] ?? fallback[key];
    if (!entry) return key;
    const named = entry.message.replace(/\$([A-Za-z_]+)\$/g, (whole, name: string) => entry.placeholders?.[name.toLowerCase()]?.content ?? whole);
    return named.replace(/\$(\$|[1-9])/g, (_, which: string) => (which === '$' ? '$' : (args[Number(which) - 1] ?? '')));
  };
}

/**
 * The message `key_one` or `key_other`, as `lang`'s plural rules pick for
 * `count` ("1 finding", "3 Anmerkungen"); `count` is its first argument.
 * Every count the pages show goes through here.
 */
export function pluralize(t: Translate, lang: Lang, key: string, count: number, more: readonly string[] = []): string {
  const form = new Intl.PluralRules(lang).select(count) === 'one' ? 'one' : 'other';
  return t(`${key}_${form}`, [String(count), ...more]);
}

async function catalogue(lang: Lang): Promise<Catalogue> {
  const response = await fetch(chrome.runtime.getURL(`_locales/${lang}/messages.json`));
  return (await response.json()) as Catalogue;
}

export async function readPreferences(): Promise<Preferences> {
  const stored = await chrome.storage.local.get(STORAGE.preferences);
  return parsePreferences(stored[STORAGE.preferences], Date.now());
}

/** The translator for the employee's language, and that language. */
export async function loadTranslator(preferences: Preferences): Promise<{ t: Translate; lang: Lang }> {
  const lang = uiLanguage(preferences.lang, chrome.i18n.getUILanguage());
  const english = await catalogue('en');
  return { t: translator(lang === 'en' ? english : await catalogue(lang), english), lang };
}

/** Fills every `data-i18n` element's text, and `data-i18n-title` titles. */
export function localize(root: ParentNode, t: Translate): void {
  for (const element of root.querySelectorAll<HTMLElement>('[data-i18n]')) element.textContent = t(element.dataset.i18n!);
  for (const element of root.querySelectorAll<HTMLElement>('[data-i18n-title]')) element.title = t(element.dataset.i18nTitle!);
}

/** `tag` with `text` as its text, for building lists without `innerHTML`. */
export function element<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const created = document.createElement(tag);
  if (text !== undefined) created.textContent = text;
  if (className) created.className = className;
  return created;
}

export function formatTime(epochMs: number | null, lang: Lang): string {
  if (!epochMs) return '—';
  return new Date(epochMs).toLocaleString(lang === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}
