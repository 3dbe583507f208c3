/**
 * Bounds on the Markdown parser, so that any text gives a result in time
 * linear in its length.
 *
 * micromark (under remark-parse) is super-linear on two kinds of input that
 * no author writes on purpose but a paste can produce:
 *
 * - Inline markers in one paragraph. Emphasis (`*`, `_`) and links (`[`,
 *   `]`, `![`) are resolved per paragraph by walking back over, and splicing,
 *   the paragraph's whole event list for every marker: 100 KB of `*a` takes
 *   about 100 s, 100 KB of `[a](` or `[a][b]` several seconds.
 * - Containers nested deep. A line in a list nested d deep costs d at every
 *   list around it: a list nested 1,000 deep by indentation (1 MB) takes
 *   about a minute; `1. ` 13,000 times on one line about as long.
 *
 * Measured on micromark 4.0.3 (the latest), with the profile in remark
 * alone (`resolveAllAttention`, `splice`, `resolveAllText`, `prepareList`):
 * none of it is our code. The bounds, each far beyond any real paper:
 *
 * - A run of non-blank lines (paragraphs never cross a blank line) with more
 *   than MAX_INLINE_MARKERS emphasis, strikethrough or link markers is read with those
 *   markers as plain text: its words, acronyms and comments are all still
 *   there, only emphasis and links are not built.
 * - On a line where the nesting could exceed MAX_CONTAINER_DEPTH, no further
 *   list item or block quote starts: what follows is text of the deepest
 *   container (a paragraph line), so no word is lost.
 *
 * Nothing changes for a paper under the bounds (the robustness tests compare
 * the trees of every fixture and example with and without them). When a
 * bound applies, the ranges are recorded on the tree's root as
 * `data.markdownLimits`.
 *
 * This is configuration of micromark (one construct that reads a marker as
 * text, and the list and block-quote constructs refusing to start past the
 * depth), not a Markdown parser: the pre-scan only counts characters.
 */
import type { Root } from 'mdast';
import type { Plugin } from 'unified';
import { blockQuote } from 'micromark-core-commonmark';
import type { OffsetRange } from './types';

type Construct = typeof blockQuote;
type Tokenizer = NonNullable<Construct['tokenize']>;

/** Emphasis and link markers allowed in one run of non-blank lines. */
export const MAX_INLINE_MARKERS = 1000;
/** List and block-quote nesting allowed on one line. */
export const MAX_CONTAINER_DEPTH = 32;

export interface MarkdownLimits {
  /** Runs of lines whose emphasis and link markers are read as plain text. */
  plainInline: OffsetRange[];
  /** From a container marker to the end of its line: no list item or block quote starts here. */
  noContainers: OffsetRange[];
}

const isBlank = (c: number) => c === 32 || c === 9;
const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * Where `src` needs a bound (empty lists for any ordinary paper). One pass,
 * counting characters:
 * - per run of non-blank lines, the `*`, `_`, `[`, `]` and `~` (an over-count:
 *   intraword `_`, brackets in code);
 * - per line, an upper bound on its nesting depth. A line first continues
 *   open containers (a `>`, or at least two columns of indentation for a
 *   list item), then starts new ones (each a marker: `>`, `-`, `*`, `+`,
 *   `1.`, `1)`), so depth <= markers + columns / 2, not counting the spaces
 *   a marker owns (all after a list marker, one after a `>`; tabs as 4).
 */
export function markdownLimits(src: string): MarkdownLimits {
  const plainInline: OffsetRange[] = [];
  const noContainers: OffsetRange[] = [];
  const n = src.length;
  let runStart = -1;
  let runEnd = 0;
  let markers = 0;
  let i = 0;
  while (i <= n) {
    // One line: [i, end)
    let end = i;
    let inline = 0;
    let blank = true;
    for (; end < n; end++) {
      const c = src.charCodeAt(end);
      if (c === 10 || c === 13) break;
      if (c === 42 || c === 95 || c === 91 || c === 93 || c === 126) inline++;
      if (blank && !isBlank(c)) blank = false;
    }
    if (blank) {
      if (runStart !== -1 && markers > MAX_INLINE_MARKERS) plainInline.push({ start: runStart, end: runEnd });
      runStart = -1;
      markers = 0;
    } else {
      if (runStart === -1) runStart = i;
      runEnd = end;
      markers += inline;
      const cut = depthCut(src, i, end);
      if (cut !== -1) noContainers.push({ start: cut, end });
    }
    if (end >= n) break;
    i = end + (src.charCodeAt(end) === 13 && src.charCodeAt(end + 1) === 10 ? 2 : 1);
  }
  if (runStart !== -1 && markers > MAX_INLINE_MARKERS) plainInline.push({ start: runStart, end: runEnd });
  return { plainInline, noContainers };
}

