import { defineRule, fix } from '../rule';
import { FIELDS } from '../fields';

/** A complete cover-sheet skeleton, every required key with a placeholder. */
export function coverSheetSkeleton(eol: string): string {
  const lines = ['---'];
  for (const f of FIELDS) {
    if (!f.required) continue;
    lines.push(`${f.key}: ${f.placeholder}`.replace(/ \n/g, '\n'));
  }
  lines.push('committee_history: []', '---', '', '');
  return lines.join('\n').split('\n').join(eol);
}

export const rule = defineRule({
  id: 'frontmatter-missing',
  severity: 'error',
  description: 'A file that must be a board paper has no cover sheet (front-matter).',
  fixable: false,
  check({ paper, report }) {
    if (paper.frontmatter || paper.unterminatedFrontmatter) return;
    report({
      message:
        'This file is in a board papers folder but has no cover sheet: the meeting, date, agenda item, purpose, strategic objectives and assessments the meeting relies on are missing. Add a front-matter block between "---" lines at the top.',
      range: paper.anchor,
      paperWide: true,
      suggestions: [fix('Insert a cover-sheet skeleton', { start: paper.bom, end: paper.bom, newText: coverSheetSkeleton(paper.eol) })],
    });
  },
});
