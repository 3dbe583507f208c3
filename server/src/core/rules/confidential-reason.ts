/**
 * confidential-reason: the paper is a Part 2 (private) item,
 * `confidential: true`, but gives no `confidential_reason` (missing or
 * empty). Only the boolean `true` counts: `confidential: yes` is field-type's
 * (and becomes `true` when fixed, when this rule then applies).
 *
 * The reason needs the author, so the edit is a suggestion, not a fix:
 * `confidential_reason: TBC` after the `confidential` line (or the empty
 * value given `TBC`).
 */
import { defineRule, fix, afterColon, indentAt, lineAfter, writtenRange } from '../rule';
import { getPair, isEmptyNode } from '../yaml';
import type { TextEdit } from '../types';

export const rule = defineRule({
  id: 'confidential-reason',
  severity: 'warning',
  description: 'A confidential (Part 2) paper does not say why it is taken in private.',
  fixable: false,
  check({ paper, report }) {
    const cover = paper.cover;
    if (!cover) return;
    const conf = getPair(cover, 'confidential');
    if (!conf || conf.value.kind !== 'scalar' || conf.value.value !== true) return;
    const reason = getPair(cover, 'confidential_reason');
    if (reason && (reason.value.kind === 'alias' || !isEmptyNode(reason.value))) return;

    let edit: TextEdit;
    if (reason) {
      // Present but empty: give it the placeholder.
      const v = reason.value;
      const at = afterColon(paper, reason.key, v.kind === 'scalar' && v.empty ? paper.text.length : v.start);
      const end = v.kind === 'scalar' && v.empty ? at : Math.max(at, writtenRange(paper, v).end);
      edit = { start: at, end, newText: ' TBC' };
    } else if (cover.flow) {
      const end = writtenRange(paper, conf.value).end;
      edit = { start: end, end, newText: ', confidential_reason: TBC' };
    } else {
      const at = lineAfter(paper, conf.value.end > conf.value.start ? conf.value.end - 1 : conf.key.end);
      const needsBreak = at === paper.text.length && !/[\r\n]$/.test(paper.text);
      edit = { start: at, end: at, newText: `${needsBreak ? paper.eol : ''}${indentAt(paper, conf.key.start)}confidential_reason: TBC${paper.eol}` };
    }
    report({
      message:
        'This paper is marked confidential (a Part 2 item, taken in private) but does not say why. The public and the meeting are entitled to know the grounds for excluding the public, such as the Freedom of Information exemption relied on; add "confidential_reason:" with that reason.',
      range: { start: conf.value.start, end: conf.value.end },
      suggestions: [fix('Add "confidential_reason" with a placeholder', edit)],
    });
  },
});
