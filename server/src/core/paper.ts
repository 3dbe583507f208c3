/**
 * The paper model: what a board paper says, with source offsets for
 * everything, built from remark (body, front-matter fence) and js-yaml
 * events (cover sheet). Pure and total: any text gives a model.
 *
 * Invariants:
 * - `text` is the document exactly as given (BOM included); every offset in
 *   the model indexes `text`.
 * - `frontmatter.root` is null whenever the YAML is absent or broken; the
 *   body model is built either way.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import { toString } from 'mdast-util-to-string';
import type { Root, RootContent, Heading, Nodes } from 'mdast';
import type { Point } from 'unist';
import { LineIndex, detectEol } from './text';
import { parseYaml, getPair, type YNode, type YMap, type YamlError } from './yaml';
import { boundedMarkdown } from './markdown-limits';
import type { OffsetRange } from './types';

// boundedMarkdown: any text parses in linear time (see markdown-limits.ts).
const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(boundedMarkdown);

export interface Frontmatter {
  /** The whole block, fences included. */
  block: OffsetRange;
  /** The YAML between the fences. */
  content: OffsetRange;
  root: YNode | null;
  error?: YamlError;
}

export interface Section {
  /** Heading text as written (without `## `). */
  heading: string;
  /** Lower case, no punctuation, no leading clause number: `recommendations`. */
  key: string;
  /** The whole `## …` line. */
  headingRange: OffsetRange;
  /** Just the heading words. */
  titleRange: OffsetRange;
  /** From the end of the heading line to the next level-2 heading (or end). */
  contentRange: OffsetRange;
  /** Top-level mdast nodes of the section's content. */
  nodes: RootContent[];
  /** Rendered words (HTML comments, list markers and clause numbers left out); counted on first read. */
  words: string[];
  /**
   * Set when this is not a level-2 section but where the template puts the
   * Recommendations instead (queries/recommendations.ts): a sub-heading
   * of the Executive summary, a labelled paragraph, a cover-sheet field or
   * the paragraph closing the Executive summary that asks the meeting to act.
   * Read only; never a place to insert.
   */
  place?: 'sub-section' | 'paragraph' | 'cover field' | 'summary';
}

export interface Directive {
  kind: 'disable' | 'enable' | 'disable-next-line';
  /** Rule ids; empty = every rule. */
  rules: string[];
  /** 0-based line of the comment. */
  line: number;
  range: OffsetRange;
}

export interface TextRun {
  start: number;
  value: string;
}

export interface Paper {
  text: string;
  lines: LineIndex;
  eol: string;
  /** Length of a leading BOM (0 or 1). */
  bom: number;
  frontmatter: Frontmatter | null;
  /** Opening `---` with no closing fence. */
  unterminatedFrontmatter: OffsetRange | null;
  /** The front-matter mapping (null when absent, broken or not a mapping). */
  cover: YMap | null;
  /** Offset where the body starts (after the front-matter). */
  bodyStart: number;
  mdast: Root;
  sections: Section[];
  directives: Directive[];
  /** Body prose, for acronyms: text nodes outside code. */
  textRuns: TextRun[];
  /** Where findings about the paper as a whole sit: the `title:` key, else line 1. */
  anchor: OffsetRange;
}

/** Front-matter says this is a board paper (FORMAT.md): `title` plus `meeting` or `agenda_item`. */
export function looksLikePaper(paper: Pick<Paper, 'cover' | 'frontmatter' | 'text'>): boolean {
  const c = paper.cover;
  if (!c) {
    // Broken YAML: judge by the keys written, so the author still sees why.
    const fm = paper.frontmatter;
    if (!fm?.error) return false;
    const raw = paper.text.slice(fm.content.start, fm.content.end);
    return /^title\s*:/m.test(raw) && /^(?:meeting|agenda_item)\s*:/m.test(raw);
  }
  return !!getPair(c, 'title') && (!!getPair(c, 'meeting') || !!getPair(c, 'agenda_item'));
}

