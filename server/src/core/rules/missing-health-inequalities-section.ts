/**
 * missing-health-inequalities-section: a paper for a formally constituted
 * meeting on or after the profile's `health_inequalities.from` date has no
 * health inequalities section (FORMAT.md; the ICB's 2024/25 commissioning
 * intentions: "all formally constituted Board reports to have reporting on
 * unwarranted variation and action to address health inequalities").
 */
import { defineRule, fix } from '../rule';
import type { Paper } from '../paper';
import { getNode, scalarText } from '../yaml';
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

export const rule = defineRule({
  id: 'missing-health-inequalities-section',
  severity: 'warning',
  description: 'A paper for a formal meeting on or after the health inequalities start date has no health inequalities section.',
  fixable: false,
  check({ paper, profile, meetingDate, report }) {
    const req = healthInequalitiesRequired(paper, profile, meetingDate);
    if (!req) return;
    if (healthInequalitiesSection(paper, profile)) return;

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
    message += `Add a "## ${heading}" section before the Recommendations.`;

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
