/**
 * The body of a paper as a Markdown tree (GFM: tables, strikethrough,
 * footnotes, task lists) and as sanitised HTML. Shared by the agenda pack
 * (HTML and PDF) and the editor preview.
 *
 * Pure: no file system. Images are resolved through a callback the caller
 * supplies (the pack embeds small local images as data: URIs; the preview may
 * map them to webview URIs).
 *
 * Security: the paper's raw HTML is parsed (rehype-raw) and then sanitised with
 * GitHub's schema (rehype-sanitize), so no script, iframe, style, event handler
 * or javascript: URL survives. HTML comments are dropped. Links to local files
 * lose their href (a pack must not point at, or name, files on the author's
 * disk); only http(s) and mailto links are kept.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import remarkRehype from 'remark-rehype';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import type { Heading, Root as MdRoot } from 'mdast';
import { defaultHandlers } from 'mdast-util-to-hast';
import { boundedMarkdown, markdownLimits } from '../core/markdown-limits';
import type { Root as HastRoot, Element, ElementContent, Nodes as HastNodes } from 'hast';

// boundedMarkdown: any text parses in linear time (core/markdown-limits.ts), in the preview and pack too.
const parser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).use(boundedMarkdown);

/** The body as mdast (GFM), front-matter removed. */
export function bodyTree(text: string): MdRoot {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const tree = parser.parse(src) as MdRoot;
  tree.children = tree.children.filter((n) => n.type !== 'yaml');
  return tree;
}

const gfmParser = unified().use(remarkParse).use(remarkGfm).use(boundedMarkdown);

/** GFM's tables alone (remark-gfm adds the same two extensions, with the four others). */
function remarkGfmTable(this: unknown): void {
  const data = (this as { data(): { micromarkExtensions?: unknown[]; fromMarkdownExtensions?: unknown[] } }).data();
  (data.micromarkExtensions ??= []).push(gfmTable());
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown());
}
const gfmTableParser = unified().use(remarkParse).use(remarkGfmTable).use(boundedMarkdown);

/**
 * Source in which GFM's constructs other than tables could start, written or
 * produced: strikethrough (`~`), autolink literals (`@`, `www.`, `http://`,
 * `https://`: also in text a table's cell split leaves outside the link or
 * code span it was in), task list items, footnotes, and any character
 * reference (`&#64;`, `&commat;`: every one ends in `;`, so "A&E" is none),
 * which can decode to any of these. A piece without them
 * parses to the same tree with GFM's tables alone as with all of GFM, which
 * skips the autolink-literal pass over every text (a third of a table
 * piece's parse).
 */
