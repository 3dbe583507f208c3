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
  health_inequalities: { from: string; headings: string[] };
  required_sections: string[];
  executive_summary_words: number;
  purposes: Record<Purpose, string[]>;
  risk_register: RiskRegister | null;
  acronyms: Record<string, string>;
  acronyms_must_be_defined: boolean;
  rules: Record<string, SeveritySetting>;
}

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
  },
  acronyms_must_be_defined: false,
  rules: { 'undefined-acronym': 'info' },
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
    if (!isStringMap(so) || Object.keys(so).length === 0) add('strategic_objectives', 'must map each code to its wording, e.g. SO1: Improve quality…');
    else for (const code of Object.keys(so)) if (!/^[A-Za-z][A-Za-z0-9._-]*$/.test(code)) add(`strategic_objectives.${code}`, 'codes must start with a letter and contain no spaces');
  }
  if ('equality_objectives' in o) {
    if (!Array.isArray(o.equality_objectives) || !o.equality_objectives.every((x) => typeof x === 'string')) add('equality_objectives', 'must be a list of strategic objective codes');
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
        for (const k of Object.keys(cc)) if (!['name', 'aliases', 'formal'].includes(k)) add(`${key}.${k}`, 'unknown committee key (name, aliases, formal)');
      });
  }
  if ('health_inequalities' in o) {
    const hi = o.health_inequalities;
    if (typeof hi !== 'object' || hi === null || Array.isArray(hi)) add('health_inequalities', 'must be a mapping with from and headings');
    else {
      const h = hi as Record<string, unknown>;
      if ('from' in h && !(typeof h.from === 'string' && ISO_DATE.test(h.from) && isRealDate(h.from))) add('health_inequalities.from', 'must be a date written YYYY-MM-DD');
      if ('headings' in h && !isStringList(h.headings)) add('health_inequalities.headings', 'must be a list of accepted section headings');
      for (const k of Object.keys(h)) if (!['from', 'headings'].includes(k)) add(`health_inequalities.${k}`, 'unknown key (from, headings)');
    }
  }
  if ('required_sections' in o && !isStringList(o.required_sections)) add('required_sections', 'must be a list of section headings');
  if ('executive_summary_words' in o && !(Number.isInteger(o.executive_summary_words) && (o.executive_summary_words as number) > 0)) add('executive_summary_words', 'must be a whole number greater than 0');
  if ('purposes' in o) {
    const p = o.purposes;
    if (typeof p !== 'object' || p === null || Array.isArray(p)) add('purposes', 'must map each purpose to a list of verbs');
    else
      for (const [k, v] of Object.entries(p)) {
        if (!(PURPOSES as readonly string[]).includes(k)) add(`purposes.${k}`, `unknown purpose; purposes are ${PURPOSES.join(', ')}`);
        else if (!isStringList(v)) add(`purposes.${k}`, 'must be a list of verbs');
      }
  }
  if ('risk_register' in o && o.risk_register !== null && typeof o.risk_register !== 'string') add('risk_register', 'must be a path to a CSV or YAML register, or null');
  if ('acronyms' in o) {
    const a = o.acronyms;
    if (typeof a !== 'object' || a === null || Array.isArray(a)) add('acronyms', 'must map each acronym to its expansion');
    else for (const [k, v] of Object.entries(a)) if (typeof v !== 'string' && v !== null) add(`acronyms.${k}`, 'must be the expansion (a string), or null to remove an inherited one');
  }
  if ('acronyms_must_be_defined' in o && typeof o.acronyms_must_be_defined !== 'boolean') add('acronyms_must_be_defined', 'must be true or false');
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
  if (Array.isArray(raw.equality_objectives)) p.equality_objectives = raw.equality_objectives as string[];
  if (Array.isArray(raw.committees)) {
    p.committees = (raw.committees as unknown[]).map((c) =>
      typeof c === 'string'
        ? { name: c, aliases: [], formal: true }
        : {
            name: String((c as Record<string, unknown>).name),
            aliases: ((c as Record<string, unknown>).aliases as string[] | undefined) ?? [],
            formal: (c as Record<string, unknown>).formal !== false,
          },
    );
  }
  if (raw.health_inequalities && typeof raw.health_inequalities === 'object') {
    const h = raw.health_inequalities as Record<string, unknown>;
    p.health_inequalities = {
      from: typeof h.from === 'string' ? h.from : base.health_inequalities.from,
      headings: Array.isArray(h.headings) ? (h.headings as string[]) : base.health_inequalities.headings,
    };
  }
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
