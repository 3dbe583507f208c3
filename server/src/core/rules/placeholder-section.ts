/**
 * placeholder-section: a required section (the profile's required sections,
 * and the health inequalities section where it is required) is there but
 * holds only a placeholder: TBC, TBA, N/A, "to follow", only HTML comments,
 * nothing, or fewer than 10 words (not in a cover-sheet box that holds the
 * ask, which is made for a short answer: see queries/placeholder.ts).
 */
import { defineRule } from '../rule';
import { executiveSummarySection, sectionTitle } from '../queries/sections';
import { placeNameAtStart, recommendationsAsk } from '../queries/recommendations';
import { healthInequalitiesSection } from '../queries/health-inequalities';
import { MIN_SECTION_WORDS, placeholderKind, requiredSections, type PlaceholderKind } from '../queries/placeholder';

function describe(p: PlaceholderKind): string {
  switch (p.kind) {
    case 'empty':
      return 'is empty';
    case 'comment':
      return 'holds only an HTML comment (guidance that is not shown to readers)';
    case 'text':
      return `says only "${p.text}"`;
    case 'short':
      return `has only ${p.words} word${p.words === 1 ? '' : 's'}`;
  }
}

function why(title: string, isHi: boolean, isAsk: boolean): string {
  const t = title.toLowerCase();
  if (isHi) return 'the meeting must be told about unwarranted variation in access, experience and outcomes and what is being done about it';
  if (isAsk || t.includes('recommendation')) return 'the meeting needs to know exactly what it is asked to do, and the minutes must record it';
  if (t.includes('summary')) return 'members rely on the executive summary to see what the paper is about and what they are asked to do';
  return 'the organisation requires every paper to have it';
}

export const rule = defineRule({
  id: 'placeholder-section',
  severity: 'warning',
  description: 'A required section holds only a placeholder (TBC, N/A, an HTML comment, or fewer than 10 words).',
  fixable: false,
  check({ paper, profile, meetingDate, report }) {
    const hi = healthInequalitiesSection(paper, profile);
    const ask = recommendationsAsk(paper, profile);
    const summary = executiveSummarySection(paper, profile);
    for (const section of requiredSections(paper, profile, meetingDate)) {
      const asks = section === ask;
      const title = sectionTitle(section) || 'This';
      // The summary, the ask and health inequalities need at least 10 words or a sentence; the
      // organisation's other sections may be answered short ("Timing: For the 12 months ended …").
      const own = !asks && section !== hi && section !== summary && !/summary/i.test(title);
      const p = placeholderKind(section, { ask: asks, own });
      if (!p) continue;
      report({
        message:
          `${placeNameAtStart(section)} ${describe(p)}: ${why(title, section === hi, section.place !== undefined)}. ` +
          (section.place
            ? `${p.kind === 'empty' ? 'Write' : 'Replace the placeholder with'} what the meeting is asked to do${section.place === 'cover field' ? '' : ` (at least ${MIN_SECTION_WORDS} words)`} before the paper goes to the meeting.`
            : `${p.kind === 'empty' ? 'Write the section' : "Replace the placeholder with the section's content"} (at least ${MIN_SECTION_WORDS} words) before the paper goes to the meeting.`),
        range: section.headingRange,
      });
    }
  },
});
