/**
 * A paper's cover-sheet facts: what the workspace needs to know about papers
 * nobody has open (meeting, date, agenda item, committee history, title,
 * confidentiality, where paper-wide findings sit), read from the front-matter
 * alone — no remark, no rules. Pure and total, like the rest of the core.
 *
 * Two ways in, one answer:
 * - `coverSheetOf(paper)` takes the facts from a full paper model (open
 *   documents, the CLI);
 * - `readCoverSheet(text)` finds the front-matter fences itself, exactly as
 *   remark-frontmatter does, and parses only the YAML between them (the
 *   language server's workspace index: 1,000 papers in a fraction of the time
 *   and memory of analysing them).
 * Both build the facts with the same code (`factsOf`), and a test checks that
 * they agree for every fixture and example paper and for generated
 * front-matter shapes (test/core/cover-sheet.test.ts).
 *
 * What is deliberately not here: findings, and the body's
 * `boardpaper-disable` comments. Finding them exactly takes the Markdown
 * parse (a comment inside a code block is not a directive), and no consumer
 * of unopened papers needs them: the across-papers check only reports on
 * papers that are open (which have their full model), see core/across.ts.
 *
 * `readCoverSheet`'s result holds no reference to the text it was read from
 * (V8 keeps a whole string alive for any substring of it), so a workspace
 * index of cover sheets does not keep the papers' text in memory.
 */
import { looksLikePaper, titleLineInBrokenYaml, type Frontmatter, type Paper } from './paper';
import { isRealDate } from './profile';
import type { OffsetRange } from './types';
import { getNode, getPair, parseYaml, scalarText, type YMap, type YNode } from './yaml';

export interface CoverHistoryEntry {
  meeting?: string;
  date?: string;
  outcome?: string;
}

export interface CoverSheet {
  /** Front-matter says this is a board paper (FORMAT.md; `looksLikePaper`). */
  looksLikePaper: boolean;
  /** `title`, as written (trimmed). */
  title?: string;
  /** `meeting` as written (trimmed; aliases not resolved). */
  meeting?: string;
  /** `date` as written (trimmed), valid or not. */
  date?: string;
  /** `date` when it is a real YYYY-MM-DD date (as `meetingDateOf`). */
  meetingDate?: string;
  /** `agenda_item` as written (trimmed): quoted "10" and plain 10 are the same. */
  agendaItem?: string;
  /** `presented_by` as written (trimmed). */
  presentedBy?: string;
  /** `purpose` as written (trimmed). */
  purpose?: string;
  /** `confidential` when it is a boolean; null when missing or anything else. */
  confidential: boolean | null;
  /** `committee_history` entries, in order (empty when absent or not a list). */
  history: CoverHistoryEntry[];
  /** Where findings about the paper as a whole sit (`Paper.anchor`). */
  anchor: OffsetRange;
}

const text = (node: YNode | undefined): string | undefined => scalarText(node)?.trim() || undefined;

/**
 * A committee history box answered "none" ("N/A", "None", "Not applicable",
 * "Not previously considered", "Nil"): the paper has not been discussed
 * before, the same as `committee_history: []`. Templates print the box and
 * authors answer it in words; the Word import and field-type read it so.
 */
export function saysNotDiscussedBefore(answer: string): boolean {
  return /^(none|n\/a|na|not applicable|nil|no|none to date|not previously (?:considered|discussed)|-|–)\.?$/i.test(answer.trim());
}

/** The facts, from the front-matter mapping (null when absent or broken). */
function factsOf(cover: YMap | null, isPaper: boolean, anchor: OffsetRange): CoverSheet {
  const out: CoverSheet = { looksLikePaper: isPaper, confidential: null, history: [], anchor: { start: anchor.start, end: anchor.end } };
  const title = text(getNode(cover, 'title'));
  if (title !== undefined) out.title = title;
  const meeting = text(getNode(cover, 'meeting'));
  if (meeting !== undefined) out.meeting = meeting;
  const dateNode = getNode(cover, 'date');
  const date = text(dateNode);
  if (date !== undefined) out.date = date;
  const raw = scalarText(dateNode);
  if (raw && isRealDate(raw)) out.meetingDate = raw;
  const item = text(getNode(cover, 'agenda_item'));
  if (item !== undefined) out.agendaItem = item;
  const presenter = text(getNode(cover, 'presented_by'));
  if (presenter !== undefined) out.presentedBy = presenter;
  const purpose = text(getNode(cover, 'purpose'));
  if (purpose !== undefined) out.purpose = purpose;
  const conf = getNode(cover, 'confidential');
  if (conf?.kind === 'scalar' && typeof conf.value === 'boolean') out.confidential = conf.value;
  const h = getNode(cover, 'committee_history');
  if (h?.kind === 'seq') {
    for (const entry of h.items) {
      const e: CoverHistoryEntry = {};
      const m = text(getNode(entry, 'meeting'));
      if (m !== undefined) e.meeting = m;
      const d = text(getNode(entry, 'date'));
      if (d !== undefined) e.date = d;
      const o = text(getNode(entry, 'outcome'));
      if (o !== undefined) e.outcome = o;
      out.history.push(e);
    }
  }
  return out;
}

