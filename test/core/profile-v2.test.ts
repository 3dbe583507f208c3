/**
 * PROFILE.md v2: the organisation's own template (`cover_sheet`, `sections`,
 * `health_inequalities.cover_field`, the national acronyms) and the meetings
 * keys. Every mistake in a profile is a problem on its line, and the CLI
 * exits 2 naming it — never a silent fallback.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_PROFILE, FIELD_TYPES, PROFILE_KEYS, standingItemsFor } from '../../server/src/core/profile';
import { answerIn, coverSheetFields, fieldLabel, fieldRef, requiredOn, sameValue, templateField } from '../../server/src/core/template-fields';
import { parsePaper } from '../../server/src/core/paper';
import { loadProfileFile, ProfileError } from '../../server/src/node/profile-loader';
import { analyze } from '../../server/src/core/analyze';
import { newPaperText } from '../../server/src/core/template';
import { repoRoot, runCli, tempDir } from '../helpers/run-cli';

function write(dir: string, name: string, text: string): string {
  const f = path.join(dir, name);
  fs.mkdirSync(path.dirname(f), { recursive: true });
  fs.writeFileSync(f, text);
  return f;
}

/** Problems of a profile text: `line: key: message` (1-based lines). */
function problemsOf(text: string): { line: number; key: string; message: string }[] {
  const dir = tempDir('bp-profile-');
  const f = write(dir, '.boardpaper.yaml', text);
  try {
    loadProfileFile(f);
  } catch (e) {
    assert.ok(e instanceof ProfileError, String(e));
    return e.problems.map((p) => ({ line: p.line + 1, key: p.key, message: p.message }));
  }
  return [];
}

function load(text: string) {
  const dir = tempDir('bp-profile-');
  return loadProfileFile(write(dir, '.boardpaper.yaml', text)).profile;
}

const PAPER = '---\ntitle: A paper\nmeeting: Trust Board\ndate: 2024-06-18\n---\n\n## Executive summary\n\nText.\n';

