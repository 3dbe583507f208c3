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
  /** Rendered words (HTML comments, list markers and clause numbers left out). */
  words: string[];
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
export function looksLikePaper(paper: Paper): boolean {
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
  return s
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/^\s*(?:section\s+)?(?:\d+(?:\.\d+)*|[ivxlc]+|[a-z])[.)]?\s+(?=\S)/, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
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

export function parsePaper(text: string): Paper {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const src = bom ? text.slice(1) : text;
  const lines = new LineIndex(text);
  const mdast = processor.parse(src) as Root;
  shiftPositions(mdast, bom);

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
    : titleLineInBrokenYaml(text, frontmatter) ?? { start: bom, end: Math.max(bom, lines.lineEnd(0)) };

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
    directives: findDirectives(mdast, lines),
    textRuns: collectText(mdast),
    anchor,
  };
}

/** Broken YAML still has a `title:` line that findings about the paper can sit on. */
function titleLineInBrokenYaml(text: string, fm: Frontmatter | null): OffsetRange | null {
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
    current.words = countableWords(renderedText(current.nodes));
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
        words: [],
      };
    } else if (current) {
      current.nodes.push(node);
    }
  }
  close(text.length);
  return sections;
}

function findDirectives(mdast: Root, lines: LineIndex): Directive[] {
  const out: Directive[] = [];
  eachNode([mdast], (n) => {
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

function collectText(mdast: Root): TextRun[] {
  const runs: TextRun[] = [];
  eachNode([mdast], (n) => {
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
