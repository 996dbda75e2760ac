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

/**
 * The calendar day of `now` in the IANA time zone `timeZone` (the policy's
 * `timezone`), `YYYY-MM-DD`: `active` windows are whole days there. The
 * browser's time-zone data does the work; a zone it does not know falls
 * back to the writer's local day.
 */
export function dateInZone(now: Date, timeZone: string): string {
  // The zone of a policy that names none. It needs no time-zone data, which
  // a freshly started worker would load first (15–20 ms).
  if (timeZone === 'UTC') return now.toISOString().slice(0, 10);
  const format = dayFormat(timeZone);
  if (!format) return localDate(now);
  const parts = format.formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
}

/** One formatter per zone (`null`: a zone the browser does not know): the worker dates every check, and building one costs more than using it. */
const dayFormats = new Map<string, Intl.DateTimeFormat | null>();

function dayFormat(timeZone: string): Intl.DateTimeFormat | null {
  let format = dayFormats.get(timeZone);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    } catch {
      format = null;
    }
    dayFormats.set(timeZone, format);
  }
  return format;
}
