/**
 * health-inequalities-breakdown: the health inequalities section names none
 * of deprivation, ethnicity, age or sex. NHS England's statement on
 * information on health inequalities (section 13SA, NHS Act 2006) expects
 * data broken down at least by these.
 */
import { defineRule } from '../rule';
import { renderedText } from '../paper';
import { sectionTitle } from '../queries/sections';
import { healthInequalitiesSection } from '../queries/health-inequalities';
import { isPlaceholder } from '../queries/placeholder';

/** Each dimension and the words that show the paper looked at it (word-boundary, case-insensitive). */
const DIMENSIONS: readonly RegExp[] = [
  // deprivation: also IMD (index of multiple deprivation) and Core20 (also inside Core20PLUS5)
  /\b(?:(?:depriv\w*|imd)\b|core\s?20)/i,
  // ethnicity
  /\b(?:ethnic\w*|bame|bme)\b/i,
  // age
  /\b(?:age|ages|aged|age-group|age-band)\b/i,
  // sex
  /\b(?:sex|sexes|gender\w*|male|males|female|females|men|women)\b/i,
];

/** Whether the text names at least one of deprivation, ethnicity, age and sex. */
export function namesBreakdown(text: string): boolean {
  return DIMENSIONS.some((re) => re.test(text));
}

export const rule = defineRule({
  id: 'health-inequalities-breakdown',
  severity: 'info',
  description: 'The health inequalities section names none of deprivation, ethnicity, age or sex.',
  fixable: false,
  check({ paper, profile, report }) {
    const section = healthInequalitiesSection(paper, profile);
    if (!section || isPlaceholder(section)) return;
    if (namesBreakdown(renderedText(section.nodes))) return;
    report({
      message:
        `The "${sectionTitle(section)}" section does not mention deprivation, ethnicity, age or sex. ` +
        "NHS England's statement on information on health inequalities expects the data to be broken down at least by these, so the meeting can see who is affected and whether the gap is narrowing. " +
        'Say what the figures show for each (for example by deprivation quintile and ethnic group), or why a breakdown is not available.',
      range: section.headingRange,
    });
  },
});