describe('profile v2: cover_sheet mistakes are reported on their line', () => {
  const cases: { name: string; text: string; line: number; key: string; message: RegExp }[] = [
    {
      name: 'an unknown type',
      text: 'cover_sheet:\n  - key: title\n  - key: cqc_domains\n    label: CQC domain\n    type: lists\n',
      line: 5,
      key: 'cover_sheet[1].type',
      message: /unknown type "lists"; types are text, date, dates, yes-no-na, assessment, list, choice, boolean/,
    },
    {
      name: 'values on a text field',
      text: 'cover_sheet:\n  - key: title\n  - key: lead\n    type: text\n    values: [A, B]\n',
      line: 5,
      key: 'cover_sheet[1].values',
      message: /a text field takes no values list/,
    },
    {
      name: 'values on an own field with no type (text)',
      text: 'cover_sheet:\n  - key: lead\n    values: [A, B]\n',
      line: 3,
      key: 'cover_sheet[0].values',
      message: /a text field takes no values list/,
    },
    {
      name: 'a choice with no values',
      text: 'cover_sheet:\n  - key: title\n  - key: domain\n    type: choice\n',
      line: 4,
      key: 'cover_sheet[1].type',
      message: /a choice field needs its values/,
    },
    {
      name: 'a dotted key into a FORMAT.md mapping that has no such field',
      text: 'cover_sheet:\n  - key: title\n  - key: impact_assessments.equalty\n    label: EIA\n',
      line: 3,
      key: 'cover_sheet[1].key',
      message: /"impact_assessments\.equalty" is a dotted key into nothing/,
    },
    {
      name: 'a dotted key into a field that does not exist',
      text: 'cover_sheet:\n  - key: title\n  - key: cqc.domain\n    type: text\n',
      line: 3,
      key: 'cover_sheet[1].key',
      message: /"cqc" is not a field of the format/,
    },
    {
      name: 'a dotted key into a field with no nested fields',
      text: 'cover_sheet:\n  - key: title.main\n',
      line: 2,
      key: 'cover_sheet[0].key',
      message: /"title" has no nested fields/,
    },
    {
      name: 'a required_from that is not a date',
      text: 'cover_sheet:\n  - key: title\n  - key: cqc_domains\n    type: text\n    required_from: 2025-02-30\n',
      line: 5,
      key: 'cover_sheet[1].required_from',
      message: /must be a date written YYYY-MM-DD/,
    },
    {
      name: 'a required_from on a field that is never required',
      text: 'cover_sheet:\n  - key: title\n  - key: assurance\n    required: false\n    required_from: 2025-04-01\n',
      line: 5,
      key: 'cover_sheet[1].required_from',
      message: /required: false is never required/,
    },
    {
      name: 'a required_if naming a field the cover sheet does not list',
      text: 'cover_sheet:\n  - key: title\n  - key: funding_agreed\n    type: yes-no-na\n    required_if: { financial_consequences: yes }\n',
      line: 5,
      key: 'cover_sheet[1].required_if',
      message: /"financial_consequences" is not a field of this cover_sheet/,
    },
    {
      name: 'a required_if that is not one field and its answer',
      text: 'cover_sheet:\n  - key: title\n  - key: funding_agreed\n    type: yes-no-na\n    required_if: financial_implications\n',
      line: 5,
      key: 'cover_sheet[1].required_if',
      message: /must be one other field and the answer\(s\)/,
    },
    {
      name: 'a required_if on the field itself',
      text: 'cover_sheet:\n  - key: title\n  - key: funding_agreed\n    type: yes-no-na\n    required_if: { funding_agreed: yes }\n',
      line: 5,
      key: 'cover_sheet[1].required_if',
      message: /cannot be required by its own answer/,
    },
    {
      name: 'a required_if on a field that is never required',
      text: 'cover_sheet:\n  - key: financial_implications\n  - key: funding_agreed\n    required: false\n    required_if: { financial_implications: yes }\n',
      line: 5,
      key: 'cover_sheet[1].required_if',
      message: /required: false is never required/,
    },
    {
      name: 'a duplicate key',
      text: 'cover_sheet:\n  - key: title\n  - key: date\n  - key: title\n    label: Report title\n',
      line: 4,
      key: 'cover_sheet[2].key',
      message: /duplicate key "title": it is already cover_sheet\[0\]/,
    },
    {
      name: 'a label that is not a string',
      text: 'cover_sheet:\n  - key: title\n  - key: presented_by\n    label: [Lead, Director]\n',
      line: 4,
      key: 'cover_sheet[1].label',
      message: /must be text/,
    },
    {
      name: 'two fields with the same label',
      text: 'cover_sheet:\n  - key: presented_by\n    label: Lead Director\n  - key: author\n    aliases: [lead director]\n',
      line: 5,
      key: 'cover_sheet[1].aliases',
      message: /"lead director" is already a label or alias of cover_sheet\[0\]/,
    },
    {
      name: 'required that is not a boolean',
      text: 'cover_sheet:\n  - key: title\n    required: sometimes\n',
      line: 3,
      key: 'cover_sheet[0].required',
      message: /must be true or false/,
    },
    {
      name: 'an unknown key in an entry',
      text: 'cover_sheet:\n  - key: title\n    lable: Title\n',
      line: 3,
      key: 'cover_sheet[0].lable',
      message: /unknown cover_sheet field key "lable"/,
    },
    {
      name: 'a type on a FORMAT.md field',
      text: 'cover_sheet:\n  - key: title\n  - key: risks\n    type: text\n',
      line: 4,
      key: 'cover_sheet[1].type',
      message: /"risks" is a FORMAT\.md field: its type is fixed \(assessment\)/,
    },
    {
      name: 'a type on a FORMAT.md assessment other than yes-no-na',
      text: 'cover_sheet:\n  - key: title\n  - key: financial_implications\n    type: text\n',
      line: 4,
      key: 'cover_sheet[1].type',
      message: /"financial_implications" is a FORMAT\.md assessment: its type is assessment or yes-no-na/,
    },
    {
      name: 'a type on purpose other than choice or list',
      text: 'cover_sheet:\n  - key: title\n  - key: purpose\n    type: text\n',
      line: 4,
      key: 'cover_sheet[1].type',
      message: /"purpose" is a FORMAT\.md field: its type is choice or list \(list when the template lets a paper tick more than one purpose\)/,
    },
    {
      name: 'outcome on a field other than committee_history',
      text: 'cover_sheet:\n  - key: title\n  - key: risks\n    outcome: false\n',
      line: 4,
      key: 'cover_sheet[1].outcome',
      message: /outcome is for the committee_history field only/,
    },
    {
      name: 'an outcome that is not true or false',
      text: 'cover_sheet:\n  - key: committee_history\n    outcome: none\n',
      line: 3,
      key: 'cover_sheet[0].outcome',
      message: /must be true or false/,
    },
    {
      name: 'a key that is not a front-matter key',
      text: 'cover_sheet:\n  - key: Lead Director\n',
      line: 2,
      key: 'cover_sheet[0].key',
      message: /is not a front-matter key/,
    },
    {
      name: 'an entry with no key',
      text: 'cover_sheet:\n  - title\n  - label: CQC domain\n',
      line: 3,
      key: 'cover_sheet[1].key',
      message: /is required/,
    },
    {
      name: 'a cover_field that the template does not have',
      text: 'cover_sheet:\n  - key: title\nhealth_inequalities:\n  cover_field: health_equity\n',
      line: 4,
      key: 'health_inequalities.cover_field',
      message: /"health_equity" is not a field of the cover sheet template/,
    },
    {
      name: 'a cover_field that is not a yes/no question',
      text: 'cover_sheet:\n  - key: title\n  - key: health_equity\n    label: Health equity\n    type: text\nhealth_inequalities:\n  cover_field: health_equity\n',
      line: 7,
      key: 'health_inequalities.cover_field',
      message: /is a text field/,
    },
    {
      name: 'recommendations written as a list of headings (they go in sections)',
      text: 'recommendations: [Recommendation]\n',
      line: 1,
      key: 'recommendations',
      message: /must be a mapping: labels .*, cover_field .* and\/or in_summary/,
    },
    {
      name: 'a recommendations label that is not text',
      text: 'recommendations:\n  labels: [Recommendation, 3]\n',
      line: 2,
      key: 'recommendations.labels',
      message: /must be a list of the labels that open the ask/,
    },
    {
      name: 'a recommendations key that does not exist',
      text: 'recommendations:\n  label: Recommendation\n',
      line: 2,
      key: 'recommendations.label',
      message: /unknown key \(labels, cover_field, in_summary\)/,
    },
    {
      name: 'recommendations.in_summary written as a word',
      text: 'recommendations:\n  in_summary: "yes"\n',
      line: 2,
      key: 'recommendations.in_summary',
      message: /must be true or false: true when the template lets the ask close the Executive summary/,
    },
    {
      name: 'a recommendations cover_field that the template does not have',
      text: 'cover_sheet:\n  - key: title\nrecommendations:\n  cover_field: action\n',
      line: 4,
      key: 'recommendations.cover_field',
      message: /"action" is not a field of the cover sheet template; list it in cover_sheet/,
    },
    {
      name: 'a recommendations cover_field that is not a text field',
      text: 'cover_sheet:\n  - key: title\n  - key: action\n    type: yes-no-na\nrecommendations:\n  cover_field: action\n',
      line: 6,
      key: 'recommendations.cover_field',
      message: /is a yes-no-na field; .* needs type: text/,
    },
    {
      name: 'a sections entry naming no section',
      text: 'sections:\n  recomendations: [Action required by the Board]\n',
      line: 2,
      key: 'sections.recomendations',
      message: /no section "recomendations": sections are executive_summary, recommendations/,
    },
    {
      name: 'a sections entry that is not a list',
      text: 'sections:\n  recommendations: Action required by the Board\n',
      line: 2,
      key: 'sections.recommendations',
      message: /must be a list of the headings/,
    },
    {
      name: 'a standing item at neither start nor end',
      text: 'standing_items:\n  - title: Apologies for absence\n    at: start\n  - title: Any other business\n    at: middle\n',
      line: 5,
      key: 'standing_items[1].at',
      message: /must be start .* or end/,
    },
    {
      name: "a committee's standing item with no title",
      text: 'committees:\n  - name: Trust Board\n    standing_items:\n      - at: start\n',
      line: 4,
      key: 'committees[0].standing_items[0].title',
      message: /is required/,
    },
    {
      name: 'an objective name with a colon in it (a paper entry splits at the colon)',
      text: 'strategic_objectives:\n  SO1: Quality\n  "Patient: Mission": Patients first\n',
      line: 3,
      key: 'strategic_objectives.Patient: Mission',
      message: /one word of letters and digits .* or the objective's name .* with no colon/,
    },
    {
      name: 'an objective code with two spaces in it',
      text: 'strategic_objectives:\n  SO1: Quality\n  "SO 2  b": Patients first\n',
      line: 3,
      key: 'strategic_objectives.SO 2  b',
      message: /words separated by single spaces/,
    },
    {
      name: 'papers_due_working_days that is not a whole number',
      text: 'papers_due_working_days: 7.5\n',
      line: 1,
      key: 'papers_due_working_days',
      message: /whole number of working days/,
    },
    {
      name: 'an empty part2_resolution',
      text: 'organisation: X\npart2_resolution: ""\n',
      line: 2,
      key: 'part2_resolution',
      message: /text of the resolution/,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const problems = problemsOf(c.text);
      const p = problems.find((x) => x.key === c.key);
      assert.ok(p, `a problem on ${c.key}; got ${JSON.stringify(problems)}`);
      assert.equal(p.line, c.line, `line of ${c.key}`);
      assert.match(p.message, c.message);
    });
  }

  it('the CLI exits 2 with a one-line reason naming the key, and checks nothing', () => {
    const dir = tempDir('bp-profile-cli-');
    write(dir, '.boardpaper.yaml', 'cover_sheet:\n  - key: title\n  - key: cqc_domains\n    type: lists\n');
    write(dir, 'papers/p.md', PAPER);
    const r = runCli(['check', path.join(dir, 'papers', 'p.md')], repoRoot);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /invalid profile .*\.boardpaper\.yaml: cover_sheet\[1\]\.type: unknown type "lists"/);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.equal(r.stdout, '');
  });

  it('the CLI exits 2 for a dotted key into nothing', () => {
    const dir = tempDir('bp-profile-cli-');
    write(dir, '.boardpaper.yaml', 'cover_sheet:\n  - key: impact_assessments.equalty\n');
    write(dir, 'p.md', PAPER);
    const r = runCli(['check', path.join(dir, 'p.md')], repoRoot);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /cover_sheet\[0\]\.key: "impact_assessments\.equalty" is a dotted key into nothing/);
  });
});

