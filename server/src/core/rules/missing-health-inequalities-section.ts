/**
 * missing-health-inequalities-section: a paper for a formally constituted
 * meeting on or after the profile's `health_inequalities.from` date has no
 * health inequalities section (FORMAT.md; the ICB's 2024/25 commissioning
 * intentions: "all formally constituted Board reports to have reporting on
 * unwarranted variation and action to address health inequalities").
 *
 * With the profile's `health_inequalities.cover_field` (PROFILE.md v2) the
 * cover sheet may answer instead: yes (and then a section, or health
 * inequalities data in the body), or no / n/a with a comment (a missing
 * comment is assessment-justification's).
 */
import { defineRule, fix } from '../rule';
import type { Paper } from '../paper';
import type { Profile } from '../profile';
import { getNode, isEmptyNode, scalarText } from '../yaml';
import { readAssessment } from '../fields';
import { answerIn, fieldLabel, fieldNode, requiredOn, templateField } from '../template-fields';
import { insertSection, lineStartOf, recommendationsSection } from '../queries/sections';
import { healthInequalitiesRequired, healthInequalitiesSection, hiHeadingFor } from '../queries/health-inequalities';
import { longDate } from '../queries/dates';

/** Codes ticked in `strategic_objectives`: `SO2`, `"SO2: wording"`, `- SO2: wording`, or `"SO1, SO2"`. */
export function tickedObjectives(paper: Paper): string[] {
  const node = getNode(paper.cover, 'strategic_objectives');
  const out: string[] = [];
  const fromText = (t: string | undefined) => {
    if (!t) return;
    for (const part of t.split(',')) {
      const code = part.split(':')[0]!.trim();
      if (code) out.push(code);
    }
  };
  if (!node) return out;
  if (node.kind === 'scalar') fromText(scalarText(node));
  else if (node.kind === 'seq') {
    for (const item of node.items) {
      if (item.kind === 'scalar') {
        const t = scalarText(item);
        if (t) out.push(t.split(':')[0]!.trim());
      } else if (item.kind === 'map' && item.pairs[0]) out.push(item.pairs[0].name.trim());
    }
  }
  return out.filter(Boolean);
}

export const HI_GUIDANCE =
  '<!-- Describe the unwarranted variation in access, experience and outcomes that this paper affects, for the Core20PLUS5 groups ' +
  '(the most deprived 20% of the population, the PLUS groups and the five clinical areas), and the action taken or planned to address it. ' +
  "Give the data broken down at least by deprivation, ethnicity, age and sex (NHS England's statement on information on health inequalities, " +
  'section 13SA of the National Health Service Act 2006). Replace TBC below with the section. -->';

/** Words that show health inequalities data or discussion in the body. */
const HI_WORDS =
  /\b(?:health inequalit|health equity|inequalit(?:y|ies) in health|unwarranted variation|core20plus5|deprivation|deprived|ethnicity|ethnic group|index of multiple deprivation|imd)/i;

/**
 * How the organisation's cover-sheet field (`health_inequalities.cover_field`)
 * answers the health inequalities question: answered (yes with a section or
 * data in the body, or no / n/a — whose missing comment is
 * assessment-justification's), yes without data, unanswered, or left to
 * other rules (a required field missing is required-field's, a status that
 * is not yes/no/n/a is field-type's). Without a cover_field: no field.
 */
export function coverFieldAnswer(
  paper: Paper,
  profile: Profile,
  meetingDate: string | undefined,
): 'no field' | 'answered' | 'yes without data' | 'unanswered' | 'left to other rules' {
  const key = profile.health_inequalities?.cover_field;
  if (!key) return 'no field';
  const node = fieldNode(paper.cover, key);
  const a = readAssessment(node);
  if (!a?.status) {
    const f = templateField(profile, key);
    return (node && !isEmptyNode(node)) || (f && requiredOn(f, meetingDate, answerIn(paper.cover))) ? 'left to other rules' : 'unanswered';
  }
  if (a.status === 'no' || a.status === 'n/a') return 'answered';
  if (a.status !== 'yes') return 'left to other rules';
  const body = paper.text.slice(paper.frontmatter ? paper.frontmatter.block.end : 0);
  return HI_WORDS.test(body) ? 'answered' : 'yes without data';
}

export const rule = defineRule({
  id: 'missing-health-inequalities-section',
  severity: 'warning',
  description: 'A paper for a formal meeting on or after the health inequalities start date has no health inequalities section.',
  fixable: false,
  check({ paper, profile, meetingDate, report }) {
    const req = healthInequalitiesRequired(paper, profile, meetingDate);
    if (!req) return;
    if (healthInequalitiesSection(paper, profile)) return;
    const onCover = coverFieldAnswer(paper, profile, meetingDate);
    if (onCover === 'answered' || onCover === 'left to other rules') return;

    const heading = hiHeadingFor(profile);
    const equality = Array.isArray(profile.equality_objectives) ? profile.equality_objectives : [];
    const ticked = tickedObjectives(paper).filter((c) => equality.includes(c));
    const meeting = req.meeting ? `the ${req.meeting.replace(/^the\s+/i, '')}` : 'a formal meeting';
    const from = typeof profile.health_inequalities?.from === 'string' ? longDate(profile.health_inequalities.from) : '';
    let message =
      `This paper goes to ${meeting} on ${longDate(req.date)} but has no health inequalities section. ` +
      `From ${from} every formally constituted board report must report on unwarranted variation and the action taken to address health inequalities ` +
      `(NHS England's statement on information on health inequalities, section 13SA of the NHS Act 2006; Core20PLUS5). `;
    if (ticked.length) {
      const list = ticked.map((c) => (profile.strategic_objectives?.[c] ? `${c} (${profile.strategic_objectives[c]})` : c)).join(', ');
      message += `The paper says it serves ${list}, so the meeting will look here for the evidence on who benefits and whether the gap is narrowing. `;
    }
    if (onCover === 'yes without data') {
      const label = fieldLabel(profile, profile.health_inequalities.cover_field!);
      message =
        `The cover sheet answers yes to "${label}", but the paper has no health inequalities section and gives no health inequalities data in its body. ` +
        `The meeting will look for the unwarranted variation in access, experience and outcomes and the action taken (NHS England's statement on information on health inequalities; Core20PLUS5). ` +
        `Add a "## ${heading}" section before the Recommendations, or correct the answer on the cover sheet.`;
    } else if (onCover === 'unanswered') {
      const label = fieldLabel(profile, profile.health_inequalities.cover_field!);
      message += `Answer "${label}" on the cover sheet (yes, or no / n/a with a comment saying why), or add a "## ${heading}" section before the Recommendations.`;
    } else message += `Add a "## ${heading}" section before the Recommendations.`;

    const recs = recommendationsSection(paper, profile);
    const at = recs ? lineStartOf(paper, recs.headingRange.start) : paper.text.length;
    report({
      message,
      range: paper.anchor,
      paperWide: true,
      suggestions: [fix(`Insert the "${heading}" section`, insertSection(paper, at, [`## ${heading}`, '', HI_GUIDANCE, '', 'TBC']))],
    });
  },
});
