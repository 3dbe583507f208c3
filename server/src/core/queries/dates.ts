/** Dates as the tools write them for people. */
import type { Paper } from '../paper';
import { isRealDate } from '../profile';
import { getNode, scalarText } from '../yaml';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** Month names and their usual abbreviations (`sept` too), lower case → month number: how papers and Word cover sheets write dates. */
export const MONTH_NUMBER: Readonly<Record<string, number>> = Object.fromEntries(
  MONTHS.flatMap((name, i) => [[name.toLowerCase(), i + 1], [name.slice(0, 3).toLowerCase(), i + 1], ...(name === 'September' ? [['sept', 9] as const] : [])]),
);
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/**
 * `2024-06-18` → `18 June 2024` (with the weekday: `Tuesday 18 June 2024`).
 * Anything that is not a real `YYYY-MM-DD` date (`2024-02-31`, `13/03/2024`)
 * is returned as written.
 */
export function longDate(iso: string, weekday = false): string {
  if (!isRealDate(iso)) return iso;
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const s = `${d} ${MONTHS[m - 1]} ${y}`;
  if (!weekday) return s;
  return `${DAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]} ${s}`;
}

/** The meeting's date from the cover sheet, when it is a real `YYYY-MM-DD` date. */
export function meetingDateOf(paper: Paper): string | undefined {
  const d = scalarText(getNode(paper.cover, 'date'));
  return d && isRealDate(d) ? d : undefined;
}

/**
 * The dates of a box that holds more than one ("30 April 2025 and 14 May
 * 2025", "12/03/2025; 14/05/2025"), each as `parse` reads it; undefined
 * unless there are two or more and every part is a date. Parts are split on
 * "and", "&" and ";", then on commas only when that leaves every part a date
 * ("March 13, 2024" keeps its comma).
 */
export function datesIn(text: string, parse: (s: string) => string | undefined): string[] | undefined {
  const one = text.replace(/\s+/g, ' ').trim();
  const all = (parts: string[]) => {
    const out = parts.map((p) => parse(p.trim()));
    return parts.length >= 2 && out.every((d): d is string => d !== undefined) ? out : undefined;
  };
  const parts = one.split(/ and | & |;/).filter((p) => p.trim() !== '');
  return all(parts) ?? all(parts.flatMap((p) => p.split(',')).filter((p) => p.trim() !== ''));
}
