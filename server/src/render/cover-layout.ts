/**
 * The cover sheet as a renderer-neutral layout: the blocks a cover sheet is
 * drawn from, in the order the organisation's template prints them, each with
 * the label the template uses. The preview's HTML, the HTML pack and the PDF
 * pack all draw this one layout, so the wording and the order cannot drift
 * between them.
 *
 * Pure and total: any model gives a layout. `value: undefined` on a fact or
 * text block means "not stated" (a renderer shows it so); `required` says
 * whether the template requires the field (renderers may show a missing
 * optional field more quietly, or leave it out).
 *
 * The organisation's template (PROFILE.md v2 `cover_sheet`) decides the
 * blocks, their labels and their order; see `templateLayout`.
 *
 * Invariant: for the built-in (Lancashire and South Cumbria) template the
 * blocks are exactly the cover sheet of the seed paper (shared/seeds/002):
 * facts, objectives, implications, history, conflicts, impact assessments,
 * authorised by.
 */
import type { AssessmentRow, CoverSheetModel, HistoryRow, ObjectiveRow } from './cover';
import { isRealDate, type Profile } from '../core/profile';
import { coverSheetFields, normaliseAnswer, requiredOn, type TemplateField } from '../core/template-fields';

/** One labelled value in a two-column table (label | value). */
export interface FactRow {
  /** The cover-sheet key (dotted for nested fields), for renderers that key styles or tags. */
  key: string;
  label: string;
  /** Display text; undefined when the paper does not state it. */
  value?: string;
  required: boolean;
}

export type CoverBlock =
  | { kind: 'facts'; rows: FactRow[] }
  | { kind: 'objectives'; key: string; label: string; objectives: ObjectiveRow[] }
  | { kind: 'assessments'; label: string; rows: (AssessmentRow & { key: string })[] }
  /** `outcomes`: false when the template records no outcome (`outcome: false`): no Outcomes column. */
  | { kind: 'history'; key: string; label: string; rows: HistoryRow[]; outcomes: boolean }
  /** A single long text under its own heading row (conflicts of interest). */
  | { kind: 'text'; key: string; label: string; value?: string; required: boolean };

export interface CoverSheetLayout {
  organisation: string;
  /** The meeting's name as the profile spells it (the cover sheet's banner). */
  meeting: string;
  blocks: CoverBlock[];
}

export function confidentialLabel(m: CoverSheetModel): string | undefined {
  if (m.confidential === true) return m.confidentialReason ? `Yes: ${m.confidentialReason}` : 'Yes';
  if (m.confidential === false) return 'No';
  return m.confidentialText ? `"${m.confidentialText}" (not true or false)` : undefined;
}

function capitalise(s: string | undefined): string | undefined {
  return s ? s.charAt(0).toUpperCase() + s.slice(1) : s;
}

/**
 * The cover sheet's layout: the organisation's template when the profile has
 * a `cover_sheet` (the model carries it: `CoverSheetModel.template`), else
 * the built-in template. `profile`, when given, decides instead of the model.
 */
export function coverSheetLayout(m: CoverSheetModel, profile?: Profile): CoverSheetLayout {
  const template = profile ? (profile.cover_sheet ? coverSheetFields(profile) : undefined) : m.template;
  return template ? templateLayout(m, template) : builtinLayout(m);
}

/**
 * The layout of an organisation's template: its fields in its order with its
 * labels — text, choice, list, date and yes/no fields as fact rows, assessments
 * in assessment blocks (consecutive ones of a group together), the strategic
 * objectives, committee history and conflicts of interest as in the built-in
 * layout — then the FORMAT.md fields it does not list, only when the paper
 * gives them. The meeting is the banner; the reason for confidentiality is
 * part of the Confidential row.
 */