export function normaliseHeading(s: string): string {
  return (
    s
      .toLowerCase()
      .replace(/&/g, ' and ')
      // Clause numbers, repeated as a web page may print them ("1. 1. Recommendation"), or one letter or Roman numeral.
      .replace(/^\s*(?:section\s+)?(?:(?:\d+(?:\.\d+)*[.)]?\s+)+|(?:[ivxlc]+|[a-z])[.)]?\s+)(?=\S)/, '')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
  );
}

const CLAUSE_NUMBER = /^\(?\d+(?:\.\d+)*[.)]?$/;
const HAS_WORD_CHAR = /[\p{L}\p{N}]/u;

export function countableWords(text: string): string[] {
  return text.split(/\s+/).filter((w) => w !== '' && HAS_WORD_CHAR.test(w) && !CLAUSE_NUMBER.test(w));
}

/**
 * Visit nodes depth-first, in document order, without recursion (a paper
 * may nest lists or quotes thousands deep). `visit` returns false to skip a
 * node's children.
 */
export function eachNode(roots: readonly Nodes[], visit: (n: Nodes) => boolean | void): void {
  const stack: Nodes[] = [...roots].reverse();
  while (stack.length) {
    const n = stack.pop()!;
    if (visit(n) === false) continue;
    if ('children' in n) {
      const kids = n.children as Nodes[];
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
    }
  }
}

/** Rendered text of nodes, leaving out HTML (comments) entirely. */
export function renderedText(nodes: readonly Nodes[]): string {
  const parts: string[] = [];
  eachNode(nodes, (n) => {
    if (n.type === 'html' || n.type === 'yaml') return false;
    if ('children' in n) parts.push(' ');
    else parts.push(toString(n));
  });
  return parts.join(' ');
}

const DIRECTIVE = /<!--\s*boardpaper-(disable-next-line|disable|enable)\b([^>]*?)-->/g;

export interface ParseOptions {
  /**
   * Reuse the sections this parser parsed for earlier versions of the same
   * document (the language server keeps one per open document).
   */
  parser?: IncrementalParser;
  /** Parse the body in one piece, never by section (the reference the section split is tested against). */
  whole?: boolean;
}

export function parsePaper(text: string, options: ParseOptions = {}): Paper {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const src = bom ? text.slice(1) : text;
  const lines = new LineIndex(text);
  let mdast: Root;
  let directives: Directive[];
  let textRuns: TextRun[];
  // A one-off parse goes by section only for long texts: below ~100 KB the
  // per-section overhead outweighs remark's superlinearity (15 KB: 10.1 ms by
  // section against 8.8 ms whole; 1 MB: 0.66 s against 0.99 s).
  const oneOff = !options.parser;
  const parser = options.whole ? undefined : (options.parser ?? (text.length >= SECTION_PARSE_FROM ? new IncrementalParser() : undefined));
  const chunked = parser ? parser.parseChunks(text, bom, lines, oneOff) : null;
  if (chunked) {
    ({ mdast, directives, textRuns } = chunked);
  } else {
    mdast = processor.parse(src) as Root;
    shiftPositions(mdast, bom);
    directives = findDirectives(mdast.children, lines);
    textRuns = collectText(mdast.children);
  }

  let frontmatter: Frontmatter | null = null;
  let unterminated: OffsetRange | null = null;
  const first = mdast.children[0];
  if (first && first.type === 'yaml' && first.position) {
    const blockStart = first.position.start.offset!;
    const blockEnd = first.position.end.offset!;
    const openLineEnd = lines.lineEnd(lines.lineOf(blockStart));
    const contentStart = Math.min(nextLineStart(text, openLineEnd), blockEnd);
    const closeLineStart = lines.lineStarts[lines.lineOf(blockEnd)]!;
    const contentEnd = Math.max(contentStart, closeLineStart);
    const content = text.slice(contentStart, contentEnd);
    const y = parseYaml(content, contentStart);
    frontmatter = { block: { start: blockStart, end: blockEnd }, content: { start: contentStart, end: contentEnd }, root: y.root, error: y.error };
  } else if (/^---[ \t]*(\r\n|\r|\n|$)/.test(src)) {
    unterminated = { start: bom, end: bom + 3 };
  }

  const cover = frontmatter?.root?.kind === 'map' ? frontmatter.root : null;
  const bodyStart = frontmatter ? nextLineStart(text, frontmatter.block.end) : bom;
  const titleKey = getPair(cover, 'title')?.key;
  const anchor: OffsetRange = titleKey
    ? { start: titleKey.start, end: titleKey.end }
    : (titleLineInBrokenYaml(text, frontmatter) ?? { start: bom, end: Math.max(bom, lines.lineEnd(0)) });

  return {
    text,
    lines,
    eol: detectEol(text),
    bom,
    frontmatter,
    unterminatedFrontmatter: unterminated,
    cover,
    bodyStart,
    mdast,
    sections: buildSections(text, mdast, lines),
    directives,
    textRuns,
    anchor,
  };
}

