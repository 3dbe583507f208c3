/**
 * committee-outcome-missing: a `committee_history` entry with no `outcome`
 * (missing or empty). The outcome needs the author, so `outcome: TBC` is a
 * suggestion. The finding sits on the empty `outcome:` key, or on the
 * entry's first line when the key is missing. Not when the profile's template
 * says `outcome: false` on `committee_history` (no outcome column).
 */
import { afterColon, defineRule, fix } from '../rule';
import { getPair, isEmptyNode } from '../yaml';
import { setInMap } from '../queries/yaml-edits';
import { templateField } from '../template-fields';

export const rule = defineRule({
  id: 'committee-outcome-missing',
  severity: 'warning',
  description: 'A committee history entry does not say what that meeting decided.',
  fixable: false,
  check({ paper, profile, report }) {
    // The template records where and when, not what was decided (`outcome: false`).
    if (templateField(profile, 'committee_history')?.outcome === false) return;
    const hist = getPair(paper.cover, 'committee_history')?.value;
    if (!hist || hist.kind !== 'seq') return;
    for (const item of hist.items) {
      if (item.kind !== 'map' || item.pairs.length === 0) continue;
      const pair = getPair(item, 'outcome');
      if (pair && (!isEmptyNode(pair.value) || pair.value.kind === 'alias')) continue;
      const meeting = getPair(item, 'meeting')?.value;
      const name = meeting && meeting.kind === 'scalar' && !meeting.empty ? ` at ${meeting.text.trim()}` : '';
      let range;
      if (pair) range = { start: pair.key.start, end: Math.max(pair.key.end, afterColon(paper, pair.key)) };
      else {
        const k = item.pairs[0]!.key;
        range = { start: k.start, end: k.end };
      }
      const edit = setInMap(paper, item, 'outcome', 'TBC');
      report({
        message: `This committee history entry does not say what happened${name}. Members need the outcome (approved, endorsed, noted with comments…) to know what has already been agreed and why the paper comes here: add an outcome.`,
        range,
        ...(edit ? { suggestions: [fix('Insert an outcome placeholder', edit)] } : {}),
      });
    }
  },
});