function templateLayout(m: CoverSheetModel, template: readonly TemplateField[]): CoverSheetLayout {
  const blocks: CoverBlock[] = [];
  // A field the template gained after this paper's meeting (`required_from`)
  // is, on this paper, like one the template does not list: drawn only when
  // the paper gives it, never "Not stated".
  const meetingDate = isRealDate(m.date) ? m.date : undefined;
  // A follow-up question ("If yes, …", `required_if`) is required only after its question's answer.
  const answerOf = (key: string): string | undefined => {
    const row = builtinRow(key) ?? m.ownAssessments?.[key];
    const text = row ? (row.status ?? row.statusText) : key in facts ? facts[key] : m.ownValues?.[key];
    return text === undefined ? undefined : normaliseAnswer(text);
  };
  const required = (f: TemplateField) => requiredOn(f, meetingDate, answerOf);
  const gainedLater = (f: TemplateField) => !!(f.requiredFrom && meetingDate && meetingDate < f.requiredFrom);
  const fact = (row: FactRow) => {
    const last = blocks.at(-1);
    if (last?.kind === 'facts') last.rows.push(row);
    else blocks.push({ kind: 'facts', rows: [row] });
  };
  const assessment = (group: string, row: AssessmentRow & { key: string }) => {
    const last = blocks.at(-1);
    if (last?.kind === 'assessments' && last.label === group) last.rows.push(row);
    else blocks.push({ kind: 'assessments', label: group, rows: [row] });
  };
  const builtinRow = (key: string): (AssessmentRow & { key: string }) | undefined => {
    const at = ASSESSMENT_ROWS[key];
    if (!at) return undefined;
    const row = at[0] === 'implications' ? m.implications[at[1]] : m.impacts[at[1]];
    return row ? { ...row, key } : undefined;
  };
  const facts: Record<string, string | undefined> = {
    date: m.dateLong || undefined,
    title: m.title || undefined,
    presented_by: m.presentedBy,
    author: m.author,
    agenda_item: m.agendaItem || undefined,
    confidential: confidentialLabel(m),
    purpose: m.purposeLabel,
    assurance: capitalise(m.assurance),
    authorised_by: m.authorisedBy,
  };
  const hasValue = (row: AssessmentRow) => !!(row.status || row.statusText || row.comment);

  for (const f of template) {
    if (f.key === 'meeting' || f.key === 'confidential_reason') continue;
    const shown = f.listed && !gainedLater(f);
    if (f.key in facts) {
      const value = facts[f.key];
      if (shown || value !== undefined) fact({ key: f.key, label: f.label, value, required: required(f) });
    } else if (f.key === 'strategic_objectives') {
      if (shown || m.objectives.some((o) => o.ticked)) blocks.push({ kind: 'objectives', key: f.key, label: f.label, objectives: m.objectives });
    } else if (f.key === 'committee_history') {
      if (shown || m.history.length) blocks.push({ kind: 'history', key: f.key, label: f.label, rows: m.history, outcomes: f.outcome !== false });
    } else if (f.key === 'conflicts_of_interest') {
      if (shown || m.conflicts !== undefined) blocks.push({ kind: 'text', key: f.key, label: f.label, value: m.conflicts, required: required(f) });
    } else if (f.builtin) {
      const row = builtinRow(f.key);
      if (row && (shown || hasValue(row))) assessment(f.group ?? 'Assessments', { ...row, label: f.label });
    } else if (f.type === 'assessment') {
      const given = m.ownAssessments?.[f.key];
      if (shown || (given && hasValue(given))) assessment(f.group ?? 'Assessments', { ...(given ?? { label: f.label }), label: f.label, key: f.key });
    } else {
      const value = m.ownValues?.[f.key];
      if (shown || value !== undefined) fact({ key: f.key, label: f.label, value, required: required(f) });
    }
  }
  return { organisation: m.organisation, meeting: m.meeting, blocks };
}

/** Where the model keeps the FORMAT.md assessments. */
const ASSESSMENT_ROWS: Record<string, ['implications' | 'impacts', number]> = {
  risks: ['implications', 0],
  'risks.on_register': ['implications', 1],
  financial_implications: ['implications', 2],
  'impact_assessments.quality': ['impacts', 0],
  'impact_assessments.equality': ['impacts', 1],
  'impact_assessments.data_privacy': ['impacts', 2],
};

/** The built-in template's layout (the seed paper's cover sheet). */
function builtinLayout(m: CoverSheetModel): CoverSheetLayout {
  const facts: FactRow[] = [
    { key: 'date', label: 'Date of meeting', value: m.dateLong || undefined, required: true },
    { key: 'title', label: 'Title of paper', value: m.title || undefined, required: true },
    { key: 'presented_by', label: 'Presented by', value: m.presentedBy, required: true },
    { key: 'author', label: 'Author', value: m.author, required: true },
    { key: 'agenda_item', label: 'Agenda item', value: m.agendaItem || undefined, required: true },
    { key: 'confidential', label: 'Confidential', value: confidentialLabel(m), required: true },
    { key: 'purpose', label: 'Purpose', value: m.purposeLabel, required: true },
  ];
  if (m.assurance) facts.push({ key: 'assurance', label: 'Level of assurance', value: capitalise(m.assurance), required: false });
  const keyed = (rows: AssessmentRow[], keys: string[]) => rows.map((r, i) => ({ ...r, key: keys[i] ?? r.label }));
  return {
    organisation: m.organisation,
    meeting: m.meeting,
    blocks: [
      { kind: 'facts', rows: facts },
      { kind: 'objectives', key: 'strategic_objectives', label: 'Which strategic objective/s does the report relate to', objectives: m.objectives },
      { kind: 'assessments', label: 'Implications', rows: keyed(m.implications, ['risks', 'risks.on_register', 'financial_implications']) },
      { kind: 'history', key: 'committee_history', label: 'Where the paper has been discussed before', rows: m.history, outcomes: true },
      { kind: 'text', key: 'conflicts_of_interest', label: 'Conflicts of interest associated with this report', value: m.conflicts, required: true },
      {
        kind: 'assessments',
        label: 'Impact assessments',
        rows: keyed(m.impacts, ['impact_assessments.quality', 'impact_assessments.equality', 'impact_assessments.data_privacy']),
      },
      { kind: 'facts', rows: [{ key: 'authorised_by', label: 'Report authorised by', value: m.authorisedBy, required: true }] },
    ],
  };
}