/** Broken YAML still has a `title:` line that findings about the paper can sit on. */
export function titleLineInBrokenYaml(text: string, fm: Frontmatter | null): OffsetRange | null {
  if (!fm || fm.root) return null;
  const m = /^title(?=\s*:)/m.exec(text.slice(fm.content.start, fm.content.end));
  return m ? { start: fm.content.start + m.index, end: fm.content.start + m.index + m[0].length } : null;
}

function nextLineStart(text: string, offset: number): number {
  let i = offset;
  if (text.charCodeAt(i) === 13) i++;
  if (text.charCodeAt(i) === 10) i++;
  return i;
}

function shiftPositions(tree: Root, by: number) {
  if (!by) return;
  eachNode([tree], (n) => {
    if (n.position) {
      if (n.position.start.offset !== undefined) n.position.start.offset += by;
      if (n.position.end.offset !== undefined) n.position.end.offset += by;
      if (n.position.start.line === 1) n.position.start.column += by;
      if (n.position.end.line === 1) n.position.end.column += by;
    }
  });
}

function buildSections(text: string, mdast: Root, lines: LineIndex): Section[] {
  const sections: Section[] = [];
  const kids = mdast.children;
  let current: Section | null = null;
  const close = (endOffset: number) => {
    if (!current) return;
    current.contentRange.end = Math.max(current.contentRange.start, endOffset);
    sections.push(current);
    current = null;
  };
  for (const node of kids) {
    if (node.type === 'heading' && node.depth === 2 && node.position) {
      close(node.position.start.offset!);
      const h = node as Heading;
      const start = h.position!.start.offset!;
      const end = h.position!.end.offset!;
      const heading = toString(h, { includeHtml: false }).trim();
      const firstChild = h.children[0]?.position?.start.offset ?? end;
      const lastChild = h.children.at(-1)?.position?.end.offset ?? end;
      current = {
        heading,
        key: normaliseHeading(heading),
        headingRange: { start, end },
        titleRange: { start: firstChild, end: Math.max(firstChild, lastChild) },
        contentRange: { start: Math.min(text.length, lines.lineEnd(lines.lineOf(end))), end: text.length },
        nodes: [],
        // Counted on first use: only a few sections are ever counted (docs/performance.md).
        get words(): string[] {
          const words = countableWords(renderedText(this.nodes));
          Object.defineProperty(this, 'words', { value: words, enumerable: true, writable: true });
          return words;
        },
      };
    } else if (current) {
      current.nodes.push(node);
    }
  }
  close(text.length);
  return sections;
}

function findDirectives(nodes: readonly Nodes[], lines: LineIndex): Directive[] {
  const out: Directive[] = [];
  eachNode(nodes, (n) => {
    if (n.type === 'html' && n.position && n.value.includes('boardpaper-')) {
      for (const m of n.value.matchAll(DIRECTIVE)) {
        const start = n.position.start.offset! + m.index!;
        out.push({
          kind: m[1] as Directive['kind'],
          rules: m[2]!.split(/[\s,]+/).filter(Boolean),
          line: lines.lineOf(start),
          range: { start, end: start + m[0].length },
        });
      }
    }
  });
  return out;
}

function collectText(nodes: readonly Nodes[]): TextRun[] {
  const runs: TextRun[] = [];
  eachNode(nodes, (n) => {
    if (n.type === 'code' || n.type === 'inlineCode' || n.type === 'html' || n.type === 'yaml') return false;
    if (n.type === 'text' && n.position) runs.push({ start: n.position.start.offset!, value: n.value });
  });
  return runs;
}

