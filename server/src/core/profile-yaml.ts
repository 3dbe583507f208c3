/**
 * The text of a new organisation's `.boardpaper.yaml` (`boardpaper init`,
 * INTERFACES.md v2): every key, with a comment explaining it. Pure: the CLI
 * gathers the answers (options, questions, or — `--from FILE.docx` — what a
 * Word paper says: objectives, committees, cover-sheet labels) and passes
 * them here.
 *
 * What the organisation has not told us is written as a commented example,
 * so the file is valid as written and inherits the built-in values until the
 * officer fills it in.
 */
import { DEFAULT_PROFILE } from './profile';
import { yamlString } from './rule';

export interface ProfileYamlOptions {
  organisation: string;
  /** Strategic objectives, code → wording; empty or absent: a commented example. */
  objectives?: Record<string, string>;
  /** Boards and committees; empty or absent: a commented example. */
  committees?: { name: string; aliases?: string[]; formal?: boolean }[];
  /** The cover sheet's fields in order, with the labels the template prints; absent: a commented example. */
  coverSheet?: { key: string; label?: string; aliases?: string[]; required?: boolean; type?: string; values?: string[] }[];
  /** Accepted headings of sections (`executive_summary`, `recommendations`…). */
  sections?: Record<string, string[]>;
}

const list = (xs: readonly string[]) => `[${xs.map(yamlString).join(', ')}]`;

/** `# ` before each line of a block (for commented examples). */
function commented(lines: string[]): string[] {
  return lines.map((l) => (l ? `# ${l}` : '#'));
}

