/**
 * `boardpaper init` (INTERFACES.md v2): a commented `.boardpaper.yaml` that
 * loads as written, from options (no questions when stdin is not a
 * terminal); never overwrites. `profileYaml` takes what a Word paper would
 * give (objectives, committees, cover-sheet labels).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { profileYaml, objectivesFromText } from '../../server/src/core/profile-yaml';
import { DEFAULT_PROFILE } from '../../server/src/core/profile';
import { coverSheetFields } from '../../server/src/core/template-fields';
import { loadProfileFile } from '../../server/src/node/profile-loader';
import { runCli, tempDir } from '../helpers/run-cli';

describe('boardpaper init', () => {
  it('writes a commented profile from the options that loads with them, asking nothing', () => {
    const dir = tempDir('bp-init-');
    const obj = path.join(dir, 'objectives.txt');
    fs.writeFileSync(obj, '# our missions\nSM1: Be an exceptional place to work\nSM2 - Provide outstanding quality of care\n');
    const r = runCli(['init', dir, '--organisation', 'East of England Ambulance Service NHS Trust', '--objectives-file', obj]);
    assert.equal(r.status, 0, r.stderr);
    const file = path.join(dir, '.boardpaper.yaml');
    assert.match(r.stdout, /Wrote .*\.boardpaper\.yaml/);
    const text = fs.readFileSync(file, 'utf8');
    const p = loadProfileFile(file).profile;
    assert.equal(p.organisation, 'East of England Ambulance Service NHS Trust');
    assert.deepEqual(p.strategic_objectives, { SM1: 'Be an exceptional place to work', SM2: 'Provide outstanding quality of care' });
    assert.equal(p.papers_due_working_days, 7);
    assert.deepEqual(p.standing_items, DEFAULT_PROFILE.standing_items);
    assert.equal(p.part2_resolution, DEFAULT_PROFILE.part2_resolution);
    assert.equal(p.cover_sheet, null, 'the template is a commented example until filled in');
    // Every key a profile may set is explained (set or as a commented example).
    for (const key of [
      'organisation',
      'papers',
      'strategic_objectives',
      'equality_objectives',
      'committees',
      'cover_sheet',
      'required_sections',
      'sections',
      'executive_summary_words',
      'health_inequalities',
      'cover_field',
      'risk_register',
      'acronyms',
      'acronyms_must_be_defined',
      'standing_items',
      'papers_due_working_days',
      'part2_resolution',
      'rules',
    ])
      assert.match(text, new RegExp(`^\\s*#?\\s*${key}:`, 'm'), key);
    assert.ok(text.split('\n').filter((l) => l.startsWith('# ')).length > 30, 'explained in comments');
  });

  it('never overwrites: exit 2 naming the file, which is unchanged', () => {
    const dir = tempDir('bp-init-');
    const file = path.join(dir, '.boardpaper.yaml');
    fs.writeFileSync(file, 'organisation: Ours\n');
    const r = runCli(['init', dir, '--organisation', 'Theirs']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /\.boardpaper\.yaml already exists; boardpaper init never overwrites it/);
    assert.equal(fs.readFileSync(file, 'utf8'), 'organisation: Ours\n');
  });

  it('an objectives file it cannot read as objectives: exit 2 with the line, nothing written', () => {
    const dir = tempDir('bp-init-');
    const obj = path.join(dir, 'objectives.txt');
    fs.writeFileSync(obj, 'Our objectives are below\n1. Quality\n');
    const r = runCli(['init', dir, '--objectives-file', obj]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /cannot read "Our objectives are below" as an objective/);
    assert.ok(!fs.existsSync(path.join(dir, '.boardpaper.yaml')));
  });

  it('with no organisation and no terminal, uses a placeholder name rather than waiting', () => {
    const dir = tempDir('bp-init-');
    const r = runCli(['init', dir]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(loadProfileFile(path.join(dir, '.boardpaper.yaml')).profile.organisation, 'My NHS organisation');
  });

  it('profileYaml takes what a Word paper gives: committees and cover-sheet labels, and the result loads', () => {
    const dir = tempDir('bp-init-');
    const file = path.join(dir, '.boardpaper.yaml');
    fs.writeFileSync(
      file,
      profileYaml({
        organisation: 'Northern Lincolnshire and Goole NHS Foundation Trust',
        objectives: objectivesFromText('1. Our people\n2. Quality and safety').objectives,
        committees: [{ name: 'Trust Board', aliases: ['Board'] }, { name: 'Finance Committee' }, { name: 'Executive Team', formal: false }],
        coverSheet: [
          { key: 'date', label: 'Meeting date' },
          { key: 'title', label: 'Report title' },
          { key: 'presented_by', label: 'Director lead', aliases: ['Presented by'] },
          { key: 'cqc_domains', label: 'CQC domain', type: 'list', values: ['Safe', 'Well-led'] },
        ],
        sections: { executive_summary: ['Executive comment'], recommendations: ['Action required by the Board'] },
      }),
    );
    const p = loadProfileFile(file).profile;
    assert.deepEqual(Object.keys(p.strategic_objectives), ['SO1', 'SO2']);
    assert.deepEqual(
      p.committees.map((c) => `${c.name}|${c.aliases.join('/')}|${c.formal}`),
      ['Trust Board|Board|true', 'Finance Committee||true', 'Executive Team||false'],
    );
    assert.deepEqual(
      coverSheetFields(p)
        .filter((f) => f.listed)
        .map((f) => `${f.key}: ${f.label}`),
      ['date: Meeting date', 'title: Report title', 'presented_by: Director lead', 'cqc_domains: CQC domain'],
    );
    assert.deepEqual(p.sections.recommendations, ['Action required by the Board']);
  });

  it('--from FILE.docx: the objectives, committees and cover-sheet labels of a real Word paper, in a profile that loads', () => {
    for (const [docx, objective, label] of [
      ['lsc-seed-002.docx', 'SO1', 'Date of meeting'],
      ['greenwich-ccg.docx', 'SO1', undefined],
    ] as const) {
      const dir = tempDir();
      const r = runCli(['init', dir, '--from', path.join(__dirname, '..', 'word', 'fixtures', docx)]);
      assert.equal(r.status, 0, `${docx}: ${r.stderr}`);
      const loaded = loadProfileFile(path.join(dir, '.boardpaper.yaml'));
      assert.ok(loaded.profile.strategic_objectives[objective], `${docx}: ${JSON.stringify(loaded.profile.strategic_objectives)}`);
      assert.ok(loaded.profile.committees.length >= 1, `${docx}: committees`);
      if (label)
        assert.ok(
          coverSheetFields(loaded.profile).some((f) => f.label === label),
          `${docx}: the label "${label}"`,
        );
    }
  });
});