/** Find a section by any of several accepted headings. */
export function findSection(paper: Paper, headings: readonly string[]): Section | undefined {
  const keys = new Set(headings.map(normaliseHeading));
  return paper.sections.find((s) => keys.has(s.key));
}

// ---------------------------------------------------------------------------
// Parsing by level-2 section
//
// remark's cost grows faster than the text (1 MB parses at more than twice
// the cost per KB of 15 KB), and a keystroke changes one section. So the
// body is cut before every `## ` line at the start of a line, each piece
// ("chunk") is parsed alone and its positions are moved to where it sits;
// the chunks' top-level nodes, put side by side, are the whole parse's.
//
// That holds when nothing carries from one chunk into the next, which is
// checked, not assumed:
// - every chunk but the last is parsed with a sentinel `## s` line after it,
//   which must come out as a level-2 heading of the root: so at the cut the
//   whole parse is at the top level with no block open (no unclosed fence,
//   HTML block, comment, list or quote that would swallow the `## ` line).
//   A chunk that fails this is parsed again together with the next 1, 3,
//   7… chunks until it passes (or reaches the end): an author typing a fence
//   in a 1 MB paper costs the parse of the sections it swallows, not of all;
// - every chunk but the first must start with its level-2 heading, and the
//   first must hold the whole front-matter when the text opens with `---`
//   (front-matter is only recognised on line 1);
// - no chunk may hold a link reference definition: a definition anywhere
//   changes what `[text]` means everywhere. Then (and when the front-matter
//   is unterminated, or a check above fails) the text is parsed whole.
// After a top-level ATX heading micromark's block state is as fresh as at the
// start of a document, so the rest of a chunk parses alike either way. The
// property test (test/core/incremental.test.ts) compares the result with the
// whole parse after random edits.
//
// An IncrementalParser keeps the chunks of the last text it parsed, keyed by
// their text, so that the next version re-parses only the chunks whose text
// changed and moves the others (offsets, lines) to their new place.

const SENTINEL = '## s';
/** Text length and number of sections from which a one-off parsePaper goes by section. */
const SECTION_PARSE_FROM = 100_000;
const ONE_OFF_MIN_SECTIONS = 16;
const FRONTMATTER_FENCE = /^---[ \t]*(?:\r\n|\r|\n|$)/;

interface Chunk {
  text: string;
  /** Parsed with the sentinel after it (every chunk but the last). */
  sentinel: boolean;
  /** Where its positions put it: offset and 0-based line of its first character. */
  offset: number;
  line: number;
  children: RootContent[];
  start: Point;
  end: Point;
  /** The sentinel after it came out as a level-2 heading (or it is the last piece): nothing is left open. */
  closed: boolean;
  /** It starts as the whole parse would have it there (its heading; all of the front-matter). */
  ok: boolean;
  hasDefinition: boolean;
  directives: Directive[];
  textRuns: TextRun[];
}

export interface ChunkedParse {
  mdast: Root;
  directives: Directive[];
  textRuns: TextRun[];
}

/**
 * Parses successive versions of one document by section, re-parsing only
 * the sections whose text changed. The trees it returns share nodes from
 * one version to the next and reused nodes are moved in place: a caller
 * keeps only the latest Paper it got from this parser.
 */
export class IncrementalParser {
  private chunks: Chunk[] = [];
  /** What the last parse did (tests, traces). */
  readonly last = { parsed: 0, reused: 0, whole: false };

