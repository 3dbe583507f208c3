/**
 * placeholder-field: a cover-sheet value is still only a placeholder — "TBC",
 * "TBA", "To follow", "To be confirmed", "XXX", with or without a hint in
 * brackets ("TBC (name, role)", as `boardpaper new` writes) — in a text field
 * (the organisation's own or the format's: presenter, author, agenda item,
 * the reason a paper is confidential), the comment of an assessment, or a
 * committee history entry's outcome. The fixes of `required-field`,
 * `assessment-justification`, `committee-outcome-missing` and
 * `confidential-reason` insert "TBC" for the author to replace; this rule
 * keeps it in sight until they do.
 *
 * Not here: a field whose type other rules check (dates: invalid-date;
 * purpose, yes/no/n/a, choices, lists: field-type), and the cover-sheet
 * field that holds the ask, which placeholder-section reports. "N/A" and
 * "None" are answers in a box, not placeholders. No fix: only the author
 * knows the value.
 */
import { defineRule } from '../rule';
import { getPair, type YNode, type YScalar } from '../yaml';
import { coverSheetFields, fieldPair, fieldRef, templateField } from '../template-fields';
import { isPlaceholderValue } from '../queries/placeholder';

/** A scalar holding only a placeholder, or undefined. */
function placeholder(node: YNode | undefined): YScalar | undefined {
  return node?.kind === 'scalar' && typeof node.value === 'string' && isPlaceholderValue(node.text) ? node : undefined;
}

/** Why the meeting needs the value, for the fields whose reason is particular. */
const WHY: Readonly<Record<string, string>> = {
  presented_by: 'the chair needs to know who will present the item',
  confidential_reason: 'the grounds for taking the item in private (such as the Freedom of Information exemption relied on) must be given',
  authorised_by: 'the meeting relies on the paper having been signed off by the director accountable for it',
};

const said = (n: YScalar) => `still says only "${n.text.trim()}"`;

export const rule = defineRule({
  id: 'placeholder-field',
  severity: 'warning',
  description: 'A cover-sheet value is still a placeholder (TBC, TBA, to follow).',
  fixable: false,
  check({ paper, profile, report }) {
    const cover = paper.cover;
    if (!cover) return;
    const askField = profile.recommendations?.cover_field;
    for (const f of coverSheetFields(profile)) {
      const pair = fieldPair(cover, f.key);
      if (!pair) continue;
      if (f.type === 'text' && f.key !== askField) {
        const n = placeholder(pair.value);
        if (n)
          report({
            message: `${fieldRef(profile, f.key)} ${said(n)}: ${WHY[f.key] ?? "the meeting reads the cover sheet as the paper's record, and a placeholder tells members nothing"}. Write it in before the paper goes to the meeting.`,
            range: { start: n.start, end: n.end },
          });
      } else if (f.type === 'assessment') {
        const n = placeholder(getPair(pair.value, 'comment')?.value);
        if (n)
          report({
            message: `The comment on ${fieldRef(profile, f.key)} ${said(n)}: the meeting needs the reason to rely on the answer. Write the comment before the paper goes to the meeting.`,
            range: { start: n.start, end: n.end },
          });
      }
    }
    // The comments of the impact assessments the template lists as one field.
    const impact = getPair(cover, 'impact_assessments')?.value;
    if (impact?.kind === 'map' && !coverSheetFields(profile).some((f) => f.key.startsWith('impact_assessments.'))) {
      for (const p of impact.pairs) {
        const n = placeholder(getPair(p.value, 'comment')?.value);
        if (n)
          report({
            message: `The comment on the ${p.name} impact assessment ${said(n)}: the meeting needs the reason to rely on the assessment. Write the comment before the paper goes to the meeting.`,
            range: { start: n.start, end: n.end },
          });
      }
    }
    // Committee history outcomes, where the template records them.
    const history = getPair(cover, 'committee_history')?.value;
    if (history?.kind === 'seq' && templateField(profile, 'committee_history')?.outcome !== false) {
      for (const item of history.items) {
        const n = placeholder(getPair(item, 'outcome')?.value);
        if (n)
          report({
            message: `This committee history entry's outcome ${said(n)}: members need to know what that meeting decided. Write the outcome before the paper goes to the meeting.`,
            range: { start: n.start, end: n.end },
          });
      }
    }
  },
});
