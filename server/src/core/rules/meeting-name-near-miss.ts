/**
 * meeting-name-near-miss: a paper dated the meeting's day names a meeting
 * that is not the agenda's (nor one of its aliases) but is close to it: a
 * slip of the keyboard ("Intergrated Care Board"), or the same words with
 * some added or left out ("Integrated Care Board meeting"). Such a paper is
 * silently left out of the meeting's agenda and pack. A name that is one of
 * the profile's committees is a real other meeting, never a near miss; nor
 * is a name closer to another committee than to this one
 * (core/agenda/names.ts `isNearMiss`). Suggests adding an alias.
 */
import type { AgendaRuleContext } from '../agenda/rule-context';
import { topKeyRange } from '../agenda/rule-context';
import { meetingNearMisses } from '../agenda/readiness';
import { defineRule } from '../rule';
import { nearMissMessage } from '../agenda/names';

export const rule = defineRule({
  id: 'meeting-name-near-miss',
  severity: 'warning',
  description: "A paper dated the meeting's day names a meeting close to, but not, the agenda's: it would be left out of the pack.",
  fixable: false,
  check() {
    // On agenda files (and `pack`/`status` with --meeting): see checkAgenda.
  },
});

export function checkAgenda(ctx: AgendaRuleContext): void {
  const { agenda } = ctx.parsed;
  if (!agenda.meeting || !agenda.date) return;
  const range = topKeyRange(ctx.parsed, 'meeting');
  for (const p of meetingNearMisses(ctx.papers, agenda.meeting, agenda.date, ctx.profile)) {
    ctx.report({ message: nearMissMessage(p.file, p.cover.meeting!, agenda.committee || agenda.meeting), range });
  }
}
