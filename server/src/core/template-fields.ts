/**
 * The organisation's cover-sheet template (PROFILE.md v2 `cover_sheet`) as
 * the fields every layer follows: the rules and their messages, completion
 * and hover, the preview's and the pack's cover sheet, the Word import.
 *
 * `coverSheetFields(profile)` is the effective template: the fields the
 * profile lists, in its order, with labels, aliases, requiredness, type and
 * allowed values filled in; then the FORMAT.md fields the template does not
 * list, as optional (still checked when present, shown after the listed
 * ones). With no `cover_sheet` it is the built-in template: the cover sheet of
 * the Lancashire and South Cumbria ICB paper the format was drawn from.
 *
 * Pure, like the rest of the core.
 */
import { ASSURANCE_LEVELS, readAssessment } from './fields';
import { normaliseLabel, PURPOSES, type CoverSheetEntry, type FieldType, type Profile, type ProfileProblem } from './profile';
import { getNode, getPair, type YNode, type YPair } from './yaml';

export interface TemplateField {
  /** The front-matter key; dotted for a nested field (`impact_assessments.equality`). */
  key: string;
  /** What the template prints beside the field (messages, hover, preview, pack). */
  label: string;
  /** Other labels seen for the field on Word cover sheets (the label not included). */
  aliases: string[];
  /** Whether the template asks for it; from `requiredFrom` on, when that is set (see `requiredOn`). */
  required: boolean;
  /** The meeting date (YYYY-MM-DD) from which a required field is asked for (the profile's `required_from`). */
  requiredFrom?: string;
  /**
   * Asked only after another question's answer (the profile's `required_if`):
   * required when the paper answers `key` with one of `answers` (see `requiredOn`).
   */
  requiredIf?: { key: string; answers: readonly string[] };
  type: FieldType;
  /** Allowed values (choice), or the values a list draws from (list). */
  values?: string[];
  /** A FORMAT.md field (checked by the built-in rules), or the organisation's own. */
  builtin: boolean;
  /** Listed in the template; false for a FORMAT.md field appended as optional. */
  listed: boolean;
  /** The label of the group a nested field belongs to (`Impact assessments`), when it has one. */
  group?: string;
  /** One line for completion and hover. */
  meaning: string;
  /** `committee_history`: false when the template records no outcome (the profile's `outcome: false`). */
  outcome?: boolean;
}

interface BuiltinField {
  key: string;
  label: string;
  required: boolean;
  type: FieldType;
  meaning: string;
  values?: readonly string[];
  aliases?: readonly string[];
  group?: string;
}

/**
 * FORMAT.md's fields at the template's grain, in the order the built-in
 * template (the seed paper's cover sheet) prints them. `risks.on_register` is
 * required only when `risks.status` is yes (the rule says so), hence false.
 */