  /** The body's tree by chunks, or null when the text must be parsed whole. */
  parseChunks(text: string, bom: number, lines: LineIndex, oneOff = false): ChunkedParse | null {
    const starts = splitPoints(text, bom, lines);
    this.last.parsed = 0;
    this.last.reused = 0;
    this.last.whole = true;
    // Once only, a few big sections gain little and a section left open would
    // be parsed twice (a paper of 100 KB lines of `<!--`): parse whole.
    if (starts.length < (oneOff ? ONE_OFF_MIN_SECTIONS : 2)) {
      this.chunks = [];
      return null;
    }
    const byText = new Map<string, Chunk[]>();
    for (const c of this.chunks) {
      const key = chunkKey(c.text);
      const list = byText.get(key);
      if (list) list.push(c);
      else byText.set(key, [c]);
    }
    const used: Chunk[] = [];
    const cache: Chunk[] = [];
    let ok = true;
    for (let i = 0; i < starts.length;) {
      // A piece that leaves something open at its end (a fence or comment
      // being typed) is parsed together with the sections after it: 2, 4,
      // 8… of them, until it closes or reaches the end of the text (once
      // only: with all of them). The pieces that did not close are cached
      // too, so that the next keystroke finds out again without parsing them.
      let chunk: Chunk;
      let j = i;
      for (let span = 1; ; span = oneOff ? starts.length : span * 2) {
        j = Math.min(i + span, starts.length);
        chunk = this.chunkAt(text, starts, i, j, bom, lines, byText);
        cache.push(chunk);
        if (chunk.closed || j === starts.length) break;
      }
      used.push(chunk);
      if (!chunk.ok || !chunk.closed || chunk.hasDefinition) ok = false;
      i = j;
    }
    // Keep the previous version's unused pieces as well, up to the text's
    // size: closing a fence brings back the sections it had merged.
    let spare = text.length;
    for (const list of byText.values()) {
      for (const c of list) {
        if (c.text.length > spare) continue;
        spare -= c.text.length;
        cache.push(c);
      }
    }
    this.chunks = cache;
    if (!ok) return null;
    this.last.whole = false;
    const children = ([] as RootContent[]).concat(...used.map((c) => c.children));
    const directives = ([] as Directive[]).concat(...used.map((c) => c.directives));
    const textRuns = ([] as TextRun[]).concat(...used.map((c) => c.textRuns));
    const mdast: Root = { type: 'root', children, position: { start: { ...used[0]!.start }, end: { ...used.at(-1)!.end } } };
    return { mdast, directives, textRuns };
  }

  /** The piece from split point `i` to split point `j` (or the end): kept from before, moved, or parsed. */
  private chunkAt(text: string, starts: number[], i: number, j: number, bom: number, lines: LineIndex, byText: Map<string, Chunk[]>): Chunk {
    const offset = starts[i]!;
    const end = j < starts.length ? starts[j]! : text.length;
    const chunkText = text.slice(offset, end);
    const sentinel = j < starts.length;
    const line = i === 0 ? 0 : lines.lineOf(offset);
    const list = byText.get(chunkKey(chunkText));
    const at = list ? list.findIndex((c) => c.text === chunkText && c.sentinel === sentinel && (i === 0) === (c.offset === bom && c.line === 0)) : -1;
    if (at >= 0) {
      const chunk = list!.splice(at, 1)[0]!;
      moveChunk(chunk, offset, line);
      this.last.reused++;
      return chunk;
    }
    this.last.parsed++;
    return parseChunk(chunkText, sentinel, i, offset, line, bom, lines);
  }
}

/**
 * What the cache is keyed by: length and ends of a piece's text, so that a
 * look-up hashes some 70 characters, not the whole document; the text itself
 * is then compared.
 */
function chunkKey(text: string): string {
  return text.length > 64 ? `${text.length}|${text.slice(0, 32)}|${text.slice(-32)}` : text;
}

/** Offsets where chunks start: the body's start, then every `## ` line after the front-matter. */
function splitPoints(text: string, bom: number, lines: LineIndex): number[] {
  const starts = [bom];
  const ls = lines.lineStarts;
  let line = 1;
  if (FRONTMATTER_FENCE.test(bom ? text.slice(bom, bom + 8) : text.slice(0, 8))) {
    // Cut nowhere inside the front-matter (a YAML comment may read `## …`).
    for (; line < ls.length; line++) if (isFenceLine(text, ls[line]!)) break;
    if (line >= ls.length) return starts; // unterminated: parse whole
    line++;
  }
  for (; line < ls.length; line++) {
    const s = ls[line]!;
    if (text.charCodeAt(s) !== 35 || text.charCodeAt(s + 1) !== 35) continue;
    const c = text.charCodeAt(s + 2);
    if (c === 32 || c === 9 || c === 10 || c === 13 || Number.isNaN(c)) starts.push(s);
  }
  return starts;
}

