/**
 * `boardpaper check` run as a user would run it: the built dist/cli.js in a
 * child process, checking exit codes, the JSON and SARIF shapes, --fix on a
 * copy, and the edge cases real authors produce.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli, repoRoot, copyToTemp, tempDir } from '../helpers/run-cli';
import { RULE_IDS, ruleById } from '../../server/src/core/rules';

const fx = path.join(repoRoot, 'test', 'fixtures', 'cli');
const rel = (p: string) => path.relative(repoRoot, p);

interface JsonFile {
  file: string;
  diagnostics: { rule: string; severity: string; message: string; line: number; column: number; endLine: number; endColumn: number; fixable: boolean }[];
}

function json(args: string[], cwd?: string): { status: number | null; files: JsonFile[]; stderr: string } {
  const r = runCli(['check', '--format', 'json', ...args], cwd);
  let files: JsonFile[] = [];
  try {
    files = JSON.parse(r.stdout);
  } catch {
    assert.fail(`stdout is not JSON (exit ${r.status}): ${r.stdout.slice(0, 300)} ${r.stderr}`);
  }
  return { status: r.status, files, stderr: r.stderr };
}

const byName = (files: JsonFile[], name: string) => files.find((f) => path.basename(f.file) === name);

describe('boardpaper check (CLI)', () => {
  it('reports the spec example paper clean (exit 0)', () => {
    const shared = path.join(repoRoot, '..', 'shared', 'spec', 'examples');
    const target = fs.existsSync(shared) ? shared : path.join(repoRoot, 'test', 'fixtures', 'rules', 'clean-example.md');
    const r = json([target]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.files.length, 1);
    assert.deepEqual(
      r.files[0]!.diagnostics.filter((d) => d.severity !== 'info'),
      [],
    );
  });

  it('lists every paper (clean ones with an empty list), never a README, with paths relative as given', () => {
    const r = json([rel(path.join(fx, 'mixed'))]);
    assert.equal(r.status, 1, 'errors in defective.md give exit 1');
    const names = r.files.map((f) => path.basename(f.file)).sort();
    assert.deepEqual(names, ['clean.md', 'defective.md', 'warning-only.md']);
    for (const f of r.files) assert.ok(f.file.startsWith('test/fixtures/cli/mixed/'), f.file);
    assert.deepEqual(byName(r.files, 'clean.md')!.diagnostics, []);
  });

  it('never lists a non-paper even when named on the command line', () => {
    const r = json([rel(path.join(fx, 'mixed', 'README.md'))]);
    assert.equal(r.status, 0);
    assert.deepEqual(r.files, []);
  });

  it('gives the JSON shape of INTERFACES.md with 1-based positions on the exact text', () => {
    const r = json([rel(path.join(fx, 'mixed', 'defective.md'))]);
    const d = r.files[0]!.diagnostics;
    const text = fs.readFileSync(path.join(fx, 'mixed', 'defective.md'), 'utf8').split('\n');
    for (const x of d) {
      assert.deepEqual(Object.keys(x).sort(), ['column', 'endColumn', 'endLine', 'fixable', 'line', 'message', 'rule', 'severity']);
      assert.ok(RULE_IDS.includes(x.rule), x.rule);
      assert.ok(['error', 'warning', 'info'].includes(x.severity));
      assert.ok(x.line >= 1 && x.column >= 1);
    }
    const at = (rule: string) => d.find((x) => x.rule === rule)!;
    const a = at('agenda-item-number');
    assert.equal(text[a.line - 1]!.slice(a.column - 1, a.endColumn - 1), '10.10');
    assert.equal(a.fixable, true);
    const c = at('field-type');
    assert.equal(text[c.line - 1]!.slice(c.column - 1, c.endColumn - 1), '"yes"');
    const u = at('unknown-field');
    assert.equal(text[u.line - 1]!.slice(u.column - 1, u.endColumn - 1), 'presenter');
    assert.match(u.message, /presented_by/);
  });

  it('writes valid SARIF 2.1.0 with one rules entry per rule id and its help URI', () => {
    const r = runCli(['check', '--format', 'sarif', rel(path.join(fx, 'mixed'))]);
    assert.equal(r.status, 1);
    const log = JSON.parse(r.stdout);
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema, /sarif-2\.1\.0/);
    const driver = log.runs[0].tool.driver;
    assert.equal(driver.name, 'boardpaper');
    assert.deepEqual(driver.rules.map((x: { id: string }) => x.id).sort(), [...RULE_IDS].sort());
    for (const rule of driver.rules) assert.equal(rule.helpUri, ruleById(rule.id)!.docs);
    assert.ok(log.runs[0].results.length > 0);
    for (const res of log.runs[0].results) {
      assert.equal(driver.rules[res.ruleIndex].id, res.ruleId);
      assert.ok(['error', 'warning', 'note'].includes(res.level));
      const reg = res.locations[0].physicalLocation.region;
      assert.ok(reg.startLine >= 1 && reg.startColumn >= 1 && reg.endLine >= reg.startLine);
      assert.ok(res.message.text.length > 0);
    }
  });

  it('--quiet reports errors only; --max-warnings turns too many warnings into exit 1', () => {
    const q = json(['--quiet', rel(path.join(fx, 'mixed'))]);
    assert.ok(q.files.flatMap((f) => f.diagnostics).every((d) => d.severity === 'error'));
    const w = rel(path.join(fx, 'mixed', 'warning-only.md'));
    assert.equal(runCli(['check', w]).status, 0, 'warnings alone exit 0');
    assert.equal(runCli(['check', '--max-warnings', '0', w]).status, 1);
    assert.equal(runCli(['check', '--max-warnings', '5', w]).status, 0);
  });

  it('--fix fixes a copy in place, keeps every body word, and leaves clean files byte for byte', () => {
    const dir = copyToTemp(path.join(fx, 'mixed'));
    const folder = path.join(dir, 'mixed');
    const before = fs.readFileSync(path.join(folder, 'defective.md'), 'utf8');
    const cleanBefore = fs.readFileSync(path.join(folder, 'clean.md'));
    const r = json(['--fix', '.'], folder);
    const after = fs.readFileSync(path.join(folder, 'defective.md'), 'utf8');
    assert.notEqual(after, before);
    assert.match(after, /agenda_item: "10\.10"/);
    assert.match(after, /confidential: true/);
    assert.match(after, /presented_by: Maggie Oldham/);
    assert.ok(!r.files.flatMap((f) => f.diagnostics).some((d) => d.fixable), 'nothing fixable is left');
    const body = (t: string) => t.slice(t.indexOf('\n---\n', 4));
    assert.equal(body(after), body(before), 'the body is untouched');
    assert.deepEqual(fs.readFileSync(path.join(folder, 'clean.md')), cleanBefore);
    const again = runCli(['check', '--fix', '.'], folder);
    assert.equal(fs.readFileSync(path.join(folder, 'defective.md'), 'utf8'), after, 'a second --fix changes nothing');
    assert.ok(again.status === 0 || again.status === 1);
  });

  it('exits 2 with a one-line reason when it cannot do its job', () => {
    const cases: [string[], RegExp][] = [
      [['check', '--format', 'xml', '.'], /--format/],
      [['check', 'no/such/folder'], /no\/such\/folder/],
      [['check', '--max-warnings', 'many', '.'], /max-warnings/],
      [['check', '--bogus'], /bogus/],
      [['check', '--profile', 'missing.yaml', '.'], /missing\.yaml/],
      [['check', rel(path.join(fx, 'broken-profile'))], /\.boardpaper\.yaml.*executive_summary_words/],
    ];
    for (const [args, re] of cases) {
      const r = runCli(args);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
      assert.match(r.stderr, re);
      assert.equal(r.stderr.trim().split('\n').length, 1, `one line: ${r.stderr}`);
    }
  });

  describe('edge cases authors produce', () => {
    const edge = (name: string) => json([rel(path.join(fx, 'edge', name))]).files[0];
    it('CRLF line endings and a BOM check clean with positions on the right lines', () => {
      assert.deepEqual(
        edge('crlf.md')!.diagnostics.filter((d) => d.severity !== 'info'),
        [],
      );
      assert.deepEqual(
        edge('bom.md')!.diagnostics.filter((d) => d.severity !== 'info'),
        [],
      );
    });
    it('tabs in the YAML are a frontmatter-syntax error on the tab line, and the body is still checked', () => {
      const f = edge('tabs.md')!;
      const syntax = f.diagnostics.find((d) => d.rule === 'frontmatter-syntax')!;
      assert.ok(syntax, JSON.stringify(f.diagnostics));
      const line = fs.readFileSync(path.join(fx, 'edge', 'tabs.md'), 'utf8').split('\n')[syntax.line - 1]!;
      assert.match(line, /\t/);
    });
    it('empty front-matter is not a board paper unless the folder says so', () => {
      assert.equal(edge('empty-frontmatter.md'), undefined);
    });
    it('front-matter only: the missing sections are reported on the title line', () => {
      const f = edge('frontmatter-only.md')!;
      const missing = f.diagnostics.filter((d) => d.rule === 'missing-section');
      assert.equal(missing.length, 2);
      assert.ok(missing.every((d) => d.line === 2));
    });
    it('numbered and shouted headings still count as the required sections', () => {
      assert.deepEqual(
        edge('numbered-headings.md')!.diagnostics.filter((d) => d.severity !== 'info'),
        [],
      );
    });
  });
});

describe('boardpaper new (CLI)', () => {
  it('with every option, writes a paper whose only findings are the placeholders to write', () => {
    const dir = tempDir();
    const out = path.join(dir, 'papers', 'winter.md');
    fs.mkdirSync(path.dirname(out));
    const r = runCli([
      'new',
      '--title',
      'Winter Plan 2024/25',
      '--meeting',
      'Integrated Care Board',
      '--date',
      '2024-11-13',
      '--purpose',
      'approve',
      '--objectives',
      'SO1,SO2',
      '--out',
      out,
    ]);
    assert.equal(r.status, 0, r.stderr);
    const c = json([out]);
    const count = (rule: string) => c.files[0]!.diagnostics.filter((d) => d.rule === rule).length;
    assert.deepEqual([...new Set(c.files[0]!.diagnostics.map((d) => d.rule))].sort(), ['placeholder-field', 'placeholder-section']);
    assert.equal(count('placeholder-section'), 3, 'Executive summary, Health inequalities and Recommendations to write');
    // agenda item, presenter, author, authoriser, and the comments of risks, finance and the three impact assessments
    assert.equal(count('placeholder-field'), 9, 'every "TBC (…)" of the cover sheet to write');
  });

  it('never overwrites an existing file (exit 2, naming it)', () => {
    const dir = tempDir();
    const out = path.join(dir, 'existing.md');
    fs.writeFileSync(out, 'my words');
    const r = runCli(['new', '--title', 'X', '--out', out]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /existing\.md/);
    assert.equal(fs.readFileSync(out, 'utf8'), 'my words');
  });

  it('rejects a bad date, purpose or objective with one line', () => {
    for (const args of [
      ['--date', '2024-02-30'],
      ['--purpose', 'approval'],
      ['--objectives', 'SO7'],
    ]) {
      const r = runCli(['new', '--title', 'X', '--out', path.join(tempDir(), 'x.md'), ...args]);
      assert.equal(r.status, 2, args.join(' '));
      assert.equal(r.stderr.trim().split('\n').length, 1);
    }
  });
});
