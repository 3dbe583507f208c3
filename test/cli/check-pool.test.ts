/**
 * `boardpaper check` with its worker pool (server/src/cli/check-pool.ts) must
 * say and do exactly what the in-process loop does: the built dist/cli.js is
 * run with BOARDPAPER_WORKERS=1 (in-process) and =2 (two worker threads from
 * dist/check-worker.js; a forced pool never falls back, so a worker that
 * cannot start fails these tests) on the same files, and the outputs, exit
 * codes and files written by --fix are compared byte for byte.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cliPath, repoRoot, tempDir } from '../helpers/run-cli';
import { defaultPoolSize } from '../../server/src/cli/check-pool';

function run(workers: number, args: string[], cwd = repoRoot) {
  const r = spawnSync(process.execPath, [cliPath, 'check', ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1', BOARDPAPER_WORKERS: String(workers) },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every file under `dir`, relative path → content. */
function tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const p = path.join(dir, f);
    if (fs.statSync(p).isFile()) out.set(f.split(path.sep).join('/'), fs.readFileSync(p, 'utf8'));
  }
  return out;
}

// Rule fixtures (many faults, fixable findings, disable comments, papers that
// share agenda items: duplicate-agenda-item across files), a meeting and the examples.
const MANY = ['test/fixtures/rules', 'test/fixtures/meeting', 'examples', 'test/fixtures/cli/mixed', 'test/fixtures/cli/edge'];

describe('boardpaper check: worker pool', function () {
  this.timeout(120_000);

  it('is used by default only where it is faster: from 24 files with three cores or more, from 300 with two', () => {
    assert.equal(defaultPoolSize(30, 1), 0);
    assert.equal(defaultPoolSize(1000, 1), 0);
    assert.equal(defaultPoolSize(23, 4), 0);
    assert.equal(defaultPoolSize(24, 4), 4);
    assert.equal(defaultPoolSize(30, 8), 8);
    assert.equal(defaultPoolSize(30, 2), 0, 'a 30-paper meeting on two cores stays in one thread');
    assert.equal(defaultPoolSize(299, 2), 0);
    assert.equal(defaultPoolSize(300, 2), 2);
    assert.equal(defaultPoolSize(1000, 2), 2);
  });
  before(() => {
    if (!fs.existsSync(cliPath) || !fs.existsSync(path.join(path.dirname(cliPath), 'check-worker.js')))
      throw new Error('dist/cli.js or dist/check-worker.js is missing: run `npm run build` first');
  });

  it('gives the same JSON and exit code as the in-process check, across papers included', () => {
    const a = run(1, ['--format', 'json', ...MANY]);
    const b = run(2, ['--format', 'json', ...MANY]);
    assert.equal(a.stderr, '');
    assert.equal(b.stderr, '');
    assert.equal(a.status, 1);
    const files = JSON.parse(a.stdout) as { file: string; diagnostics: { rule: string }[] }[];
    assert.ok(files.length > 100, `checked ${files.length} papers`);
    assert.ok(
      files.some((f) => f.diagnostics.some((d) => d.rule === 'duplicate-agenda-item')),
      'the set has across-papers findings',
    );
    assert.equal(b.status, a.status);
    assert.equal(b.stdout, a.stdout);
  });

  for (const format of ['stylish', 'sarif']) {
    it(`gives the same ${format} output`, () => {
      const a = run(1, ['--format', format, 'test/fixtures/meeting', 'examples', 'test/fixtures/cli/mixed']);
      const b = run(2, ['--format', format, 'test/fixtures/meeting', 'examples', 'test/fixtures/cli/mixed']);
      assert.ok(a.stdout.length > 1000);
      assert.equal(b.status, a.status);
      assert.equal(b.stdout, a.stdout);
    });
  }

  it('--quiet and --max-warnings give the same output and exit codes', () => {
    for (const args of [
      ['--quiet', 'test/fixtures/meeting', 'examples'],
      ['--max-warnings', '0', 'examples'],
      ['--max-warnings', '100000', 'test/fixtures/meeting'],
    ]) {
      const a = run(1, args);
      const b = run(2, args);
      assert.equal(b.status, a.status, args.join(' '));
      assert.equal(b.stdout, a.stdout, args.join(' '));
    }
  });

  it('--fix writes the same files and reports the same findings', () => {
    const dirs = [1, 2].map((w) => {
      const d = tempDir('boardpaper-pool-');
      for (const src of ['test/fixtures/rules', 'test/fixtures/meeting', 'examples'])
        fs.cpSync(path.join(repoRoot, src), path.join(d, path.basename(src)), { recursive: true });
      return { w, d, before: tree(d) };
    });
    const outs = dirs.map(({ w, d }) => run(w, ['--fix', '--format', 'json', '.'], d));
    try {
      assert.equal(outs[0]!.status, 1, outs[0]!.stderr);
      assert.equal(outs[1]!.status, outs[0]!.status);
      assert.equal(outs[1]!.stdout, outs[0]!.stdout);
      const after = dirs.map(({ d }) => tree(d));
      const changed = [...after[0]!].filter(([f, t]) => dirs[0]!.before.get(f) !== t).map(([f]) => f);
      assert.ok(changed.length >= 5, `--fix changed ${changed.length} files`);
      assert.deepEqual([...after[1]!.keys()].sort(), [...after[0]!.keys()].sort());
      for (const [f, t] of after[0]!) assert.equal(after[1]!.get(f), t, f);
    } finally {
      for (const { d } of dirs) fs.rmSync(d, { recursive: true, force: true });
    }
  });

  it('stops at the same file with the same message when a profile is broken, having fixed the same files before it', () => {
    const dirs = [1, 2].map((w) => {
      const d = tempDir('boardpaper-pool-');
      fs.cpSync(path.join(repoRoot, 'test/fixtures/rules'), path.join(d, 'a-rules'), { recursive: true });
      fs.cpSync(path.join(repoRoot, 'test/fixtures/cli/broken-profile'), path.join(d, 'b-broken'), { recursive: true });
      fs.cpSync(path.join(repoRoot, 'examples'), path.join(d, 'c-examples'), { recursive: true });
      return { w, d, before: tree(d) };
    });
    const outs = dirs.map(({ w, d }) => run(w, ['--fix', 'a-rules', 'b-broken', 'c-examples'], d));
    try {
      assert.equal(outs[0]!.status, 2);
      assert.match(outs[0]!.stderr, /invalid profile/);
      assert.equal(outs[1]!.status, 2);
      assert.equal(outs[1]!.stderr.replace(dirs[1]!.d, '<dir>'), outs[0]!.stderr.replace(dirs[0]!.d, '<dir>'));
      const after = dirs.map(({ d }) => tree(d));
      const changed = (i: number) =>
        [...after[i]!]
          .filter(([f, t]) => dirs[i]!.before.get(f) !== t)
          .map(([f]) => f)
          .sort();
      assert.ok(changed(0).length > 0 && changed(0).every((f) => f.startsWith('a-rules/')), 'only files before the broken profile were fixed');
      assert.deepEqual(changed(1), changed(0));
      for (const f of changed(0)) assert.equal(after[1]!.get(f), after[0]!.get(f), f);
    } finally {
      for (const { d } of dirs) fs.rmSync(d, { recursive: true, force: true });
    }
  });
});
