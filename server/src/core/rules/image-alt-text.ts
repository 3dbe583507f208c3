/**
 * image-alt-text: an image in the body has no alternative text —
 * `![](chart.png)`, `![][ref]`, or an HTML `<img>` with no `alt` attribute.
 * The published agenda pack must describe every image for people who cannot
 * see it (Public Sector Bodies Accessibility Regulations 2018; WCAG 1.1.1
 * "non-text content"). An HTML `alt=""` marks an image as decorative and is
 * accepted; Markdown has no way to say that, so `![](…)` is reported.
 *
 * HTML is read with rehype-parse (hast), only in HTML nodes that hold `<img`.
 */
import { unified } from 'unified';
import rehypeParse from 'rehype-parse';
import type { Nodes as HastNodes } from 'hast';
import { defineRule } from '../rule';
import { eachNode } from '../paper';

const htmlParser = unified().use(rehypeParse, { fragment: true });

/** How many `<img>` elements in the HTML have no `alt` attribute, and their `src`s. */
function imagesWithoutAlt(html: string): string[] {
  const out: string[] = [];
  const stack: HastNodes[] = [htmlParser.parse(html)];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'element' && n.tagName === 'img' && n.properties.alt === undefined) {
      const src = n.properties.src;
      out.push(typeof src === 'string' ? src : '');
    }
    if ('children' in n) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i] as HastNodes);
  }
  return out;
}

const WHY =
  'People reading the published pack with a screen reader, and anyone for whom the image does not load, are told nothing about it ' +
  '(the accessibility regulations require text for non-text content).';

function name(src: string): string {
  const s = src.trim();
  if (!s) return 'An image';
  const file = s.split(/[?#]/)[0]!.split('/').pop() || s;
  return `The image "${file.length > 60 ? `${file.slice(0, 60)}…` : file}"`;
}

export const rule = defineRule({
  id: 'image-alt-text',
  severity: 'warning',
  description: 'An image in the body has no alternative text.',
  fixable: false,
  check({ paper, report }) {
    // Every image is written with "![" (Markdown) or "<img" (HTML): a paper with neither needs no walk.
    if (!paper.text.includes('![') && !/<img\b/i.test(paper.text)) return;
    eachNode(paper.mdast.children, (n) => {
      if (n.type === 'yaml' || n.type === 'code' || n.type === 'inlineCode') return false;
      const start = n.position?.start.offset;
      const end = n.position?.end.offset;
      if (start === undefined || end === undefined) return;
      if ((n.type === 'image' || n.type === 'imageReference') && !(n.alt ?? '').trim()) {
        const src = n.type === 'image' ? n.url : '';
        report({
          message: `${name(src)} has no alt text. ${WHY} Describe what it shows, and what the reader should take from it, between the square brackets: ![Chart: waiting list by month, falling since March](…).`,
          range: { start, end },
        });
      } else if (n.type === 'html' && /<img\b/i.test(n.value)) {
        for (const src of imagesWithoutAlt(n.value)) {
          report({
            message: `${name(src)} has no alt attribute. ${WHY} Add alt="…" describing what it shows (alt="" only for a purely decorative image).`,
            range: { start, end },
          });
        }
      }
    });
  },
});
