/**
 * The cover sheet as plain data, laid out like an NHS ICB paper's front page
 * (the real one in shared/seeds/002): meeting, date, title, presenter, author,
 * agenda item, confidential, purpose, the strategic objectives with the ticked
 * ones marked, implications and impact assessments (Yes / No / N/A and a
 * comment), where discussed before, conflicts of interest, authorised by.
 *
 * Pure and total: any paper (any YAML shape) gives a model; what is missing is
 * left undefined and the renderers say "Not stated".
 */
import type { Paper } from '../core/paper';
import { findCommittee, type Profile } from '../core/profile';
import { longDate } from '../core/queries/dates';
import { isProfileCode, objectiveEntries } from '../core/queries/objectives';
import { readAssessment } from '../core/fields';
import { coverSheetFields, fieldNode, type TemplateField } from '../core/template-fields';
import { getNode, scalarText, type YNode } from '../core/yaml';

export type Status = 'yes' | 'no' | 'n/a';

export interface AssessmentRow {
  label: string;
  /** Normalised status when it is yes / no / n/a. */
  status?: Status;
  /** The status as written when it is something else. */
  statusText?: string;
  comment?: string;
}

export interface ObjectiveRow {
  code: string;
  text: string;
  ticked: boolean;
  /** False for a code the paper uses that the profile does not list. */
  known: boolean;
  /** The template names the objective ("The best place to work": its wording is its name): drawn once, across the code and wording columns. */
  nameOnly: boolean;
}

export interface HistoryRow {
  meeting: string;
  /** As written. */
  date: string;
  /** `20 February 2024` when the date is a real ISO date, else as written. */
  dateLong: string;
  outcome: string;
}

export interface RiskItem {
  id: string;
  title: string;
}

export interface CoverSheetModel {
  organisation: string;
  /** The committee's name in the profile when the meeting is known, else as written. */
  meeting: string;
  /** The date as written (`2024-06-18`). */
  date: string;
  /** `18 June 2024`, or the date as written when it is not a real ISO date. */
  dateLong: string;
  title: string;
  /** Source text, never the loaded number (`10.10` stays `10.10`). */
  agendaItem: string;
  presentedBy?: string;
  author?: string;
  /** true / false, or undefined when `confidential` is missing or not a boolean. */
  confidential?: boolean;
  /** What `confidential` says when it is not a boolean, e.g. `yes`. */
  confidentialText?: string;
  confidentialReason?: string;
  purpose?: string;
  /** `For approval`, `To note`… */
  purposeLabel?: string;
  assurance?: string;
  objectives: ObjectiveRow[];
  /** Associated risks; on the risk register; financial implications. */
  implications: AssessmentRow[];
  riskItems: RiskItem[];
  history: HistoryRow[];
  conflicts?: string;
  /** Quality, equality, data privacy. */
  impacts: AssessmentRow[];
  authorisedBy?: string;
  /**
   * The organisation's template (PROFILE.md v2 `cover_sheet`), when the
   * profile has one; absent for the built-in template. `coverSheetLayout`
   * draws the cover sheet from it.
   */
  template?: TemplateField[];
  /** Display text of the organisation's own fields (not assessments), by key. */
  ownValues?: Record<string, string>;
  /** The organisation's own assessments, by key (row label: the template's label). */
  ownAssessments?: Record<string, AssessmentRow>;
}

export const PURPOSE_LABELS: Record<string, string> = {
  approve: 'For approval',
  decide: 'For decision',
  discuss: 'For discussion',
  assure: 'For assurance',
  note: 'To note',
  information: 'For information',
};

// `longDate` is the core's (one definition for the rules' messages, the preview and the pack).
export { longDate };

/** Display text of a node: scalars as decoded, lists of scalars joined. */
export function displayText(node: YNode | undefined): string | undefined {
  if (!node) return undefined;
  if (node.kind === 'scalar') {
    if (node.empty || node.value === null) return undefined;
    const t = node.style === 'plain' && typeof node.value !== 'string' ? node.source.trim() : node.text;
    return t.trim() === '' ? undefined : t.trim();
  }
  if (node.kind === 'seq') {
    const parts = node.items.map(displayText).filter((s): s is string => !!s);
    return parts.length ? parts.join(', ') : undefined;
  }
  return undefined;
}

