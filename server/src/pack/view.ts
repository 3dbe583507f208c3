/**
 * What one part of the pack shows: the only input of the HTML and PDF
 * renderers.
 *
 * This is the confidentiality boundary. The public view is built from the
 * Part 1 items alone (papers, documents, verbal items, standing items) plus,
 * for each Part 2 item, its number, its time and a paper's
 * confidential_reason; no other field, no agenda title or presenter, no body,
 * no file name and no finding of a Part 2 item is ever copied into it, so no
 * renderer can leak one (not in text, links, ids, comments, PDF metadata or
 * outline). A final pack's view has no findings at all (`draft` only).
 */
import * as path from 'node:path';
import type { Root as MdRoot } from 'mdast';
import { bodyTree, bodyTreeFrom } from '../render/markdown';
import { longDate, type CoverSheetModel } from '../render/cover';
import type { Collected, PackPaper } from './collect';

export type Part = 'public' | 'private';

export interface PaperEntry {
  /** `item-3`: by position, never from the file name or title. */
  anchor: string;
  part: 1 | 2;
  /** `paper`: cover sheet then body; `document` (minutes, action log): the Markdown as it is, under its agenda title. */
  kind: 'paper' | 'document';
  cover: CoverSheetModel;
  /** The body (GFM mdast, front-matter removed), built on first use from the analysis tree (bodyTreeFrom). */
  readonly tree: MdRoot;
  /** The paper's folder, to find the images it references. */
  paperDir: string;
}

/** How the agenda shows an item: verbal, presentation, a paper or a document; `standing`: from the profile, no number. */
export type ItemKind = 'paper' | 'verbal' | 'presentation' | 'document';

export type AgendaRow =
  /** A paper (or document) in this pack; `time` and `presenter` from the agenda file when it has them. */
  | { kind: 'paper'; entry: PaperEntry; time?: string; presenter?: string }
  /** A Part 2 item in the public pack: its number and reason, nothing else. */
  | { kind: 'withheld'; item: string; reason?: string; time?: string }
  /** An item with nothing in the pack: verbal, presentation, a standing item, or a paper to follow (draft). */
  | {
      kind: 'item';
      item: string;
      title: string;
      itemKind: ItemKind;
      time?: string;
      presenter?: string;
      purpose?: string;
      standing?: boolean;
      toFollow?: boolean;
    };

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
  /** Read before Part 2 (the profile's part2_resolution); shown before the Part 2 band. Public text. */
  resolution?: string;
  /** A draft: the findings page and DRAFT on every page. A final pack (the default) has no findings anywhere. */
  draft: boolean;
  /** Papers in pack order (Part 1, then Part 2 in the private pack). */
  papers: PaperEntry[];
  /** Draft packs only (empty in a final pack): the papers' findings. */
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
    c.details = shown.map((f) => ({
      line: p.paper.lines.lineOf(f.range.start) + 1,
      severity: f.severity as 'error' | 'warning',
      rule: f.rule,
      message: f.message,
    }));
  }
  return c;
}

const sources = new WeakMap<PaperEntry, { file: string; text: string }>();

/** The file and text an entry of a view shows (for build.ts to hand to the render workers; not part of the view). */
export function entrySource(entry: PaperEntry): { file: string; text: string } | undefined {
  return sources.get(entry);
}

/** A document item (minutes, action log) has no cover sheet: the agenda's number and title stand in for it. */
function documentCover(c: Collected, item: string, title: string): CoverSheetModel {
  return {
    organisation: c.profile.organisation,
    meeting: c.meeting,
    date: c.date,
    dateLong: longDate(c.date),
    title,
    agendaItem: item,
    objectives: [],
    implications: [],
    riskItems: [],
    history: [],
    impacts: [],
  };
}

export interface ViewOptions {
  /** A draft pack: findings page, DRAFT on every page. */
  draft?: boolean;
}

export function packView(c: Collected, part: Part, options: ViewOptions = {}): PackView {
  const draft = !!options.draft;
  const isPrivate = part === 'private';
  const papers: PaperEntry[] = [];
  const part1: AgendaRow[] = [];
  const part2: AgendaRow[] = [];
  const checks: PaperCheck[] = [];
  const entryFor = (part: 1 | 2, kind: 'paper' | 'document', cover: CoverSheetModel, text: string, file: string, build: () => MdRoot): PaperEntry => {
    let tree: MdRoot | undefined;
    const entry: PaperEntry = {
      anchor: `item-${papers.length + 1}`,
      part,
      kind,
      cover,
      get tree() {
        return (tree ??= build());
      },
      paperDir: path.dirname(path.resolve(file)),
    };
    sources.set(entry, { file, text });
    papers.push(entry);
    return entry;
  };
  for (const it of c.items) {
    const p = it.paper;
    const n: 1 | 2 = it.part;
    const rows = n === 1 ? part1 : part2;
    if (n === 2 && !isPrivate) {
      // All the public pack says of a Part 2 item: its number, time, and a paper's confidential_reason.
      rows.push({ kind: 'withheld', item: it.item, time: it.time, reason: p?.cover.confidential === true ? p.cover.confidentialReason : undefined });
      continue;
    }
    if (p) {
      // The body is parsed when a renderer first asks for it (the HTML pack may
      // have had it rendered by its workers already: build.ts), re-using the
      // blocks of the analysis's CommonMark tree that GFM cannot change.
      const text = p.text;
      const plain = p.paper.mdast;
      const entry = entryFor(n, 'paper', p.cover, text, p.file, () => bodyTreeFrom(text, plain));
      rows.push({ kind: 'paper', entry, time: it.time, presenter: p.cover.presentedBy ? undefined : it.presenter });
      // A final pack carries no lint: the findings are computed for a draft only.
      const ch = draft ? check(p, n, isPrivate) : null;
      if (ch) checks.push(ch);
      continue;
    }
    if (it.document) {
      const doc = it.document;
      const cover = documentCover(c, it.item, it.title);
      const entry = entryFor(n, 'document', cover, doc.text, doc.file, () => bodyTree(doc.text));
      rows.push({ kind: 'paper', entry, time: it.time, presenter: it.presenter });
      continue;
    }
    rows.push({
      kind: 'item',
      item: it.item,
      title: it.title,
      itemKind: it.kind,
      time: it.time,
      presenter: it.presenter,
      purpose: it.purpose,
      standing: it.standing,
      toFollow: it.missing,
    });
  }
  const notes = c.warnings.map((w) => (isPrivate ? w.message : w.publicMessage)).filter((s): s is string => !!s);
  const dateLong = longDate(c.date, true);
  return {
    part,
    organisation: c.profile.organisation,
    meeting: c.meeting,
    date: c.date,
    dateLong,
    title: `${c.meeting}, ${longDate(c.date)}: agenda pack (${isPrivate ? 'private: Parts 1 and 2' : 'public'})${draft ? ' DRAFT' : ''}`,
    part1,
    part2,
    resolution: part2.length ? c.resolution : undefined,
    papers,
    draft,
    checks,
    notes,
    root: path.resolve(c.folder),
  };
}
