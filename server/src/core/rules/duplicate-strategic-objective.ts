/**
 * duplicate-strategic-objective: the same code listed twice in
 * `strategic_objectives`. The finding sits on the repeat.
 *
 * The fix removes the repeat entry: `, SO1` in a flow list, the `- SO1` line
 * in a block list. It is offered as a fix only when the repeat says nothing
 * the list does not already say — a bare code, or wording that is the
 * profile's (or the first entry's) — and nothing but spacing and a comma (flow)
 * or a trailing comment on its own line (block) goes with it. Otherwise the
 * removal is a suggestion, for the author to decide which wording to keep.
 */
import { defineRule, fix } from '../rule';
import type { Paper } from '../paper';
import type { TextEdit } from '../types';
import type { YSeq } from '../yaml';
import { normaliseWording, objectiveEntries, wordingMatches, type ObjectiveEntry } from '../queries/objectives';
import { blockItemLines, spanOf } from '../queries/yaml-edits';

function removal(paper: Paper, seq: YSeq, index: number): TextEdit | undefined {
  const item = seq.items[index]!;
  if (seq.flow) {
    const prev = seq.items[index - 1];
    if (!prev) return undefined;
    const p = spanOf(paper, prev);
    const s = spanOf(paper, item);
    if (!/^\s*,\s*$/.test(paper.text.slice(p.end, s.start))) return undefined;
    return { start: p.end, end: s.end, newText: '' };
  }
  const lines = blockItemLines(paper, item);
  return lines && { ...lines, newText: '' };
}

export const rule = defineRule({
  id: 'duplicate-strategic-objective',
  severity: 'warning',
  description: 'A strategic objective code is listed more than once.',
  fixable: true,
  check({ paper, profile, report }) {
    const list = objectiveEntries(paper);
    if (!list) return;
    const first = new Map<string, ObjectiveEntry>();
    for (const e of list.entries) {
      const seen = first.get(e.code);
      if (!seen) {
        first.set(e.code, e);
        continue;
      }
      const official = profile.strategic_objectives[e.code];
      const redundant =
        e.wording === undefined ||
        (typeof official === 'string' && wordingMatches(e.wording, official)) ||
        (seen.wording !== undefined && normaliseWording(seen.wording) === normaliseWording(e.wording));
      const edit = removal(paper, list.seq, e.index);
      const span = spanOf(paper, e.item);
      const lineEnd = paper.lines.lineEnd(paper.lines.lineOf(span.start));
      const range = { start: span.start, end: Math.max(span.start, Math.min(span.end, lineEnd)) };
      const f = edit && fix(`Remove the repeated ${e.code}`, edit);
      report({
        message: `${e.code} is listed more than once in strategic_objectives. A repeated code makes the cover sheet look careless and can suggest a second objective was meant: remove the repeat${redundant ? '' : ' (it carries different wording: keep the entry you mean)'}, or correct it to the objective intended.`,
        range,
        ...(f ? (redundant ? { fix: f } : { suggestions: [f] }) : {}),
      });
    }
  },
});
