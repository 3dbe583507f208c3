/**
 * agenda-paper-missing: a `paper` item of the agenda has no paper yet: no
 * paper for the meeting and date has its item number as `agenda_item`, and
 * it names no `file:` that is a board paper. After papers_due the message
 * says by how many working days the paper is overdue. A `file:` that does
 * not exist is agenda-syntax's (reported once).
 */
import type { AgendaRuleContext } from '../agenda/rule-context';
import { itemLabel, itemRange } from '../agenda/rule-context';
import { normaliseAgendaFile } from '../agenda/parse';
import { defineRule } from '../rule';

export const rule = defineRule({
  id: 'agenda-paper-missing',
  severity: 'error',
  description: 'A paper item of the agenda has no paper yet (not received, or overdue after the papers-due date).',
  fixable: false,
  check() {
    // On agenda files only: see checkAgenda.
  },
});

export function checkAgenda(ctx: AgendaRuleContext): void {
  const { agenda } = ctx.parsed;
  if (!agenda.date) return; // which papers belong is unknown: agenda-syntax says why
  const meeting = agenda.committee || agenda.meeting;
  for (const r of ctx.readiness.items) {
    if (r.state !== 'missing' && r.state !== 'overdue') continue;
    const item = r.item;
    if (item.unknownKind !== undefined) continue; // agenda-syntax's
    if (item.file && ctx.files && !ctx.files.has(normaliseAgendaFile(item.file))) continue;
    const what = item.file
      ? r.paper
        ? `"${item.file}" is not a board paper (no cover sheet with a title and meeting)`
        : `no paper "${item.file}" was found`
      : `no paper for the ${meeting.replace(/^the\s+/i, '')} on ${agenda.date} has agenda_item "${item.item}"`;
    const when =
      r.state === 'overdue'
        ? `overdue by ${r.overdueDays} working day${r.overdueDays === 1 ? '' : 's'} (papers were due ${agenda.papersDue})`
        : agenda.papersDue
          ? `not received yet (papers are due ${agenda.papersDue})`
          : 'not received yet';
    ctx.report({ message: `Agenda ${itemLabel(item)}: paper ${when}: ${what}.`, range: itemRange(ctx.parsed, r.index) });
  }
}
