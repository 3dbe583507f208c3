/**
 * The agenda through the real CLI (`node dist/cli.js`): `check` on a folder
 * holding agenda.yaml, `status`, `agenda`.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { copyToTemp, runCli, tempDir } from '../helpers/run-cli';

const rules = path.join(__dirname, '..', 'fixtures', 'rules');

describe('boardpaper check on a folder with agenda.yaml', function () {
  this.timeout(60000);

  it('reports the agenda findings on the agenda file, its lines and columns, in JSON and SARIF', () => {
    const dir = copyToTemp(path.join(rules, 'agenda-paper-mismatch'));
    const r = runCli(['check', '--format', 'json', 'agenda-paper-mismatch'], dir);
    assert.equal(r.status, 1, r.stderr);
    const files = JSON.parse(r.stdout) as {
      file: string;
      diagnostics: { rule: string; severity: string; line: number; column: number; endColumn: number }[];
    }[];
    const agenda = files.find((f) => f.file === 'agenda-paper-mismatch/agenda.yaml');
    assert.ok(agenda, files.map((f) => f.file).join(', '));
    const text = fs.readFileSync(path.join(dir, 'agenda-paper-mismatch', 'agenda.yaml'), 'utf8').split('\n');
    assert.deepEqual(
      agenda.diagnostics.map((d) => `${d.line} ${d.rule} ${d.severity} ${text[d.line - 1]!.slice(d.column - 1, d.endColumn - 1)}`),
      [
        '6 agenda-paper-mismatch warning Recovery and transformation update',
        '7 agenda-paper-mismatch warning Chief Finance Officer',
        '8 agenda-paper-mismatch warning approve',
        '16 agenda-paper-mismatch error true',
        '19 agenda-paper-mismatch error false',
      ],
    );
    const sarif = JSON.parse(runCli(['check', '--format', 'sarif', 'agenda-paper-mismatch'], dir).stdout);
    const results = sarif.runs[0].results as { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
    assert.equal(results.filter((x) => x.locations[0]!.physicalLocation.artifactLocation.uri === 'agenda-paper-mismatch/agenda.yaml').length, 5);
  });

  it('names the agenda file in the stylish report and exits 0 when the agenda is only warned about', () => {
    const dir = copyToTemp(path.join(rules, 'paper-not-on-agenda'));
    const r = runCli(['check', 'paper-not-on-agenda'], dir);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /paper-not-on-agenda\/agenda\.yaml\n\s+4:1\s+warning\s+"12-finance\.md" is a paper for this meeting/);
  });

  it('follows the profile: a rule turned off is not reported', () => {
    const dir = copyToTemp(path.join(rules, 'agenda-paper-mismatch'));
    fs.writeFileSync(path.join(dir, 'agenda-paper-mismatch', '.boardpaper.yaml'), 'rules:\n  agenda-paper-mismatch: off\n');
    const r = runCli(['check', '--format', 'json', 'agenda-paper-mismatch'], dir);
    assert.equal(r.status, 0, r.stdout);
    assert.ok(!r.stdout.includes('agenda-paper-mismatch"'), r.stdout);
  });

  it("does not check an agenda's documents as papers, even under papers/ (the minutes have no cover sheet)", () => {
    const dir = tempDir();
    const meeting = path.join(dir, 'papers', '2024-03-13');
    fs.mkdirSync(path.join(meeting, 'minutes'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'package.json'), '{}\n'); // the project's top folder: the papers globs start here
    fs.copyFileSync(path.join(rules, 'clean-example.md'), path.join(meeting, '10-recovery.md'));
    fs.writeFileSync(path.join(meeting, 'minutes', '2024-01-10.md'), '# Minutes of the meeting held on 10 January 2024\n\nPresent: the Board.\n');
    fs.writeFileSync(path.join(meeting, 'notes.md'), '# Notes\n\nNot on the agenda.\n');
    fs.writeFileSync(
      path.join(meeting, 'agenda.yaml'),
      'meeting: Integrated Care Board\ndate: 2024-03-13\nitems:\n  - item: "4"\n    title: Minutes\n    kind: document\n    file: minutes/2024-01-10.md\n  - item: "10"\n    title: Recovery and Transformation Programmes\n',
    );
    const r = runCli(['check', '--format', 'json', 'papers'], dir);
    const files = (JSON.parse(r.stdout) as { file: string; diagnostics: { rule: string }[] }[]).map((f) => [f.file, f.diagnostics.map((d) => d.rule)]);
    assert.deepEqual(files, [
      ['papers/2024-03-13/10-recovery.md', []],
      ['papers/2024-03-13/notes.md', ['frontmatter-missing', 'missing-section', 'missing-section']],
      ['papers/2024-03-13/agenda.yaml', []],
    ]);
    const st = JSON.parse(runCli(['status', 'papers/2024-03-13', '--format', 'json', '--today', '2024-03-01'], dir).stdout);
    assert.deepEqual(
      st.items.map((i: { item: string; state: string }) => [i.item, i.state]),
      [
        ['4', 'document'],
        ['10', 'received'],
      ],
    );
  });

  it('checks an agenda that does not parse without failing the run', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'agenda.yaml'), 'meeting: [Integrated Care Board\nitems:\n');
    const r = runCli(['check', '--format', 'json', '.'], dir);
    assert.equal(r.status, 1, r.stderr);
    const files = JSON.parse(r.stdout) as { file: string; diagnostics: { rule: string }[] }[];
    assert.deepEqual(
      files.map((f) => [f.file, f.diagnostics.map((d) => d.rule)]),
      [['agenda.yaml', ['agenda-syntax']]],
    );
  });
});

const meetingFixture = path.join(__dirname, '..', 'fixtures', 'meeting');
const PART2 = ['04.2-part-2.md', '09-part-2.md', '10-part-2.md'];
/** Every phrase of the meeting fixture's Part 2 papers that must stay in them, their titles included. */
function secrets(): string[] {
  const phrases = JSON.parse(fs.readFileSync(path.join(meetingFixture, 'CONFIDENTIAL_PHRASES.json'), 'utf8')) as Record<string, string[]>;
  const titles = PART2.map((f) => /^title: "?(.*?)"?$/m.exec(fs.readFileSync(path.join(meetingFixture, f), 'utf8'))![1]!);
  return [...Object.values(phrases).flat(), ...titles];
}

