/**
 * The cover-sheet keys of FORMAT.md: the one place that says which keys exist,
 * which are required, what they mean and what a placeholder looks like.
 * Rules, completion and hover all read this table.
 */
import { PURPOSES } from './profile';
import { getNode, scalarText, type YNode, type YScalar } from './yaml';

export interface FieldSpec {
  key: string;
  required: boolean;
  /** One line for completion/hover. */
  meaning: string;
  /** The value a skeleton inserts, YAML text (may span lines, indented by 2). */
  placeholder: string;
  /** Allowed values, for enumerations. */
  values?: readonly string[];
}

export const ASSESSMENT_STATUSES = ['yes', 'no', 'n/a'] as const;
export const ASSURANCE_LEVELS = ['substantial', 'reasonable', 'limited', 'none'] as const;

const ASSESSMENT_PLACEHOLDER = '\n  status: yes\n  comment: TBC';

export const FIELDS: readonly FieldSpec[] = [
  { key: 'title', required: true, meaning: 'Title of paper', placeholder: 'TBC' },
  { key: 'meeting', required: true, meaning: 'The board or committee receiving the paper, e.g. Integrated Care Board', placeholder: 'TBC' },
  { key: 'date', required: true, meaning: 'Date of the meeting, written YYYY-MM-DD', placeholder: 'TBC' },
  { key: 'agenda_item', required: true, meaning: 'Agenda item number, quoted as written, e.g. "10.2"', placeholder: '"TBC"' },
  { key: 'presented_by', required: true, meaning: 'Who presents the paper: name, role', placeholder: 'TBC' },
  { key: 'author', required: true, meaning: 'Who wrote the paper: name, role', placeholder: 'TBC' },
  {
    key: 'confidential',
    required: true,
    meaning: 'true for a Part 2 (private) item, false for the public meeting',
    placeholder: 'false',
    values: ['true', 'false'],
  },
  {
    key: 'confidential_reason',
    required: false,
    meaning: 'Why the item is taken in private, e.g. the FOI exemption relied on (needed when confidential: true)',
    placeholder: 'TBC',
  },
  {
    key: 'purpose',
    required: true,
    meaning: 'What the meeting is asked to do: approve, decide, discuss, assure, note or information',
    placeholder: 'note',
    values: PURPOSES,
  },
  {
    key: 'assurance',
    required: false,
    meaning: 'Level of assurance the paper gives: substantial, reasonable, limited or none',
    placeholder: 'reasonable',
    values: ASSURANCE_LEVELS,
  },
  { key: 'strategic_objectives', required: true, meaning: 'The strategic objectives the paper serves, by code, e.g. [SO1, SO2]', placeholder: '[SO1]' },
  {
    key: 'risks',
    required: true,
    meaning: 'Are there associated risks (status, comment), are they on the risk register (on_register) and which (items: id, title)',
    placeholder: '\n  status: no\n  comment: TBC',
  },
  {
    key: 'financial_implications',
    required: true,
    meaning: 'Are there financial implications (status yes/no/n/a, comment)',
    placeholder: ASSESSMENT_PLACEHOLDER,
  },
  { key: 'committee_history', required: false, meaning: 'Where the paper was discussed before: list of {meeting, date, outcome}', placeholder: '[]' },
  {
    key: 'conflicts_of_interest',
    required: true,
    meaning: 'Conflicts of interest associated with the report ("Not applicable" is a valid answer)',
    placeholder: 'Not applicable',
  },
  {
    key: 'impact_assessments',
    required: true,
    meaning: 'Quality (QIA), equality (EIA) and data privacy (DPIA) impact assessments: each status yes/no/n/a with a comment',
    placeholder:
      '\n  quality:\n    status: n/a\n    comment: TBC\n  equality:\n    status: n/a\n    comment: TBC\n  data_privacy:\n    status: n/a\n    comment: TBC',
  },
  { key: 'authorised_by', required: true, meaning: 'Who authorised the report: name, role', placeholder: 'TBC' },
];

export const FIELD_KEYS = FIELDS.map((f) => f.key);

export function fieldSpec(key: string): FieldSpec | undefined {
  return FIELDS.find((f) => f.key === key);
}

/** Nested keys, for unknown-field, completion and hover. */
export const ASSESSMENT_KEYS = ['status', 'comment'] as const;
export const RISK_KEYS = ['status', 'comment', 'on_register', 'items'] as const;
export const RISK_ITEM_KEYS = ['id', 'title'] as const;
export const HISTORY_KEYS = ['meeting', 'date', 'outcome'] as const;
export const IMPACT_KEYS = ['quality', 'equality', 'data_privacy'] as const;

export const NESTED_MEANING: Record<string, string> = {
  status: 'yes, no or n/a',
  comment: 'The reason or detail behind the status (needed when the status is no or n/a)',
  on_register: "Are the risks on the organisation's risk register: yes, no or n/a",
  items: 'Risk register references: list of {id, title}; ids are quoted strings, e.g. "019"',
  id: 'Risk register reference, quoted as written, e.g. "019"',
  outcome: 'What that meeting decided or said',
  quality: 'Quality impact assessment (QIA)',
  equality: 'Equality impact assessment (EIA)',
  data_privacy: 'Data privacy impact assessment (DPIA)',
};

export interface Assessment {
  /** The assessment node (a mapping, or a scalar in shorthand). */
  node: YNode;
  /** Normalised status: yes | no | n/a, or the text as written when invalid. */
  status?: string;
  statusNode?: YScalar;
  comment?: string;
  commentNode?: YNode;
}

export function normaliseStatus(s: string): string {
  return s.trim().toLowerCase();
}

/** Read an assessment: `{status, comment}` or the shorthand `yes`. */
export function readAssessment(node: YNode | undefined): Assessment | undefined {
  if (!node) return undefined;
  if (node.kind === 'scalar') {
    if (node.empty) return { node };
    return { node, status: normaliseStatus(String(node.value ?? node.text)), statusNode: node };
  }
  if (node.kind !== 'map') return { node };
  const statusNode = getNode(node, 'status');
  const commentNode = getNode(node, 'comment');
  const sn = statusNode?.kind === 'scalar' && !statusNode.empty ? statusNode : undefined;
  const comment = scalarText(commentNode)?.trim();
  return {
    node,
    status: sn ? normaliseStatus(String(sn.value ?? sn.text)) : undefined,
    statusNode: sn,
    comment: comment || undefined,
    commentNode,
  };
}
