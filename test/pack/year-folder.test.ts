/**
 * A secretariat may point the pack (or `status`) at a folder holding a year
 * of papers rather than the meeting's own folder. Only the meeting's papers
 * are analysed: papers dated another day have only their cover sheets read
 * (for the agenda: near-misses, papers named by `file:`), and their checks
 * are made only if the agenda asks for their findings — then a whole date's
 * papers together, so the across-papers findings are what checking
 * everything at once gives.
 *
 * "Not analysed" is observed end to end: the papers of the other date are
 * governed by a profile under which `unknown-committee` runs, and the run
 * injects a failure into that rule (BOARDPAPER_FAIL_RULE): analysing any of
 * them would stop the run with exit 2, as the control shows.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ensureBuilt, writePapers } from './helpers';
import { repoRoot, tempDir } from '../helpers/run-cli';
import { readMeetingPapers } from '../../server/src/node/meeting';
import { addAcrossFindings, checkFile, type CheckedPaper } from '../../server/src/node/check-files';
import { ProfileResolver } from '../../server/src/node/profile-loader';

const cli = path.join(repoRoot, 'dist', 'cli.js');

function run(args: string[], env: Record<string, string> = {}) {
  ensureBuilt();
  return spawnSync(process.execPath, [cli, ...args], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
}

/** papers/2024-07-10 (the meeting), papers/2024-06-12 (an earlier one, with its own profile), and a duplicate item in each. */
function yearFolder(): string {
  const dir = tempDir('bp-year-');
  fs.writeFileSync(path.join(dir, '.boardpaper.yaml'), 'rules:\n  unknown-committee: "off"\n');
  writePapers(path.join(dir, 'papers', '2024-07-10'), {
    'finance.md': { title: 'Finance report', item: '5' },
    'quality.md': { title: 'Quality report', item: '6' },
    'estates.md': { title: 'Estates strategy', item: '6' },
  });
  const june = path.join(dir, 'papers', '2024-06-12');
  writePapers(june, {
    'june-finance.md': { title: 'June finance report', date: '2024-06-12', item: '5' },
    'june-digital.md': { title: 'June digital strategy', date: '2024-06-12', item: '5' },
  });
  // The June papers' profile runs unknown-committee (the built-in default).
  fs.writeFileSync(path.join(june, '.boardpaper.yaml'), 'organisation: NHS Lancashire and South Cumbria Integrated Care Board\n');
  return dir;
}

describe('a pack from a folder holding papers of several meetings', () => {
  it('analyses only the papers of the meeting', function () {
    this.timeout(60_000);
    const dir = yearFolder();
    const out = path.join(dir, 'pack.html');
    const fail = { BOARDPAPER_FAIL_RULE: 'unknown-committee' };
    // Control: the June pack analyses the June papers, and the injected failure stops it.
    const june = run(['pack', path.join(dir, 'papers'), '--meeting', 'Integrated Care Board', '--date', '2024-06-12', '--format', 'html', '--out', out], fail);
    assert.equal(june.status, 2, june.stdout + june.stderr);
    assert.match(june.stderr, /rule unknown-committee failed on .*june-/);
    // The July pack from the same folder never analyses a June paper.
    const july = run(['pack', path.join(dir, 'papers'), '--meeting', 'Integrated Care Board', '--date', '2024-07-10', '--format', 'html', '--out', out], fail);
    assert.equal(july.status, 0, july.stdout + july.stderr);
    const html = fs.readFileSync(out, 'utf8');
    for (const t of ['Finance report', 'Quality report', 'Estates strategy']) assert.ok(html.includes(t), t);
    assert.ok(!html.includes('June'), 'no June paper in the July pack');
    // Its duplicate item 6 is found among the July papers.
    assert.match(july.stdout + july.stderr, /agenda item 6 is used by 2 papers/);
    // status reads the same folder the same way.
    const status = run(['status', path.join(dir, 'papers'), '--meeting', 'Integrated Care Board', '--date', '2024-07-10', '--today', '2024-07-01'], fail);
    assert.notEqual(status.status, 2, status.stdout + status.stderr);
    assert.match(status.stdout, /Finance report/);
  });

  it('checks a date only when its findings are read, with the same findings as checking all at once', () => {
    const dir = yearFolder();
    const folder = path.join(dir, 'papers');
    const resolver = new ProfileResolver({ defaultBaseDir: folder });
    const papers = readMeetingPapers(folder, resolver);
    const pending = (p: object) => Object.getOwnPropertyDescriptor(p, 'checked')?.get !== undefined;
    assert.equal(papers.length, 5);
    assert.ok(papers.every(pending), 'nothing is checked while only cover sheets are read');
    assert.ok(papers.every((p) => p.boardPaper && p.cover.title));

    const julyPaper = papers.find((p) => p.file.endsWith('quality.md'))!;
    assert.equal(julyPaper.warnings, 1, 'duplicate-agenda-item, a warning');
    const july = papers.filter((p) => p.file.startsWith('2024-07-10/'));
    const june = papers.filter((p) => p.file.startsWith('2024-06-12/'));
    assert.ok(
      july.every((p) => !pending(p)),
      'the whole date is checked together',
    );
    assert.ok(june.every(pending), 'another date is not checked');

    // Exactly what checking every paper at once gives.
    const all = papers.map((p) => checkFile(p.path, new ProfileResolver({ defaultBaseDir: folder }))).filter((c): c is CheckedPaper => c !== null);
    addAcrossFindings(all);
    for (const p of papers) {
      const c = all.find((x) => x.file === p.path)!;
      assert.deepEqual(
        [p.errors, p.warnings],
        [c.findings.filter((f) => f.severity === 'error').length, c.findings.filter((f) => f.severity === 'warning').length],
        p.file,
      );
      assert.deepEqual(
        p.checked!.findings.map((f) => f.rule),
        c.findings.map((f) => f.rule),
        p.file,
      );
    }
  });
});
