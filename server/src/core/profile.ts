/**
 * The organisation profile (../shared/spec/PROFILE.md): strategic objectives,
 * committees, risk register, acronyms and rule severities. Pure: the file
 * system side (finding `.boardpaper.yaml`, `extends`, reading the register)
 * lives in `server/src/node/profile-loader.ts` and hands plain data here.
 */
import type { SeveritySetting } from './types';

export const PURPOSES = ['approve', 'decide', 'discuss', 'assure', 'note', 'information'] as const;
export type Purpose = (typeof PURPOSES)[number];

export interface Committee {
  name: string;
  aliases: string[];
  formal: boolean;
  /** The committee's own opening and closing items (replacing the profile's for its meetings). */
  standing_items?: StandingItem[];
}

/** An opening or closing item every meeting has (PROFILE.md v2: meetings). */
export interface StandingItem {
  title: string;
  at: 'start' | 'end';
}

/** What a cover-sheet field holds (PROFILE.md v2 `cover_sheet[].type`). */
export const FIELD_TYPES = ['text', 'date', 'dates', 'yes-no-na', 'assessment', 'list', 'choice', 'boolean'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/**
 * One field of the organisation's cover-sheet template as the profile writes
 * it (`cover_sheet` entries). `core/template-fields.ts` turns the list into
 * the effective template (labels and types filled in).
 */
export interface CoverSheetEntry {
  /** A FORMAT.md key, a dotted nested key (`impact_assessments.equality`) or the organisation's own key. */
  key: string;
  label?: string;
  aliases: string[];
  required?: boolean;
  /**
   * The meeting date (YYYY-MM-DD) from which the template asks for the field:
   * papers for earlier meetings, written on the template before it, need not
   * have it. Implies `required`.
   */
  required_from?: string;
  /**
   * A question the template asks only after an answer to another one ("If
   * yes, have these been agreed…?"): the field is required only when the
   * paper answers `key` with one of `answers` (lower case; yes, no, n/a or
   * the field's own values). Implies `required`.
   */
  required_if?: { key: string; answers: string[] };
  type?: FieldType;
  values?: string[];
  /**
   * `committee_history` only: false when the template asks where and when the
   * paper went before but not what was decided (no outcome column).
   */
  outcome?: boolean;
}

export interface RiskEntry {
  id: string;
  title: string;
  /** Every column of the register row, for hover. */
  fields: Record<string, string>;
  /** Where the row is, for go-to-definition (0-based line). */
  line?: number;
}

export interface RiskRegister {
  /** Path as the profile wrote it, or the resolved file (node layer). */
  file: string;
  entries: RiskEntry[];
}

export interface Profile {
  organisation: string;
  papers: string[];
  strategic_objectives: Record<string, string>;
  equality_objectives: string[];
  committees: Committee[];
  health_inequalities: {
    from: string;
    headings: string[];
    /** The cover-sheet field that answers the health inequalities question (v2); absent: a section is required. */
    cover_field?: string;
  };
  required_sections: string[];
  executive_summary_words: number;
  purposes: Record<Purpose, string[]>;
  risk_register: RiskRegister | null;
  acronyms: Record<string, string>;
  acronyms_must_be_defined: boolean;
  rules: Record<string, SeveritySetting>;
  /** The organisation's cover-sheet template (v2); null: the built-in template. */
  cover_sheet: CoverSheetEntry[] | null;
  /**
   * Accepted headings of a section, by section (`executive_summary`,
   * `recommendations`, or a `required_sections` entry written in snake case).
   * An entry replaces the built-in accepted headings of that section; merged
   * entry by entry. Empty: the built-in headings.
   */
  sections: Record<string, string[]>;
  /**
   * Where the template puts what the meeting is asked to do when a paper has
   * no Recommendations heading (v2 extension): a paragraph or numbered point
   * opening with one of `labels` ("Recommendation: The Board is asked to …"),
   * or the cover-sheet field `cover_field` ("Action required"); with
   * `in_summary`, the sentence that closes the Executive summary asking the
   * meeting to act ("The Board is asked to note the report."). Empty: only a
   * section under one of the accepted headings holds it.
   */
  recommendations: { labels: string[]; cover_field?: string; in_summary?: boolean };
  /** Opening and closing items of every meeting (a committee's own replace them). */
  standing_items: StandingItem[];
  /** Papers are due this many working days (Mon–Fri) before the meeting. */
  papers_due_working_days: number;
  /** The resolution read before Part 2 (Public Bodies (Admission to Meetings) Act 1960, s1(2)). */
  part2_resolution: string;
}

/**
 * Acronyms every NHS reader knows (PROFILE.md v2): the built-in profile
 * exempts them from undefined-acronym; an organisation adds its own.
 */
export const NATIONAL_ACRONYMS: Readonly<Record<string, string>> = Object.freeze({
  NHSE: 'NHS England',
  UK: 'United Kingdom',
  GP: 'General Practitioner',
  HR: 'Human Resources',
  AI: 'Artificial Intelligence',
  IT: 'Information Technology',
  NED: 'Non-Executive Director',
  BMA: 'British Medical Association',
  MP: 'Member of Parliament',
  HM: "His Majesty's",
  CBE: 'Commander of the Order of the British Empire',
  OBE: 'Officer of the Order of the British Empire',
  MBE: 'Member of the Order of the British Empire',
  DHSC: 'Department of Health and Social Care',
  NICE: 'National Institute for Health and Care Excellence',
  UKHSA: 'UK Health Security Agency',
  GMC: 'General Medical Council',
  NMC: 'Nursing and Midwifery Council',
  RCN: 'Royal College of Nursing',
  MHRA: 'Medicines and Healthcare products Regulatory Agency',
  NIHR: 'National Institute for Health and Care Research',
  ONS: 'Office for National Statistics',
  CFO: 'Chief Finance Officer',
  COO: 'Chief Operating Officer',
  KPI: 'Key Performance Indicator',
  FOI: 'Freedom of Information',
  GDPR: 'General Data Protection Regulation',
  ICU: 'Intensive Care Unit',
  ED: 'Emergency Department',
  RTT: 'Referral to Treatment',
  VAT: 'Value Added Tax',
});

export const DEFAULT_PROFILE: Profile = Object.freeze({
  organisation: 'NHS Lancashire and South Cumbria Integrated Care Board',
  papers: ['**/papers/**/*.md', '**/*.paper.md'],
  strategic_objectives: {
    SO1: 'Improve quality, including safety, clinical outcomes, and patient experience',
    SO2: 'To equalise opportunities and clinical outcomes across the area',
    SO3: 'Make working in Lancashire and South Cumbria an attractive and desirable option for existing and potential employees',
    SO4: 'Meet financial targets and deliver improved productivity',
    SO5: 'Meet national and locally determined performance standards and targets',
    SO6: 'To develop and implement ambitious, deliverable strategies',
  },
  equality_objectives: ['SO2'],
  committees: [
    { name: 'Integrated Care Board', aliases: ['ICB Board', 'Board'], formal: true },
    { name: 'Executive Team', aliases: [], formal: true },
    { name: 'System Recovery & Transformation Board', aliases: ['SRTB'], formal: true },
    { name: 'Provider Collaborative Board', aliases: ['PCB'], formal: true },
    { name: 'Quality Committee', aliases: [], formal: true },
    { name: 'Public Involvement and Engagement Advisory Committee', aliases: ['PIEAC'], formal: true },
    { name: 'Finance and Performance Committee', aliases: [], formal: true },
    { name: 'Audit Committee', aliases: [], formal: true },
    { name: 'Remuneration Committee', aliases: [], formal: true },
    { name: 'Primary Care Commissioning Committee', aliases: [], formal: true },
  ],
  health_inequalities: {
    from: '2024-04-01',
    headings: [
      'Health inequalities',
      'Health inequalities and unwarranted variation',
      'Unwarranted variation and health inequalities',
      'Tackling health inequalities',
      'Addressing health inequalities',
      'Equality and health inequalities',
    ],
  },
  required_sections: ['Executive summary', 'Recommendations'],
  recommendations: { labels: [] },
  executive_summary_words: 400,
  purposes: {
    approve: ['approve', 'agree', 'ratify', 'endorse'],
    decide: ['decide', 'agree', 'approve', 'support'],
    discuss: ['discuss', 'consider', 'comment'],
    assure: ['assurance', 'assured', 'assure'],
    note: ['note', 'receive'],
    information: ['note', 'receive', 'information'],
  },
  risk_register: null,
  acronyms: {
    ICB: 'Integrated Care Board',
    ICS: 'Integrated Care System',
    ICP: 'Integrated Care Partnership',
    CCG: 'Clinical Commissioning Group',
    CQC: 'Care Quality Commission',
    SOF: 'System Oversight Framework',
    GIRFT: 'Getting It Right First Time',
    QIA: 'Quality Impact Assessment',
    EIA: 'Equality Impact Assessment',
    DPIA: 'Data Protection Impact Assessment',
    VCFSE: 'Voluntary, Community, Faith and Social Enterprise',
    CHC: 'Continuing Healthcare',
    SEND: 'Special Educational Needs and Disabilities',
    UEC: 'Urgent and Emergency Care',
    PCN: 'Primary Care Network',
    JSNA: 'Joint Strategic Needs Assessment',
    CAMHS: 'Child and Adolescent Mental Health Services',
    LSC: 'Lancashire and South Cumbria',
    NHS: 'National Health Service',
    CEO: 'Chief Executive Officer',
    'A&E': 'Accident and Emergency',
    ...NATIONAL_ACRONYMS,
  },
  acronyms_must_be_defined: false,
  rules: { 'undefined-acronym': 'info' },
  cover_sheet: null,
  sections: {},
  standing_items: [
    { title: "Welcome, introductions and chair's remarks", at: 'start' },
    { title: 'Apologies for absence', at: 'start' },
    { title: 'Declarations of interest', at: 'start' },
    { title: 'Minutes of the previous meeting, matters arising and action log', at: 'start' },
    { title: 'Any other business', at: 'end' },
    { title: 'Date, time and venue of the next meeting', at: 'end' },
  ],
  papers_due_working_days: 7,
  part2_resolution:
    'The Board is asked to resolve that representatives of the press and other members of the public be excluded from the remainder of this meeting, having regard to the confidential nature of the business to be transacted, publicity on which would be prejudicial to the public interest.',
} satisfies Profile) as Profile;

/** Keys a profile file may set. */
export const PROFILE_KEYS = [
  'extends',
  'organisation',
  'papers',
  'strategic_objectives',
  'equality_objectives',
  'committees',
  'health_inequalities',
  'required_sections',
  'executive_summary_words',
  'purposes',
  'risk_register',
  'acronyms',
  'acronyms_must_be_defined',
  'rules',
  'cover_sheet',
  'sections',
  'recommendations',
  'standing_items',
  'papers_due_working_days',
  'part2_resolution',
] as const;

export interface ProfileProblem {
  /** Dotted key path, e.g. `committees[2].name`. */
  key: string;
  message: string;
}

const SEVERITIES = ['error', 'warning', 'info', 'off'];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isStringList(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string' && x.trim() !== '');
}

function isStringMap(v: unknown): v is Record<string, string> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string');
}

