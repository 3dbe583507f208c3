import type { OffsetRange } from './types';

/** Zero-based line/character position (UTF-16 code units), as LSP counts. */
export interface LineChar {
  line: number;
  character: number;
}

/**
 * Converts offsets to line/character and back. Line breaks are `\n`, `\r\n`
 * or a lone `\r`, as in LSP.
 */
export class LineIndex {
  /** Offset at which each line starts. */
  readonly lineStarts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    if (text.indexOf('\r') === -1) {
      // Only \n breaks (most papers): indexOf is several times faster than a char loop on 1 MB.
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.lineStarts = starts;
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (c === 10 /* \n */) {
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  position(offset: number): LineChar {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.lineStarts[lo]! };
  }

  offset(pos: LineChar): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[pos.line]!;
    const end = this.lineEnd(pos.line);
    return Math.min(start + Math.max(0, pos.character), end);
  }

  /** Offset just before the line break of `line`. */
  lineEnd(line: number): number {
    const next = this.lineStarts[line + 1];
    if (next === undefined) return this.text.length;
    let e = next;
    if (this.text.charCodeAt(e - 1) === 10) e--;
    if (this.text.charCodeAt(e - 1) === 13) e--;
    return e;
  }

  lineOf(offset: number): number {
    return this.position(offset).line;
  }

  /** 1-based line/column for a range, as the CLI reports it. */
  range1(range: OffsetRange): { line: number; column: number; endLine: number; endColumn: number } {
    const s = this.position(range.start);
    const e = this.position(range.end);
    return { line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
  }
}

/** The line break style the document mostly uses, for inserted text. */
export function detectEol(text: string): string {
  const crlf = text.indexOf('\r\n');
  const lf = text.indexOf('\n');
  return crlf !== -1 && crlf + 1 === lf ? '\r\n' : '\n';
}

// ---------------------------------------------------------------------------
// Linear replacements for tail-anchored regular expressions. `/\s+$/` and
// the like are quadratic in V8 on a long run that does not end the string
// (every start in the run is tried, each scanning to its end); these scan
// once from the end. Each states the regex it replaces, with the same result.

const WHITESPACE = /^\s$/;
/** Is `ch` (one UTF-16 unit) matched by `\s`? */
export const isWhitespace = (ch: string | undefined): boolean => ch !== undefined && WHITESPACE.test(ch);

/** `s` without its trailing characters for which `drop` holds: `s.replace(/[…]+$/, '')`. */
export function trimEndWhere(s: string, drop: (ch: string) => boolean): string {
  let e = s.length;
  while (e > 0 && drop(s[e - 1]!)) e--;
  return e === s.length ? s : s.slice(0, e);
}

/** `s.replace(/[<chars>]+$/, '')` for a set of characters. */
export function trimEndChars(s: string, chars: string): string {
  return trimEndWhere(s, (ch) => chars.includes(ch));
}

/** Index of the last line terminator (`\n`, `\r`, U+2028, U+2029: what `.` does not match), or -1. */
function lastLineTerminator(s: string): number {
  return Math.max(s.lastIndexOf('\n'), s.lastIndexOf('\r'), s.lastIndexOf('\u2028'), s.lastIndexOf('\u2029'));
}

/**
 * `s.replace(/\s+#.*$/, '')` (a YAML comment and the space before it), or
 * with `atStart`, `s.replace(/(^|\s+)#.*$/, '')`.
 */
export function stripTrailingComment(s: string, atStart = false): string {
  const lt = lastLineTerminator(s);
  for (let i = s.indexOf('#'); i !== -1; i = s.indexOf('#', i + 1)) {
    if (i <= lt) continue; // `.*$` cannot reach the end
    if (atStart && i === 0) return '';
    if (!isWhitespace(s[i - 1])) continue;
    let j = i - 1;
    while (j > 0 && isWhitespace(s[j - 1])) j--;
    return s.slice(0, j);
  }
  return s;
}

/** `s.replace(/[<chars>].*$/, '')`: cut at the first of `chars` after which no line terminator follows. */
export function cutFromFirst(s: string, chars: string): string {
  const lt = lastLineTerminator(s);
  for (let i = lt + 1; i < s.length; i++) if (chars.includes(s[i]!)) return s.slice(0, i);
  return s;
}