const BUILTIN: readonly BuiltinField[] = [
  {
    key: 'meeting',
    label: 'Meeting',
    required: true,
    type: 'text',
    meaning: 'The board or committee receiving the paper, e.g. Integrated Care Board',
    aliases: ['Name of meeting', 'Meeting name', 'Committee'],
  },
  {
    key: 'date',
    label: 'Date of meeting',
    required: true,
    type: 'date',
    meaning: 'Date of the meeting, written YYYY-MM-DD',
    aliases: ['Meeting date', 'Date'],
  },
  {
    key: 'title',
    label: 'Title of paper',
    required: true,
    type: 'text',
    meaning: 'Title of paper',
    aliases: ['Title', 'Report title', 'Paper title', 'Title of report'],
  },
  {
    key: 'presented_by',
    label: 'Presented by',
    required: true,
    type: 'text',
    meaning: 'Who presents the paper: name, role',
    aliases: ['Presenter', 'Report from', 'Executive lead', 'Lead Director'],
  },
  {
    key: 'author',
    label: 'Author',
    required: true,
    type: 'text',
    meaning: 'Who wrote the paper: name, role',
    aliases: ['Report author', 'Author(s)', 'Prepared by', 'Written by'],
  },
  {
    key: 'agenda_item',
    label: 'Agenda item',
    required: true,
    type: 'text',
    meaning: 'Agenda item number, quoted as written, e.g. "10.2"',
    aliases: ['Item', 'Item number', 'Agenda item number', 'Paper reference'],
  },
  {
    key: 'confidential',
    label: 'Confidential',
    required: true,
    type: 'boolean',
    meaning: 'true for a Part 2 (private) item, false for the public meeting',
    values: ['true', 'false'],
    aliases: ['Confidentiality', 'Private'],
  },
  {
    key: 'purpose',
    label: 'Purpose',
    required: true,
    type: 'choice',
    meaning: 'What the meeting is asked to do: approve, decide, discuss, assure, note or information',
    values: PURPOSES,
    aliases: ['Purpose of paper', 'Purpose of the report', 'Action required'],
  },
  {
    key: 'assurance',
    label: 'Level of assurance',
    required: false,
    type: 'choice',
    meaning: 'Level of assurance the paper gives: substantial, reasonable, limited or none',
    values: ASSURANCE_LEVELS,
    aliases: ['Assurance level'],
  },
  {
    key: 'strategic_objectives',
    label: 'Which strategic objective/s does the report relate to',
    required: true,
    type: 'list',
    meaning: 'The strategic objectives the paper serves, by code, e.g. [SO1, SO2]',
    aliases: ['Strategic objectives', 'Link to strategic objectives'],
  },
  {
    key: 'risks',
    label: 'Associated risks',
    required: true,
    type: 'assessment',
    meaning: 'Are there associated risks (status, comment), are they on the risk register (on_register) and which (items: id, title)',
    aliases: ['Risks', 'Risk implications'],
    group: 'Implications',
  },
  {
    key: 'risks.on_register',
    label: 'Are associated risks detailed on the risk register?',
    required: false,
    type: 'yes-no-na',
    meaning: "Are the risks on the organisation's risk register: yes, no or n/a",
    aliases: ['On the risk register'],
    group: 'Implications',
  },
  {
    key: 'financial_implications',
    label: 'Financial implications',
    required: true,
    type: 'assessment',
    meaning: 'Are there financial implications (status yes/no/n/a, comment)',
    aliases: ['Finance implications', 'Financial impact'],
    group: 'Implications',
  },
  {
    key: 'committee_history',
    label: 'Where the paper has been discussed before',
    required: false,
    type: 'list',
    meaning: 'Where the paper was discussed before: list of {meeting, date, outcome}',
    aliases: ['Previously considered by', 'Report history', 'Where paper has been discussed'],
  },
  {
    key: 'conflicts_of_interest',
    label: 'Conflicts of interest associated with this report',
    required: true,
    type: 'text',
    meaning: 'Conflicts of interest associated with the report ("Not applicable" is a valid answer)',
    aliases: ['Conflicts of interest', 'Declarations of interest'],
  },
  {
    key: 'impact_assessments.quality',
    label: 'Quality impact assessment completed',
    required: true,
    type: 'assessment',
    meaning: 'Quality impact assessment (QIA): status yes/no/n/a with a comment',
    aliases: ['Quality impact assessment', 'QIA'],
    group: 'Impact assessments',
  },
  {
    key: 'impact_assessments.equality',
    label: 'Equality impact assessment completed',
    required: true,
    type: 'assessment',
    meaning: 'Equality impact assessment (EIA): status yes/no/n/a with a comment',
    aliases: ['Equality impact assessment', 'EIA', 'EqIA'],
    group: 'Impact assessments',
  },
  {
    key: 'impact_assessments.data_privacy',
    label: 'Data privacy impact assessment completed',
    required: true,
    type: 'assessment',
    meaning: 'Data privacy impact assessment (DPIA): status yes/no/n/a with a comment',
    aliases: ['Data privacy impact assessment', 'Data protection impact assessment', 'DPIA'],
    group: 'Impact assessments',
  },
  {
    key: 'authorised_by',
    label: 'Report authorised by',
    required: true,
    type: 'text',
    meaning: 'Who authorised the report: name, role',
    aliases: ['Authorised by', 'Approved by', 'Signed off by'],
  },
  // Not a line of its own on the built-in template (it completes "Confidential").
  {
    key: 'confidential_reason',
    label: 'Reason for confidentiality',
    required: false,
    type: 'text',
    meaning: 'Why the item is taken in private, e.g. the FOI exemption relied on (needed when confidential: true)',
    aliases: ['Reason for confidentiality', 'Exemption'],
  },
];

const BUILTIN_BY_KEY = new Map(BUILTIN.map((f) => [f.key, f]));

/**
 * FORMAT.md assessments a template may ask as a bare yes / no / N/A question
 * with no comment box (`type: yes-no-na` in the profile): then no comment is
 * expected. The other FORMAT.md fields keep their type.
 */
