/**
 * decision-without-assessment: the meeting is asked to approve or decide
 * (`purpose: approve` / `decide`) and the equality or quality impact
 * assessment status is `no`. One finding per assessment, on its status.
 * No fix: the assessment has to be done (or the purpose changed).
 */
import { defineRule } from '../rule';
import { readAssessment } from '../fields';
import { getNode } from '../yaml';
import { paperPurposes } from '../queries/purposes';

const NAMES: Record<string, string> = {
  equality: 'equality impact assessment (EIA)',
  quality: 'quality impact assessment (QIA)',
};

export const rule = defineRule({
  id: 'decision-without-assessment',
  severity: 'warning',
  description: 'The meeting is asked to approve or decide but the equality or quality impact assessment has not been done.',
  fixable: false,
  check({ paper, profile, report }) {
    // One purpose, or several where the template allows it: any decision counts.
    const purpose = paperPurposes(paper, profile)?.find((p) => p === 'approve' || p === 'decide');
    if (!purpose) return;
    const impact = getNode(paper.cover, 'impact_assessments');
    if (!impact || impact.kind !== 'map') return;
    for (const key of ['quality', 'equality']) {
      const a = readAssessment(getNode(impact, key));
      if (!a?.statusNode || a.status !== 'no') continue;
      const duty =
        key === 'equality'
          ? 'the Public Sector Equality Duty expects due regard to equality to be shown before the decision is taken'
          : 'a quality impact assessment shows the decision will not harm safety, clinical outcomes or patient experience';
      report({
        message: `The meeting is asked to ${purpose} but the ${NAMES[key]} status is "no": ${duty}. Complete the assessment before the paper goes to the meeting; if the decision cannot wait, say why in the paper and when the assessment will be done.`,
        range: { start: a.statusNode.start, end: a.statusNode.end },
      });
    }
  },
});
