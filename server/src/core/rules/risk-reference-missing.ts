/**
 * risk-reference-missing: `risks.status: yes` or `risks.on_register: yes`
 * with no `risks.items` (missing, empty or `[]`).
 *
 * The risk references need the author (which risk?), so the item skeleton
 * is a suggestion, not a fix.
 */
import { afterColon, defineRule, fix } from '../rule';
import { normaliseStatus, readAssessment } from '../fields';
import { getNode, getPair, isEmptyNode, scalarText } from '../yaml';
import { setInMap } from '../queries/yaml-edits';

const FLOW_SKELETON = '[{ id: "TBC", title: TBC }]';

export const rule = defineRule({
  id: 'risk-reference-missing',
  severity: 'warning',
  description: 'The paper says there are risks (or that they are on the register) but gives no risk references.',
  fixable: false,
  check({ paper, report }) {
    const risksPair = getPair(paper.cover, 'risks');
    if (!risksPair) return;
    const risks = risksPair.value;
    const a = readAssessment(risks);
    const onRegisterText = scalarText(getNode(risks, 'on_register'));
    const onRegister = onRegisterText ? normaliseStatus(onRegisterText) : undefined;
    if (a?.status !== 'yes' && onRegister !== 'yes') return;
    const itemsPair = getPair(risks, 'items');
    if (itemsPair && !isEmptyNode(itemsPair.value)) return;
    if (itemsPair && itemsPair.value.kind === 'alias') return;
    const why = onRegister === 'yes' ? 'says the risks are on the risk register' : 'says there are risks';
    const range = itemsPair
      ? { start: itemsPair.key.start, end: Math.max(itemsPair.key.end, afterColon(paper, itemsPair.key)) }
      : { start: risksPair.key.start, end: risksPair.key.end };
    const suggestions = [];
    if (risks.kind === 'map') {
      const edit = setInMap(paper, risks, 'items', '\n  - id: "TBC"\n    title: TBC', FLOW_SKELETON);
      if (edit) suggestions.push(fix('Insert a risk reference skeleton', edit));
    }
    report({
      message: `The cover sheet ${why} but lists no risk references under risks.items. The meeting cannot see which risks the paper affects or check them against the register: add each risk's register id and title.`,
      range,
      ...(suggestions.length ? { suggestions } : {}),
    });
  },
});