const GFM_NOT_TABLE = /[~@]|&(?:#x?[\da-f]+|[a-z][a-z\d]*);|www\.|https?:\/\/|\[[\s xX]\]|\[\^/i;

/**
 * What GFM can make of a piece of Markdown that CommonMark does not:
 * tables (a `|`, or a delimiter row without pipes, which needs a colon next to
 * a dash: `:-`, `-:`), strikethrough (`~`), autolink literals (`@`, `www.`,
 * `http://`, `https://`, any case), task list items (`[ ]`, `[x]`, `[X]`, or
 * other whitespace between the brackets), footnotes (`[^`). Text without any
 * of these parses to the same tree with GFM as without it (those are the only
 * characters at which the GFM syntax extensions can start a construct, and the
 * autolink transform only rewrites text matching `@`, `www.` or `http(s)://`).
 */
const GFM_TRIGGER = /[|~@]|:-|-:|www\.|https?:\/\/|\[[\s xX]\]|\[\^/i;
/** In a link's or image's destination or title only a table's cell and delimiter marks can matter (GFM splits a row's cells before it reads links). */
const GFM_TABLE_TRIGGER = /[|]|:-|-:/;

/**
 * Can GFM make something else of this CommonMark block? Read from what the
 * block's text is, not its source: the decoded text, code and HTML of every
 * node in it, image alt text (GFM_TRIGGER), and link and image destinations
 * and titles (GFM_TABLE_TRIGGER). Every character GFM_TRIGGER names in the
 * source reaches one of these unless it is part of CommonMark syntax that
 * GFM reads the same way: above all, the `https://www.` of a link's
 * destination, which made most of a paper's linked paragraphs parse twice.
 * Escapes and entities decode to the character itself, so `\|` and `&#124;`
 * still count.
 */
function mayDifferUnderGfm(block: MdRoot['children'][number]): boolean {
  const stack: unknown[] = [block];
  while (stack.length) {
    const n = stack.pop() as { value?: unknown; alt?: unknown; url?: unknown; title?: unknown; children?: unknown[] };
    if (typeof n.value === 'string' && GFM_TRIGGER.test(n.value)) return true;
    if (typeof n.alt === 'string' && GFM_TRIGGER.test(n.alt)) return true;
    if (typeof n.url === 'string' && GFM_TABLE_TRIGGER.test(n.url)) return true;
    if (typeof n.title === 'string' && GFM_TABLE_TRIGGER.test(n.title)) return true;
    if (n.children) for (const c of n.children) stack.push(c);
  }
  return false;
}
/** A blank line right after a block (the rest of its line, then an empty one). */
const BLANK_LINE_AFTER = /^[ \t]*(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n|$)/;

/**
 * The body as bodyTree(text) gives it, built from the paper's CommonMark tree
 * (`plain`: remark-parse + front-matter on the same `text`, as the core's
 * parsePaper makes it) so that only the top-level blocks where GFM can differ
 * are parsed again. The pack analyses every paper (CommonMark, for the
 * rules) and renders it (GFM); parsing the whole body twice was half of an
 * HTML pack's time (docs/performance.md).
 *
 * How: each top-level block of `plain` with no GFM trigger in its text
 * (mayDifferUnderGfm) is kept as it is (the same node object: neither renderer
 * changes the tree, and `plain` must not be changed by the caller either).
 * Each run of blocks with a trigger is parsed again with GFM from the start of
 * its first line, as a document of its own, and its positions moved to where
 * it sits. A run ends only where a blank line follows it: GFM's one extra
 * block construct that is not excluded below (a table) ends at a blank line,
 * and CommonMark's own (lists, fences, HTML) continue past one by the same
 * rules with or without GFM, so the whole parse is at the same point after
 * that blank line either way. One parse per run: the runs of a paper joined
 * into one document (with separators) parse slower, not faster (micromark's
 * table resolver splices the document's whole event list: 34 KB of the
 * bench meeting's runs take about twice as long in one document as in 86).
 *
 * The whole text is parsed again (bodyTree) when anything can reach from one
 * block into another: a link reference definition (`]:`) or footnote (`[^`)
 * anywhere, a byte order mark anywhere (micromark drops one at the start of
 * what it parses, which a piece may start with), an unclosed front-matter, or a block whose first line has
 * something other than spaces before it. test/pack/body-tree.test.ts compares
 * the result with bodyTree on every fixture paper and on edge cases.
 */
export function bodyTreeFrom(text: string, plain: MdRoot): MdRoot {
  // `]:`: a definition's label is followed right away by its colon.
  if (text.includes('\ufeff') || text.includes('[^') || text.includes(']:') || !plain.position) return bodyTree(text);
  // Text opening with a `---` line that is not a closed front-matter: after
  // the failed front-matter attempt micromark does not start every block as
  // it would at the start of a document (a `- item` line can stay a
  // paragraph), so no block can be parsed on its own.
  if (/^---[ \t]*(?:\r\n|\r|\n|$)/.test(text) && plain.children[0]?.type !== 'yaml') return bodyTree(text);
  // Where a Markdown bound applies (core/markdown-limits.ts), the whole text
  // is parsed with the bounds: a piece parsed alone would count its markers
  // without the lines around it and could build what bodyTree reads as text
  // (and take super-linear time doing it). With no bound applying to the
  // whole text none can apply to a piece of it (a piece's runs of lines are
  // parts of the text's), so the pieces are parsed with the same bounds.
  const limits = markdownLimits(text);
  if (limits.plainInline.length || limits.noContainers.length) return bodyTree(text);
  const kids = plain.children.filter((n) => n.type !== 'yaml');
  const children: MdRoot['children'] = [];
  for (let i = 0; i < kids.length;) {
    const n = kids[i]!;
    if (!n.position || n.position.start.offset === undefined || n.position.end.offset === undefined) return bodyTree(text);
    const start = n.position.start.offset;
    if (!mayDifferUnderGfm(n)) {
      children.push(n);
      i++;
      continue;
    }
    const lineStart = Math.max(text.lastIndexOf('\n', start - 1), text.lastIndexOf('\r', start - 1)) + 1;
    if (!/^[ \t]*$/.test(text.slice(lineStart, start))) return bodyTree(text);
    // The run: this block and those after it until one is followed by a blank line.
    let j = i;
    let end = 0;
    for (;;) {
      const m = kids[j]!;
      if (m.position?.end.offset === undefined) return bodyTree(text);
      end = m.position.end.offset;
      j++;
      if (j >= kids.length || BLANK_LINE_AFTER.test(text.slice(end, end + 400))) break;
    }
    const piece = text.slice(lineStart, end);
    const part = (GFM_NOT_TABLE.test(piece) ? gfmParser : gfmTableParser).parse(piece) as MdRoot;
    const lineShift = n.position.start.line - 1;
    moveTree(part.children, lineStart, lineShift);
    children.push(...part.children);
    i = j;
  }
  return { type: 'root', children, position: { start: { ...plain.position.start }, end: { ...plain.position.end } } };
}

function moveTree(nodes: MdRoot['children'], offset: number, lines: number): void {
  const stack: { position?: { start: { line: number; offset?: number }; end: { line: number; offset?: number } }; children?: unknown[] }[] = [...nodes];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.position) {
      n.position.start.line += lines;
      n.position.end.line += lines;
      if (n.position.start.offset !== undefined) n.position.start.offset += offset;
      if (n.position.end.offset !== undefined) n.position.end.offset += offset;
    }
    if (n.children) for (const c of n.children) stack.push(c as never);
  }
}