const RETYPABLE: Record<string, readonly FieldType[]> = {
  financial_implications: ['assessment', 'yes-no-na'],
  'impact_assessments.quality': ['assessment', 'yes-no-na'],
  'impact_assessments.equality': ['assessment', 'yes-no-na'],
  'impact_assessments.data_privacy': ['assessment', 'yes-no-na'],
  // A template whose purpose is tick boxes a paper may tick more than one of ("For Assurance and Approval").
  purpose: ['choice', 'list'],
};

/** FORMAT.md mappings whose fields a dotted key may address, with their built-in nested keys. */
const NESTED: Record<string, { label: string; keys: readonly string[]; ownAllowed: boolean }> = {
  impact_assessments: { label: 'Impact assessments', keys: ['quality', 'equality', 'data_privacy'], ownAllowed: true },
  risks: { label: 'Associated risks', keys: ['on_register'], ownAllowed: false },
};

/** Keys of the built-in template, listed (every FORMAT.md field but confidential_reason). */
const BUILTIN_TEMPLATE = BUILTIN.filter((f) => f.key !== 'confidential_reason').map((f) => f.key);

/** The built-in template's label of a FORMAT.md field (`title` → `Title of paper`). */
export function builtinLabel(key: string): string | undefined {
  return BUILTIN_BY_KEY.get(key)?.label ?? NESTED[key]?.label;
}

/** Is `key` a FORMAT.md field at the template's grain (or the whole `impact_assessments`)? */
export function isFormatKey(key: string): boolean {
  return BUILTIN_BY_KEY.has(key) || key === 'impact_assessments';
}