describe('profile v2: values, defaults and merging', () => {
  it('the built-in profile has the meetings defaults of the spec', () => {
    assert.equal(DEFAULT_PROFILE.papers_due_working_days, 7);
    assert.deepEqual(
      DEFAULT_PROFILE.standing_items.map((s) => `${s.at}: ${s.title}`),
      [
        "start: Welcome, introductions and chair's remarks",
        'start: Apologies for absence',
        'start: Declarations of interest',
        'start: Minutes of the previous meeting, matters arising and action log',
        'end: Any other business',
        'end: Date, time and venue of the next meeting',
      ],
    );
    assert.match(
      DEFAULT_PROFILE.part2_resolution,
      /^The Board is asked to resolve that representatives of the press and other members of the public be excluded .* prejudicial to the public interest\.$/,
    );
    assert.equal(DEFAULT_PROFILE.cover_sheet, null);
    assert.deepEqual(DEFAULT_PROFILE.sections, {});
    assert.equal(DEFAULT_PROFILE.health_inequalities.cover_field, undefined);
  });

  it('the built-in profile exempts the national acronyms and keeps its own', () => {
    for (const a of ['NHS', 'NHSE', 'UK', 'GP', 'HR', 'CQC', 'A&E', 'AI', 'NED', 'BMA', 'MP', 'CBE', 'OBE', 'MBE', 'ICB', 'LSC', 'PCN'])
      assert.ok(a in DEFAULT_PROFILE.acronyms, a);
  });

  it('reads every v2 key, a committee’s own standing items winning for its meetings', () => {
    const p = load(
      [
        'organisation: East of England Ambulance Service NHS Trust',
        'committees:',
        '  - name: Trust Board',
        '  - name: Audit Committee',
        '    standing_items:',
        '      - title: Apologies',
        '        at: start',
        'standing_items:',
        '  - title: Welcome',
        '    at: start',
        '  - title: Close',
        '    at: end',
        'papers_due_working_days: 5',
        'part2_resolution: >-',
        '  The Board resolves to meet',
        '  in private.',
        'cover_sheet:',
        '  - key: date',
        '  - key: title',
        '  - key: presented_by',
        '    label: Lead Director',
        '    aliases: [Report from, Executive lead]',
        '  - key: cqc_domains',
        '    label: CQC domain',
        '    type: list',
        '    values: [Safe, Effective, Caring, Responsive, Well-led]',
        '    required: true',
        '  - key: health_equity',
        '    label: Is health equity data included in the report?',
        '    type: assessment',
        '  - key: impact_assessments.equality',
        '    label: Equality impact assessment',
        'sections:',
        '  recommendations: [Recommendations, Action required by the Board]',
        'health_inequalities:',
        '  cover_field: health_equity',
        'acronyms:',
        '  EEAST: East of England Ambulance Service',
        '',
      ].join('\n'),
    );
    assert.equal(p.papers_due_working_days, 5);
    assert.equal(p.part2_resolution, 'The Board resolves to meet in private.');
    assert.deepEqual(standingItemsFor(p, 'Trust Board'), [
      { title: 'Welcome', at: 'start' },
      { title: 'Close', at: 'end' },
    ]);
    assert.deepEqual(standingItemsFor(p, 'Audit Committee'), [{ title: 'Apologies', at: 'start' }]);
    assert.equal(p.health_inequalities.cover_field, 'health_equity');
    assert.equal(p.health_inequalities.from, '2024-04-01', 'from inherited');
    assert.deepEqual(p.sections, { recommendations: ['Recommendations', 'Action required by the Board'] });
    assert.equal(p.acronyms.EEAST, 'East of England Ambulance Service');
    assert.equal(p.acronyms.UK, 'United Kingdom', 'national acronyms inherited');
    assert.equal(p.cover_sheet?.length, 6);
  });

  it('cover_sheet replaces the inherited list whole; sections merge entry by entry; cover_field inherits', () => {
    const dir = tempDir('bp-profile-');
    write(
      dir,
      'base.yaml',
      'cover_sheet:\n  - key: title\n  - key: health_equity\n    type: assessment\nsections:\n  executive_summary: [Executive comment]\nhealth_inequalities:\n  cover_field: health_equity\n',
    );
    const child = write(
      dir,
      'child/.boardpaper.yaml',
      'extends: ../base.yaml\ncover_sheet:\n  - key: date\n  - key: health_equity\n    label: Health equity\n    type: assessment\nsections:\n  recommendations: [Action required by the Board]\n',
    );
    const p = loadProfileFile(child).profile;
    assert.deepEqual(
      p.cover_sheet?.map((e) => e.key),
      ['date', 'health_equity'],
    );
    assert.deepEqual(p.sections, { executive_summary: ['Executive comment'], recommendations: ['Action required by the Board'] });
    assert.equal(p.health_inequalities.cover_field, 'health_equity');
  });

  it('a child that drops the cover_field of its parent from its template is told so', () => {
    const dir = tempDir('bp-profile-');
    write(dir, 'base.yaml', 'cover_sheet:\n  - key: title\n  - key: health_equity\n    type: assessment\nhealth_inequalities:\n  cover_field: health_equity\n');
    const child = write(dir, 'child/.boardpaper.yaml', 'extends: ../base.yaml\ncover_sheet:\n  - key: date\n');
    assert.throws(
      () => loadProfileFile(child),
      (e: unknown) =>
        e instanceof ProfileError &&
        e.problems.some((p) => p.key === 'health_inequalities.cover_field' && /not a field of the cover sheet template/.test(p.message)),
    );
  });

  it('the JSON schema describes every key a profile may set', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, 'schemas', 'boardpaper-profile.schema.json'), 'utf8'));
    assert.deepEqual(Object.keys(schema.properties).sort(), [...PROFILE_KEYS].sort());
    const entry = schema.properties.cover_sheet.items.oneOf[1].properties;
    assert.deepEqual(entry.type.enum, [...FIELD_TYPES]);
    assert.ok(FIELD_TYPES.includes('dates'));
    assert.equal(entry.required_if.maxProperties, 1);
    assert.ok(schema.properties.health_inequalities.properties.cover_field);
    assert.ok(schema.properties.committees.items.oneOf[1].properties.standing_items);
  });
});