export interface ImageResolution {
  /** What to put in `src` (a data: URI, a webview URI…). */
  src: string;
}

export interface BodyHtmlOptions {
  /**
   * Resolve an image URL written in the paper. Return null to drop the image
   * (it is replaced by its alt text). Without a resolver every image is dropped.
   */
  resolveImage?: (url: string) => ImageResolution | null;
  /** Prefix for ids (footnotes) so several papers can share one HTML page. */
  idPrefix?: string;
  /** The tree passed in is not used again by the caller: render it without a copy. */
  treeIsDisposable?: boolean;
  /**
   * The level to give a heading of the tree passed in (`h1`–`h6`), when not
   * its own depth: the pack fits each paper's headings under its own. Read
   * from the node itself, so it needs the tree rendered without a copy.
   */
  headingLevel?: (heading: Heading) => number | undefined;
}

/** GitHub's schema; the content of <style> goes with it too (not left as stray text). */
const schema = { ...defaultSchema, strip: [...(defaultSchema.strip ?? ['script']), 'style'] };

const SAFE_LINK = /^(?:https?:|mailto:)/i;

/** Sanitised HTML of a paper's body (front-matter removed). */
export function bodyHtml(textOrTree: string | MdRoot, options: BodyHtmlOptions = {}): string {
  // remark-rehype does not modify the tree it is given (mdast-util-to-hast
  // builds a new one), but a tree passed in is the caller's: copy it unless
  // the caller says it is not used again.
  const tree = typeof textOrTree === 'string' ? bodyTree(textOrTree) : options.treeIsDisposable ? textOrTree : structuredClone(textOrTree);
  const prefix = options.idPrefix ?? '';
  const level = options.headingLevel;
  const handlers = level
    ? {
        heading(state: Parameters<typeof defaultHandlers.heading>[0], node: Heading) {
          const el = defaultHandlers.heading(state, node);
          const to = level(node);
          if (to) el.tagName = `h${to}`;
          return el;
        },
      }
    : undefined;
  const processor = unified()
    .use(remarkRehype, { allowDangerousHtml: true, clobberPrefix: prefix, handlers })
    .use(rawWhenNeeded)
    .use(rehypeSanitize, schema)
    .use(() => (root: HastRoot) => finishTree(root, options))
    .use(rehypeStringify);
  const hast = processor.runSync(tree as never) as HastRoot;
  return processor.stringify(hast);
}

/**
 * A raw HTML node that is exactly one comment: `<!--`, text without `-->` or
 * `--!>` (which also ends a comment in HTML), `-->`, nothing before or after.
 * What parse5 makes of it is one comment node, which the sanitiser drops.
 */
function isOneComment(v: string): boolean {
  return v.length >= 7 && v.startsWith('<!--') && v.indexOf('-->', 4) === v.length - 3 && !v.includes('--!>');
}

