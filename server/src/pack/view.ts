/**
 * What one part of the pack shows: the only input of the HTML and PDF
 * renderers.
 *
 * This is the confidentiality boundary. The public view is built from the
 * public papers alone plus, for each confidential paper, its agenda item and
 * confidential_reason; no other field, no body, no file name and no finding of
 * a confidential paper is ever copied into it, so no renderer can leak one
 * (not in text, links, ids, comments, PDF metadata or outline).
 */
import * as path from 'node:path';
import type { Root as MdRoot } from 'mdast';
import { bodyTreeFrom } from '../render/markdown';
import { longDate, type CoverSheetModel } from '../render/cover';
import type { Collected, PackPaper } from './collect';

export type Part = 'public' | 'private';

export interface PaperEntry {
  /** `item-3`: by position, never from the file name or title. */
  anchor: string;
  part: 1 | 2;
  cover: CoverSheetModel;
  /** The body (GFM mdast, front-matter removed), built on first use from the analysis tree (bodyTreeFrom). */
  readonly tree: MdRoot;
  /** The paper's folder, to find the images it references. */
  paperDir: string;
}

export type AgendaRow =
  | { kind: 'paper'; entry: PaperEntry }
  | { kind: 'withheld'; item: string; reason?: string };

export interface FindingLine {
  line: number;
  severity: 'error' | 'warning';
  rule: string;
  message: string;
}

export interface PaperCheck {
  item: string;
  title: string;
  part: 1 | 2;
  errors: number;
  warnings: number;
  /** Rule ids (public and private). */
  rules: string[];
  /** Private pack only: the file and every finding. */
  file?: string;
  details?: FindingLine[];
}

export interface PackView {
  part: Part;
  organisation: string;
  meeting: string;
  /** As given: `2024-06-18`. */
  date: string;
  /** `Tuesday 18 June 2024`. */
  dateLong: string;
  /** Document title (HTML <title>, PDF metadata). */
  title: string;
  part1: AgendaRow[];
  part2: AgendaRow[];
  /** Papers in pack order (Part 1, then Part 2 in the private pack). */
  papers: PaperEntry[];
  checks: PaperCheck[];
  notes: string[];
  /** The pack's folder: images must be inside it. */
  root: string;
}

/** `Item 10.2 — confidential (Section 43 FOI Act)`: all the public pack says of a Part 2 paper. */
export function withheldText(row: { item: string; reason?: string }): string {
  return `Item ${row.item || '(no number)'} — confidential${row.reason ? ` (${row.reason})` : ''}`;
}

function check(p: PackPaper, part: 1 | 2, full: boolean): PaperCheck | null {
  const shown = p.findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
  if (!shown.length) return null;
  const c: PaperCheck = {
    item: p.item,
    title: p.cover.title,
    part,
    errors: p.errors,
    warnings: p.warnings,
    rules: [...new Set(shown.map((f) => f.rule))],
  };
  if (full) {
    c.file = p.file;
    c.details = shown.map((f) => ({ line: p.paper.lines.lineOf(f.range.start) + 1, severity: f.severity as 'error' | 'warning', rule: f.rule, message: f.message }));
  }
  return c;
}

const sources = new WeakMap<PaperEntry, PackPaper>();

/** The collected paper an entry of a view shows (for build.ts to hand its text to the render workers; not part of the view). */
export function entrySource(entry: PaperEntry): PackPaper | undefined {
  return sources.get(entry);
}

export function packView(c: Collected, part: Part): PackView {
  const isPrivate = part === 'private';
  const papers: PaperEntry[] = [];
  const part1: AgendaRow[] = [];
  const part2: AgendaRow[] = [];
  const checks: PaperCheck[] = [];
  for (const p of c.papers) {
    if (p.confidential && !isPrivate) {
      part2.push({ kind: 'withheld', item: p.item, reason: p.cover.confidential === true ? p.cover.confidentialReason : undefined });
      continue;
    }
    const n: 1 | 2 = p.confidential ? 2 : 1;
    // The body is parsed when a renderer first asks for it (the HTML pack may
    // have had it rendered by its workers already: build.ts), re-using the
    // blocks of the analysis's CommonMark tree that GFM cannot change.
    const text = p.text;
    const plain = p.paper.mdast;
    let tree: MdRoot | undefined;
    const entry: PaperEntry = {
      anchor: `item-${papers.length + 1}`,
      part: n,
      cover: p.cover,
      get tree() {
        return (tree ??= bodyTreeFrom(text, plain));
      },
      paperDir: path.dirname(path.resolve(p.file)),
    };
    sources.set(entry, p);
    papers.push(entry);
    (n === 1 ? part1 : part2).push({ kind: 'paper', entry });
    const ch = check(p, n, isPrivate);
    if (ch) checks.push(ch);
  }
  const notes = c.warnings.map((w) => (isPrivate ? w.message : w.publicMessage)).filter((s): s is string => !!s);
  const dateLong = longDate(c.date, true);
  return {
    part,
    organisation: c.profile.organisation,
    meeting: c.meeting,
    date: c.date,
    dateLong,
    title: `${c.meeting}, ${longDate(c.date)}: agenda pack (${isPrivate ? 'private: Parts 1 and 2' : 'public'})`,
    part1,
    part2,
    papers,
    checks,
    notes,
    root: path.resolve(c.folder),
  };
}
