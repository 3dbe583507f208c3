/**
 * New papers from a template (`boardpaper new`, `boardPaper.newPaper`).
 * Pure: the caller supplies the date and any workspace template text.
 *
 * With every option given, the result is clean except for
 * `placeholder-section`: the sections it asks the author to write.
 */
import { findCommittee, isRealDate, PURPOSES, type Profile, type Purpose } from './profile';
import { yamlString } from './rule';
import { trimEndChars } from './text';

export interface NewPaperOptions {
  title: string;
  meeting: string;
  date: string;
  purpose: Purpose;
  objectives: string[];
  agendaItem?: string;
  confidential?: boolean;
}

const GUIDANCE = {
  summary: 'Summarise the paper in no more than {words} words: what the meeting needs to know and why it matters.',
  hi: [
    'Since April 2024 every formally constituted board report must report on unwarranted variation and the action taken on health inequalities.',
    'Cover: unwarranted variation in access, experience and outcomes; which Core20PLUS5 groups are affected (the most deprived 20% and the locally agreed PLUS groups); data broken down at least by deprivation, ethnicity, age and sex; and what is being done about it.',
  ],
  recommendations: 'Say exactly what the meeting is asked to do ({verbs}).',
};

const RECOMMENDATION_VERB: Record<Purpose, string> = {
  approve: 'approve',
  decide: 'decide',
  discuss: 'discuss',
  assure: 'take assurance from',
  note: 'note',
  information: 'note for information',
};

/** Template placeholders a workspace template may use. */
export const TEMPLATE_VARIABLES = [
  'title',
  'meeting',
  'date',
  'purpose',
  'strategic_objectives',
  'agenda_item',
  'recommendation_verb',
  'organisation',
] as const;

export function validateNewPaper(o: Partial<NewPaperOptions>, profile: Profile): string[] {
  const problems: string[] = [];
  if (o.date !== undefined && !isRealDate(o.date)) problems.push(`--date must be a real date written YYYY-MM-DD (got "${o.date}")`);
  if (o.purpose !== undefined && !(PURPOSES as readonly string[]).includes(o.purpose))
    problems.push(`--purpose must be one of ${PURPOSES.join(', ')} (got "${o.purpose}")`);
  for (const c of o.objectives ?? [])
    if (!(c in profile.strategic_objectives))
      problems.push(`unknown strategic objective "${c}" (the profile has ${Object.keys(profile.strategic_objectives).join(', ')})`);
  if (o.title !== undefined && o.title.trim() === '') problems.push('--title must not be empty');
  return problems;
}

/** The standard cover sheet + sections. */
export function newPaperText(o: NewPaperOptions, profile: Profile, eol = '\n'): string {
  const meeting = findCommittee(profile, o.meeting)?.name ?? o.meeting;
  // No line at all for an organisation with no strategic objectives (`strategic_objectives: {}`).
  const first = Object.keys(profile.strategic_objectives)[0];
  const objectives = o.objectives.length ? o.objectives : first ? [first] : [];
  const verbs = profile.purposes[o.purpose] ?? [o.purpose];
  const lines = [
    '---',
    `title: ${yamlString(o.title)}`,
    `meeting: ${yamlString(meeting)}`,
    `date: ${o.date}`,
    `agenda_item: ${JSON.stringify(o.agendaItem ?? 'TBC')}`,
    'presented_by: TBC (name, role)',
    'author: TBC (name, role)',
    `confidential: ${o.confidential ? 'true' : 'false'}`,
    ...(o.confidential ? ['confidential_reason: TBC (the exemption relied on)'] : []),
    `purpose: ${o.purpose}`,
    ...(objectives.length ? [`strategic_objectives: [${objectives.join(', ')}]`] : []),
    'risks:',
    '  status: n/a',
    '  comment: TBC (are there risks associated with this paper?)',
    'financial_implications:',
    '  status: n/a',
    '  comment: TBC (are there financial implications?)',
    'committee_history: []',
    'conflicts_of_interest: Not applicable',
    'impact_assessments:',
    '  quality:',
    '    status: n/a',
    '    comment: TBC (has a quality impact assessment been completed?)',
    '  equality:',
    '    status: n/a',
    '    comment: TBC (has an equality impact assessment been completed?)',
    '  data_privacy:',
    '    status: n/a',
    '    comment: TBC (has a data privacy impact assessment been completed?)',
    'authorised_by: TBC (name, role)',
    '---',
    '',
    '## Executive summary',
    '',
    `<!-- ${GUIDANCE.summary.replace('{words}', String(profile.executive_summary_words))} -->`,
    '',
    'TBC',
    '',
    '## Health inequalities and unwarranted variation',
    '',
    ...GUIDANCE.hi.map((g) => `<!-- ${g} -->`),
    '',
    'TBC',
    '',
    '## Recommendations',
    '',
    `<!-- ${GUIDANCE.recommendations.replace('{verbs}', verbs.join(', '))} -->`,
    '',
    `The ${meeting} is asked to ${RECOMMENDATION_VERB[o.purpose]} TBC.`,
    '',
  ];
  return lines.join(eol);
}

/**
 * Fill a workspace template: `{{title}}`-style variables (TEMPLATE_VARIABLES)
 * are replaced by YAML-safe values; anything else is left as written.
 */
export function fillTemplate(template: string, o: NewPaperOptions, profile: Profile): string {
  const meeting = findCommittee(profile, o.meeting)?.name ?? o.meeting;
  const values: Record<string, string> = {
    title: yamlString(o.title),
    meeting: yamlString(meeting),
    date: o.date,
    purpose: o.purpose,
    strategic_objectives: `[${o.objectives.join(', ')}]`,
    agenda_item: JSON.stringify(o.agendaItem ?? 'TBC'),
    recommendation_verb: RECOMMENDATION_VERB[o.purpose],
    organisation: profile.organisation,
  };
  return template.replace(/\{\{\s*([a-z_]+)\s*\}\}/g, (m, k: string) => values[k] ?? m);
}

/** A safe file name from a title: lower case, a-z0-9 and dashes, no dots. */
export function fileNameForTitle(title: string, agendaItem?: string): string {
  const slug =
    trimEndChars(
      title
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 60),
      '-',
    ) || 'paper';
  const item = agendaItem && /^[0-9][0-9.]*$/.test(agendaItem) ? `${trimEndChars(agendaItem, '.')}-` : '';
  const reserved = /^(con|prn|aux|nul|com\d|lpt\d)$/i.test(slug) ? `${slug}-paper` : slug;
  return `${item}${reserved}.md`;
}
