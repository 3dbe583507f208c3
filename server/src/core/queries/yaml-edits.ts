/**
 * Edits and extents in the cover sheet's YAML that several rules (and their
 * fixes) share: where a key's indentation is, how to give a key a value in a
 * mapping, and the written extent and lines of a list item.
 */
import { afterColon, indentAt, insertIntoMap, lineAfter, writtenRange } from '../rule';
import type { Paper } from '../paper';
import type { OffsetRange, TextEdit } from '../types';
import { getPair, isEmptyNode, type YMap, type YNode } from '../yaml';

/** Column-exact indentation of a key (also when it follows `- ` on its line). */
export function keyIndent(paper: Paper, keyStart: number): string | undefined {
  const lineStart = paper.lines.lineStarts[paper.lines.lineOf(keyStart)]!;
  const before = paper.text.slice(lineStart, keyStart);
  return /^[ ]*(?:-[ ]+)*$/.test(before) ? ' '.repeat(before.length) : undefined;
}

/**
 * An edit giving `key` the value `value` in a mapping: the value written in
 * place of an empty one, or `key: value` added after the last key (one line,
 * or several lines already indented relative to the key).
 */
export function setInMap(paper: Paper, map: YMap, key: string, value: string, flowValue = value): TextEdit | undefined {
  const pair = getPair(map, key);
  if (pair) {
    const v = pair.value;
    if (v.kind === 'scalar' && v.empty) {
      const at = afterColon(paper, pair.key);
      if (!value.startsWith('\n') || map.flow) return { start: at, end: at, newText: ` ${map.flow ? flowValue : value}` };
      const ind = keyIndent(paper, pair.key.start) ?? indentAt(paper, pair.key.start);
      return { start: at, end: at, newText: value.split('\n').join(paper.eol + ind) };
    }
    if (isEmptyNode(v) && v.kind !== 'alias') {
      // `""`, `[]` or `{}`: replace it with a value that fits on the line.
      return { ...writtenRange(paper, v), newText: flowValue };
    }
    return undefined;
  }
  if (map.flow) return insertIntoMap(paper, map, key, flowValue);
  if (!map.pairs.length) return undefined;
  const last = map.pairs.at(-1)!;
  const ind = keyIndent(paper, map.pairs[0]!.key.start);
  if (ind === undefined) return undefined; // `? key` and other rare layouts: no safe place to write
  const lastEnd = last.value.kind === 'scalar' && last.value.empty ? last.key.end : last.value.end;
  const lastChar = Math.max(last.key.end, lastEnd - 1);
  const line = paper.lines.lineOf(lastChar);
  const at = paper.lines.lineStarts[line + 1] ?? paper.text.length;
  const needsBreak = at === paper.text.length && !/[\r\n]$/.test(paper.text);
  const body = value
    .split('\n')
    .map((l, i) => (i === 0 ? l : ind + l))
    .join(paper.eol);
  const sep = value.startsWith('\n') ? '' : ' ';
  return { start: at, end: at, newText: `${needsBreak ? paper.eol : ''}${ind}${key}:${sep}${body}${paper.eol}` };
}

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
    return {
      start: Math.min(writtenRange(paper, first.key).start, node.outerStart),
      end: Math.max(spanOf(paper, endNode).end, writtenRange(paper, last.key).end),
    };
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