/**
 * Check a profile file's raw data (after YAML loading). `knownRules` is the
 * rule catalogue, so a misspelt rule id is reported rather than ignored.
 */
export function validateProfileData(raw: unknown, knownRules: readonly string[]): ProfileProblem[] {
  const problems: ProfileProblem[] = [];
  const add = (key: string, message: string) => problems.push({ key, message });
  if (raw === null || raw === undefined) return problems; // an empty file extends the default unchanged
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    add('(top level)', 'a profile must be a YAML mapping of keys such as strategic_objectives and committees');
    return problems;
  }
  const o = raw as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (!(PROFILE_KEYS as readonly string[]).includes(k)) add(k, `unknown profile key; known keys are ${PROFILE_KEYS.join(', ')}`);
  }
  if ('extends' in o && (typeof o.extends !== 'string' || o.extends.trim() === '')) add('extends', 'must be a relative path to another profile file');
  if ('organisation' in o && typeof o.organisation !== 'string') add('organisation', 'must be a string');
  if ('papers' in o && !isStringList(o.papers)) add('papers', 'must be a list of glob patterns, e.g. ["**/papers/**/*.md"]');
  if ('strategic_objectives' in o) {
    const so = o.strategic_objectives;
    // `{}`: the organisation's template asks for no strategic objectives.
    if (!isStringMap(so))
      add('strategic_objectives', 'must map each code to its wording, e.g. SO1: Improve quality… (or {} when your template has no strategic objectives)');
    else
      for (const code of Object.keys(so))
        if (!OBJECTIVE_CODE.test(code) && !OBJECTIVE_NAME.test(code))
          add(
            `strategic_objectives.${code}`,
            "a code is one word of letters and digits (SO1, P2, or 3 where the template numbers its objectives), or the objective's name where the template names them (Patient Mission): words separated by single spaces, with no colon, # or brackets",
          );
  }
  if ('equality_objectives' in o) {
    if (!Array.isArray(o.equality_objectives) || !o.equality_objectives.every((x) => typeof x === 'string' || Number.isInteger(x)))
      add('equality_objectives', 'must be a list of strategic objective codes');
  }
  if ('committees' in o) {
    if (!Array.isArray(o.committees)) add('committees', 'must be a list of {name, aliases, formal}');
    else
      o.committees.forEach((c, i) => {
        const key = `committees[${i}]`;
        if (typeof c === 'string') return; // shorthand: just the name
        if (typeof c !== 'object' || c === null || Array.isArray(c)) return add(key, 'must be a name or {name, aliases, formal}');
        const cc = c as Record<string, unknown>;
        if (typeof cc.name !== 'string' || cc.name.trim() === '') add(`${key}.name`, 'is required and must be a string');
        if ('aliases' in cc && !isStringList(cc.aliases)) add(`${key}.aliases`, 'must be a list of names');
        if ('formal' in cc && typeof cc.formal !== 'boolean') add(`${key}.formal`, 'must be true or false');
        if ('standing_items' in cc) validateStandingItems(cc.standing_items, `${key}.standing_items`, add);
        for (const k of Object.keys(cc))
          if (!['name', 'aliases', 'formal', 'standing_items'].includes(k)) add(`${key}.${k}`, 'unknown committee key (name, aliases, formal, standing_items)');
      });
  }
  if ('health_inequalities' in o) {
    const hi = o.health_inequalities;
    if (typeof hi !== 'object' || hi === null || Array.isArray(hi)) add('health_inequalities', 'must be a mapping with from and headings');
    else {
      const h = hi as Record<string, unknown>;
      if ('from' in h && !(typeof h.from === 'string' && ISO_DATE.test(h.from) && isRealDate(h.from)))
        add('health_inequalities.from', 'must be a date written YYYY-MM-DD');
      if ('headings' in h && !isStringList(h.headings)) add('health_inequalities.headings', 'must be a list of accepted section headings');
      if ('cover_field' in h && h.cover_field !== null && !(typeof h.cover_field === 'string' && h.cover_field.trim() !== ''))
        add(
          'health_inequalities.cover_field',
          'must be the key of the cover-sheet field that answers the health inequalities question (e.g. health_equity), or null',
        );
      for (const k of Object.keys(h))
        if (!['from', 'headings', 'cover_field'].includes(k)) add(`health_inequalities.${k}`, 'unknown key (from, headings, cover_field)');
    }
  }
  if ('required_sections' in o && !isStringList(o.required_sections)) add('required_sections', 'must be a list of section headings');
  if ('executive_summary_words' in o && !(Number.isInteger(o.executive_summary_words) && (o.executive_summary_words as number) > 0))
    add('executive_summary_words', 'must be a whole number greater than 0');
  if ('purposes' in o) {
    const p = o.purposes;
    if (typeof p !== 'object' || p === null || Array.isArray(p)) add('purposes', 'must map each purpose to a list of verbs');
    else
      for (const [k, v] of Object.entries(p)) {
        if (!(PURPOSES as readonly string[]).includes(k)) add(`purposes.${k}`, `unknown purpose; purposes are ${PURPOSES.join(', ')}`);
        else if (!isStringList(v)) add(`purposes.${k}`, 'must be a list of verbs');
      }
  }
  if ('risk_register' in o && o.risk_register !== null && typeof o.risk_register !== 'string')
    add('risk_register', 'must be a path to a CSV or YAML register, or null');
  if ('acronyms' in o) {
    const a = o.acronyms;
    if (typeof a !== 'object' || a === null || Array.isArray(a)) add('acronyms', 'must map each acronym to its expansion');
    else
      for (const [k, v] of Object.entries(a))
        if (typeof v !== 'string' && v !== null) add(`acronyms.${k}`, 'must be the expansion (a string), or null to remove an inherited one');
  }
  if ('acronyms_must_be_defined' in o && typeof o.acronyms_must_be_defined !== 'boolean') add('acronyms_must_be_defined', 'must be true or false');
  if ('cover_sheet' in o && o.cover_sheet !== null) validateCoverSheet(o.cover_sheet, add);
  if ('sections' in o) {
    const sec = o.sections;
    if (typeof sec !== 'object' || sec === null || Array.isArray(sec))
      add('sections', 'must map each section (executive_summary, recommendations…) to its accepted headings');
    else
      for (const [k, v] of Object.entries(sec)) {
        if (!SECTION_KEY.test(k)) add(`sections.${k}`, 'a section is named in snake case, e.g. executive_summary or recommendations');
        else if (!isStringList(v) || v.length === 0)
          add(`sections.${k}`, 'must be a list of the headings accepted for this section, e.g. [Recommendations, Action required by the Board]');
      }
  }
  if ('recommendations' in o) {
    const r = o.recommendations;
    if (typeof r !== 'object' || r === null || Array.isArray(r))
      add(
        'recommendations',
        'must be a mapping: labels (e.g. [Recommendation]), cover_field (the cover-sheet field that holds the ask) and/or in_summary (true)',
      );
    else {
      const rr = r as Record<string, unknown>;
      if ('labels' in rr && !isStringList(rr.labels))
        add(
          'recommendations.labels',
          'must be a list of the labels that open the ask, e.g. [Recommendation, Action required] for "Recommendation: The Board is asked to …"',
        );
      if ('cover_field' in rr && rr.cover_field !== null && !(typeof rr.cover_field === 'string' && rr.cover_field.trim() !== ''))
        add(
          'recommendations.cover_field',
          'must be the key of the cover-sheet field that says what the meeting is asked to do (e.g. action_required), or null',
        );
      if ('in_summary' in rr && typeof rr.in_summary !== 'boolean')
        add(
          'recommendations.in_summary',
          'must be true or false: true when the template lets the ask close the Executive summary ("The Board is asked to note the report.")',
        );
      for (const k of Object.keys(rr))
        if (!['labels', 'cover_field', 'in_summary'].includes(k)) add(`recommendations.${k}`, 'unknown key (labels, cover_field, in_summary)');
    }
  }
  if ('standing_items' in o) validateStandingItems(o.standing_items, 'standing_items', add);
  if ('papers_due_working_days' in o && !(Number.isInteger(o.papers_due_working_days) && (o.papers_due_working_days as number) >= 0))
    add('papers_due_working_days', 'must be a whole number of working days (0 or more), e.g. 7');
  if ('part2_resolution' in o && !(typeof o.part2_resolution === 'string' && o.part2_resolution.trim() !== ''))
    add('part2_resolution', 'must be the text of the resolution read before Part 2');
  if ('rules' in o) {
    const r = o.rules;
    if (typeof r !== 'object' || r === null || Array.isArray(r)) add('rules', 'must map rule ids to error, warning, info or off');
    else
      for (const [k, v] of Object.entries(r)) {
        if (!knownRules.includes(k)) add(`rules.${k}`, 'is not a boardpaper rule id');
        else if (typeof v !== 'string' || !SEVERITIES.includes(v)) add(`rules.${k}`, 'must be error, warning, info or off');
      }
  }
  return problems;
}