describe('boardpaper status', function () {
  this.timeout(60000);

  it('gives each agenda item its state, overdue in working days, and exits 1 while a paper is missing', () => {
    const dir = copyToTemp(path.join(rules, 'agenda-paper-missing'));
    const r = runCli(['status', 'agenda-paper-missing/overdue', '--format', 'json', '--today', '2024-03-06'], dir);
    assert.equal(r.status, 1, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.equal(j.meeting, 'Integrated Care Board');
    assert.equal(j.date, '2024-03-13');
    assert.equal(j.papers_due, '2024-03-01');
    assert.deepEqual(
      j.items.map((i: Record<string, unknown>) => [i.item, i.kind, i.state, i.file ?? null, i.overdue_days ?? null]),
      [
        ['10', 'paper', 'received', 'agenda-paper-missing/overdue/10-recovery.md', null],
        ['11', 'paper', 'overdue', null, 3],
        ['13', 'document', 'document', 'agenda-paper-missing/overdue/minutes/quality-committee.md', null],
        ['14', 'paper', 'overdue', 'agenda-paper-missing/overdue/bap.md', 3],
      ],
    );
    assert.deepEqual([j.items[0].errors, j.items[0].warnings], [0, 0]);
    const before = JSON.parse(runCli(['status', 'agenda-paper-missing/overdue', '--format', 'json', '--today', '2024-02-29'], dir).stdout);
    assert.equal(before.items[1].state, 'missing', 'before papers_due');
  });

  it('prints a table, and exits 0 when every paper item is received with no error (warnings allowed)', () => {
    const dir = tempDir();
    fs.cpSync(path.join(rules, 'paper-not-on-agenda'), dir, { recursive: true });
    const r = runCli(['status', '--today', '2024-03-01'], dir);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^Integrated Care Board — 2024-03-13\n/);
    assert.match(r.stdout, /\n10 +Recovery and Transformation Programmes +paper +10-recovery\.md +received\n/);
    assert.match(r.stdout, /\n15 +Patient story +presentation +verbal\n/);
    assert.match(r.stdout, /warning: 12-finance\.md is a paper for this meeting \(item 12\) that the agenda does not list/);
    assert.match(r.stdout, /1 paper item: 1 received.*Ready\./);
  });

  it('without agenda.yaml, works from the papers and the standing items, and names near misses', () => {
    const dir = tempDir();
    fs.cpSync(path.join(rules, 'meeting-name-near-miss'), dir, { recursive: true });
    fs.rmSync(path.join(dir, 'agenda.yaml'));
    const r = runCli(['status', '--meeting', 'ICB Board', '--date', '2024-03-13', '--format', 'json', '--today', '2024-03-01'], dir);
    assert.equal(r.status, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.equal(j.agenda, null);
    const standing = j.items.filter((i: { standing?: boolean }) => i.standing);
    assert.ok(standing.length >= 2 && standing.every((i: { item: string; kind: string }) => i.item === '' && i.kind === 'verbal'));
    assert.deepEqual(
      j.items.filter((i: { kind: string }) => i.kind === 'paper').map((i: { item: string }) => i.item),
      ['10'],
    );
    assert.deepEqual(j.near_misses.map((p: { file: string }) => p.file).sort(), ['11-misspelt.md', '12-longer.md']);
  });

  it("follows the profile's standing_items (a committee's own) and papers_due_working_days", () => {
    const dir = tempDir();
    fs.cpSync(path.join(rules, 'paper-not-on-agenda'), dir, { recursive: true });
    fs.rmSync(path.join(dir, 'agenda.yaml'));
    fs.writeFileSync(
      path.join(dir, '.boardpaper.yaml'),
      'papers_due_working_days: 2\nstanding_items:\n  - title: Opening prayers\n    at: start\ncommittees:\n  - name: Integrated Care Board\n    aliases: [ICB Board]\n    standing_items:\n      - title: Welcome\n        at: start\n      - title: Questions from the public\n        at: end\n',
    );
    const r = runCli(['status', '--meeting', 'ICB Board', '--date', '2024-03-13', '--format', 'json', '--today', '2024-03-12'], dir);
    assert.equal(r.status, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.equal(j.papers_due, '2024-03-11');
    assert.deepEqual(
      j.items.filter((i: { standing?: boolean }) => i.standing).map((i: { title: string }) => i.title),
      ['Welcome', 'Questions from the public'],
    );
  });

  it('exits 2 with one line when it cannot work', () => {
    const dir = tempDir();
    fs.cpSync(path.join(meetingFixture), dir, { recursive: true });
    const cases: [string[], RegExp][] = [
      [['status'], /papers for more than one meeting or date: give --meeting and --date/],
      [['status', 'nowhere'], /cannot read nowhere: no such folder/],
      [['status', '--today', '2024-6-1'], /--today must be a real date/],
      [['status', '--format', 'csv'], /--format must be table or json/],
      [['status', '--meeting', 'Quality Committee', '--date', '2024-06-18'], /no board paper for Quality Committee on 2024-06-18 in \. and no agenda\.yaml/],
    ];
    for (const [args, re] of cases) {
      const r = runCli(args, dir);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stdout}`);
      assert.match(r.stderr, re);
      assert.equal(r.stderr.trim().split('\n').length, 1);
    }
    fs.writeFileSync(path.join(dir, 'agenda.yaml'), 'items: []\n');
    const r = runCli(['status'], dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /agenda\.yaml does not say which meeting and date it is for \(line 1: the agenda has no meeting/);
  });

  it('never shows a Part 2 title, presenter or phrase (table and JSON), with or without agenda.yaml', () => {
    const dir = tempDir();
    fs.cpSync(meetingFixture, dir, { recursive: true });
    const outputs = [
      runCli(['status', '--meeting', 'SRTB', '--date', '2024-06-18', '--today', '2024-06-10'], dir),
      runCli(['status', '--meeting', 'SRTB', '--date', '2024-06-18', '--today', '2024-06-10', '--format', 'json'], dir),
    ];
    const w = runCli(['agenda', '--meeting', 'SRTB', '--date', '2024-06-18'], dir);
    assert.equal(w.status, 0, w.stderr);
    const agendaText = fs.readFileSync(path.join(dir, 'agenda.yaml'), 'utf8');
    assert.match(agendaText, /Lanvale Community Diagnostics/, 'the agenda file itself (not public) lists the Part 2 titles');
    outputs.push(runCli(['status', '--today', '2024-06-10'], dir), runCli(['status', '--today', '2024-06-10', '--format', 'json'], dir));
    for (const r of outputs) {
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /Confidential item/);
      assert.match(r.stdout, /09-part-2\.md/);
      for (const s of secrets()) assert.ok(!r.stdout.includes(s) && !r.stderr.includes(s), `status output contains "${s}"`);
      assert.ok(!r.stdout.includes('Ottoline'), 'no Part 2 author or presenter');
    }
    const j = JSON.parse(outputs[3]!.stdout);
    assert.deepEqual(
      j.items.filter((i: { confidential?: boolean }) => i.confidential).map((i: { item: string; title: string }) => [i.item, i.title]),
      [
        ['4.2', 'Confidential item'],
        ['9', 'Confidential item'],
        ['10', 'Confidential item'],
      ],
    );
  });
});

describe('the agenda checks keep Part 2 confidential', function () {
  this.timeout(90000);

  it('check output (stylish, json, sarif; in one thread and in workers) names Part 2 items and files, never their titles or phrases', () => {
    const dir = tempDir();
    fs.cpSync(meetingFixture, dir, { recursive: true });
    assert.equal(runCli(['agenda', '--meeting', 'SRTB', '--date', '2024-06-18'], dir).status, 0);
    // The agenda disagrees with the Part 2 papers: a planned title, and confidentiality.
    let text = fs.readFileSync(path.join(dir, 'agenda.yaml'), 'utf8');
    text = text
      .replace(/(- item: "9"\n {4}title: )"[^"]*"/, '$1"Lanvale settlement (draft title)"')
      .replace(/(- item: "10"\n(?: {4}.*\n)*?) {4}confidential: true/, '$1    confidential: false');
    fs.writeFileSync(path.join(dir, 'agenda.yaml'), text);
    const old = process.env.BOARDPAPER_WORKERS;
    try {
      for (const workers of ['1', '2']) {
        process.env.BOARDPAPER_WORKERS = workers;
        for (const format of ['stylish', 'json', 'sarif']) {
          const r = runCli(['check', '--format', format, '.'], dir);
          assert.match(r.stdout, /agenda-paper-mismatch/, `${format}, ${workers} worker(s)`);
          assert.match(r.stdout, /10-part-2\.md/);
          for (const s of [...secrets(), 'Lanvale settlement'])
            assert.ok(!r.stdout.includes(s) && !r.stderr.includes(s), `${format} (${workers}) output contains "${s}"`);
        }
        const j = JSON.parse(runCli(['check', '--format', 'json', '.'], dir).stdout) as { file: string; diagnostics: { rule: string; severity: string }[] }[];
        assert.deepEqual(
          j.find((f) => f.file === 'agenda.yaml')!.diagnostics.map((d) => `${d.rule}:${d.severity}`),
          ['agenda-paper-mismatch:warning', 'agenda-paper-mismatch:error'],
        );
      }
    } finally {
      if (old === undefined) delete process.env.BOARDPAPER_WORKERS;
      else process.env.BOARDPAPER_WORKERS = old;
    }
  });
});

describe('boardpaper agenda', function () {
  this.timeout(60000);

  it('writes a starting agenda.yaml that status and check then read cleanly, and never overwrites it', () => {
    const dir = tempDir();
    fs.cpSync(meetingFixture, dir, { recursive: true });
    const r = runCli(['agenda', '--meeting', 'System Recovery and Transformation Board', '--date', '2024-06-18'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^Wrote agenda\.yaml \(15 items: 9 papers, 6 standing items\)\n$/);
    const text = fs.readFileSync(path.join(dir, 'agenda.yaml'), 'utf8');
    assert.match(text, /^meeting: System Recovery & Transformation Board$/m);
    assert.match(text, /^date: 2024-06-18$/m);
    // opening standing items first, numbered; closing ones after the last paper number
    assert.match(text, /- item: "11"\n {4}title: Any other business\n/);
    // Part 1 (closing standing items included), then the resolution and Part 2
    assert.match(text, /- item: "S1"\n {4}title: Welcome/);
    assert.match(
      text,
      /- item: "12"\n {4}title: Date, time and venue of the next meeting\n {4}kind: verbal\n {2}# Part 2, after the resolution:\n(?: {2}#.*\n)+ {2}- item: "4\.2"\n/,
    );
    assert.equal(text.match(/^ {4}confidential: true$/gm)?.length, 3);
    const check = runCli(['check', '--format', 'json', '.'], dir);
    const agenda = (JSON.parse(check.stdout) as { file: string; diagnostics: { rule: string }[] }[]).find((f) => f.file === 'agenda.yaml');
    assert.deepEqual(
      agenda?.diagnostics.map((d) => d.rule),
      [],
      check.stdout,
    );
    const st = JSON.parse(runCli(['status', '--format', 'json', '--today', '2024-06-01'], dir).stdout);
    assert.equal(st.items.length, 15);
    assert.deepEqual(st.not_on_agenda, []);

    const again = runCli(['agenda', '--meeting', 'SRTB', '--date', '2024-06-18'], dir);
    assert.equal(again.status, 2);
    assert.match(again.stderr, /^boardpaper: agenda\.yaml already exists: not overwritten/);
    assert.equal(fs.readFileSync(path.join(dir, 'agenda.yaml'), 'utf8'), text);
  });

  it('exits 2 when there are no papers for the meeting', () => {
    const dir = tempDir();
    fs.cpSync(meetingFixture, dir, { recursive: true });
    const r = runCli(['agenda', '--meeting', 'Audit Committee', '--date', '2024-06-18'], dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /no board paper/);
    assert.ok(!fs.existsSync(path.join(dir, 'agenda.yaml')));
  });
});