function text(cover: YNode | null, key: string): string | undefined {
  return displayText(getNode(cover, key));
}

/** The meeting name as the profile spells it (aliases resolved). */
export function canonicalMeeting(name: string, profile: Profile): string {
  return findCommittee(profile, name)?.name ?? name.trim();
}

function assessmentRow(label: string, node: YNode | undefined): AssessmentRow {
  const a = readAssessment(node);
  const row: AssessmentRow = { label };
  if (!a) return row;
  if (a.status === 'yes' || a.status === 'no' || a.status === 'n/a') row.status = a.status;
  else if (a.status) row.statusText = a.status;
  if (a.comment) row.comment = a.comment;
  return row;
}

export function coverSheetModel(paper: Paper, profile: Profile): CoverSheetModel {
  const c = paper.cover;
  const meetingWritten = text(c, 'meeting') ?? '';
  const date = scalarText(getNode(c, 'date')) ?? '';
  const confNode = getNode(c, 'confidential');
  const confValue = confNode?.kind === 'scalar' ? confNode.value : undefined;
  const purpose = text(c, 'purpose');
  const purposeKey = purpose?.toLowerCase();
  // Several purposes, where the template allows it ("For assurance, For approval").
  const purposeNode = getNode(c, 'purpose');
  const purposeList = purposeNode?.kind === 'seq' ? purposeNode.items.map((i) => displayText(i)).filter((x): x is string => !!x) : undefined;

  // Strategic objectives: every objective in the profile, ticked or not, then
  // any code the paper uses that the profile does not know.
  // A list's entries are read as the strategic objective rules read them: a
  // bare code, "SO2: wording" or `- SO2: wording` (queries/objectives.ts).
  const codesNode = getNode(c, 'strategic_objectives');
  const written: string[] = [];
  const list = objectiveEntries(paper);
  if (list) written.push(...list.entries.map((e) => e.code));
  else if (codesNode?.kind === 'scalar') written.push(...splitCodes(scalarText(codesNode), profile));
  const upper = new Set(written.map((s) => s.toUpperCase()));
  const objectives: ObjectiveRow[] = Object.entries(profile.strategic_objectives).map(([code, t]) => ({
    code,
    text: t,
    ticked: upper.has(code.toUpperCase()),
    known: true,
    nameOnly: t === code,
  }));
  const knownUpper = new Set(Object.keys(profile.strategic_objectives).map((k) => k.toUpperCase()));
  const seenUnknown = new Set<string>();
  for (const w of written) {
    const u = w.toUpperCase();
    if (knownUpper.has(u) || seenUnknown.has(u)) continue;
    seenUnknown.add(u);
    objectives.push({ code: w, text: 'Not in the organisation profile', ticked: true, known: false, nameOnly: false });
  }

  const risks = getNode(c, 'risks');
  const riskItems: RiskItem[] = [];
  const itemsNode = getNode(risks, 'items');
  if (itemsNode?.kind === 'seq') {
    for (const it of itemsNode.items) {
      const id = scalarText(getNode(it, 'id')) ?? '';
      const title = text(it, 'title') ?? '';
      if (id || title) riskItems.push({ id, title });
    }
  }
  const onRegister = assessmentRow('Are associated risks detailed on the risk register?', getNode(risks, 'on_register'));
  if (riskItems.length) onRegister.comment = riskItems.map((r) => [r.id, r.title].filter(Boolean).join(' ')).join('; ');
  const riskStatus = readAssessment(risks)?.status;
  if (!onRegister.status && !onRegister.statusText && !onRegister.comment && (riskStatus === 'no' || riskStatus === 'n/a'))
    onRegister.comment = 'Not applicable: no associated risks';

  const history: HistoryRow[] = [];
  const hist = getNode(c, 'committee_history');
  if (hist?.kind === 'seq') {
    for (const h of hist.items) {
      const d = scalarText(getNode(h, 'date')) ?? '';
      const m = text(h, 'meeting') ?? '';
      history.push({ meeting: m ? canonicalMeeting(m, profile) : '', date: d, dateLong: longDate(d), outcome: text(h, 'outcome') ?? '' });
    }
  }

  const impacts = getNode(c, 'impact_assessments');
  const model: CoverSheetModel = {
    organisation: profile.organisation,
    meeting: meetingWritten ? canonicalMeeting(meetingWritten, profile) : '',
    date,
    dateLong: longDate(date),
    title: text(c, 'title') ?? '',
    agendaItem: scalarText(getNode(c, 'agenda_item')) ?? '',
    presentedBy: text(c, 'presented_by'),
    author: text(c, 'author'),
    confidential: typeof confValue === 'boolean' ? confValue : undefined,
    confidentialText: confNode && typeof confValue !== 'boolean' ? displayText(confNode) : undefined,
    confidentialReason: text(c, 'confidential_reason'),
    purpose,
    purposeLabel: purposeList
      ? purposeList.map((p) => PURPOSE_LABELS[p.toLowerCase()] ?? p).join(', ')
      : purposeKey
        ? (PURPOSE_LABELS[purposeKey] ?? purpose)
        : undefined,
    assurance: text(c, 'assurance'),
    objectives,
    implications: [assessmentRow('Associated risks', risks), onRegister, assessmentRow('Financial implications', getNode(c, 'financial_implications'))],
    riskItems,
    history,
    conflicts: text(c, 'conflicts_of_interest'),
    impacts: [
      assessmentRow('Quality impact assessment completed', getNode(impacts, 'quality')),
      assessmentRow('Equality impact assessment completed', getNode(impacts, 'equality')),
      assessmentRow('Data privacy impact assessment completed', getNode(impacts, 'data_privacy')),
    ],
    authorisedBy: text(c, 'authorised_by'),
  };
  if (profile.cover_sheet) {
    model.template = coverSheetFields(profile).map((f) => ({ ...f, aliases: [...f.aliases], ...(f.values ? { values: [...f.values] } : {}) }));
    model.ownValues = {};
    model.ownAssessments = {};
    for (const f of model.template) {
      if (f.builtin) continue;
      const node = fieldNode(c, f.key);
      if (f.type === 'assessment') {
        model.ownAssessments[f.key] = assessmentRow(f.label, node);
        continue;
      }
      const v = ownDisplay(f, node);
      if (v !== undefined) model.ownValues[f.key] = v;
    }
  }
  return model;
}

