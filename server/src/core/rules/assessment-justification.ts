/**
 * assessment-justification: an assessment (`risks`, `financial_implications`,
 * `impact_assessments.quality` / `.equality` / `.data_privacy`, and the
 * organisation's own fields of type assessment) with status
 * `no` or `n/a` (any case) and no comment. The finding sits on the status.
 * A FORMAT.md assessment the profile's template declares `type: yes-no-na`
 * (asked with no comment box) needs no comment.
 *
 * The reason needs the author, so `comment: TBC` is a suggestion. For the
 * scalar shorthand (`financial_implications: n/a`) the suggestion rewrites
 * it as a mapping with the status kept as written.
 */
import { afterColon, defineRule, fix, writtenRange } from '../rule';
import { readAssessment } from '../fields';
import type { Paper } from '../paper';
import type { TextEdit } from '../types';
import { getNode, getPair, isEmptyNode, type YMap, type YPair } from '../yaml';
import { keyIndent, setInMap } from '../queries/yaml-edits';
import { builtinLabel, coverSheetFields, fieldLabel, fieldNode, templateField } from '../template-fields';

const NAMES: Record<string, string> = {
  risks: 'risks entry (are there associated risks?)',
  financial_implications: 'financial implications entry',
  quality: 'quality impact assessment (QIA)',
  equality: 'equality impact assessment (EIA)',
  data_privacy: 'data privacy impact assessment (DPIA)',
};

/** `key: n/a` → `key:\n  status: n/a\n  comment: TBC` (or `{ status: n/a, comment: TBC }` in flow). */
function expandShorthand(paper: Paper, parent: YMap, pair: YPair): TextEdit | undefined {
  const v = pair.value;
  if (v.kind !== 'scalar' || v.empty) return undefined;
  const w = writtenRange(paper, v);
  const status = paper.text.slice(w.start, w.end);
  if (/[\r\n]/.test(status)) return undefined;
  if (parent.flow) return { ...w, newText: `{ status: ${status}, comment: TBC }` };
  const ind = keyIndent(paper, pair.key.start);
  if (ind === undefined) return undefined;
  const eol = paper.eol;
  return { start: afterColon(paper, pair.key, w.start), end: w.end, newText: `${eol}${ind}  status: ${status}${eol}${ind}  comment: TBC` };
}

export const rule = defineRule({
  id: 'assessment-justification',
  severity: 'warning',
  description: 'An assessment has status no or n/a and no comment explaining why.',
  fixable: false,
  check({ paper, profile, report }) {
    const cover = paper.cover;
    if (!cover) return;
    const impact = getNode(cover, 'impact_assessments');
    const places: { parent: YMap; key: string; label?: string; own?: boolean }[] = [
      { parent: cover, key: 'risks' },
      { parent: cover, key: 'financial_implications' },
    ];
    if (impact && impact.kind === 'map') for (const key of ['quality', 'equality', 'data_privacy']) places.push({ parent: impact, key });
    // The organisation's own assessments (cover_sheet type assessment), nested ones included.
    for (const f of coverSheetFields(profile)) {
      if (f.builtin || f.type !== 'assessment') continue;
      const dot = f.key.lastIndexOf('.');
      const parent = dot === -1 ? cover : fieldNode(cover, f.key.slice(0, dot));
      if (parent?.kind === 'map') places.push({ parent, key: f.key.slice(dot + 1), label: f.label, own: true });
    }
    // A FORMAT.md assessment the template renames is called by its label.
    for (const p of places) {
      if (p.label) continue;
      const full = p.parent === cover ? p.key : `impact_assessments.${p.key}`;
      const label = fieldLabel(profile, full);
      if (label !== builtinLabel(full)) p.label = label;
    }
    for (const { parent, key, label, own } of places) {
      // A FORMAT.md assessment the template asks as a bare yes / no / N/A (no comment box).
      const full = parent === cover ? key : `impact_assessments.${key}`;
      if (templateField(profile, full)?.type === 'yes-no-na') continue;
      const pair = getPair(parent, key);
      if (!pair) continue;
      const a = readAssessment(pair.value);
      if (!a || !a.statusNode || (a.status !== 'no' && a.status !== 'n/a')) continue;
      if (a.comment || (a.commentNode && !isEmptyNode(a.commentNode))) continue;
      const node = pair.value;
      let edit: TextEdit | undefined;
      if (node.kind === 'map') edit = setInMap(paper, node, 'comment', 'TBC');
      else if (node.kind === 'scalar') edit = expandShorthand(paper, parent, pair);
      const name = label ? `"${label}" answer` : (NAMES[key] ?? key);
      const said = a.status === 'no' ? 'no' : 'n/a';
      // On an organisation's own template the box for a reason may not exist: say how the profile says so.
      const noBox =
        profile.cover_sheet && !own
          ? ` If ${profile.organisation}'s cover sheet asks this as a bare Yes / No / N/A with no box for a reason, the profile can give the field type: yes-no-na.`
          : '';
      report({
        message: `The ${name} says "${said}" but gives no comment. The meeting needs the reason (why it is not needed, or why it has not been done) to rely on the assessment: add a comment.${noBox}`,
        range: { start: a.statusNode.start, end: a.statusNode.end },
        ...(edit ? { suggestions: [fix('Insert a comment placeholder', edit)] } : {}),
      });
    }
  },
});
