/**
 * What a rule module declares and what it gets to work with.
 *
 * A rule is one module: `export const rule: Rule = { id, severity,
 * description, docs, check }`. `check` reads the paper model and reports
 * findings; it never throws for a malformed paper (the engine also guards).
 */
import type { Paper } from './paper';
import type { Profile } from './profile';
import type { Finding, Fix, OffsetRange, Severity, TextEdit } from './types';
import type { YMap, YNode } from './yaml';

export const DOCS_BASE = 'https://github.com/boardpaper/boardpaper/blob/main/docs/rules/';

export function docsUrl(id: string): string {
  return `${DOCS_BASE}${id}.md`;
}

export interface Report {
  message: string;
  range: OffsetRange;
  fix?: Fix;
  suggestions?: Fix[];
  paperWide?: boolean;
  /**
   * For rules whose catalogue entry gives two severities (committee-date-order:
   * error for one case, info for the other). A severity set in the profile
   * still wins; when absent the rule's default applies.
   */
  severity?: Severity;
}

export interface RuleContext {
  paper: Paper;
  profile: Profile;
  /** The meeting date when it is a real ISO date. */
  meetingDate: string | undefined;
  report(r: Report): void;
}

export interface Rule {
  id: string;
  severity: Severity;
  description: string;
  docs: string;
  /** Whether any of its findings can carry an automatic (`--fix`) fix. */
  fixable: boolean;
  check(ctx: RuleContext): void;
}

export function defineRule(r: Omit<Rule, 'docs'>): Rule {
  return { ...r, docs: docsUrl(r.id) };
}

export type { Finding };

// ---------------------------------------------------------------------------
// Edit helpers shared by rules. They build text edits only; nothing deletes
// the author's words.

export function replaceNode(node: OffsetRange, newText: string): TextEdit {
  return { start: node.start, end: node.end, newText };
}

/** Indentation (spaces) of the line holding `offset`. */
export function indentAt(paper: Paper, offset: number): string {
  const line = paper.lines.lineOf(offset);
  const start = paper.lines.lineStarts[line]!;
  const m = /^[ ]*/.exec(paper.text.slice(start, paper.lines.lineEnd(line)));
  return m ? m[0] : '';
}

/** Start of the line after the one holding `offset`. */
export function lineAfter(paper: Paper, offset: number): number {
  const line = paper.lines.lineOf(offset);
  return paper.lines.lineStarts[line + 1] ?? paper.text.length;
}

/**
 * An edit adding `key: value` to a mapping. `value` may be several lines,
 * already indented relative to the key. Top-level: before the closing fence.
 */
export function insertIntoMap(paper: Paper, map: YMap | null, key: string, value: string, keyIndentFallback = ''): TextEdit {
  const eol = paper.eol;
  if (map && map.flow) {
    const at = Math.max(map.start + 1, map.end - 1);
    const sep = map.pairs.length ? ', ' : '';
    return { start: at, end: at, newText: `${sep}${key}: ${value.trim()}` };
  }
  if (map && map.pairs.length) {
    const last = map.pairs.at(-1)!;
    const indent = indentAt(paper, last.key.start);
    const at = lineAfter(paper, Math.max(last.key.end, last.value.end - 1));
    const body = value
      .split('\n')
      .map((l, i) => (i === 0 ? l : indent + l))
      .join(eol);
    const needsBreak = at === paper.text.length && !/[\r\n]$/.test(paper.text);
    return { start: at, end: at, newText: `${needsBreak ? eol : ''}${indent}${key}: ${body}${eol}` };
  }
  // Empty or absent top-level mapping: before the closing fence.
  const fm = paper.frontmatter;
  const at = fm ? fm.content.end : paper.bom;
  const body = value.split('\n').join(eol + keyIndentFallback);
  return { start: at, end: at, newText: `${keyIndentFallback}${key}: ${body}${eol}` };
}

export function fix(title: string, ...edits: TextEdit[]): Fix {
  return { title, edits };
}

/** A YAML scalar's text for insertion: quoted when YAML would misread it. */
export function yamlString(s: string): string {
  if (s === '' || /^[\s]|[\s]$|[:#[\]{},&*!|>'"%@`]|^(?:yes|no|true|false|null|~|[-+]?[\d.]+(?:e[-+]?\d+)?)$/i.test(s) || /^[-?]\s/.test(s)) {
    return JSON.stringify(s);
  }
  return s;
}

/**
 * The text range of a node as written: for a quoted scalar the quotes are
 * included (the node's own range holds only what is inside them), so that a
 * replacement changes the value's style too (`"yes"` → `true`).
 */
export function writtenRange(paper: Paper, node: YNode): OffsetRange {
  if (node.kind === 'scalar' && (node.style === 'double' || node.style === 'single')) {
    const q = node.style === 'double' ? '"' : "'";
    if (paper.text[node.start - 1] === q && paper.text[node.end] === q) return { start: node.start - 1, end: node.end + 1 };
  }
  return { start: node.start, end: node.end };
}

/** Offset just after the `:` that follows a mapping key (`key.end` when none is found). */
export function afterColon(paper: Paper, key: OffsetRange, limit = paper.text.length): number {
  const i = paper.text.indexOf(':', key.end);
  return i === -1 || i >= limit ? key.end : i + 1;
}

/** A node's range cut at the end of its first line (for many-line mappings). */
export function firstLineRange(paper: Paper, node: OffsetRange): OffsetRange {
  const lineEnd = paper.lines.lineEnd(paper.lines.lineOf(node.start));
  return { start: node.start, end: Math.max(node.start, Math.min(node.end, lineEnd)) };
}

/**
 * Text for a plain (unquoted) scalar that reads back as exactly `s`, or a
 * double-quoted one when plain would be misread. Less eager to quote than
 * `yamlString`: commas, `&` and apostrophes inside a block value are fine.
 * `inFlow` is true inside `[…]` / `{…}`, where `,[]{}` matter too.
 */
export function yamlScalar(s: string, inFlow = false): string {
  const plainOk =
    s !== '' &&
    !/[\r\n\t]/.test(s) &&
    !/^\s|\s$/.test(s) &&
    !/^[-?:,[\]{}#&*!|>'"%@`]/.test(s) &&
    !/:(\s|$)|\s#/.test(s) &&
    !(inFlow && /[,[\]{}]/.test(s)) &&
    !/^(?:true|false|null|~|[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?|0x[0-9a-f]+|0o[0-7]+|[-+]?\.(?:inf|nan))$/i.test(s);
  return plainOk ? s : JSON.stringify(s);
}

/**
 * An edit replacing a (non-empty) scalar's value with `s`, keeping the
 * author's quoting: a single-quoted value stays single-quoted, a
 * double-quoted one double-quoted, a plain one plain where YAML allows.
 * The range covers the quotes (see `writtenRange`).
 */
export function replaceScalar(paper: Paper, node: YNode, s: string, inFlow = false): TextEdit {
  const range = writtenRange(paper, node);
  let newText: string;
  if (node.kind === 'scalar' && node.style === 'single' && range.start < node.start) newText = `'${s.replace(/'/g, "''")}'`;
  else if (node.kind === 'scalar' && node.style === 'double' && range.start < node.start) newText = JSON.stringify(s);
  else newText = yamlScalar(s, inFlow);
  return { ...range, newText };
}
