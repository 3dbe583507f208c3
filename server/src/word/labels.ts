/**
 * How a Word cover sheet names its fields: the labels and aliases by which
 * `boardpaper import` recognises a cover-sheet row. Pure.
 *
 * The profile's `cover_sheet` (PROFILE.md v2) comes first; the built-in labels
 * below — the seed paper's own wording and the wording of other NHS bodies'
 * published templates — are always accepted too, so a paper from a
 * neighbouring organisation still imports.
 */
import type { Profile } from '../core/profile';
import { coverSheetFields } from '../core/template-fields';

export interface LabelledField {
  /** Front-matter key, dotted for nested fields (`impact_assessments.quality`, `risks.on_register`). */
  key: string;
  /** The label the organisation's template prints (used by `export`). */
  label: string;
  /** Every label by which a cover-sheet row is recognised (the label included). */
  labels: string[];
}

/** Built-in labels, by key: the first is what the LSC template (shared seed 002) prints. */
export const BUILT_IN_LABELS: Record<string, string[]> = {
  title: ['Title of paper', 'Title', 'Report title', 'Paper title', 'Title of report', 'Subject', 'Report subject', 'Name of paper'],
  meeting: [
    'Meeting',
    'Name of meeting',
    'Meeting of',
    'Report to',
    'Paper to',
    'Committee',
    'Board or committee',
    'Board/committee',
    'Meeting name',
    'Presented to',
  ],
  date: ['Date of meeting', 'Meeting date', 'Date', 'Date of board', 'Date of committee'],
  agenda_item: [
    'Agenda item',
    'Agenda item number',
    'Agenda item no',
    'Item',
    'Item number',
    'Item no',
    'Agenda reference',
    'Paper reference',
    'Paper number',
    'Reference',
    'Paper no',
  ],
  presented_by: [
    'Presented by',
    'Lead Director',
    'Executive lead',
    'Report from',
    'Lead executive',
    'Executive sponsor',
    'Responsible director',
    'Sponsoring director',
    'Accountable director',
    'Lead director/officer',
    'Presenter',
    'Executive director',
  ],
  author: ['Author', 'Report author', 'Author(s)', 'Prepared by', 'Written by', 'Paper prepared by', 'Report prepared by', 'Lead author', 'Author name'],
  confidential: ['Confidential', 'Is the paper confidential', 'Confidential paper', 'Private', 'Public or private', 'Part 2', 'Confidentiality'],
  confidential_reason: ['Reason for confidentiality', 'Confidential reason', 'Reason for private session', 'FOI exemption', 'Exemption'],
  purpose: [
    'Purpose',
    'Purpose of paper',
    'Purpose of the paper',
    'Purpose of report',
    'Action required',
    'Action required by the Board',
    'Action required by the committee',
    'Decision required',
    'Report purpose',
    'Paper is for',
    'The Board is asked to',
  ],
  assurance: ['Level of assurance', 'Assurance level', 'Assurance', 'Level of assurance given', 'Assurance rating'],
  strategic_objectives: [
    'Which Strategic Objective/s does the report relate to',
    'Strategic objectives',
    'Strategic objective',
    'Link to strategic objectives',
    'Link to strategic missions',
    'Link to strategic priorities',
    'Link to strategic aims',
    'Strategic aims',
    'Strategic priorities',
    'Corporate objectives',
    'Relevant strategic objectives',
    'Which strategic objectives does this paper support',
    'Summary of corporate objectives supported by this report',
    'Corporate objectives supported by this report',
    'Strategic objectives supported by this report',
  ],
  risks: ['Associated risks', 'Link to strategic risks', 'Risks', 'Risk implications', 'Risk', 'Key risks', 'Link to risk', 'Risk and assurance'],
  'risks.on_register': [
    'Are associated risks detailed on the ICB Risk Register',
    'Are associated risks detailed on the risk register',
    'Are the risks on the risk register',
    'Risk register',
    'On the risk register',
    'Board Assurance Framework',
    'Link to the Board Assurance Framework',
    'BAF',
  ],
  financial_implications: [
    'Financial implications',
    'Finance implications',
    'Financial',
    'Resource implications',
    'Financial and resource implications',
    'Finance',
    'Financial impact',
  ],
  committee_history: [
    'Where paper has been discussed',
    'Where the paper has been discussed before',
    'Where paper has been discussed (list other committees/forums that have discussed this paper)',
    'Previously considered by',
    'Previous consideration',
    'Committee history',
    'Considered by',
    'Where discussed',
    'Report history',
    'Governance route',
    'Previously presented to',
  ],
  conflicts_of_interest: [
    'Conflicts of interest associated with this report',
    'Conflicts of interest',
    'Conflict of interest',
    'Declarations of interest',
    'Potential conflicts of interest',
  ],
  'impact_assessments.quality': [
    'Quality impact assessment completed',
    'Quality impact assessment',
    'QIA',
    'Quality impact',
    'Quality',
    'Quality implications',
  ],
  'impact_assessments.equality': [
    'Equality impact assessment completed',
    'Equality impact assessment',
    'EIA',
    'EqIA',
    'Equality impact',
    'Equality, diversity and inclusion',
    'Equality and diversity',
    'Equality implications',
  ],
  'impact_assessments.data_privacy': [
    'Data privacy impact assessment completed',
    'Data privacy impact assessment',
    'Data protection impact assessment',
    'Data protection impact assessment completed',
    'DPIA',
    'Data privacy',
    'Data protection',
    'Information governance',
  ],
  authorised_by: ['Report authorised by', 'Authorised by', 'Report approved by', 'Approved by', 'Signed off by', 'Executive approval', 'Report signed off by'],
};

