/**
 * heading-order: a heading skips a level (`##` then `####`), or the body
 * uses a level-1 heading (the paper's title is its cover sheet `title`, the
 * level-1 heading of the published paper). Screen readers and the pack's
 * bookmarks navigate by heading level, so a skipped level hides structure.
 *
 * The paper's title counts as level 1, so the first heading of the body is
 * a level 2 (in a file with no cover sheet, a `# Title` on its first line is
 * the title). Each heading is compared with the one before it as written.
 * The quick fix (a suggestion: the author may have meant another level)
 * rewrites the `#` marks of an ATX heading; the words are kept.
 */
import type { Heading } from 'mdast';
import { defineRule, fix } from '../rule';
import { eachNode, type Paper } from '../paper';
import type { Fix } from '../types';

/** The edit giving an ATX heading (`### Text`) `depth` marks, or undefined (a setext heading). */
function relevel(paper: Paper, h: Heading, depth: number): Fix | undefined {
  const start = h.position?.start.offset;
  if (start === undefined) return undefined;
  let end = start;
  while (paper.text[end] === '#') end++;
  if (end === start) return undefined;
  return fix(`Make it a level-${depth} heading`, { start, end, newText: '#'.repeat(depth) });
}

export const rule = defineRule({
  id: 'heading-order',
  severity: 'warning',
  description: 'A heading skips a level, or the body uses a level-1 heading.',
  fixable: false,
  check({ paper, report }) {
    let previous = 1; // the paper's title
    // Without a cover sheet, a level-1 heading opening the text is the title (frontmatter-missing speaks about the rest).
    const first = paper.mdast.children[0];
    const titleHeading = first && first.type === 'heading' && first.depth === 1 ? first : undefined;
    eachNode(paper.mdast.children, (n) => {
      if (n === titleHeading) return false;
      if (n.type === 'yaml' || n.type === 'code' || n.type === 'html') return false;
      if (n.type !== 'heading') return;
      const start = n.position?.start.offset;
      const end = n.position?.end.offset;
      if (start === undefined || end === undefined) return false;
      const lineEnd = paper.lines.lineEnd(paper.lines.lineOf(start));
      const range = { start, end: Math.max(start, Math.min(end, lineEnd)) };
      const marks = '#'.repeat(n.depth);
      if (n.depth === 1) {
        const f = relevel(paper, n, 2);
        report({
          message:
            'This is a level-1 heading in the body, but the paper\'s title (the cover sheet\'s "title") is its only level-1 heading: in the published pack it would read as a second paper. ' +
            'Make it a level-2 heading ("## …"), or move the words into the title.',
          range,
          ...(f ? { suggestions: [f] } : {}),
        });
        previous = 2;
        return false;
      }
      if (n.depth > previous + 1) {
        const want = previous + 1;
        const f = relevel(paper, n, want);
        report({
          message:
            `This level-${n.depth} heading ("${marks}") follows a level-${previous} one${previous === 1 ? ' (the title)' : ''}, skipping level ${want}. ` +
            'Readers using a screen reader and the bookmarks of the published pack move through the paper by heading level, and a skipped level hides where this part belongs. ' +
            `Make it a level-${want} heading ("${'#'.repeat(want)}").`,
          range,
          ...(f ? { suggestions: [f] } : {}),
        });
      }
      previous = n.depth;
      return false;
    });
  },
});
