/**
 * agenda-syntax: the agenda file does not parse or breaks the contract of
 * MEETING.md: missing meeting, date, items, `item` or `title`; an unknown
 * key, `kind` or `purpose`; `confidential` not true/false; an item number
 * listed twice; a `file:` outside the meeting's folder or that does not
 * exist. The problems are found by `parseAgenda` (core/agenda/parse.ts);
 * this module reports them, and the `file:` values that name no file.
 */
import type { AgendaRuleContext } from '../agenda/rule-context';
import { normaliseAgendaFile } from '../agenda/parse';
import { defineRule } from '../rule';

export const rule = defineRule({
  id: 'agenda-syntax',
  severity: 'error',
  description: 'The agenda file (agenda.yaml) does not parse, or an item breaks the agenda format.',
  fixable: false,
  check() {
    // On agenda files only: see checkAgenda.
  },
});

export function checkAgenda(ctx: AgendaRuleContext): void {
  for (const p of ctx.parsed.problems) ctx.report({ message: sentence(p.message), range: p.range });
  if (!ctx.files) return;
  for (const item of ctx.parsed.agenda.items) {
    if (!item.file) continue;
    const file = normaliseAgendaFile(item.file);
    if (ctx.files.has(file)) continue;
    const range = item.keys?.file ?? item.range!;
    ctx.report({
      message: `The file "${item.file}" named by item ${item.item || '(no number)'} does not exist in the meeting's folder (it is read relative to agenda.yaml).`,
      range,
    });
  }
}

const sentence = (s: string) => s.charAt(0).toUpperCase() + s.slice(1) + (/[.?!)]$/.test(s) ? '' : '.');