/** The labels the built-in (LSC) template prints, by key (the seed paper's wording). */
export function builtInLabel(key: string): string {
  return BUILT_IN_LABELS[key]?.[0] ?? key;
}

/**
 * The fields a Word cover sheet may carry, with every label they go by: the
 * organisation's template (`coverSheetFields`: the profile's `cover_sheet`
 * labels and aliases, else the built-in template's) first, then the labels
 * other NHS bodies' templates use. This is the one place that reads the
 * profile's labels.
 */
export function coverLabels(profile: Profile): LabelledField[] {
  const out = new Map<string, LabelledField>();
  for (const f of coverSheetFields(profile)) {
    out.set(f.key, { key: f.key, label: f.label, labels: [f.label, ...f.aliases, ...(BUILT_IN_LABELS[f.key] ?? [])] });
  }
  for (const [key, labels] of Object.entries(BUILT_IN_LABELS)) if (!out.has(key)) out.set(key, { key, label: labels[0]!, labels });
  return [...out.values()];
}

/** Lower case, punctuation and "(…)" asides out, spaces collapsed. */
export function normaliseLabel(s: string): string {
  return s
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export interface LabelMatch {
  key: string;
  /** What followed the label in the same text (`Label: value`), if anything. */
  rest: string;
}

/**
 * Which field a cell's text names. A label matches exactly, or as the start of
 * the text when it has at least two words (`Where paper has been discussed
 * (list other committees…)`), or the text is the front-matter key itself
 * (`cqc_domains`, as `export` writes an organisation's field it has no label for).
 */
export class LabelMatcher {
  private readonly exact = new Map<string, string>();
  private readonly prefixes: { norm: string; key: string }[] = [];

  constructor(fields: LabelledField[]) {
    for (const f of fields) {
      for (const l of [...f.labels, f.key]) {
        const n = normaliseLabel(l);
        if (!n) continue;
        if (!this.exact.has(n)) this.exact.set(n, f.key);
        if (n.includes(' ')) this.prefixes.push({ norm: n, key: f.key });
      }
    }
    this.prefixes.sort((a, b) => b.norm.length - a.norm.length);
  }

  /** The key a label cell names, or undefined. `completed`, `?` and `:` around the label are ignored. */
  match(text: string): string | undefined {
    const n = normaliseLabel(text);
    if (!n || n.split(' ').length > 30) return undefined;
    const hit = this.exact.get(n) ?? this.exact.get(n.replace(/ (completed|undertaken|attached)$/, ''));
    if (hit) return hit;
    for (const p of this.prefixes) if (n.startsWith(p.norm + ' ')) return p.key;
    return undefined;
  }

  /** `Label: value` in one paragraph or cell. */
  matchInline(text: string): LabelMatch | undefined {
    const m = /^([^:\n]{2,80}?)\s*:\s*(\S[\s\S]*)$/.exec(text.trim());
    if (!m) return undefined;
    const n = normaliseLabel(m[1]!);
    const key = this.exact.get(n);
    return key ? { key, rest: m[2]!.trim() } : undefined;
  }
}