const STATUS_TEXT: Record<string, string> = { yes: 'Yes', no: 'No', 'n/a': 'N/A' };

/** How an own field's value is printed: dates in words, yes/no as words, lists joined. */
function ownDisplay(f: TemplateField, node: YNode | undefined): string | undefined {
  if (!node) return undefined;
  if (f.type === 'boolean' && node.kind === 'scalar' && typeof node.value === 'boolean') return node.value ? 'Yes' : 'No';
  const t = displayText(node);
  if (t === undefined) return undefined;
  // One or more dates: "30 April 2025 and 14 May 2025".
  if (f.type === 'dates' && node.kind === 'seq') {
    const each = node.items.map((i) => (i.kind === 'scalar' ? displayText(i) : undefined)).filter((d): d is string => !!d);
    return each.length ? each.map((d) => longDate(d)).join(each.length === 2 ? ' and ' : ', ') : t;
  }
  if (f.type === 'date' || f.type === 'dates') return longDate(t);
  if (f.type === 'yes-no-na') return STATUS_TEXT[t.toLowerCase()] ?? t;
  return t;
}

/** The codes of a cover sheet's objectives written as one text ("SO1, SO3", "SO1 SO3"), the profile's names kept whole. */
function splitCodes(s: string | undefined, profile: Profile): string[] {
  const isName = (t: string) => isProfileCode(profile, t);
  if (!s?.trim()) return [];
  if (isName(s.trim())) return [s.trim()];
  return s.split(',').flatMap((part) => (isName(part.trim()) ? [part.trim()] : part.split(/\s+/).filter(Boolean)));
}
