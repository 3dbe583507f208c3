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

/**
 * A month without its day ("March 2025", "Sept 2024", "2025-03") as
 * `YYYY-MM`; undefined for anything else. Some templates print only the
 * month of the meeting, which cannot place a paper in its meeting's pack.
 */
export function monthWithoutDay(text: string): string | undefined {
  const t = text.trim();
  const iso = /^(\d{4})-(\d{1,2})$/.exec(t);
  const named = /^([A-Za-z]+)\.?,?\s+(\d{4})$/.exec(t);
  const [year, month] = iso ? [iso[1]!, Number(iso[2])] : named ? [named[2]!, MONTH_NUMBER[named[1]!.toLowerCase()]] : [];
  if (!year || !month || month < 1 || month > 12) return undefined;
  return `${year}-${String(month).padStart(2, '0')}`;
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

const WEEKDAYS: Record<string, number> = {
  sun: 0,
  sunday: 0,
  mon: 1,
  monday: 1,
  tue: 2,
  tues: 2,
  tuesday: 2,
  wed: 3,
  wednesday: 3,
  thu: 4,
  thur: 4,
  thurs: 4,
  thursday: 4,
  fri: 5,
  friday: 5,
  sat: 6,
  saturday: 6,
};

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Day of the week (0 = Sunday) of a Gregorian date (Sakamoto's method). */
function weekday(y: number, m: number, d: number): number {
  const t = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
  const yy = m < 3 ? y - 1 : y;
  return (yy + Math.floor(yy / 4) - Math.floor(yy / 100) + Math.floor(yy / 400) + t[m - 1]! + d) % 7;
}

function iso(y: number, m: number, d: number): string | undefined {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return undefined;
  if (y < 100) y += 2000; // a two-digit year, where allowed: `13/03/24`
  const s = `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
  return y >= 1000 && y <= 9999 && isRealDate(s) ? s : undefined;
}

const ORDINAL = '(?:st|nd|rd|th)?';
const DAY_NAME = '(?:([A-Za-z]+),?\\s+)?';
const MONTH_NAME = '([A-Za-z]+)\\.?';

/** The year: four digits, or (`shortYear`) two as well, read as 20yy. */
const YEAR = ['(\\d{4})', '(\\d{4}|\\d{2})'] as const;
const patterns = (year: string) => ({
  /** Day first written out: `Wednesday 13th of March 2024`, `13 Mar. 2024`. */
  dayMonthYear: new RegExp(`^${DAY_NAME}(\\d{1,2})${ORDINAL}\\s+(?:of\\s+)?${MONTH_NAME},?\\s+${year}$`, 'i'),
  /** Month first written out: `March 13, 2024`, `Wednesday, March 13th 2024`. */
  monthDayYear: new RegExp(`^${DAY_NAME}${MONTH_NAME}\\s+(\\d{1,2})${ORDINAL},?\\s+${year}$`, 'i'),
  /** UK day first numeric: `13/03/2024`, `13.03.2024`, `13-03-2024`. */
  dayFirst: new RegExp(`^(\\d{1,2})([-/.])(\\d{1,2})\\2${year}$`),
});
const FULL_YEAR = patterns(YEAR[0]);
const ANY_YEAR = patterns(YEAR[1]);
/** Year first, any of - / . as separator, padding optional: `2024-3-5`, `2024/03/13`. */
const YEAR_FIRST = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/;

/**
 * The ISO form of a date written some other recognisable way: UK day-first
 * numeric (`13/03/2024`, `13.03.2024`, `13-03-2024`), written out (`13 March
 * 2024`, `13th Mar 2024`, `Wednesday 13 March 2024`, `March 13, 2024`), or
 * year first unpadded or with other separators (`2024-3-5`, `2024/03/13`).
 * Undefined when it is not recognisable, not a real date, or a weekday
 * written disagrees with it. `shortYear` also reads a two-digit year as 20yy
 * (`13 Mar 24`, `13/03/24`), as Word cover sheets write it; the linter's fix
 * does not guess so far. No date library and no clock.
 */
export function parseLooseDate(written: string, opts: { shortYear?: boolean } = {}): string | undefined {
  const s = written.trim().replace(/\s+/g, ' ');
  const re = opts.shortYear ? ANY_YEAR : FULL_YEAR;
  let m = YEAR_FIRST.exec(s);
  if (m) return iso(Number(m[1]), Number(m[3]), Number(m[4]));
  m = re.dayFirst.exec(s);
  if (m) return iso(Number(m[4]), Number(m[3]), Number(m[1]));
  const named = (dayName: string | undefined, monthName: string, day: string, year: string): string | undefined => {
    const month = MONTH_NUMBER[monthName.toLowerCase()];
    if (!month) return undefined;
    const out = iso(Number(year), month, Number(day));
    if (!out) return undefined;
    if (dayName !== undefined) {
      const wd = WEEKDAYS[dayName.toLowerCase()];
      if (wd === undefined || wd !== weekday(Number(year), month, Number(day))) return undefined;
    }
    return out;
  };
  m = re.dayMonthYear.exec(s);
  if (m) return named(m[1], m[3]!, m[2]!, m[4]!);
  m = re.monthDayYear.exec(s);
  if (m) return named(m[1], m[2]!, m[3]!, m[4]!);
  return undefined;
}
