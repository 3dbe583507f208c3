/**
 * missing-section: the Executive summary or Recommendations (or another
 * section the profile requires) is not in the paper. The section helpers it
 * shares with the other body rules are in `queries/sections.ts`.
 */
import { defineRule, fix } from '../rule';
import type { Paper, Section } from '../paper';
import { phraseAsWritten, type Ask } from '../queries/ask';
import type { Profile } from '../profile';
import { findRequiredSection, insertSection, lineStartOf, recommendationsSection, sectionId, sectionTitle, templateName } from '../queries/sections';
import { askLabel, otherPlaces, plainAsk, recommendationsAsk } from '../queries/recommendations';
import { answerIn, requiredOn, templateField } from '../template-fields';

/** Where a new section goes at the very start of the body: before the first section, after a leading `# Title`. */
function startOfBody(paper: Paper): number {
  const first = paper.sections[0];
  if (first) return lineStartOf(paper, first.headingRange.start);
  const kids = paper.mdast.children.filter((n) => n.type !== 'yaml');
  const h1 = kids[0];
  if (h1 && h1.type === 'heading' && h1.depth === 1 && h1.position?.end.offset !== undefined) {
    const line = paper.lines.lineOf(h1.position.end.offset);
    return paper.lines.lineStarts[line + 1] ?? paper.text.length;
  }
  return Math.min(paper.bodyStart, paper.text.length);
}

/** The last whole ask worded as one ("is asked to", "is invited to") in any section of the paper. */
function askElsewhere(paper: Paper): { section: Section; ask: Ask } | undefined {
  for (let i = paper.sections.length - 1; i >= 0; i--) {
    const section = paper.sections[i]!;
    const ask = plainAsk(section);
    if (ask) return { section, ask };
  }
  return undefined;
}

function guidanceFor(key: string, profile: Profile): string {
  if (key === 'executive summary') {
    const limit = Number.isFinite(profile.executive_summary_words) ? profile.executive_summary_words : 400;
    return `<!-- What the paper is about, the key points the meeting needs to know and what it is asked to do, in no more than ${limit} words. -->`;
  }
  if (key === 'recommendations') {
    return '<!-- What the meeting is asked to do, consistent with the purpose on the cover sheet, e.g. "The Board is asked to approve …" or "… to note …". -->';
  }
  return '<!-- Write this section. -->';
}

export const rule = defineRule({
  id: 'missing-section',
  severity: 'error',
  description: 'A required section (Executive summary, Recommendations, or one the profile adds) is missing.',
  fixable: false,
  check({ paper, profile, meetingDate, report }) {
    const required = Array.isArray(profile.required_sections) ? profile.required_sections : [];
    const seen = new Set<string>();
    for (const name of required) {
      if (typeof name !== 'string') continue;
      const key = sectionId(name);
      if (!key || seen.has(key)) continue;
      seen.add(key);
      if (findRequiredSection(paper, profile, name)) continue;
      if (key === 'recommendations') {
        // The template's other places for the ask (profile `recommendations`): a labelled paragraph, a cover-sheet field.
        if (recommendationsAsk(paper, profile)) continue;
        const field = profile.recommendations?.cover_field;
        const f = field ? templateField(profile, field) : undefined;
        if (f && requiredOn(f, meetingDate, answerIn(paper.cover))) continue; // the field is missing: required-field says so
      }
      // The organisation's own name for it (`sections` in the profile): "Executive comment".
      const title = templateName(profile, name);

      let at: number;
      let where: string;
      if (key === 'executive summary') {
        at = startOfBody(paper);
        where = 'at the start of the body';
      } else if (key === 'recommendations') {
        at = paper.text.length;
        where = 'at the end of the paper';
      } else {
        const recs = recommendationsSection(paper, profile);
        at = recs ? lineStartOf(paper, recs.headingRange.start) : paper.text.length;
        where = recs ? `before the "${sectionTitle(recs)}" section` : 'at the end of the paper';
      }
      const why =
        key === 'executive summary'
          ? 'members read it first to see what the paper is about and what they are asked to do'
          : key === 'recommendations'
            ? 'without it the meeting is not told what it is asked to decide or note, and the minutes cannot record it'
            : 'the organisation requires every paper to have it';
      // The ask written in another section ("The Board is asked to note the report." ending the summary):
      // the meeting is told, but not where the template and the minutes look for it.
      const elsewhere = key === 'recommendations' ? askElsewhere(paper) : undefined;
      // A template whose place for the ask is a labelled paragraph ("The Board is asked to:") gets that advice, not a heading.
      const label = key === 'recommendations' ? askLabel(profile) : undefined;
      const ownPlace = label ? `a paragraph of its own opening "${label}:"` : 'a section of its own';
      const add = label ? `Add a paragraph opening "${label}:" ${where} (or a level-2 heading "## ${title}")` : `Add a level-2 heading "## ${title}" ${where}`;
      report({
        message: elsewhere
          ? `The paper has no "${title}" section. Its ask is in "${sectionTitle(elsewhere.section)}" (the meeting is asked to ${phraseAsWritten(elsewhere.section, elsewhere.ask)}); the template gives the ask ${ownPlace}, where members and the minutes look for it. ${add} and move the ask there.`
          : `The paper has no "${title}" section${
              key === 'recommendations'
                ? otherPlaces(profile)
                    .map((p) => `, nor ${p}`)
                    .join('')
                : ''
            }: ${why}. ${add} and write ${label ? 'the ask' : 'the section'}.`,
        range: paper.anchor,
        paperWide: true,
        suggestions: [
          label
            ? fix(`Insert a "${label}:" paragraph`, insertSection(paper, at, [`${label}: ${guidanceFor(key, profile)}`]))
            : fix(`Insert the "${title}" section`, insertSection(paper, at, [`## ${title}`, '', guidanceFor(key, profile)])),
        ],
      });
    }
  },
});