function isFenceLine(text: string, s: number): boolean {
  if (text.charCodeAt(s) !== 45 || text.charCodeAt(s + 1) !== 45 || text.charCodeAt(s + 2) !== 45) return false;
  let i = s + 3;
  while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
  const c = text.charCodeAt(i);
  return c === 10 || c === 13 || Number.isNaN(c);
}

function parseChunk(slice: string, sentinel: boolean, index: number, offset: number, line: number, bom: number, lines: LineIndex): Chunk {
  // `slice` is a view into the whole document: kept in the cache (and in the
  // nodes' values, which remark slices out of its input), it would keep that
  // version of the whole document alive, one per section edited. Parse a copy
  // of the section instead: the concatenation is flattened into a new string
  // of the section's size (and a slice of a concatenation flattens it first).
  const own = slice + SENTINEL;
  const text = own.slice(0, slice.length);
  const root = processor.parse(sentinel ? own : text) as Root;
  const kids = root.children;
  let ok = true;
  let closed = true;
  if (sentinel) {
    const last = kids.at(-1);
    if (last && last.type === 'heading' && last.depth === 2 && last.position?.start.offset === text.length) kids.pop();
    else closed = false;
  }
  if (index > 0) {
    const first = kids[0];
    ok &&= !!first && first.type === 'heading' && first.depth === 2 && first.position?.start.offset === 0;
  } else if (FRONTMATTER_FENCE.test(text.slice(0, 8))) {
    ok &&= kids[0]?.type === 'yaml';
  }
  const start = root.position?.start ?? { line: 1, column: 1, offset: 0 };
  // Only the last chunk's end is used (the root's end); the others' would be the sentinel's.
  const end = root.position?.end ?? { line: 1, column: 1, offset: 0 };
  const chunk: Chunk = {
    text,
    sentinel,
    offset: 0,
    line: 0,
    children: kids,
    start: { ...start },
    end: { ...end },
    closed,
    ok,
    hasDefinition: false,
    directives: [],
    textRuns: [],
  };
  // Parsed at offset 0, line 1: move to where it sits (the BOM moves line 1's columns, as in the whole parse).
  shiftNodes(kids, offset, line, index === 0 ? bom : 0);
  shiftPoint(chunk.start, offset, line, index === 0 ? bom : 0);
  shiftPoint(chunk.end, offset, line, index === 0 ? bom : 0);
  chunk.offset = offset;
  chunk.line = line;
  chunk.directives = findDirectives(kids, lines);
  chunk.textRuns = collectText(kids);
  eachNode(kids, (n) => {
    if (n.type === 'definition') chunk.hasDefinition = true;
    return !chunk.hasDefinition;
  });
  return chunk;
}

function moveChunk(c: Chunk, offset: number, line: number) {
  const dOffset = offset - c.offset;
  const dLine = line - c.line;
  if (!dOffset && !dLine) return;
  shiftNodes(c.children, dOffset, dLine, 0);
  shiftPoint(c.start, dOffset, dLine, 0);
  shiftPoint(c.end, dOffset, dLine, 0);
  for (const d of c.directives) {
    d.range.start += dOffset;
    d.range.end += dOffset;
    d.line += dLine;
  }
  for (const r of c.textRuns) r.start += dOffset;
  c.offset = offset;
  c.line = line;
}

function shiftPoint(p: Point, dOffset: number, dLine: number, line1Columns: number) {
  if (p.line === 1) p.column += line1Columns;
  if (p.offset !== undefined) p.offset += dOffset;
  p.line += dLine;
}

function shiftNodes(nodes: readonly Nodes[], dOffset: number, dLine: number, line1Columns: number) {
  eachNode(nodes, (n) => {
    const p = n.position;
    if (p) {
      shiftPoint(p.start, dOffset, dLine, line1Columns);
      shiftPoint(p.end, dOffset, dLine, line1Columns);
    }
  });
}