const SECTION_KEY = /^[a-z][a-z0-9_]*$/;
/** A strategic objective's code: `SO1`, `P2`, `Patient`, or `3` where the template numbers its objectives. */
export const OBJECTIVE_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/**
 * Or its name, where the template names its objectives instead of coding
 * them ("Patient Mission", "The best place to work"): words separated by
 * single spaces, with no colon (a paper's `"Name: wording"` entry splits at
 * the first colon), `#` (a YAML comment) or brackets.
 */
export const OBJECTIVE_NAME = /^[\p{L}\p{N}][^:#[\]{}\s]*(?: [^:#[\]{}\s]+)*$/u;
/** A cover-sheet key: letters, digits and underscores; dots address nested fields. */
export const COVER_KEY = /^[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)*$/;
const ENTRY_KEYS = ['key', 'label', 'aliases', 'required', 'required_from', 'required_if', 'type', 'values', 'outcome'];
const TYPES_WITH_VALUES: readonly FieldType[] = ['list', 'choice'];

type Add = (key: string, message: string) => void;

function validateStandingItems(v: unknown, key: string, add: Add) {
  if (!Array.isArray(v)) return add(key, 'must be a list of {title, at: start | end}');
  v.forEach((it, i) => {
    const k = `${key}[${i}]`;
    if (typeof it !== 'object' || it === null || Array.isArray(it)) return add(k, 'must be {title, at: start | end}');
    const o = it as Record<string, unknown>;
    if (typeof o.title !== 'string' || o.title.trim() === '') add(`${k}.title`, 'is required: the item as the agenda prints it, e.g. Apologies for absence');
    if (o.at !== 'start' && o.at !== 'end') add(`${k}.at`, 'must be start (an opening item) or end (a closing item)');
    for (const x of Object.keys(o)) if (x !== 'title' && x !== 'at') add(`${k}.${x}`, 'unknown standing item key (title, at)');
  });
}

/** Normalised label for comparing labels and aliases (case, spacing and punctuation aside). */
export function normaliseLabel(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * `required_if: { question: answer }` (or a list of answers) as the key and
 * the answers in lower case; undefined when it is not one such pair. YAML's
 * true and false are the answers yes and no.
 */
function requiredIf(v: unknown): { key: string; answers: string[] } | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const entries = Object.entries(v as Record<string, unknown>);
  if (entries.length !== 1) return undefined;
  const [key, raw] = entries[0]!;
  if (!COVER_KEY.test(key)) return undefined;
  const one = (x: unknown) =>
    typeof x === 'boolean' ? (x ? 'yes' : 'no') : typeof x === 'string' || typeof x === 'number' ? String(x).trim().toLowerCase() : '';
  const answers = (Array.isArray(raw) ? raw : [raw]).map(one);
  if (answers.length === 0 || answers.some((a) => a === '')) return undefined;
  return { key, answers };
}

/**
 * The shape of `cover_sheet` (PROFILE.md v2). What needs FORMAT.md (a type on
 * a built-in field, a dotted key into nothing) is checked with the merged
 * profile in `core/template-fields.ts` (`templateProblems`).
 */
function validateCoverSheet(v: unknown, add: Add) {
  if (!Array.isArray(v) || v.length === 0) return add('cover_sheet', "must be the list of the template's fields, in order, each {key, label, …}");
  const keys = new Map<string, number>();
  const labels = new Map<string, { i: number; text: string }>();
  const conditions: { at: string; key: string }[] = [];
  v.forEach((e, i) => {
    const at = `cover_sheet[${i}]`;
    if (typeof e === 'string') e = { key: e };
    if (typeof e !== 'object' || e === null || Array.isArray(e)) return add(at, 'must be a field: {key, label, aliases, required, type, values}');
    const f = e as Record<string, unknown>;
    for (const k of Object.keys(f))
      if (!ENTRY_KEYS.includes(k))
        add(`${at}.${k}`, `unknown cover_sheet field key "${k}" (key, label, aliases, required, required_from, required_if, type, values, outcome)`);
    if (typeof f.key !== 'string' || f.key.trim() === '') add(`${at}.key`, 'is required: the front-matter key of the field, e.g. presented_by');
    else if (!COVER_KEY.test(f.key))
      add(`${at}.key`, `"${f.key}" is not a front-matter key: use letters, digits and underscores (dots for nested fields, e.g. impact_assessments.equality)`);
    else if (keys.has(f.key)) add(`${at}.key`, `duplicate key "${f.key}": it is already cover_sheet[${keys.get(f.key)}]; each field is listed once`);
    else keys.set(f.key, i);
    if ('label' in f && (typeof f.label !== 'string' || f.label.trim() === ''))
      add(`${at}.label`, 'must be text: what the template prints beside the field, e.g. "Lead Director"');
    if ('aliases' in f && !isStringList(f.aliases)) add(`${at}.aliases`, 'must be a list of other labels seen for the field, e.g. [Report from, Presented by]');
    if ('required' in f && typeof f.required !== 'boolean') add(`${at}.required`, 'must be true or false');
    if ('required_from' in f) {
      if (!(typeof f.required_from === 'string' && ISO_DATE.test(f.required_from) && isRealDate(f.required_from)))
        add(`${at}.required_from`, 'must be a date written YYYY-MM-DD: the first meeting whose papers the template asks for this field');
      else if (f.required === false) add(`${at}.required_from`, 'a field with required: false is never required: remove required: false, or required_from');
    }
    if ('required_if' in f) {
      const cond = requiredIf(f.required_if);
      if (!cond)
        add(`${at}.required_if`, 'must be one other field and the answer(s) that make this one required, e.g. required_if: { financial_implications: yes }');
      else if (cond.key === f.key) add(`${at}.required_if`, 'a field cannot be required by its own answer: name the question it follows');
      else conditions.push({ at: `${at}.required_if`, key: cond.key });
      if (f.required === false) add(`${at}.required_if`, 'a field with required: false is never required: remove required: false, or required_if');
    }
    if ('outcome' in f) {
      if (f.key !== 'committee_history')
        add(`${at}.outcome`, 'outcome is for the committee_history field only: outcome: false when the template records where and when, not what was decided');
      else if (typeof f.outcome !== 'boolean')
        add(`${at}.outcome`, 'must be true or false: false when the template asks only where and when the paper was discussed before');
    }
    const typeOk = !('type' in f) || (typeof f.type === 'string' && (FIELD_TYPES as readonly string[]).includes(f.type));
    if (!typeOk) add(`${at}.type`, `unknown type ${JSON.stringify(f.type)}; types are ${FIELD_TYPES.join(', ')}`);
    if ('values' in f) {
      if (!Array.isArray(f.values) || f.values.length === 0 || !f.values.every((x) => (typeof x === 'string' && x.trim() !== '') || typeof x === 'number'))
        add(`${at}.values`, 'must be a list of the allowed values, e.g. [Safe, Effective, Caring, Responsive, Well-led]');
      else if (typeOk && !TYPES_WITH_VALUES.includes((f.type as FieldType | undefined) ?? 'text'))
        add(`${at}.values`, `a ${f.type ?? 'text'} field takes no values list; values go with type list or choice`);
    } else if (f.type === 'choice') add(`${at}.type`, 'a choice field needs its values, e.g. values: [Safe, Effective]');
    // A label or alias that two fields share would make the Word import guess.
    const names = [...(typeof f.label === 'string' ? [f.label] : []), ...(isStringList(f.aliases) ? f.aliases : [])];
    for (const n of names) {
      const k = normaliseLabel(n);
      if (!k) continue;
      const prior = labels.get(k);
      if (prior && prior.i !== i)
        add(n === f.label ? `${at}.label` : `${at}.aliases`, `"${n}" is already a label or alias of cover_sheet[${prior.i}]; a label names one field`);
      else if (!prior) labels.set(k, { i, text: n });
    }
  });
  // The question a conditional field follows must be on the same cover sheet.
  for (const c of conditions)
    if (!keys.has(c.key))
      add(c.at, `"${c.key}" is not a field of this cover_sheet: required_if names the question, listed in cover_sheet, whose answer makes this field required`);
}

/**
 * Apply a validated profile file's data over `base`. Keys replace the
 * inherited value whole, except `rules` and `acronyms`, which merge entry by
 * entry. `risk_register` is left to the caller (it needs the file system).
 */
export function mergeProfile(base: Profile, raw: Record<string, unknown> | null | undefined): Profile {
  const p: Profile = { ...base, rules: { ...base.rules }, acronyms: { ...base.acronyms } };
  if (!raw) return p;
  if (typeof raw.organisation === 'string') p.organisation = raw.organisation;
  if (Array.isArray(raw.papers)) p.papers = raw.papers as string[];
  if (raw.strategic_objectives) p.strategic_objectives = { ...(raw.strategic_objectives as Record<string, string>) };
  // `[2]`: a numbered objective's code, read by YAML as a number.
  if (Array.isArray(raw.equality_objectives)) p.equality_objectives = (raw.equality_objectives as (string | number)[]).map(String);
  if (Array.isArray(raw.committees)) {
    p.committees = (raw.committees as unknown[]).map((c) =>
      typeof c === 'string'
        ? { name: c, aliases: [], formal: true }
        : {
            name: String((c as Record<string, unknown>).name),
            aliases: ((c as Record<string, unknown>).aliases as string[] | undefined) ?? [],
            formal: (c as Record<string, unknown>).formal !== false,
            ...(Array.isArray((c as Record<string, unknown>).standing_items)
              ? { standing_items: standingItems((c as Record<string, unknown>).standing_items as unknown[]) }
              : {}),
          },
    );
  }
  if (raw.health_inequalities && typeof raw.health_inequalities === 'object') {
    const h = raw.health_inequalities as Record<string, unknown>;
    p.health_inequalities = {
      from: typeof h.from === 'string' ? h.from : base.health_inequalities.from,
      headings: Array.isArray(h.headings) ? (h.headings as string[]) : base.health_inequalities.headings,
    };
    const cf = 'cover_field' in h ? h.cover_field : base.health_inequalities.cover_field;
    if (typeof cf === 'string' && cf.trim()) p.health_inequalities.cover_field = cf.trim();
  }
  if ('cover_sheet' in raw) {
    p.cover_sheet = Array.isArray(raw.cover_sheet)
      ? (raw.cover_sheet as unknown[]).map((e) => {
          const f = (typeof e === 'string' ? { key: e } : e) as Record<string, unknown>;
          const out: CoverSheetEntry = { key: String(f.key).trim(), aliases: Array.isArray(f.aliases) ? (f.aliases as string[]).map((a) => a.trim()) : [] };
          if (typeof f.label === 'string') out.label = f.label.trim();
          if (typeof f.required === 'boolean') out.required = f.required;
          if (typeof f.required_from === 'string') out.required_from = f.required_from;
          const cond = requiredIf(f.required_if);
          if (cond) out.required_if = cond;
          if (typeof f.type === 'string') out.type = f.type as FieldType;
          if (Array.isArray(f.values)) out.values = (f.values as unknown[]).map((x) => String(x).trim());
          if (typeof f.outcome === 'boolean') out.outcome = f.outcome;
          return out;
        })
      : null;
  }
  if (raw.sections && typeof raw.sections === 'object') p.sections = { ...base.sections, ...(raw.sections as Record<string, string[]>) };
  if (raw.recommendations && typeof raw.recommendations === 'object') {
    const r = raw.recommendations as Record<string, unknown>;
    p.recommendations = { labels: Array.isArray(r.labels) ? (r.labels as string[]).map((l) => l.trim()) : base.recommendations.labels };
    const cf = 'cover_field' in r ? r.cover_field : base.recommendations.cover_field;
    if (typeof cf === 'string' && cf.trim()) p.recommendations.cover_field = cf.trim();
    const inSummary = 'in_summary' in r ? r.in_summary : base.recommendations.in_summary;
    if (inSummary === true) p.recommendations.in_summary = true;
  }
  if (Array.isArray(raw.standing_items)) p.standing_items = standingItems(raw.standing_items);
  if (typeof raw.papers_due_working_days === 'number') p.papers_due_working_days = raw.papers_due_working_days;
  if (typeof raw.part2_resolution === 'string') p.part2_resolution = raw.part2_resolution.trim();
  if (Array.isArray(raw.required_sections)) p.required_sections = raw.required_sections as string[];
  if (typeof raw.executive_summary_words === 'number') p.executive_summary_words = raw.executive_summary_words;
  if (raw.purposes && typeof raw.purposes === 'object') p.purposes = { ...base.purposes, ...(raw.purposes as Record<Purpose, string[]>) };
  if (raw.acronyms && typeof raw.acronyms === 'object') {
    for (const [k, v] of Object.entries(raw.acronyms as Record<string, string | null>)) {
      if (v === null) delete p.acronyms[k];
      else p.acronyms[k] = v;
    }
  }
  if (typeof raw.acronyms_must_be_defined === 'boolean') p.acronyms_must_be_defined = raw.acronyms_must_be_defined;
  if (raw.rules && typeof raw.rules === 'object') Object.assign(p.rules, raw.rules as Record<string, SeveritySetting>);
  return p;
}

function standingItems(list: unknown[]): StandingItem[] {
  return list.map((it) => {
    const o = it as Record<string, unknown>;
    return { title: String(o.title).trim(), at: o.at === 'end' ? 'end' : 'start' };
  });
}

/** The standing items of a committee's meetings: its own, else the profile's. */
export function standingItemsFor(profile: Profile, meeting: string): StandingItem[] {
  return findCommittee(profile, meeting)?.standing_items ?? profile.standing_items;
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isRealDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1]!;
  return d <= days;
}

/**
 * Committees by normalised name and alias, built once per committees list
 * (profiles are not changed once built; a new list gets a new index): the
 * rules look meetings up on every analysis.
 */
const committeeIndex = new WeakMap<readonly Committee[], Map<string, Committee>>();

function committeesByName(committees: readonly Committee[]): Map<string, Committee> {
  let index = committeeIndex.get(committees);
  if (!index) {
    index = new Map();
    // The first committee with the name or alias wins, as a search in order would find it.
    for (const c of committees) {
      for (const n of [c.name, ...c.aliases]) {
        const k = normaliseName(n);
        if (!index.has(k)) index.set(k, c);
      }
    }
    committeeIndex.set(committees, index);
  }
  return index;
}

/** Resolve a meeting name or alias to the profile's committee. */
export function findCommittee(profile: Profile, name: string): Committee | undefined {
  return committeesByName(profile.committees).get(normaliseName(name));
}

export function normaliseName(s: string): string {
  return s
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