/**
 * rehype-raw (the paper's raw HTML through parse5, then sanitised) only when
 * the body has raw HTML other than comments. Most papers' only raw HTML is
 * comments (disable directives, authors' notes); parse5 would turn each into a
 * comment node that rehype-sanitize then removes, so removing those raw nodes
 * here gives the same tree at a fraction of the cost (parse5 re-builds the
 * whole body). Anything else — one tag, two comments in one node, a comment
 * with text after it — goes through rehype-raw and the sanitiser as before.
 */
function rawWhenNeeded(this: unknown) {
  const raw = (rehypeRaw as unknown as () => (tree: HastRoot, file: unknown) => HastRoot)();
  return (tree: HastRoot, file: unknown): HastRoot => {
    let other = false;
    const comments: { parent: HastRoot | Element; index: number }[] = [];
    const visit = (parent: HastRoot | Element) => {
      const kids = parent.children as HastNodes[];
      for (let i = 0; i < kids.length && !other; i++) {
        const n = kids[i]!;
        if ((n.type as string) === 'raw') {
          if (isOneComment((n as unknown as { value: string }).value)) comments.push({ parent, index: i });
          else other = true;
        } else if (n.type === 'element' || n.type === 'root') visit(n);
      }
    };
    visit(tree);
    if (other) return raw(tree, file);
    // Remove from the last, so earlier indexes stay right.
    for (let k = comments.length - 1; k >= 0; k--) comments[k]!.parent.children.splice(comments[k]!.index, 1);
    // What parse5's round trip also does to the tree: a data-* attribute set
    // to true (the footnote markers of mdast-util-to-hast) comes back as the
    // empty string, written `data-footnote-ref=""`. Tested against the
    // rehype-raw path in test/pack/render.test.ts.
    const normalise = (parent: HastRoot | Element) => {
      for (const n of parent.children as HastNodes[]) {
        if (n.type !== 'element') continue;
        for (const key of Object.keys(n.properties)) if (n.properties[key] === true && /^data[A-Z]/.test(key)) n.properties[key] = '';
        normalise(n);
      }
    };
    normalise(tree);
    return tree;
  };
}

/** After sanitising: images, links, in-page references. */
function finishTree(root: HastRoot, options: BodyHtmlOptions): void {
  const ids = new Set<string>();
  walk(root, (el) => {
    const id = el.properties?.id;
    if (typeof id === 'string') ids.add(id);
  });
  walk(root, (el, parent, index) => {
    if (el.tagName === 'img') {
      const url = typeof el.properties.src === 'string' ? el.properties.src : '';
      const alt = typeof el.properties.alt === 'string' ? el.properties.alt : '';
      const resolved = url && options.resolveImage ? options.resolveImage(url) : null;
      if (resolved) {
        el.properties = { src: resolved.src, alt };
      } else if (parent) {
        const placeholder: Element = {
          type: 'element',
          tagName: 'span',
          properties: { className: ['image-omitted'] },
          children: [{ type: 'text', value: alt ? `[Image: ${alt}]` : '[Image]' }],
        };
        parent.children[index] = placeholder;
      }
      return;
    }
    if (el.tagName === 'a') {
      const href = typeof el.properties.href === 'string' ? el.properties.href : undefined;
      if (href === undefined) return;
      if (SAFE_LINK.test(href)) return;
      if (href.startsWith('#')) {
        const target = decodeURIComponent(href.slice(1));
        const clobbered = `user-content-${target}`;
        if (ids.has(clobbered)) el.properties.href = `#${clobbered}`;
        else if (!ids.has(target)) delete el.properties.href;
        return;
      }
      // A relative or other-scheme link: keep the words, drop the target.
      delete el.properties.href;
    }
  });
}

type Parent = HastRoot | Element;

function walk(node: HastNodes, visit: (el: Element, parent: Parent | null, index: number) => void): void {
  const go = (n: HastNodes, parent: Parent | null, index: number) => {
    if (n.type === 'element') visit(n, parent, index);
    // The visitor may have replaced the node; re-read it.
    const current = parent ? (parent.children[index] as HastNodes) : n;
    if (current.type === 'element' || current.type === 'root') {
      const kids = current.children as ElementContent[];
      for (let i = 0; i < kids.length; i++) go(kids[i]!, current, i);
    }
  };
  go(node, null, 0);
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escape text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}