export function profileYaml(o: ProfileYamlOptions): string {
  const out: string[] = [];
  const add = (...ls: string[]) => out.push(...ls);
  add(
    `# boardpaper profile for ${o.organisation.replace(/\s+/g, ' ').trim()}.`,
    '# Every key is optional: a key left out (or commented out) keeps the value of',
    '# the built-in profile (NHS Lancashire and South Cumbria ICB). A key set here',
    '# replaces that value whole, except acronyms, rules and sections, which merge',
    '# entry by entry. Paths and globs are relative to this file. The profile',
    '# reference is docs/profile.md in the boardpaper repository.',
    '',
    '# The organisation, as it is printed on the cover sheet and the agenda pack.',
    `organisation: ${yamlString(o.organisation.trim())}`,
    '',
    '# Markdown files that must be board papers (checked even without a cover sheet).',
    `papers: ${list(DEFAULT_PROFILE.papers)}`,
    '',
    '# Strategic objectives: code (SO1, or the name your cover sheet prints) and wording. Papers tick them by code',
    '# (strategic_objectives: [SO1, SO3]) and the wording is checked against these.',
  );
  const objectives = o.objectives && Object.keys(o.objectives).length ? o.objectives : undefined;
  if (objectives) {
    add('strategic_objectives:');
    for (const [code, text] of Object.entries(objectives)) add(`  ${code}: ${yamlString(text)}`);
  } else
    add(
      ...commented([
        'strategic_objectives:',
        '  SO1: Improve quality, including safety, clinical outcomes and patient experience',
        '  SO2: Reduce health inequalities',
      ]),
    );
  add(
    '',
    '# Objectives about equality: a paper serving one should report on health',
    '# inequalities (the message says more when it does not).',
    objectives ? `equality_objectives: []` : '# equality_objectives: [SO2]',
    '',
    '# Boards and committees: name, other names it goes by (aliases), and',
    '# formal: false for a meeting that is not formally constituted. A committee',
    '# may have its own standing_items (see below).',
  );
  if (o.committees?.length) {
    add('committees:');
    for (const c of o.committees) {
      add(`  - name: ${yamlString(c.name)}`);
      if (c.aliases?.length) add(`    aliases: ${list(c.aliases)}`);
      if (c.formal === false) add('    formal: false');
    }
  } else
    add(
      ...commented([
        'committees:',
        '  - name: Trust Board',
        '    aliases: [Board, Board of Directors]',
        '  - name: Quality Committee',
        '  - name: Audit Committee',
        '  - name: Executive Team',
        '    formal: false',
      ]),
    );
  add(
    '',
    "# The organisation's cover sheet: its fields in the order it prints them,",
    '# each with the label it prints (used in messages, the preview, the agenda',
    '# pack and the Word import) and other labels seen for it (aliases). A field',
    '# of the board paper format left out of this list is optional; required:',
    '# true or false overrides, and required_from: YYYY-MM-DD asks for a field',
    '# only on papers for meetings from that date (the day the template gained',
    '# it); required_if: { financial_implications: yes } asks a follow-up',
    '# question ("If yes, …") only after that answer. Fields of your own need',
    '# a type: text, date (dates for one or more), yes-no-na, assessment',
    '# (status and comment), list, choice or boolean, and list or choice',
    '# fields their values. Dotted keys address nested fields',
    '# (impact_assessments.equality). Leave it out to use the built-in template.',
  );
  if (o.coverSheet?.length) {
    add('cover_sheet:');
    for (const f of o.coverSheet) {
      add(`  - key: ${f.key}`);
      if (f.label) add(`    label: ${yamlString(f.label)}`);
      if (f.aliases?.length) add(`    aliases: ${list(f.aliases)}`);
      if (f.type) add(`    type: ${f.type}`);
      if (f.values?.length) add(`    values: ${list(f.values)}`);
      if (f.required !== undefined) add(`    required: ${f.required}`);
    }
  } else
    add(
      ...commented([
        'cover_sheet:',
        '  - key: date',
        '    label: Date of meeting',
        '  - key: title',
        '    label: Title of paper',
        '  - key: presented_by',
        '    label: Lead Director',
        '    aliases: [Report from, Executive lead]',
        '  - key: purpose',
        '  - key: strategic_objectives',
        '  - key: cqc_domains',
        '    label: CQC domain',
        '    type: list',
        '    values: [Safe, Effective, Caring, Responsive, Well-led]',
        '    required_from: 2025-04-01',
        '  - key: health_equity',
        '    label: Is health equity data included in the report?',
        '    type: assessment',
        '  - key: risks',
        '    label: Link to strategic risks',
        '  - key: impact_assessments.equality',
        '    label: Equality impact assessment',
      ]),
    );
  add(
    '',
    '# Sections every paper must have, and the headings accepted for each (your',
    '# template may call the summary "Executive comment").',
    `required_sections: ${list(DEFAULT_PROFILE.required_sections)}`,
  );
  if (o.sections && Object.keys(o.sections).length) {
    add('sections:');
    for (const [k, hs] of Object.entries(o.sections)) add(`  ${k}: ${list(hs)}`);
  } else
    add(
      ...commented([
        'sections:',
        '  executive_summary: [Executive summary, Executive comment, Summary]',
        '  recommendations: [Recommendations, Recommendation, Action required by the Board]',
      ]),
    );
  add(
    '# No Recommendations heading in your template? Say where the ask goes:',
    '# recommendations:',
    '#   labels: [Recommendation]   # a paragraph or numbered point opening "Recommendation:"',
    '#   cover_field: action        # or a cover-sheet field (type text)',
    '#   in_summary: true           # or the sentence closing the Executive summary ("The Board is asked to note …")',
    `executive_summary_words: ${DEFAULT_PROFILE.executive_summary_words}   # word limit of the executive summary`,
    '',
    '# Health inequalities: formal meetings on or after "from" need a section under',
    '# one of these headings. With cover_field, the cover sheet answers instead',
    '# (a field of type assessment: yes, or no / n/a with a comment).',
    'health_inequalities:',
    `  from: ${DEFAULT_PROFILE.health_inequalities.from}`,
    `  headings: ${list(DEFAULT_PROFILE.health_inequalities.headings)}`,
    '  # cover_field: health_equity',
    '',
    '# Your risk register (a CSV with id and title columns, or a YAML list), so',
    '# risk references on cover sheets are checked and shown on hover.',
    'risk_register: null   # e.g. risks/board-assurance-framework.csv',
    '',
    '# Acronyms your readers know (exempt from undefined-acronym). The national',
    '# ones (NHS, NHSE, UK, GP, CQC, A&E…) are built in; add your own.',
    ...commented(['acronyms:', '  ABC: Example Borough Council']),
    'acronyms_must_be_defined: false   # true: even known acronyms must be spelled out',
    '',
    '# Meetings: the opening and closing items of every agenda (a committee may',
    '# have its own), when papers are due, and the resolution read before Part 2.',
    'standing_items:',
  );
  for (const s of DEFAULT_PROFILE.standing_items) add(`  - title: ${yamlString(s.title)}`, `    at: ${s.at}`);
  add(
    `papers_due_working_days: ${DEFAULT_PROFILE.papers_due_working_days}   # working days (Mon–Fri) before the meeting`,
    'part2_resolution: >-',
    ...wrap(DEFAULT_PROFILE.part2_resolution, 76).map((l) => `  ${l}`),
    '',
    '# Severity of a rule: error, warning, info or off.',
    'rules:',
    ...Object.entries(DEFAULT_PROFILE.rules).map(([k, v]) => `  ${k}: ${v}`),
    '',
  );
  return out.join('\n');
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const w of text.split(/\s+/)) {
    if (line && line.length + 1 + w.length > width) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * Strategic objectives from a file's text: a YAML mapping (`SO1: wording`),
 * lines `SO1: wording` / `SO1 - wording`, or numbered lines (`1. wording`,
 * which become SO1, SO2…). Returns problems instead of guessing.
 */
export function objectivesFromText(text: string): { objectives: Record<string, string>; problem?: string } {
  const objectives: Record<string, string> = {};
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  for (const l of lines) {
    let m = /^([A-Za-z][A-Za-z0-9._-]*)\s*[:\-–]\s+(\S.*)$/.exec(l);
    if (m) {
      objectives[m[1]!] = m[2]!.replace(/^["']|["']$/g, '').trim();
      continue;
    }
    m = /^(\d{1,2})[.)]\s+(\S.*)$/.exec(l);
    if (m) {
      objectives[`SO${Number(m[1])}`] = m[2]!.trim();
      continue;
    }
    return { objectives: {}, problem: `cannot read "${l.slice(0, 60)}" as an objective: write one per line, "SO1: wording" or "1. wording"` };
  }
  if (!Object.keys(objectives).length) return { objectives, problem: 'holds no objectives: write one per line, "SO1: wording" or "1. wording"' };
  return { objectives };
}
