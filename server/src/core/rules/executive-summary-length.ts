/**
 * executive-summary-length: the Executive summary is longer than the
 * profile's `executive_summary_words` limit. Words are counted as rendered
 * (FORMAT.md): HTML comments, list markers and clause numbers are not words.
 */
import { defineRule } from '../rule';
import { executiveSummarySection, sectionTitle } from '../queries/sections';

export const rule = defineRule({
  id: 'executive-summary-length',
  severity: 'info',
  description: "The Executive summary is longer than the profile's word limit.",
  fixable: false,
  check({ paper, profile, report }) {
    const limit = profile.executive_summary_words;
    if (typeof limit !== 'number' || !Number.isFinite(limit) || limit <= 0) return;
    const section = executiveSummarySection(paper, profile);
    if (!section) return;
    const count = section.words.length;
    if (count <= limit) return;
    report({
      message:
        `The "${sectionTitle(section)}" section is ${count} words long; the limit is ${limit}. ` +
        'Members read the summary to decide where to focus, and a long one hides the key points and the ask. ' +
        `Cut it to ${limit} words or fewer and move the detail into the body of the paper.`,
      range: section.headingRange,
    });
  },
});
