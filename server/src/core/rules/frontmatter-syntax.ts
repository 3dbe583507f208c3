import { defineRule } from '../rule';

export const rule = defineRule({
  id: 'frontmatter-syntax',
  severity: 'error',
  description: 'The cover sheet (YAML front-matter) does not parse.',
  fixable: false,
  check({ paper, report }) {
    const fm = paper.frontmatter;
    if (fm?.error) {
      const at = fm.error.offset;
      const lineEnd = paper.lines.lineEnd(paper.lines.lineOf(at));
      report({
        message: `The cover sheet cannot be read: ${fm.error.message}. Until the YAML is corrected none of the cover-sheet checks can run and the paper cannot go into an agenda pack.`,
        range: { start: at, end: Math.max(at + 1, Math.min(lineEnd, at + 1)) },
      });
    } else if (paper.unterminatedFrontmatter) {
      report({
        message: 'The cover sheet opens with "---" but is never closed: add a line with "---" after the last cover-sheet field, before the body of the paper.',
        range: paper.unterminatedFrontmatter,
      });
    } else if (fm && fm.root && fm.root.kind !== 'map') {
      report({
        message: 'The cover sheet must be a list of "key: value" fields (title, meeting, date…), not a single value or a list.',
        range: { start: fm.root.start, end: fm.root.end },
      });
    }
  },
});
