/**
 * What the cursor is on. Two views:
 * - `cursorContext`: line-based, for completion, because the YAML is usually
 *   half-written (and so unparsable) while the author types;
 * - `nodeAt`: the parsed cover-sheet tree, for hover and go to definition.
 */
import type { Paper } from '../../core/paper';
import type { OffsetRange } from '../../core/types';
import type { YNode, YPair } from '../../core/yaml';
import { stripTrailingComment } from '../../core/text';

/** Where the YAML of the cover sheet is, even when unclosed or unparsable. */
export function frontmatterRegion(paper: Paper): OffsetRange | null {
  if (paper.frontmatter) return paper.frontmatter.content;
  if (paper.unterminatedFrontmatter) {
    const first = paper.lines.lineOf(paper.unterminatedFrontmatter.start);
    const start = paper.lines.lineStarts[first + 1] ?? paper.text.length;
    return { start, end: paper.text.length };
  }
  return null;
}

export type CursorContext =
  | {
      where: 'key';
      /** Keys from the top down to the mapping being written; '[]' is a list item. */
      path: string[];
      /** What has been typed of the key so far, from `start` to the cursor. */
      typed: string;
      start: number;
      /** Column of the key (after any `- `). */
      column: number;
      /** The line starts `- ` (a new list item). */
      dash: boolean;
      line: number;
    }
  | {
      where: 'value';
      path: string[];
      key: string;
      /** Typed value so far (after `key: `, or after `[`/`,` in a flow list). */
      typed: string;
      start: number;
      /** Inside `[ … ]` on the key's line: the items already written. */
      flow: string[] | null;
      /** Where the value being replaced ends (the rest of it after the cursor, comments left out). */
      end: number;
      /** No space yet after the colon. */
      needsSpace: boolean;
      column: number;
      line: number;
    }
  | { where: 'heading'; typed: string; start: number; line: number }
  | { where: 'body'; word: string; start: number; line: number }
  | { where: 'none' };

interface LineShape {
  indent: number;
  dash: boolean;
  keyCol: number;
  key: string | null;
  blank: boolean;
}

