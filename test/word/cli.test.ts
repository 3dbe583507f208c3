/**
 * `boardpaper import` / `boardpaper export` as a user runs them (dist/cli.js):
 * exit 0 / 1 / 2, never overwriting, and hostile files (a zip bomb, a text
 * file named .docx, macros, a picture linked outside the document) refused
 * or contained with one line, in bounded time and memory.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cliPath, repoRoot, tempDir } from '../helpers/run-cli';
import { ensureBuilt } from '../pack/helpers';
import { fixture, splitPaper } from './helpers';

/** The CLI in a small heap: a zip bomb inflated in memory would crash it, not exit 2. */
function run(args: string[], cwd: string) {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, ['--max-old-space-size=160', cliPath, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 60000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - t0 };
}

function oneLine(stderr: string, re: RegExp): void {
  const lines = stderr.trim().split('\n');
  assert.equal(lines.length, 1, `one line on stderr, got: ${stderr}`);
  assert.match(lines[0]!, /^boardpaper: /);
  assert.match(lines[0]!, re);
}

describe('boardpaper import / export (CLI)', function () {
  this.timeout(180000);
  let dir = '';
  before(() => {
    ensureBuilt();
    dir = tempDir('boardpaper-word-cli-');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('imports the LSC paper beside a copy of it, with its image, prints the findings, exits 1 for the error found', () => {
    fs.copyFileSync(fixture('lsc-seed-002.docx'), path.join(dir, 'recovery.docx'));
    const r = run(['import', 'recovery.docx'], dir);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /^Wrote recovery\.md, 1 image\n/);
    assert.match(r.stdout, /error +The cover sheet has no "purpose"/);
    assert.ok(fs.existsSync(path.join(dir, 'recovery-image-1.png')));
    const { data } = splitPaper(fs.readFileSync(path.join(dir, 'recovery.md'), 'utf8'));
    assert.equal(data.title, 'Recovery and Transformation Programmes');
  });

  it('never overwrites: the paper exists → exit 2, one line, the file untouched', () => {
    fs.writeFileSync(path.join(dir, 'mine.md'), 'my own words\n');
    const r = run(['import', fixture('greenwich-ccg.docx'), '--out', 'mine.md'], dir);
    assert.equal(r.status, 2);
    oneLine(r.stderr, /mine\.md already exists/);
    assert.equal(fs.readFileSync(path.join(dir, 'mine.md'), 'utf8'), 'my own words\n');
  });

  it('exports an example paper and imports it back (exit 0, no findings the paper did not have)', () => {
    const src = path.join(repoRoot, 'examples', 'papers', '2024-05-08', '09-financial-plan-2024-25.md');
    fs.copyFileSync(src, path.join(dir, 'plan.md'));
    const e = run(['export', 'plan.md'], dir);
    assert.equal(e.status, 0, e.stderr);
    assert.equal(e.stdout, 'Wrote plan.docx\n');
    const again = run(['export', 'plan.md'], dir);
    assert.equal(again.status, 2);
    oneLine(again.stderr, /plan\.docx already exists/);
    const i = run(['import', 'plan.docx', '--out', 'plan-back.md', '--format', 'json'], dir);
    const json = JSON.parse(i.stdout) as { file: string; notes: string[]; findings: { rule: string; severity: string }[] };
    assert.deepEqual(json.notes, []);
    const before = JSON.parse(run(['check', 'plan.md', '--format', 'json'], dir).stdout)[0].diagnostics.map((d: { rule: string }) => d.rule);
    assert.deepEqual(
      json.findings.map((f) => f.rule),
      before,
    );
    assert.equal(i.status, json.findings.some((f) => f.severity === 'error') ? 1 : 0);
  });

  const hostile: [string, RegExp][] = [
    ['zip-bomb.docx', /inflates to more than \d+ MB/],
    ['not-a-zip.docx', /is not a Word document/],
    ['macros.docm', /macro-enabled/],
    ['macros-renamed.docx', /contains macros/],
  ];
  for (const [name, re] of hostile) {
    it(`${name}: exit 2 with one line, nothing written, in bounded time and memory`, () => {
      const out = path.join(dir, `${name}.md`);
      const r = run(['import', fixture(path.join('hostile', name)), '--out', out], dir);
      assert.equal(r.status, 2, r.stderr);
      oneLine(r.stderr, re);
      assert.equal(r.stdout, '');
      assert.ok(!fs.existsSync(out));
      assert.ok(r.ms < 30000, `${r.ms} ms`);
    });
  }

  it('a picture linked to a file outside the document is not fetched: the paper is imported with a note naming the link', () => {
    const r = run(['import', fixture(path.join('hostile', 'external-image.docx')), '--out', 'linked.md'], dir);
    assert.ok(r.status === 0 || r.status === 1, r.stderr);
    const text = fs.readFileSync(path.join(dir, 'linked.md'), 'utf8');
    assert.match(text, /## Import notes[\s\S]*not fetched \("Organisation chart"\): file:\/\/\/etc\/passwd/);
    assert.doesNotMatch(text, /root:/);
    assert.deepEqual(
      fs.readdirSync(dir).filter((f) => f.startsWith('linked-image')),
      [],
    );
    assert.match(text, /A paragraph before the picture\.\n\nA paragraph after the picture\./);
  });

  it('import of a missing file and of a folder: exit 2, one line', () => {
    const a = run(['import', 'nothing-here.docx'], dir);
    assert.equal(a.status, 2);
    oneLine(a.stderr, /cannot read nothing-here\.docx/);
    const b = run(['export', 'nothing-here.md'], dir);
    assert.equal(b.status, 2);
    oneLine(b.stderr, /cannot read nothing-here\.md/);
  });
});
