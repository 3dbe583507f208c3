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
 * Invariant: for the built-in (Lancashire and South Cumbria) template the
 * blocks are exactly the cover sheet of the seed paper (shared/seeds/002):
 * facts, objectives, implications, history, conflicts, impact assessments,
 * authorised by.
 */
import type { AssessmentRow, CoverSheetModel, HistoryRow, ObjectiveRow } from './cover';

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
  | { kind: 'history'; key: string; label: string; rows: HistoryRow[] }
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

/** The built-in template's layout (the seed paper's cover sheet). */
export function coverSheetLayout(m: CoverSheetModel): CoverSheetLayout {
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
      { kind: 'history', key: 'committee_history', label: 'Where the paper has been discussed before', rows: m.history },
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
