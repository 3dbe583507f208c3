/**
 * invalid-date: the meeting `date`, a committee history entry's `date` or one
 * of the organisation's own date fields (`cover_sheet` type date, or dates:
 * one date or a list of them) is not a real date written YYYY-MM-DD.
 *
 * YAML 1.2 (the core schema) loads dates as text, so the check reads the
 * scalar as written. This rule owns every non-empty date value, whatever its
 * type (a number, a list): field-type never reports dates.
 *
 * The fix rewrites a recognisable, unambiguous date as ISO (parseLooseDate
 * in queries/dates.ts: UK day-first numeric, written out, year-first
 * unpadded), only when the result is a real date and any weekday written
 * agrees with it.
 */
import { defineRule, fix, writtenRange } from '../rule';
import { isRealDate } from '../profile';
import { getNode, isEmptyNode, type YNode } from '../yaml';
import { coverSheetFields, fieldNode, fieldRef } from '../template-fields';
import { datesIn, monthWithoutDay, parseLooseDate } from '../queries/dates';

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
      const month = loose ? undefined : monthWithoutDay(written);
      const problem = shaped
        ? `"${written}" is not a real date (there is no such day)`
        : month
          ? `"${written}" gives the month but not the day`
          : `"${written}" is not a date written YYYY-MM-DD`;
      const todo = loose
        ? `Write it as ${loose}.`
        : shaped
          ? 'Correct the day or month.'
          : month
            ? `Add the day, written YYYY-MM-DD: ${month}-DD.`
            : 'Write it as YYYY-MM-DD, e.g. 2024-03-13.';
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
