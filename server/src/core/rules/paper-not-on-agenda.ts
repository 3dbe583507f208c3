/**
 * paper-not-on-agenda: a paper for the agenda's meeting and date whose
 * `agenda_item` the agenda does not list as a paper item (or that has no
 * `agenda_item`), and that no item names with `file:`. It would be left out
 * of the pack that follows the agenda. Reported on the agenda's `items:`
 * key, naming the paper's file and item number (never its title).
 */
import type { AgendaRuleContext } from '../agenda/rule-context';
import { topKeyRange } from '../agenda/rule-context';
import { defineRule } from '../rule';

export const rule = defineRule({
  id: 'paper-not-on-agenda',
  severity: 'warning',
  description: 'A paper for the meeting and date has an agenda item that the agenda does not list.',
  fixable: false,
  check() {
    // On agenda files only: see checkAgenda.
  },
});

export function checkAgenda(ctx: AgendaRuleContext): void {
  const { agenda } = ctx.parsed;
  const range = topKeyRange(ctx.parsed, 'items');
  for (const p of ctx.readiness.notOnAgenda) {
    const n = p.cover.agendaItem;
    const listed = n ? agenda.items.find((i) => i.item.toLowerCase() === n.toLowerCase()) : undefined;
    const why = !n
      ? 'has no agenda_item and no agenda item names it with "file:"'
      : listed
        ? `has agenda_item "${n}", which the agenda lists as a ${listed.kind} item, not a paper`
        : `has agenda_item "${n}", which the agenda does not list`;
    ctx.report({
      message: `"${p.file}" is a paper for this meeting but ${why}: it would be left out of the pack. Add the item to the agenda, or correct the paper's agenda_item, meeting or date.`,
      range,
    });
  }
}
