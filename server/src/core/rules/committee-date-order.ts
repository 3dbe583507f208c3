/**
 * committee-date-order, two cases:
 *
 * - error: a `committee_history` entry dated on or after the meeting `date`
 *   (a paper cannot have been discussed already at a meeting that has not
 *   happened). One finding per such entry, on its date. No fix.
 * - info: the entries are not in date order. One finding, on the date of the
 *   first entry earlier than one before it. Fix: sort the entries by date
 *   (stable), moving each entry's text whole — every character kept, only
 *   the order changes; comment lines directly above an entry move with it —
 *   offered only when every entry is a mapping with a real ISO date.
 *
 * Dates that are not real `YYYY-MM-DD` dates are invalid-date's; they are
 * skipped here (and no sort is offered).
 */
import { defineRule, fix } from '../rule';
import { isRealDate } from '../profile';
import type { Paper } from '../paper';
import type { OffsetRange, TextEdit } from '../types';
import { getNode, scalarText, type YNode, type YSeq } from '../yaml';
import { blockDash, spanOf } from '../queries/yaml-edits';

interface Dated {
  item: YNode;
  dateNode?: YNode;
  date?: string;
}

/** The text ranges of a block list's entries, contiguous, or undefined when they cannot be moved as whole lines. */
function blockChunks(paper: Paper, seq: YSeq): OffsetRange[] | undefined {
  const starts: number[] = [];
  let prevEnd = 0;
  for (const item of seq.items) {
    const dash = blockDash(paper, item);
    if (dash === undefined) return undefined;
    // Comment lines directly above an entry belong to it and move with it.
    let line = paper.lines.lineOf(dash);
    const floor = starts.length ? paper.lines.lineOf(starts.at(-1)!) : -1;
    while (line - 1 > floor && /^[ \t]*#/.test(lineText(paper, line - 1)) && (!starts.length || paper.lines.lineStarts[line - 1]! >= prevEnd)) line--;
    const lineStart = paper.lines.lineStarts[line]!;
    if (starts.length && lineStart <= starts.at(-1)!) return undefined;
    starts.push(lineStart);
    prevEnd = spanOf(paper, item).end;
  }
  const last = seq.items.at(-1)!;
  const span = spanOf(paper, last);
  const lastChar = Math.max(span.start, span.end - 1);
  const line = paper.lines.lineOf(lastChar);
  const tail = paper.text.slice(span.end, Math.max(span.end, paper.lines.lineEnd(line)));
  if (!/^[ \t]*(?:#.*)?$/.test(tail)) return undefined;
  const end = paper.lines.lineStarts[line + 1];
  if (end === undefined) return undefined;
  return starts.map((s, i) => ({ start: s, end: starts[i + 1] ?? end }));
}

function lineText(paper: Paper, line: number): string {
  return paper.text.slice(paper.lines.lineStarts[line]!, paper.lines.lineEnd(line));
}

function sortEdits(paper: Paper, seq: YSeq, order: number[]): TextEdit[] | undefined {
  if (seq.flow) {
    const spans = seq.items.map((i) => spanOf(paper, i));
    for (let i = 1; i < spans.length; i++) if (spans[i]!.start < spans[i - 1]!.end) return undefined;
    return spans.map((s, i) => {
      const from = spans[order[i]!]!;
      return { ...s, newText: paper.text.slice(from.start, from.end) };
    });
  }
  const chunks = blockChunks(paper, seq);
  if (!chunks) return undefined;
  const newText = order.map((k) => paper.text.slice(chunks[k]!.start, chunks[k]!.end)).join('');
  return [{ start: chunks[0]!.start, end: chunks.at(-1)!.end, newText }];
}

export const rule = defineRule({
  id: 'committee-date-order',
  severity: 'error',
  description: 'A committee history entry is dated on or after the meeting, or the entries are not in date order.',
  fixable: true,
  check({ paper, meetingDate, report }) {
    const hist = getNode(paper.cover, 'committee_history');
    if (!hist || hist.kind !== 'seq' || hist.items.length === 0) return;
    const entries: Dated[] = hist.items.map((item) => {
      if (item.kind !== 'map') return { item };
      const dateNode = getNode(item, 'date');
      const d = scalarText(dateNode)?.trim();
      return { item, dateNode, date: d && isRealDate(d) ? d : undefined };
    });

    if (meetingDate) {
      for (const e of entries) {
        if (!e.date || !e.dateNode || e.date < meetingDate) continue;
        const same = e.date === meetingDate;
        report({
          message: `This committee history entry is dated ${e.date}, ${same ? 'the same day as' : 'after'} this meeting (${meetingDate}). Committee history records where the paper has already been discussed, so the meeting would be told of a discussion that has not happened: correct the date, or remove the entry if that meeting is still to come.`,
          range: { start: e.dateNode.start, end: e.dateNode.end },
          severity: 'error',
        });
      }
    }

    let latest: string | undefined;
    let first: Dated | undefined;
    for (const e of entries) {
      if (!e.date) continue;
      if (latest !== undefined && e.date < latest) {
        first = e;
        break;
      }
      latest = e.date;
    }
    if (!first || !first.dateNode) return;
    let edits: TextEdit[] | undefined;
    if (entries.every((e) => e.date)) {
      const order = entries.map((_, i) => i).sort((a, b) => (entries[a]!.date! < entries[b]!.date! ? -1 : entries[a]!.date! > entries[b]!.date! ? 1 : a - b));
      edits = sortEdits(paper, hist, order);
    }
    report({
      message: `The committee history is not in date order: ${first.date} comes after ${latest}. Members read the history as the paper's route to this meeting, earliest first; list the entries in the order the meetings took place.`,
      range: { start: first.dateNode.start, end: first.dateNode.end },
      severity: 'info',
      ...(edits ? { fix: fix('Sort the committee history by date', ...edits) } : {}),
    });
  },
});
