/** The parts of the check context that come from the browser, not the site. */

import type { Lang } from '../protocol';

/** German for any German locale, English otherwise (the languages Postlint speaks). */
export function browserLang(language: string): Lang {
  return language.toLowerCase().startsWith('de') ? 'de' : 'en';
}

/** The writer's local calendar day, `YYYY-MM-DD`. */
export function localDate(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
