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
import remarkRehype from 'remark-rehype';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import type { Root as MdRoot } from 'mdast';
import { boundedMarkdown } from '../core/markdown-limits';
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
}

/** GitHub's schema; the content of <style> goes with it too (not left as stray text). */
const schema = { ...defaultSchema, strip: [...(defaultSchema.strip ?? ['script']), 'style'] };

const SAFE_LINK = /^(?:https?:|mailto:)/i;

/** Sanitised HTML of a paper's body (front-matter removed). */
export function bodyHtml(textOrTree: string | MdRoot, options: BodyHtmlOptions = {}): string {
  const tree = typeof textOrTree === 'string' ? bodyTree(textOrTree) : textOrTree;
  const prefix = options.idPrefix ?? '';
  const processor = unified()
    .use(remarkRehype, { allowDangerousHtml: true, clobberPrefix: prefix })
    .use(rehypeRaw)
    .use(rehypeSanitize, schema)
    .use(() => (root: HastRoot) => finishTree(root, options))
    .use(rehypeStringify);
  const hast = processor.runSync(structuredClone(tree) as never) as HastRoot;
  return processor.stringify(hast);
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