/** The offset of the first container marker on the line [start, end) past the depth bound, or -1. */
function depthCut(src: string, start: number, end: number): number {
  let cols = 0;
  let markers = 0;
  // Spaces after a list marker are its own (the item's content offset); one after a `>` is the quote's.
  let own = 0;
  let i = start;
  while (i < end) {
    const c = src.charCodeAt(i);
    if (c === 32 || c === 9) {
      const w = c === 9 ? 4 : 1;
      if (own > 0) own = Math.max(0, own - w);
      else cols += w;
      i++;
      continue;
    }
    let next: number;
    if (c === 62 /* > */) next = i + 1;
    else if (c === 42 || c === 43 || c === 45) next = i + 1;
    else if (isDigit(c)) {
      let j = i;
      while (j < end && j - i < 10 && isDigit(src.charCodeAt(j))) j++;
      const d = src.charCodeAt(j);
      if (d !== 46 && d !== 41) return -1;
      next = j + 1;
    } else return -1;
    // A list marker is one only when followed by a space, a tab or the line end.
    if (c !== 62 && next < end && !isBlank(src.charCodeAt(next))) return -1;
    markers++;
    if (markers + (cols >> 1) > MAX_CONTAINER_DEPTH) return i;
    own = c === 62 ? 1 : Number.POSITIVE_INFINITY;
    i = next;
  }
  return -1;
}

/** Is `offset` inside one of the sorted, disjoint `ranges`? */
function inRanges(ranges: readonly OffsetRange[], offset: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = ranges[mid]!;
    if (offset < r.start) hi = mid - 1;
    else if (offset >= r.end) lo = mid + 1;
    else return true;
  }
  return false;
}

/** The bounds of the text being parsed (parsing is synchronous: one at a time). */
let active: MarkdownLimits | null = null;

/** An emphasis or link marker inside a bounded run: one character of plain text. */
const literal: Construct = {
  name: 'boundedLiteral',
  add: 'before',
  tokenize(effects, ok, nok) {
    const plain = active !== null && active.plainInline.length > 0 && inRanges(active.plainInline, this.now().offset);
    return (code) => {
      if (!plain) return nok(code);
      effects.enter('data');
      effects.consume(code);
      effects.exit('data');
      return ok;
    };
  },
};

const pastDepth = (offset: number) => active !== null && active.noContainers.length > 0 && inRanges(active.noContainers, offset);

/**
 * Tried before the list construct at a new container. Past the depth bound
 * it makes list start decline: list start (micromark-core-commonmark
 * list.js) continues the list of the container state only with the same
 * marker, and is given one no character has. Siblings of an open item are
 * not new containers (list continuation starts them itself), so lists keep
 * their items: only deeper nesting is refused.
 */
const listGuard: Construct = {
  name: 'boundedListGuard',
  add: 'before',
  tokenize(_effects, _ok, nok) {
    if (pastDepth(this.now().offset)) Object.assign(this.containerState!, { type: 'listUnordered', marker: Number.POSITIVE_INFINITY });
    return nok;
  },
};

/** The block-quote start, under a name of its own (used to continue an open quote, which adds no depth). */
const quoteMarker: Construct = { ...blockQuote, name: 'boundedBlockQuoteMarker' };

const isSpace = (code: number | null) => code === -2 || code === -1 || code === 32; // tab, virtual space, space

/**
 * Block quote, refusing to start past the depth bound. It replaces the
 * original (disabled by name), whose continuation refers to the original
 * itself, so the continuation is block-quote.js's own, with `quoteMarker`:
 * up to three spaces of indentation (any number when indented code is
 * off), then the `>`.
 */
const boundedBlockQuote: Construct = {
  ...blockQuote,
  name: 'boundedBlockQuote',
  tokenize(effects, ok, nok) {
    if (pastDepth(this.now().offset)) return nok;
    return (blockQuote.tokenize as Tokenizer).call(this, effects, ok, nok);
  },
  continuation: {
    tokenize(effects, ok, nok) {
      const limit = this.parser.constructs.disable.null?.includes('codeIndented') ? Infinity : 3;
      let size = 0;
      const marker = (code: number | null) => effects.attempt(quoteMarker, ok, nok)(code);
      const prefix = (code: number | null): ReturnType<typeof marker> => {
        if (isSpace(code) && size++ < limit) {
          effects.consume(code);
          return prefix;
        }
        effects.exit('linePrefix');
        return marker(code);
      };
      return (code) => {
        if (!isSpace(code)) return marker(code);
        effects.enter('linePrefix');
        return prefix(code);
      };
    },
  },
};

const extension = {
  disable: { null: ['blockQuote'] },
  document: {
    42: listGuard,
    43: listGuard,
    45: listGuard,
    48: listGuard,
    49: listGuard,
    50: listGuard,
    51: listGuard,
    52: listGuard,
    53: listGuard,
    54: listGuard,
    55: listGuard,
    56: listGuard,
    57: listGuard,
    62: boundedBlockQuote,
  },
  // `~`: GFM strikethrough (the preview and pack parse with remark-gfm), resolved the same way.
  text: { 33: literal, 42: literal, 91: literal, 93: literal, 95: literal, 126: literal },
};

/**
 * The unified plugin: use it after remark-parse (and its extensions).
 * `unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(boundedMarkdown)`.
 */
export const boundedMarkdown: Plugin<[], string, Root> = function () {
  const data = this.data() as { micromarkExtensions?: unknown[] };
  (data.micromarkExtensions ??= []).push(extension);
  const inner = this.parser;
  if (!inner) throw new Error('boundedMarkdown must be used after remark-parse');
  this.parser = (doc, file) => {
    const previous = active;
    active = markdownLimits(doc);
    try {
      const tree = inner(doc, file) as Root;
      if (active.plainInline.length || active.noContainers.length) tree.data = { ...tree.data, markdownLimits: active } as Root['data'];
      return tree;
    } finally {
      active = previous;
    }
  };
};