function shape(l: string): LineShape {
  if (/^\s*(#|$)/.test(l)) return { indent: 0, dash: false, keyCol: 0, key: null, blank: true };
  const m = /^( *)((?:-(?: +|$))*)/.exec(l)!;
  const indent = m[1]!.length;
  const keyCol = indent + m[2]!.length;
  const km = /^("[^"]*"|'[^']*'|[^\s:#'"{[\]},-][^:#]*?|-[^\s:#][^:#]*?)\s*:(?:\s|$)/.exec(l.slice(keyCol));
  return { indent, dash: m[2]!.length > 0, keyCol, key: km ? unquote(km[1]!) : null, blank: false };
}

function unquote(s: string): string {
  return /^(["']).*\1$/.test(s) ? s.slice(1, -1) : s;
}

export class YamlLines {
  readonly first: number;
  readonly last: number;
  constructor(
    private readonly paper: Paper,
    region: OffsetRange,
  ) {
    this.first = paper.lines.lineOf(region.start);
    this.last = paper.lines.lineOf(Math.max(region.start, region.end - 1));
  }

  text(line: number): string {
    return this.paper.text.slice(this.paper.lines.lineStarts[line]!, this.paper.lines.lineEnd(line));
  }

  shape(line: number): LineShape {
    return shape(this.text(line));
  }

  /** The keys leading to the entry at `column` on `line` ('[]' = inside a list item). */
  parentPath(line: number, column: number): string[] {
    const path: string[] = [];
    let c = column;
    for (let i = line - 1; i >= this.first && c > 0; i--) {
      const s = this.shape(i);
      if (s.blank) continue;
      if (s.dash && s.indent < c && s.keyCol >= c) {
        // An earlier key of the same list item.
        path.unshift('[]');
        c = s.indent;
        continue;
      }
      if (s.keyCol < c) {
        if (s.key !== null) {
          path.unshift(s.key);
          c = s.keyCol;
        }
        if (s.dash && s.indent < c) {
          path.unshift('[]');
          c = s.indent;
        }
      }
    }
    return path;
  }

  /** Keys already written in the mapping the entry at `column` on `line` belongs to. */
  siblingKeys(line: number, column: number): Set<string> {
    const keys = new Set<string>();
    for (let i = line - 1; i >= this.first; i--) {
      const s = this.shape(i);
      if (s.blank) continue;
      if (s.keyCol === column && s.key !== null) keys.add(s.key);
      if (s.keyCol < column || (s.dash && s.keyCol === column && s.indent < column)) break;
    }
    for (let i = line + 1; i <= this.last; i++) {
      const s = this.shape(i);
      if (s.blank) continue;
      if (s.dash && s.indent < column) break;
      if (s.keyCol < column) break;
      if (s.keyCol === column && s.key !== null) keys.add(s.key);
    }
    return keys;
  }

  /** A scalar value written for `key` in the same mapping (e.g. the `id` beside a `title`). */
  siblingValue(line: number, column: number, key: string): string | undefined {
    const look = (i: number): string | undefined => {
      const l = this.text(i);
      const s = shape(l);
      if (s.key === key && s.keyCol === column) {
        const v = stripTrailingComment(l.slice(s.keyCol).replace(/^[^:]*:\s*/, '')).trim();
        return unquote(v);
      }
      return undefined;
    };
    for (let i = line - 1; i >= this.first; i--) {
      const s = this.shape(i);
      if (s.blank) continue;
      const v = look(i);
      if (v !== undefined) return v;
      if (s.keyCol < column || (s.dash && s.indent < column)) break;
    }
    for (let i = line + 1; i <= this.last; i++) {
      const s = this.shape(i);
      if (s.blank) continue;
      if ((s.dash && s.indent < column) || s.keyCol < column) break;
      const v = look(i);
      if (v !== undefined) return v;
    }
    return undefined;
  }
}

export function cursorContext(paper: Paper, offset: number): CursorContext {
  const line = paper.lines.lineOf(offset);
  const lineStart = paper.lines.lineStarts[line]!;
  const before = paper.text.slice(lineStart, offset);
  const after = paper.text.slice(offset, paper.lines.lineEnd(line));
  const region = frontmatterRegion(paper);
  if (region && offset >= region.start && (offset < region.end || region.end === paper.text.length)) {
    return yamlContext(new YamlLines(paper, region), line, before, after, offset);
  }
  const bodyStart = paper.frontmatter ? paper.bodyStart : region ? paper.text.length + 1 : paper.bom;
  if (offset < bodyStart) return { where: 'none' };
  const h = /^(#{1,6})([ \t]*)([^#]*)$/.exec(before);
  if (h) return { where: 'heading', typed: before, start: lineStart, line };
  const w = /(?:^|[^\p{L}\p{N}&])([\p{L}][\p{L}&]{0,5})$/u.exec(before);
  if (w) return { where: 'body', word: w[1]!, start: offset - w[1]!.length, line };
  return { where: 'body', word: '', start: offset, line };
}

const LEAD = /^( *)((?:- +)*)/;
const KEY_VALUE = /^("[^"]*"|'[^']*'|[^\s:#'"{[\]},](?:[^:#]*[^\s:#])?)\s*:( *)((?:[^ \n\r\u2028\u2029][^\n\r\u2028\u2029]*)?)$/;

/**
 * `/^( *)((?:- +)*)("[^"]*"|'[^']*'|[^\s:#'"{[\]},][^:#]*?)\s*:( *)(.*)$/.exec(before)`
 * (indent, dashes, key, spaces, value) in linear time. That regex backtracks
 * into the dashes (a key may start with `-`) and between its lazy key and
 * `\s*`, quadratic on a long line; here the dashes are taken whole and the
 * key ends at its last non-space character, then, as the regex would, the
 * key is tried once more from the last dash. Same groups on every input.
 */
export function keyValueBefore(before: string): string[] | null {
  const lead = LEAD.exec(before)!;
  const indent = lead[1]!;
  let dashes = lead[2]!;
  let m = KEY_VALUE.exec(before.slice(lead[0].length));
  if (!m && dashes) {
    // Every shorter run of dashes leaves the key starting with `-`: the first ':' or '#' after the dashes decides, so the longest such run is the one to try.
    const last = dashes.lastIndexOf('-');
    m = KEY_VALUE.exec(before.slice(indent.length + last));
    dashes = dashes.slice(0, last);
  }
  return m ? [before, indent, dashes, m[1]!, m[2]!, m[3]!] : null;
}

function yamlContext(yl: YamlLines, line: number, before: string, after: string, offset: number): CursorContext {
  // Typing a key (or nothing yet) on this line.
  const k = /^( *)((?:- +)*)([A-Za-z_][\w-]*)?$/.exec(before);
  if (k && !/^\s*(?:[\w-]+\s*)?:/.test(after)) {
    const indent = k[1]!.length;
    const dash = k[2]!.length > 0;
    const column = indent + k[2]!.length;
    const typed = k[3] ?? '';
    let path = yl.parentPath(line, dash ? indent : column);
    if (dash) path = [...path, '[]'];
    return { where: 'key', path, typed, start: offset - typed.length, column, dash, line };
  }
  const v = keyValueBefore(before);
  if (v) {
    const indent = v[1]!.length;
    const dash = v[2]!.length > 0;
    const column = indent + v[2]!.length;
    const key = unquote(v[3]!);
    let path = yl.parentPath(line, dash ? indent : column);
    if (dash) path = [...path, '[]'];
    const rest = v[5]!;
    const needsSpace = v[4]!.length === 0 && rest === '';
    if (rest.startsWith('[')) {
      const inner = rest.slice(1);
      if (inner.includes(']')) return { where: 'none' };
      const parts = inner.split(',');
      const typed = parts.at(-1)!.replace(/^\s+/, '');
      const flow = parts
        .slice(0, -1)
        .map((p) => unquote(p.trim()))
        .filter(Boolean);
      const tail = /^[^,\]]*/.exec(after)![0].trimEnd();
      return { where: 'value', path, key, typed, start: offset - typed.length, end: offset + tail.length, flow, needsSpace: false, column, line };
    }
    const tail = stripTrailingComment(after, true).trimEnd();
    return { where: 'value', path, key, typed: rest, start: offset - rest.length, end: offset + tail.length, flow: null, needsSpace, column, line };
  }
  return { where: 'none' };
}

// ---------------------------------------------------------------------------

export interface NodeHit {
  /** Keys and list indexes from the cover sheet down to the node. */
  path: (string | number)[];
  node: YNode;
  /** The cursor is on a mapping key (the node is the key scalar). */
  onKey: boolean;
  pair?: YPair;
}

/** The innermost scalar (or key) of the cover sheet under `offset`. */
export function nodeAt(root: YNode | null, offset: number): NodeHit | null {
  if (!root) return null;
  return walk(root, offset, [], 0);
}

function within(n: OffsetRange, o: number): boolean {
  return n.start <= o && o <= n.end && n.end > n.start;
}

function walk(node: YNode, offset: number, path: (string | number)[], depth: number): NodeHit | null {
  if (depth > 64) return null;
  if (node.kind === 'map') {
    for (const pair of node.pairs) {
      if (within(pair.key, offset)) return { path: [...path, pair.name], node: pair.key, onKey: true, pair };
      if (offset >= pair.value.outerStart && offset <= pair.value.end) {
        const hit = walk(pair.value, offset, [...path, pair.name], depth + 1);
        if (hit) return hit;
      }
    }
    return null;
  }
  if (node.kind === 'seq') {
    for (let i = 0; i < node.items.length; i++) {
      const item = node.items[i]!;
      if (offset >= item.outerStart && offset <= item.end) {
        const hit = walk(item, offset, [...path, i], depth + 1);
        if (hit) return hit;
      }
    }
    return null;
  }
  return within(node, offset) ? { path, node, onKey: false } : null;
}
