/**
 * Offsets ↔ LSP positions, and the core's types ↔ LSP types. The core counts
 * UTF-16 code units, as LSP does by default, so a position is the core
 * LineIndex's line/character unchanged.
 */
import { DiagnosticSeverity, type Position, type Range, type TextEdit as LspTextEdit } from 'vscode-languageserver';
import type { LineIndex } from '../../core/text';
import type { Fix, OffsetRange, Severity, TextEdit } from '../../core/types';

export function toRange(lines: LineIndex, r: OffsetRange): Range {
  return { start: lines.position(r.start), end: lines.position(r.end) };
}

export function offsetAt(lines: LineIndex, p: Position): number {
  return lines.offset(p);
}

export function toLspEdit(lines: LineIndex, e: TextEdit): LspTextEdit {
  return { range: toRange(lines, e), newText: e.newText };
}

export interface LspFix {
  title: string;
  edits: LspTextEdit[];
}

export function toLspFix(lines: LineIndex, f: Fix): LspFix {
  return { title: f.title, edits: f.edits.map((e) => toLspEdit(lines, e)) };
}

export function toSeverity(s: Severity): DiagnosticSeverity {
  switch (s) {
    case 'error':
      return DiagnosticSeverity.Error;
    case 'warning':
      return DiagnosticSeverity.Warning;
    default:
      return DiagnosticSeverity.Information;
  }
}

export function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** The smallest single edit turning `before` into `after` (keeps the cursor and undo history tidy). */
export function minimalEdit(lines: LineIndex, before: string, after: string): LspTextEdit | null {
  if (before === after) return null;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  // Never split a surrogate pair or a CRLF.
  if (start > 0 && isLowSurrogate(before.charCodeAt(start))) start--;
  if (start > 0 && before.charCodeAt(start) === 10 && before.charCodeAt(start - 1) === 13) start--;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before.charCodeAt(endB - 1) === after.charCodeAt(endA - 1)) {
    endB--;
    endA--;
  }
  if (endB < before.length && isLowSurrogate(before.charCodeAt(endB))) {
    endB++;
    endA++;
  }
  if (endB < before.length && before.charCodeAt(endB) === 10 && before.charCodeAt(endB - 1) === 13) {
    endB++;
    endA++;
  }
  return { range: toRange(lines, { start, end: endB }), newText: after.slice(start, endA) };
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