describe('the effective template (coverSheetFields, fieldLabel)', () => {
  it('asks a follow-up question with required_if only after its answer (requiredOn, answerIn)', () => {
    const p = load(
      [
        'cover_sheet:',
        '  - key: title',
        '  - key: financial_implications',
        '    type: yes-no-na',
        '  - key: funding_agreed',
        '    label: If yes, has the funding been agreed?',
        '    type: yes-no-na',
        '    required_if: { financial_implications: yes }',
        '  - key: legal',
        '    type: choice',
        '    values: [Yes, No, Unsure]',
        '  - key: legal_advice',
        '    required_if: { legal: [Yes, Unsure] }',
        '',
      ].join('\n'),
    );
    const f = (key: string) => templateField(p, key)!;
    assert.equal(f('funding_agreed').required, true);
    assert.deepEqual(f('funding_agreed').requiredIf, { key: 'financial_implications', answers: ['yes'] });
    assert.deepEqual(f('legal_advice').requiredIf, { key: 'legal', answers: ['yes', 'unsure'] });
    // Without a paper (completion, hover) it is a field the template asks for.
    assert.equal(requiredOn(f('funding_agreed'), undefined), true);
    const cover = (yaml: string) => parsePaper(`---\n${yaml}\n---\n`).cover;
    const asked = (key: string, yaml: string) => requiredOn(f(key), undefined, answerIn(cover(yaml)));
    assert.equal(asked('funding_agreed', 'financial_implications: "YES"'), true);
    assert.equal(asked('funding_agreed', 'financial_implications: Yes, see section 4'), true);
    assert.equal(asked('funding_agreed', 'financial_implications: true'), true);
    assert.equal(asked('funding_agreed', 'financial_implications: {status: yes, comment: £2m}'), true);
    assert.equal(asked('funding_agreed', 'financial_implications: "NO"'), false);
    assert.equal(asked('funding_agreed', 'financial_implications: Not applicable'), false);
    assert.equal(asked('funding_agreed', 'financial_implications: ""'), false, 'unanswered: the question is reported, not its follow-up');
    assert.equal(asked('funding_agreed', 'title: A paper'), false);
    assert.equal(asked('legal_advice', 'legal: Unsure'), true);
    assert.equal(asked('legal_advice', 'legal: No'), false);
    assert.equal(asked('legal_advice', 'legal: Nobody knows'), false, '"No" is a whole word');
    // The profile's answers are read as the paper's are: "NA" in the profile is the paper's "Not applicable".
    const na = load('cover_sheet:\n  - key: q\n    type: yes-no-na\n  - key: why_not\n    required_if: { q: NA }\n');
    const naAsked = (yaml: string) => requiredOn(templateField(na, 'why_not')!, undefined, answerIn(cover(yaml)));
    assert.equal(naAsked('q: Not applicable'), true);
    assert.equal(naAsked('q: {status: n/a, comment: none}'), true);
    assert.equal(naAsked('q: "yes"'), false);
  });

  it('asks for a field with required_from only on papers for meetings from that date (requiredOn)', () => {
    const p = load(
      [
        'cover_sheet:',
        '  - key: title',
        '  - key: assurance',
        '    required_from: 2025-04-01',
        '  - key: cqc_domains',
        '    type: list',
        '    values: [Safe, Well-led]',
        '    required_from: 2025-04-01',
        '  - key: impact_assessments',
        '    required_from: 2025-04-01',
        '  - key: author',
        '',
      ].join('\n'),
    );
    const f = (key: string) => templateField(p, key)!;
    // assurance is optional in the format, and an own field optional by default: required_from makes them required.
    for (const key of ['assurance', 'cqc_domains', 'impact_assessments.quality', 'impact_assessments.data_privacy']) {
      assert.equal(f(key).required, true, key);
      assert.equal(f(key).requiredFrom, '2025-04-01', key);
      assert.equal(requiredOn(f(key), '2025-03-31'), false, `${key} before`);
      assert.equal(requiredOn(f(key), '2025-04-01'), true, `${key} on the day`);
      assert.equal(requiredOn(f(key), '2026-01-01'), true, `${key} after`);
      assert.equal(requiredOn(f(key), undefined), true, `${key}: no readable date, the template as it is now`);
    }
    assert.equal(f('author').requiredFrom, undefined);
    assert.equal(requiredOn(f('author'), '2020-01-01'), true);
    const findings = (date: string) =>
      analyze(`---\ntitle: A paper\nmeeting: Integrated Care Board\ndate: ${date}\nauthor: A. Writer\n---\n\n## Executive summary\n\nText.\n`, p)
        .findings.filter((d) => d.rule === 'required-field')
        .map((d) => d.message);
    assert.deepEqual(findings('2025-03-31'), []);
    const after = findings('2025-04-01');
    assert.equal(after.length, 3);
    for (const m of after) assert.match(m, /cover sheet requires for meetings from 1 April 2025:/);
  });

  it('takes an answer as the template’s value in any case, with hyphens, dashes and spaces alike (sameValue)', () => {
    for (const w of ['Well-led', 'Well Led', 'well led', 'WELL-LED', 'Well – led', 'Well\u2011led', ' well_led ', 'Well  -  led'])
      assert.ok(sameValue('Well-led', w), w);
    for (const w of ['Wellled', 'Well-led.', 'Well-led 2', 'Well']) assert.ok(!sameValue('Well-led', w), w);
    assert.ok(!sameValue('A', 'A+'), 'other marks count');
    assert.ok(!sameValue('Grade A', 'Grade A+'));
  });

  it('the built-in template: the seed cover sheet’s labels in its order, then the unlisted FORMAT.md keys as optional', () => {
    const f = coverSheetFields(DEFAULT_PROFILE);
    assert.deepEqual(
      f.filter((x) => x.listed).map((x) => x.key),
      [
        'meeting',
        'date',
        'title',
        'presented_by',
        'author',
        'agenda_item',
        'confidential',
        'purpose',
        'assurance',
        'strategic_objectives',
        'risks',
        'risks.on_register',
        'financial_implications',
        'committee_history',
        'conflicts_of_interest',
        'impact_assessments.quality',
        'impact_assessments.equality',
        'impact_assessments.data_privacy',
        'authorised_by',
      ],
    );
    assert.deepEqual(
      f.filter((x) => !x.listed).map((x) => [x.key, x.required]),
      [['confidential_reason', false]],
    );
    assert.equal(fieldLabel(DEFAULT_PROFILE, 'date'), 'Date of meeting');
    assert.equal(fieldLabel(DEFAULT_PROFILE, 'title'), 'Title of paper');
    assert.equal(fieldLabel(DEFAULT_PROFILE, 'presented_by'), 'Presented by');
    assert.equal(fieldLabel(DEFAULT_PROFILE, 'authorised_by'), 'Report authorised by');
    assert.equal(fieldLabel(DEFAULT_PROFILE, 'impact_assessments'), 'Impact assessments');
    assert.equal(fieldLabel(DEFAULT_PROFILE, 'not_a_field'), 'not_a_field');
    const so = f.find((x) => x.key === 'strategic_objectives')!;
    assert.deepEqual(so.values, ['SO1', 'SO2', 'SO3', 'SO4', 'SO5', 'SO6']);
    assert.ok(f.find((x) => x.key === 'purpose')!.values!.includes('assure'));
    assert.equal(f.find((x) => x.key === 'authorised_by')!.required, true);
    assert.equal(f.find((x) => x.key === 'assurance')!.required, false);
  });

  it('an organisation’s template: its fields, labels and order; own fields typed; the rest optional after', () => {
    const p = load(
      'cover_sheet:\n  - key: date\n  - key: title\n  - key: presented_by\n    label: Lead Director\n    aliases: [Report from]\n  - key: assurance\n    required: true\n  - key: cqc_domains\n    label: CQC domain\n    type: list\n    values: [Safe, Effective]\n    required: true\n  - key: health_equity\n    label: Is health equity data included in the report?\n    type: assessment\n  - key: impact_assessments.equality\n    label: Equality impact assessment\n',
    );
    const f = coverSheetFields(p);
    assert.deepEqual(
      f.filter((x) => x.listed).map((x) => `${x.key}|${x.label}|${x.required}|${x.type}`),
      [
        'date|Date of meeting|true|date',
        'title|Title of paper|true|text',
        'presented_by|Lead Director|true|text',
        'assurance|Level of assurance|true|choice',
        'cqc_domains|CQC domain|true|list',
        'health_equity|Is health equity data included in the report?|false|assessment',
        'impact_assessments.equality|Equality impact assessment|true|assessment',
      ],
    );
    const unlisted = f.filter((x) => !x.listed);
    assert.ok(unlisted.every((x) => !x.required && x.builtin));
    assert.deepEqual(
      unlisted.map((x) => x.key),
      [
        'meeting',
        'author',
        'agenda_item',
        'confidential',
        'purpose',
        'strategic_objectives',
        'risks',
        'risks.on_register',
        'financial_implications',
        'committee_history',
        'conflicts_of_interest',
        'impact_assessments.quality',
        'impact_assessments.data_privacy',
        'authorised_by',
        'confidential_reason',
      ],
    );
    const lead = f.find((x) => x.key === 'presented_by')!;
    assert.deepEqual(lead.aliases.slice(0, 2), ['Report from', 'Presented by'], 'the template’s aliases, then the built-in label');
    assert.deepEqual(f.find((x) => x.key === 'cqc_domains')!.values, ['Safe', 'Effective']);
    assert.equal(fieldLabel(p, 'cqc_domains'), 'CQC domain');
  });

  it('messages name a field by its label and its key; a FORMAT.md field whose label is its key in words by its key alone', () => {
    const p = load(
      'cover_sheet:\n  - key: title\n  - key: presented_by\n    label: Lead Director\n  - key: author\n  - key: equality_impact_assessment\n    label: Equality Impact Assessment\n    type: text\n    required: true\n  - key: sponsor\n',
    );
    assert.equal(fieldRef(p, 'presented_by'), '"Lead Director" (presented_by)');
    assert.equal(fieldRef(p, 'author'), '"author"', 'the built-in label "Author" is the key in words');
    assert.equal(fieldRef(p, 'equality_impact_assessment'), '"Equality Impact Assessment" (equality_impact_assessment)', 'the template prints the label');
    assert.equal(fieldRef(p, 'sponsor'), '"Sponsor" (sponsor)', 'an own field with no label: its key in words, as the template would print it');
    const missing = analyze(PAPER.replace('\n---\n', '\npresented_by: A\nauthor: B\nsponsor: C\n---\n'), p).findings.find((f) => f.rule === 'required-field');
    assert.match(missing!.message, /has no "Equality Impact Assessment" \(equality_impact_assessment\)/);
  });

  it('a FORMAT.md assessment asked as a bare yes / no / N/A, and a history with no outcome column', () => {
    const p = load(
      'cover_sheet:\n  - key: title\n  - key: financial_implications\n    type: yes-no-na\n  - key: impact_assessments.quality\n    type: assessment\n  - key: committee_history\n    outcome: false\n',
    );
    assert.equal(templateField(p, 'financial_implications')!.type, 'yes-no-na');
    assert.equal(templateField(p, 'impact_assessments.quality')!.type, 'assessment');
    assert.equal(templateField(p, 'impact_assessments.equality')!.type, 'assessment', 'unlisted: the built-in type');
    assert.equal(templateField(p, 'committee_history')!.outcome, false);
    assert.doesNotMatch(templateField(p, 'committee_history')!.meaning, /outcome/);
    assert.equal(templateField(load('organisation: X\n'), 'committee_history')!.outcome, undefined, 'the built-in template records the outcome');
    // field-type's message on a history that is not a list asks for no outcome there (NLG, 2016: "2014/15").
    const shape = (profile: typeof p) =>
      analyze(
        '---\ntitle: T\nmeeting: Trust Board\ndate: 2016-04-27\ncommittee_history: "2014/15"\n---\n\n## Executive summary\n\nText.\n',
        profile,
      ).findings.find((f) => f.rule === 'field-type')!.message;
    assert.doesNotMatch(shape(p), /outcome/);
    assert.match(shape(DEFAULT_PROFILE), /with "date" and "outcome"/);
  });

  it('strategic_objectives: {} — an organisation whose template asks for none: never required, no objectives line in a new paper', () => {
    const p = load('organisation: Oxford Health NHS Foundation Trust\nstrategic_objectives: {}\n');
    assert.deepEqual(p.strategic_objectives, {});
    assert.equal(templateField(p, 'strategic_objectives')!.required, false);
    assert.equal(templateField(load('organisation: X\n'), 'strategic_objectives')!.required, true, 'the built-in template requires them');
    const text = newPaperText({ title: 'T', meeting: 'Trust Board', date: '2024-05-08', purpose: 'note', objectives: [] }, p);
    assert.doesNotMatch(text, /strategic_objectives/);
    const aboutObjectives = analyze(text, p).findings.filter((f) => /strategic/i.test(f.message));
    assert.deepEqual(aboutObjectives, [], 'no finding about objectives');
    assert.throws(() => load('strategic_objectives: [SO1]\n'), /must map each code to its wording/);
  });

  it('objectives the template numbers: the numbers are the codes, in the profile and in a paper', () => {
    const p = load('strategic_objectives:\n  1: Quality of care\n  2: Equal outcomes\n  3: Value for money\nequality_objectives: [2]\n');
    assert.deepEqual(Object.keys(p.strategic_objectives), ['1', '2', '3']);
    assert.deepEqual(p.equality_objectives, ['2'], 'a number in YAML is a code');
    const rules = (so: string) => analyze(PAPER.replace('\n---\n', `\nstrategic_objectives: ${so}\n---\n`), p).findings.map((f) => f.rule);
    assert.ok(!rules('[1, 3]').some((r) => /objective/.test(r)), rules('[1, 3]').join());
    assert.ok(rules('[1, 7]').includes('unknown-strategic-objective'));
    assert.ok(rules('["3: Quality of care"]').includes('strategic-objective-text'));
  });

  it('several purposes where the template allows them (type: list on purpose): each checked, any one may be the ask, any decision needs its assessments', () => {
    const p = load('cover_sheet:\n  - key: title\n  - key: purpose\n    label: For\n    type: list\n  - key: impact_assessments\n');
    const clean = fs.readFileSync(path.join(repoRoot, 'test/fixtures/rules/clean-example.md'), 'utf8');
    const base = clean.replace(/^purpose: .*$/m, 'purpose: [assure, approve]').replace(/^date: .*$/m, 'date: 2024-03-13');
    const rules = (text: string) => analyze(text, p).findings.map((f) => f.rule);
    assert.ok(!rules(base).includes('field-type'), rules(base).join());
    // The built-in template still takes one purpose.
    assert.ok(
      analyze(base, DEFAULT_PROFILE).findings.some(
        (f) =>
          f.rule === 'field-type' &&
          /"purpose" takes one purpose on the cover sheet, but it is a list \(assure, approve\).*type: list on purpose/.test(f.message),
      ),
    );
    // An equality impact assessment not done, and one of the purposes is a decision.
    const undone = base.replace(/(equality:\n\s+status: )\S+/, '$1no');
    assert.notEqual(undone, base, 'the paper has an equality assessment to mark undone');
    assert.ok(rules(undone).includes('decision-without-assessment'), rules(undone).join());
    assert.ok(!rules(undone.replace('[assure, approve]', '[assure, note]')).includes('decision-without-assessment'));
  });

  it('the whole impact_assessments group listed expands to its three assessments under its label', () => {
    const p = load('cover_sheet:\n  - key: title\n  - key: impact_assessments\n    label: Impact assessments (QIA, EIA, DPIA)\n');
    const f = coverSheetFields(p).filter((x) => x.listed);
    assert.deepEqual(
      f.map((x) => x.key),
      ['title', 'impact_assessments.quality', 'impact_assessments.equality', 'impact_assessments.data_privacy'],
    );
    assert.equal(fieldLabel(p, 'impact_assessments'), 'Impact assessments (QIA, EIA, DPIA)');
  });
});