const fromModel = new WeakMap<Paper, CoverSheet>();

/** The cover-sheet facts of a parsed paper (cached per model). */
export function coverSheetOf(paper: Paper): CoverSheet {
  let c = fromModel.get(paper);
  if (!c) {
    c = factsOf(paper.cover, looksLikePaper(paper), paper.anchor);
    fromModel.set(paper, c);
  }
  return c;
}

/**
 * The cover-sheet facts of a paper's text, reading only its front-matter.
 * Equal to `coverSheetOf(parsePaper(text))`.
 */
export function readCoverSheet(source: string): CoverSheet {
  const bom = source.charCodeAt(0) === 0xfeff ? 1 : 0;
  let frontmatter: Frontmatter | null = null;
  const block = frontmatterBlock(source, bom);
  if (block) {
    // The same arithmetic as parsePaper, on the same offsets.
    const openLineEnd = lineEndAt(source, block.start);
    const contentStart = Math.min(nextLineStart(source, openLineEnd), block.end);
    const contentEnd = Math.max(contentStart, lineStartAt(source, block.end));
    const y = parseYaml(source.slice(contentStart, contentEnd), contentStart);
    frontmatter = { block, content: { start: contentStart, end: contentEnd }, root: y.root, error: y.error };
  }
  const cover = frontmatter?.root?.kind === 'map' ? frontmatter.root : null;
  const titleKey = getPair(cover, 'title')?.key;
  const anchor: OffsetRange = titleKey
    ? { start: titleKey.start, end: titleKey.end }
    : (titleLineInBrokenYaml(source, frontmatter) ?? { start: bom, end: Math.max(bom, lineEndAt(source, 0)) });
  const facts = factsOf(cover, looksLikePaper({ cover, frontmatter, text: source }), anchor);
  // A deep copy made of fresh strings: nothing in it points into `source`.
  return JSON.parse(JSON.stringify(facts)) as CoverSheet;
}

const isEol = (c: number) => c === 10 || c === 13;
const isSpace = (c: number) => c === 32 || c === 9;

/**
 * The front-matter block (fences included) as micromark-extension-frontmatter
 * tokenises it for remark-frontmatter: `---` at the very start (after a
 * BOM), optional spaces or tabs, a line ending; then lines up to the first
 * one that is `---` plus optional spaces or tabs, ending at a line ending or
 * the end of the text. No closing fence: no front-matter. The block ends
 * after the closing fence's trailing whitespace (the mdast `yaml` node's end).
 */
export function frontmatterBlock(source: string, from = 0): OffsetRange | null {
  const fence = (at: number): number => {
    // Offset after `---` and its trailing blanks, or -1.
    if (source.charCodeAt(at) !== 45 || source.charCodeAt(at + 1) !== 45 || source.charCodeAt(at + 2) !== 45) return -1;
    let i = at + 3;
    while (isSpace(source.charCodeAt(i))) i++;
    return i;
  };
  const open = fence(from);
  if (open < 0 || !isEol(source.charCodeAt(open))) return null;
  let i = open;
  const n = source.length;
  for (;;) {
    // At a line ending: step over it (CRLF is one).
    i += source.charCodeAt(i) === 13 && source.charCodeAt(i + 1) === 10 ? 2 : 1;
    const close = fence(i);
    if (close >= 0 && (close === n || isEol(source.charCodeAt(close)))) return { start: from, end: close };
    while (i < n && !isEol(source.charCodeAt(i))) i++;
    if (i >= n) return null;
  }
}

/** Offset just before the line break of the line holding `offset` (LineIndex.lineEnd). */
function lineEndAt(source: string, offset: number): number {
  let i = offset;
  while (i < source.length && !isEol(source.charCodeAt(i))) i++;
  return i;
}

/** Offset where the line holding `offset` starts (LineIndex.lineStarts[lineOf]). */
function lineStartAt(source: string, offset: number): number {
  let i = Math.min(offset, source.length);
  while (i > 0 && !isEol(source.charCodeAt(i - 1))) i--;
  return i;
}

function nextLineStart(source: string, offset: number): number {
  let i = offset;
  if (source.charCodeAt(i) === 13) i++;
  if (source.charCodeAt(i) === 10) i++;
  return i;
}