function humanise(key: string): string {
  const leaf = key.split('.').at(-1) ?? key;
  const words = leaf.replace(/_/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function fromBuiltin(b: BuiltinField, profile: Profile, listed: boolean, entry?: CoverSheetEntry, group?: string): TemplateField {
  const label = entry?.label ?? b.label;
  // The template's aliases first, then the built-in label and aliases (the Word import still knows them).
  const aliases: string[] = [];
  const names = new Set([normaliseLabel(label)]);
  for (const a of [...(entry?.aliases ?? []), b.label, ...(b.aliases ?? [])]) {
    const n = normaliseLabel(a);
    if (!n || names.has(n)) continue;
    names.add(n);
    aliases.push(a);
  }
  const values = b.key === 'strategic_objectives' ? Object.keys(profile.strategic_objectives) : b.values ? [...b.values] : undefined;
  const type = entry?.type && RETYPABLE[b.key]?.includes(entry.type) ? entry.type : b.type;
  const noOutcome = b.key === 'committee_history' && entry?.outcome === false;
  const f: TemplateField = {
    key: b.key,
    label,
    aliases,
    // An organisation with no strategic objectives (`strategic_objectives: {}`) cannot require them.
    required:
      listed && !(b.key === 'strategic_objectives' && values?.length === 0)
        ? (entry?.required ?? (entry?.required_from !== undefined || entry?.required_if !== undefined || b.required))
        : false,
    type,
    builtin: true,
    listed,
    meaning: noOutcome
      ? 'Where the paper was discussed before: list of {meeting, date}'
      : type === 'yes-no-na' && b.type === 'assessment'
        ? `${label}: yes, no or n/a (the template has no comment box)`
        : b.meaning,
  };
  if (values) f.values = values;
  if (f.required && entry?.required_from) f.requiredFrom = entry.required_from;
  if (f.required && entry?.required_if) f.requiredIf = entry.required_if;
  if (noOutcome) f.outcome = false;
  const g = group ?? b.group;
  if (g) f.group = g;
  return Object.freeze(f);
}

function ownField(e: CoverSheetEntry): TemplateField {
  const label = e.label ?? humanise(e.key);
  const type = e.type ?? 'text';
  const f: TemplateField = {
    key: e.key,
    label,
    aliases: [...e.aliases],
    required: e.required ?? (e.required_from !== undefined || e.required_if !== undefined),
    type,
    builtin: false,
    listed: true,
    meaning: describeOwn(label, type, e.values),
  };
  if (e.values) f.values = [...e.values];
  if (f.required && e.required_from) f.requiredFrom = e.required_from;
  if (f.required && e.required_if) f.requiredIf = e.required_if;
  const parent = e.key.includes('.') ? NESTED[e.key.split('.')[0]!] : undefined;
  if (parent) f.group = parent.label;
  return Object.freeze(f);
}

function describeOwn(label: string, type: FieldType, values: string[] | undefined): string {
  const v = values?.length ? `: ${values.join(', ')}` : '';
  switch (type) {
    case 'date':
      return `${label}: a date written YYYY-MM-DD`;
    case 'dates':
      return `${label}: one or more dates written YYYY-MM-DD (a list for more than one)`;
    case 'yes-no-na':
      return `${label}: yes, no or n/a`;
    case 'assessment':
      return `${label}: status yes/no/n/a with a comment (needed when the status is no or n/a)`;
    case 'list':
      return `${label}: a list${v ? ` of${v.slice(1)}` : ''}`;
    case 'choice':
      return `${label}: one of${v.slice(1)}`;
    case 'boolean':
      return `${label}: true or false`;
    default:
      return label;
  }
}

/**
 * Whether a written answer is the template's value: in any letter case, with
 * hyphens, dashes, underscores and spaces alike, so "Well Led" and "well-led"
 * are the CQC's "Well-led" (organisations print it every way). Other marks
 * count: "A+" is not "A".
 */
export function sameValue(templateValue: string, written: string): boolean {
  const key = (s: string) =>
    s
      .trim()
      .toLowerCase()
      .replace(/[\s\-\u2010-\u2015_]+/g, ' ');
  return key(templateValue) === key(written);
}

/**
 * Whether the template asks for `f` on a paper for the meeting of
 * `meetingDate`: a field required from a date is not asked of papers for
 * earlier meetings. With no readable date the template as it is now applies.
 */
export function requiredOn(f: TemplateField, meetingDate: string | undefined, answerOf?: (key: string) => string | undefined): boolean {
  if (!f.required || (f.requiredFrom && meetingDate && meetingDate < f.requiredFrom)) return false;
  if (!f.requiredIf || !answerOf) return true;
  // A follow-up question ("If yes, …"): asked only when the question it follows got one of its answers.
  const answer = answerOf(f.requiredIf.key);
  return answer !== undefined && f.requiredIf.answers.some((a) => normaliseAnswer(a) === answer);
}

/**
 * How a paper answers a field, for `requiredIf`: the scalar in lower case
 * (an assessment's `status`), yes / no for true / false, "n/a" for the ways
 * of writing not applicable; undefined when the paper leaves it out or empty.
 */
export function answerIn(cover: YNode | null | undefined): (key: string) => string | undefined {
  return (key) => {
    const status = readAssessment(fieldNode(cover, key))?.status;
    return status === undefined ? undefined : normaliseAnswer(status);
  };
}

/** An answer as `requiredIf` compares it (the paper's and the profile's alike): lower case, "n/a" for not applicable, yes / no for YAML's true / false. */
export function normaliseAnswer(s: string): string | undefined {
  const t = s.trim().toLowerCase().replace(/[.!]$/, '');
  if (t === '') return undefined;
  if (t === 'true' || t === 'false') return t === 'true' ? 'yes' : 'no';
  if (t === 'na' || t === 'n/a' || t === 'not applicable') return 'n/a';
  // "Yes – £20,000 in 2025/26", "No, none": the answer is its first word.
  const lead = /^(yes|no)\b(?![/'’-])/.exec(t);
  return lead ? lead[1] : t;
}

const cache = new WeakMap<Profile, readonly TemplateField[]>();
/** The same fields by key (the first of a key, as `find` would give). */
const byKeyCache = new WeakMap<Profile, Map<string, TemplateField>>();

/**
 * The effective template: every field in template order (key, label, aliases,
 * required, type, values), then the FORMAT.md fields the template does not
 * list, as optional.
 */
export function coverSheetFields(profile: Profile): TemplateField[] {
  let out = cache.get(profile);
  if (!out) {
    out = Object.freeze(buildFields(profile));
    cache.set(profile, out);
  }
  return out as TemplateField[];
}

function buildFields(profile: Profile): TemplateField[] {
  const fields: TemplateField[] = [];
  const seen = new Set<string>();
  const push = (f: TemplateField) => {
    if (seen.has(f.key)) return;
    seen.add(f.key);
    fields.push(f);
  };
  if (!profile.cover_sheet) {
    for (const k of BUILTIN_TEMPLATE) push(fromBuiltin(BUILTIN_BY_KEY.get(k)!, profile, true));
  } else {
    for (const e of profile.cover_sheet) {
      if (e.key === 'impact_assessments') {
        // The whole group: its three assessments, under the entry's label.
        for (const k of NESTED.impact_assessments!.keys) {
          const b = BUILTIN_BY_KEY.get(`impact_assessments.${k}`)!;
          push(
            fromBuiltin(
              b,
              profile,
              true,
              {
                key: b.key,
                aliases: [],
                ...(e.required !== undefined ? { required: e.required } : {}),
                ...(e.required_from ? { required_from: e.required_from } : {}),
              },
              e.label,
            ),
          );
        }
        continue;
      }
      const b = BUILTIN_BY_KEY.get(e.key);
      push(b ? fromBuiltin(b, profile, true, e) : ownField(e));
    }
  }
  for (const b of BUILTIN) if (!seen.has(b.key)) push(fromBuiltin(b, profile, false));
  return fields;
}

/** The template's field for `key` (dotted for nested), if it has one. */
export function templateField(profile: Profile, key: string): TemplateField | undefined {
  let byKey = byKeyCache.get(profile);
  if (!byKey) {
    byKey = new Map();
    for (const f of coverSheetFields(profile)) if (!byKey.has(f.key)) byKey.set(f.key, f);
    byKeyCache.set(profile, byKey);
  }
  return byKey.get(key);
}

/**
 * What the template calls the field `key`: its label; for a group of nested
 * fields (`impact_assessments`) the group's label; else the key as written.
 */
export function fieldLabel(profile: Profile, key: string): string {
  const f = templateField(profile, key);
  if (f) return f.label;
  const nested = NESTED[key];
  if (nested) {
    const child = coverSheetFields(profile).find((x) => x.key.startsWith(`${key}.`) && x.group);
    return child?.group ?? nested.label;
  }
  return key;
}

/**
 * How messages name a field: `"Title of paper" (title)` — the template's
 * label and the key the author types — or just `"author"` when a FORMAT.md
 * field's label is the key in words. The organisation's own field is always
 * named by the label its profile gives it, which is what its template prints
 * (`"Equality Impact Assessment" (equality_impact_assessment)`).
 */
export function fieldRef(profile: Profile, key: string): string {
  const label = fieldLabel(profile, key);
  if (label === key) return `"${key}"`;
  const own = templateField(profile, key)?.builtin === false;
  return !own && normaliseLabel(label) === normaliseLabel(key.replace(/[._]/g, ' ')) ? `"${key}"` : `"${label}" (${key})`;
}

/** The key/value pair of a field in the cover sheet (dotted keys follow nested mappings). */
export function fieldPair(cover: YNode | null | undefined, key: string): YPair | undefined {
  const parts = key.split('.');
  let node: YNode | null | undefined = cover;
  let pair: YPair | undefined;
  for (const part of parts) {
    pair = getPair(node, part);
    if (!pair) return undefined;
    node = pair.value;
  }
  return pair;
}

/** The value of a field in the cover sheet (dotted keys follow nested mappings). */
export function fieldNode(cover: YNode | null | undefined, key: string): YNode | undefined {
  return key.includes('.') ? fieldPair(cover, key)?.value : getNode(cover, key);
}

/** The organisation's own fields (not in FORMAT.md), in template order. */
export function ownFields(profile: Profile): TemplateField[] {
  return coverSheetFields(profile).filter((f) => !f.builtin);
}

/** FORMAT.md top-level keys (what the built-in checks know). */
export const FORMAT_TOP_KEYS: readonly string[] = [...new Set(BUILTIN.map((b) => b.key.split('.')[0]!))];

/** Section keys a profile's `sections` may set: the built-in ones and the snake-case names of `required_sections`. */
export function sectionKeys(profile: Profile): string[] {
  const keys = new Set(['executive_summary', 'recommendations']);
  for (const s of profile.required_sections) keys.add(sectionKeyOf(s));
  return [...keys];
}

/** `Executive summary` → `executive_summary`. */
export function sectionKeyOf(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/**
 * What a profile file gets wrong about its template, given the merged
 * profile: a type or values on a FORMAT.md field, a dotted key into nothing,
 * a field listed twice through its group, `health_inequalities.cover_field`
 * naming no yes/no/n/a field of the template, a `sections` entry naming no
 * section. `raw` is the file's own data (for the entries' positions); shape
 * problems are `validateProfileData`'s.
 */
export function templateProblems(raw: Record<string, unknown>, profile: Profile): ProfileProblem[] {
  const problems: ProfileProblem[] = [];
  const add = (key: string, message: string) => problems.push({ key, message });
  if (Array.isArray(raw.cover_sheet)) {
    const listed = new Set<string>();
    raw.cover_sheet.forEach((e, i) => {
      const at = `cover_sheet[${i}]`;
      const f = (typeof e === 'string' ? { key: e } : e) as Record<string, unknown>;
      if (typeof f?.key !== 'string') return;
      const key = f.key.trim();
      const builtin = BUILTIN_BY_KEY.get(key);
      if (builtin || key === 'impact_assessments') {
        const typeOf = builtin?.type ?? 'a group of assessments';
        const retypable = RETYPABLE[key];
        if ('type' in f && retypable && !retypable.includes(f.type as FieldType))
          add(
            `${at}.type`,
            key === 'purpose'
              ? `"purpose" is a FORMAT.md field: its type is choice or list (list when the template lets a paper tick more than one purpose)`
              : `"${key}" is a FORMAT.md assessment: its type is ${retypable.join(' or ')} (yes-no-na when the template asks yes / no / N/A with no comment box)`,
          );
        else if ('type' in f && !retypable)
          add(`${at}.type`, `"${key}" is a FORMAT.md field: its type is fixed (${typeOf}); type and values are for the organisation's own fields`);
        else if ('values' in f) add(`${at}.values`, `"${key}" is a FORMAT.md field: its values are fixed; values are for the organisation's own fields`);
      } else if (key.includes('.')) {
        const [parent, ...rest] = key.split('.');
        const nested = NESTED[parent!];
        if (!nested) {
          const top = FORMAT_TOP_KEYS.includes(parent!) ? `"${parent}" has no nested fields` : `"${parent}" is not a field of the format`;
          add(
            `${at}.key`,
            `"${key}" is a dotted key into nothing: ${top}. Dotted keys address the fields of impact_assessments (quality, equality, data_privacy, or your own) and risks.on_register`,
          );
        } else if (rest.length > 1) {
          add(`${at}.key`, `"${key}" is a dotted key into nothing: "${parent}.${rest[0]}" has no nested fields`);
        } else if (!nested.ownAllowed) {
          add(`${at}.key`, `"${key}" is a dotted key into nothing: "${parent}" has ${nested.keys.map((k) => `${parent}.${k}`).join(', ')}`);
        } else if (!('type' in f)) {
          add(
            `${at}.key`,
            `"${key}" is a dotted key into nothing: "${parent}" has ${nested.keys.map((k) => `${parent}.${k}`).join(', ')}; an assessment of your own under it needs "type: assessment"`,
          );
        }
      }
      // A group and one of its members both listed.
      const group = key.split('.')[0]!;
      if ((key.includes('.') && listed.has(group)) || (!key.includes('.') && NESTED[key] && [...listed].some((k) => k.startsWith(`${key}.`))))
        add(
          `${at}.key`,
          `"${key}" is already listed through "${key.includes('.') ? group : [...listed].find((k) => k.startsWith(`${key}.`))}"; each field is listed once`,
        );
      listed.add(key);
    });
  }
  const cf = profile.health_inequalities.cover_field;
  if (cf && (raw.health_inequalities !== undefined || raw.cover_sheet !== undefined)) {
    const f = templateField(profile, cf);
    if (!f)
      add('health_inequalities.cover_field', `"${cf}" is not a field of the cover sheet template; list it in cover_sheet (e.g. key: ${cf}, type: assessment)`);
    else if (f.type !== 'assessment')
      add(
        'health_inequalities.cover_field',
        `"${cf}" (${f.label}) is a ${f.type} field; the health inequalities question is answered yes, no or n/a with a comment, so the field needs type: assessment`,
      );
  }
  const rf = profile.recommendations?.cover_field;
  if (rf && (raw.recommendations !== undefined || raw.cover_sheet !== undefined)) {
    const f = templateField(profile, rf);
    if (!f) add('recommendations.cover_field', `"${rf}" is not a field of the cover sheet template; list it in cover_sheet (e.g. key: ${rf}, type: text)`);
    else if (f.type !== 'text')
      add(
        'recommendations.cover_field',
        `"${rf}" (${f.label}) is a ${f.type} field; what the meeting is asked to do is written in words, so the field needs type: text`,
      );
  }
  if (raw.sections && typeof raw.sections === 'object' && !Array.isArray(raw.sections)) {
    const known = sectionKeys(profile);
    for (const k of Object.keys(raw.sections)) {
      if (!known.includes(k)) add(`sections.${k}`, `no section "${k}": sections are ${known.join(', ')} (the required_sections, in snake case)`);
    }
  }
  return problems;
}
