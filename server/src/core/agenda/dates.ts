/**
 * Working days (Monday to Friday; bank holidays are not known) on dates
 * written YYYY-MM-DD. Pure date arithmetic in UTC: no clock is read.
 */
import { isRealDate } from '../profile';

const DAY = 86_400_000;

function toTime(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

function toDate(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

const isWorkingDay = (t: number) => {
  const wd = new Date(t).getUTCDay();
  return wd !== 0 && wd !== 6;
};

/** The date `days` working days before `date` (a Saturday meeting with 1 day: the Friday). */
export function workingDaysBefore(date: string, days: number): string | undefined {
  if (!isRealDate(date) || !Number.isInteger(days) || days < 0) return undefined;
  let t = toTime(date);
  let left = days;
  while (left > 0) {
    t -= DAY;
    if (isWorkingDay(t)) left--;
  }
  return toDate(t);
}

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(from: string, to: string): number {
  if (!isRealDate(from) || !isRealDate(to)) return 0;
  const a = toTime(from);
  const b = toTime(to);
  if (b <= a) return 0;
  const days = Math.round((b - a) / DAY);
  const weeks = Math.floor(days / 7);
  let n = weeks * 5;
  for (let t = a + weeks * 7 * DAY + DAY; t <= b; t += DAY) if (isWorkingDay(t)) n++;
  return n;
}

/** Compare two YYYY-MM-DD dates as text (they sort as dates). */
export function compareDates(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
