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
import { defineRule, fix, lineAfter, writtenRange } from '../rule';
import type { Paper } from '../paper';
import type { OffsetRange, TextEdit } from '../types';
import type { YNode, YSeq } from '../yaml';
import { objectiveEntries, type ObjectiveEntry } from './unknown-strategic-objective';
import { normaliseWording, wordingMatches } from './strategic-objective-text';

/** A node's written extent: quotes of scalars and of mapping keys/values included. */
export function spanOf(paper: Paper, node: YNode): OffsetRange {
  if (node.kind === 'scalar') return writtenRange(paper, node);
  if (node.kind === 'map' && !node.flow && node.pairs.length) {
    const first = node.pairs[0]!;
    const last = node.pairs.at(-1)!;
    const start = Math.min(writtenRange(paper, first.key).start, first.key.outerStart);
    const endNode = last.value.kind === 'scalar' && last.value.empty ? last.key : last.value;
    return { start, end: Math.max(spanOf(paper, endNode).end, writtenRange(paper, last.key).end) };
  }
  if (node.kind === 'map' && node.flow && node.pairs.length && paper.text[node.start] !== '{') {
    // An implicit one-pair mapping inside a flow list (`[SO2: text]`).
    const first = node.pairs[0]!;
    const last = node.pairs.at(-1)!;
    const endNode = last.value.kind === 'scalar' && last.value.empty ? last.key : last.value;
    return { start: Math.min(writtenRange(paper, first.key).start, node.outerStart), end: Math.max(spanOf(paper, endNode).end, writtenRange(paper, last.key).end) };
  }
  return { start: Math.min(node.start, node.outerStart), end: node.end };
}

/** The `-` that opens a block list item, when only spaces precede it on its line. */
export function blockDash(paper: Paper, item: YNode): number | undefined {
  let i = spanOf(paper, item).start - 1;
  while (i >= 0 && paper.text[i] === ' ') i--;
  if (i < 0 || paper.text[i] !== '-') return undefined;
  const lineStart = paper.lines.lineStarts[paper.lines.lineOf(i)]!;
  return /^ *$/.test(paper.text.slice(lineStart, i)) ? i : undefined;
}

/**
 * The whole lines of a block list item: from the start of its `- ` line to
 * the start of the line after it. Undefined when something else shares those
 * lines (other than a trailing comment).
 */
export function blockItemLines(paper: Paper, item: YNode): OffsetRange | undefined {
  const dash = blockDash(paper, item);
  if (dash === undefined) return undefined;
  const span = spanOf(paper, item);
  const lastChar = Math.max(span.start, span.end - 1);
  const lastLine = paper.lines.lineOf(lastChar);
  const tail = paper.text.slice(span.end, Math.max(span.end, paper.lines.lineEnd(lastLine)));
  if (!/^[ \t]*(?:#.*)?$/.test(tail)) return undefined;
  const end = lineAfter(paper, lastChar);
  if (end === paper.text.length && !/[\r\n]$/.test(paper.text)) return undefined;
  return { start: paper.lines.lineStarts[paper.lines.lineOf(dash)]!, end };
}

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