describe('assessment-justification on an organisation template says how a bare Yes / No / N/A is declared', () => {
  const paper = (equality: string) =>
    `---\ntitle: A paper\nmeeting: Trust Board\ndate: 2016-07-26\nimpact_assessments:\n  equality:\n    status: ${equality}\n---\n\n## Executive summary\n\nText.\n`;
  const findings = (profileText: string | null, equality = 'N/A') =>
    analyze(paper(equality), profileText === null ? DEFAULT_PROFILE : load(profileText)).findings.filter((f) => f.rule === 'assessment-justification');
  const TEMPLATE =
    'organisation: A Trust\ncover_sheet:\n  - key: title\n  - key: date\n  - key: impact_assessments.equality\n    label: Has an Equality Impact Assessment been completed?\n';

  it('names the type the profile can give, on a template that renames the question', () => {
    const [f, ...rest] = findings(TEMPLATE);
    assert.equal(rest.length, 0);
    assert.match(f!.message, /^The "Has an Equality Impact Assessment been completed\?" answer says "n\/a" but gives no comment\./);
    assert.match(
      f!.message,
      /If A Trust's cover sheet asks this as a bare Yes \/ No \/ N\/A with no box for a reason, the profile can give the field type: yes-no-na\.$/,
    );
  });

  it('is silent once the profile gives the field type: yes-no-na', () => {
    assert.deepEqual(findings(`${TEMPLATE}    type: yes-no-na\n`), []);
  });

  it('keeps the built-in message unchanged for the built-in template', () => {
    const [f] = findings(null);
    assert.match(f!.message, /add a comment\.$/);
    assert.doesNotMatch(f!.message, /yes-no-na/);
  });
});
