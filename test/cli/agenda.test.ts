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
    const files = JSON.parse(r.stdout) as { file: string; diagnostics: { rule: string; severity: string; line: number; column: number; endColumn: number }[] }[];
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

  it('checks an agenda that does not parse without failing the run', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'agenda.yaml'), 'meeting: [Integrated Care Board\nitems:\n');
    const r = runCli(['check', '--format', 'json', '.'], dir);
    assert.equal(r.status, 1, r.stderr);
    const files = JSON.parse(r.stdout) as { file: string; diagnostics: { rule: string }[] }[];
    assert.deepEqual(files.map((f) => [f.file, f.diagnostics.map((d) => d.rule)]), [['agenda.yaml', ['agenda-syntax']]]);
  });
});
