/**
 * invalid-date: the meeting `date`, a committee history entry's `date` or one
 * of the organisation's own date fields (`cover_sheet` type date, or dates:
 * one date or a list of them) is not a real date written YYYY-MM-DD.
 *
 * YAML 1.2 (the core schema) loads dates as text, so the check reads the
 * scalar as written. This rule owns every non-empty date value, whatever its
 * type (a number, a list): field-type never reports dates.
 *
 * The fix rewrites a recognisable, unambiguous date as ISO: UK day-first
 * numeric dates (`13/03/2024`, `13.03.2024`, `13-03-2024`), written-out dates
 * (`13 March 2024`, `13th Mar 2024`, `Wednesday 13 March 2024`,
 * `March 13, 2024`), and year-first dates not padded or with other separators
 * (`2024-3-5`, `2024/03/13`). Only when the result is a real date and any
 * weekday written agrees with it. No date library and no clock.
 */
import { defineRule, fix, writtenRange } from '../rule';
import { isRealDate } from '../profile';
import { getNode, isEmptyNode, type YNode } from '../yaml';
import { coverSheetFields, fieldNode, fieldRef } from '../template-fields';
import { datesIn, MONTH_NUMBER as MONTHS } from '../queries/dates';

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
  const s = `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
  return y >= 1000 && y <= 9999 && isRealDate(s) ? s : undefined;
}

const ORDINAL = '(?:st|nd|rd|th)?';
const DAY_NAME = '(?:([A-Za-z]+),?\\s+)?';
const MONTH_NAME = '([A-Za-z]+)\\.?';

/** Day first written out: `Wednesday 13th of March 2024`, `13 Mar. 2024`. */
const DAY_MONTH_YEAR = new RegExp(`^${DAY_NAME}(\\d{1,2})${ORDINAL}\\s+(?:of\\s+)?${MONTH_NAME},?\\s+(\\d{4})$`, 'i');
/** Month first written out: `March 13, 2024`, `Wednesday, March 13th 2024`. */
const MONTH_DAY_YEAR = new RegExp(`^${DAY_NAME}${MONTH_NAME}\\s+(\\d{1,2})${ORDINAL},?\\s+(\\d{4})$`, 'i');
/** Year first, any of - / . as separator, padding optional: `2024-3-5`, `2024/03/13`. */
const YEAR_FIRST = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/;
/** UK day first numeric: `13/03/2024`, `13.03.2024`, `13-03-2024`. */
const DAY_FIRST = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})$/;

/**
 * The ISO form of a date written some other recognisable way, or undefined
 * when it is not recognisable, ambiguous, or not a real date.
 */
export function parseLooseDate(written: string): string | undefined {
  const s = written.trim().replace(/\s+/g, ' ');
  let m = YEAR_FIRST.exec(s);
  if (m) return iso(Number(m[1]), Number(m[3]), Number(m[4]));
  m = DAY_FIRST.exec(s);
  if (m) return iso(Number(m[4]), Number(m[3]), Number(m[1]));
  const named = (dayName: string | undefined, monthName: string, day: string, year: string): string | undefined => {
    const month = MONTHS[monthName.toLowerCase()];
    if (!month) return undefined;
    const out = iso(Number(year), month, Number(day));
    if (!out) return undefined;
    if (dayName !== undefined) {
      const wd = WEEKDAYS[dayName.toLowerCase()];
      if (wd === undefined || wd !== weekday(Number(year), month, Number(day))) return undefined;
    }
    return out;
  };
  m = DAY_MONTH_YEAR.exec(s);
  if (m) return named(m[1], m[3]!, m[2]!, m[4]!);
  m = MONTH_DAY_YEAR.exec(s);
  if (m) return named(m[1], m[2]!, m[3]!, m[4]!);
  return undefined;
}

export const rule = defineRule({
  id: 'invalid-date',
  severity: 'error',
  description: 'A date is not a real date written YYYY-MM-DD.',
  fixable: true,
  check({ paper, profile, report }) {
    const cover = paper.cover;
    if (!cover) return;

    /**
     * `several`: an own field's type, for a value holding more than one date
     * ("30 April 2025 and 14 May 2025"): a `dates` field gets them as a list
     * (the fix), a `date` field is told the profile can say `type: dates`.
     */
    const checkDate = (node: YNode | undefined, what: string, why: string, several?: 'date' | 'dates') => {
      if (!node || node.kind === 'alias' || isEmptyNode(node)) return;
      if (node.kind !== 'scalar') {
        report({
          message: `${what} must be a single date written YYYY-MM-DD, e.g. 2024-03-13, but it is ${node.kind === 'seq' ? 'a list' : 'a mapping of keys'}. ${why} Write one date.`,
          range: { start: node.start, end: node.end },
        });
        return;
      }
      const written = node.style === 'plain' ? node.source.trim() : node.text.trim();
      if (isRealDate(written)) return;
      const dates = several && node.style !== 'literal' && node.style !== 'folded' ? datesIn(written, parseLooseDate) : undefined;
      if (dates) {
        const list = `[${dates.join(', ')}]`;
        const r = writtenRange(paper, node);
        report({
          message:
            several === 'dates'
              ? `${what}: "${written}" holds ${dates.length} dates, not written YYYY-MM-DD. ${why} Write them as a list: ${list}.`
              : `${what}: "${written}" holds ${dates.length} dates, and the field takes one date written YYYY-MM-DD. ${why} If the box may hold more than one date, the profile can give the field type: dates, and they are written as a list: ${list}.`,
          range: r,
          ...(several === 'dates' ? { fix: fix(`Write the dates as ${list}`, { start: r.start, end: r.end, newText: list }) } : {}),
        });
        return;
      }
      const shaped = /^\d{4}-\d{2}-\d{2}$/.test(written);
      const loose = node.style === 'literal' || node.style === 'folded' ? undefined : parseLooseDate(written);
      const problem = shaped ? `"${written}" is not a real date (there is no such day)` : `"${written}" is not a date written YYYY-MM-DD`;
      const todo = loose ? `Write it as ${loose}.` : shaped ? 'Correct the day or month.' : 'Write it as YYYY-MM-DD, e.g. 2024-03-13.';
      const r = writtenRange(paper, node);
      report({
        message: `${what}: ${problem}. ${why} ${todo}`,
        range: r,
        ...(loose ? { fix: fix(`Write the date as ${loose}`, { start: r.start, end: r.end, newText: loose }) } : {}),
      });
    };

    checkDate(
      getNode(cover, 'date'),
      'The meeting date',
      'Without a real YYYY-MM-DD date the paper cannot be matched to its meeting, put in the right agenda pack, or checked against the health inequalities requirement and the committee history.',
    );

    // The organisation's own date fields, and those that may hold more than one date (`type: dates`).
    for (const f of coverSheetFields(profile)) {
      if (f.builtin || (f.type !== 'date' && f.type !== 'dates')) continue;
      const node = fieldNode(cover, f.key);
      const name = fieldRef(profile, f.key);
      const why = 'Only a real YYYY-MM-DD date can be read, printed and compared.';
      if (f.type === 'date') {
        checkDate(node, name, why, 'date');
      } else if (node?.kind === 'seq') {
        for (const item of node.items) checkDate(item, `A date in ${name}`, why);
      } else {
        checkDate(node, name, why, 'dates');
      }
    }

    const history = getNode(cover, 'committee_history');
    if (history?.kind === 'seq') {
      for (const entry of history.items) {
        if (entry.kind !== 'map') continue;
        checkDate(
          getNode(entry, 'date'),
          'A committee history date',
          "Members follow the paper's route through committees by date, and the order can only be checked with real YYYY-MM-DD dates.",
        );
      }
    }
  },
});
