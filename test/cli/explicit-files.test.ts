/**
 * Explicit files (INTERFACES.md v2): a file named on the command line is
 * judged the same from any current directory. The profile's `papers` globs
 * are relative to the profile's folder; the built-in profile's to the nearest
 * folder holding `.git`, `package.json` or `.boardpaper.yaml`, else to the
 * file's own folder — never to the current directory. Run through the built
 * CLI (in-process and with the worker pool) from several folders.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cliPath, repoRoot } from '../helpers/run-cli';

/** A paper whose front-matter is never closed: not a paper by its cover sheet, so only the `papers` globs make it one. */
const UNCLOSED = '---\ntitle: Winter plan\nmeeting: Integrated Care Board\n\n## Executive summary\n\nThe plan.\n';

const made: string[] = [];
after(() => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

/** A temp tree (relative path → text; a path ending in `/` is a folder). */
function tree(files: Record<string, string>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'boardpaper-explicit-')));
  made.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    const f = path.join(dir, rel);
    if (rel.endsWith('/')) fs.mkdirSync(f, { recursive: true });
    else {
      fs.mkdirSync(path.dirname(f), { recursive: true });
      fs.writeFileSync(f, text);
    }
  }
  return dir;
}

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function check(args: string[], cwd: string, workers?: string): Run {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  if (workers) env.BOARDPAPER_WORKERS = workers;
  else delete env.BOARDPAPER_WORKERS;
  const r = spawnSync(process.execPath, [cliPath, 'check', '--format', 'json', ...args], { cwd, encoding: 'utf8', env });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Rules reported per file, for comparing runs. */
function rulesByFile(r: Run): Record<string, string[]> {
  assert.ok(r.stdout.startsWith('['), `not JSON (exit ${r.status}): ${r.stdout.slice(0, 200)} ${r.stderr}`);
  const out: Record<string, string[]> = {};
  for (const f of JSON.parse(r.stdout) as { file: string; diagnostics: { rule: string }[] }[]) out[f.file] = f.diagnostics.map((d) => d.rule).sort();
  return out;
}

/** Folders to run from: the filesystem root, the temp folder, this repository, and each folder of `dir` down to `deepest`. */
function cwds(dir: string, deepest: string): string[] {
  const out = [path.parse(dir).root, os.tmpdir(), repoRoot];
  for (let d = deepest; d.startsWith(dir); d = path.dirname(d)) out.push(d);
  return out;
}

/** Same stdout (and exit status) from every folder, in one thread and with two workers; returns it parsed. */
function sameFromEverywhere(args: string[], folders: string[]): { status: number | null; files: Record<string, string[]>; stdout: string } {
  const first = check(args, folders[0]!);
  for (const [i, cwd] of folders.entries()) {
    // The worker pool too, from the first and the last folder (each run costs a process).
    for (const workers of i === 0 || i === folders.length - 1 ? [undefined, '2'] : [undefined]) {
      const r = check(args, cwd, workers);
      assert.equal(r.stderr, '', `stderr from ${cwd}`);
      assert.equal(r.stdout, first.stdout, `output from ${cwd}${workers ? ' with workers' : ''} differs`);
      assert.equal(r.status, first.status, `exit status from ${cwd}`);
    }
  }
  return { status: first.status, files: rulesByFile(first), stdout: first.stdout };
}

describe('boardpaper check: explicit files are judged the same from any folder', function () {
  this.timeout(60000);

  it('a paper under papers/ in a git project, front-matter never closed: reported from every folder', () => {
    const dir = tree({ '.git/': '', 'papers/2024-05-08/x.md': UNCLOSED });
    const file = path.join(dir, 'papers/2024-05-08/x.md');
    const r = sameFromEverywhere([file], cwds(dir, path.dirname(file)));
    assert.equal(r.status, 1);
    assert.deepEqual(Object.keys(r.files), [file]);
    assert.ok(r.files[file]!.includes('frontmatter-syntax'), r.stdout);
  });

  it('package.json marks the project too, and a relative path is judged as its absolute path', () => {
    const dir = tree({ 'package.json': '{}', 'board/papers/x.md': UNCLOSED });
    const file = path.join(dir, 'board/papers/x.md');
    const abs = rulesByFile(check([file], os.tmpdir()));
    for (const cwd of [dir, path.join(dir, 'board'), path.join(dir, 'board/papers')]) {
      const rel = path.relative(cwd, file);
      const r = rulesByFile(check([rel], cwd));
      assert.deepEqual(r, { [rel]: abs[file] }, `from ${cwd}`);
    }
    assert.ok(abs[file]!.includes('frontmatter-syntax'));
  });

  it('with no project marker, the globs are relative to the file’s own folder (from every folder, including its parent)', function () {
    // papers/x.md relative to papers/ is "x.md": no built-in glob makes it a paper;
    // notes/x.paper.md matches "**/*.paper.md" from its own folder.
    const dir = tree({ 'papers/x.md': UNCLOSED, 'notes/x.paper.md': UNCLOSED });
    const marker = ['.git', 'package.json', '.boardpaper.yaml'].find((m) => {
      for (let d = path.dirname(dir); ; d = path.dirname(d)) {
        if (fs.existsSync(path.join(d, m))) return true;
        if (path.dirname(d) === d) return false;
      }
    });
    if (marker) this.skip(); // the temp folder lies inside a project on this machine
    const notPaper = path.join(dir, 'papers/x.md');
    const paper = path.join(dir, 'notes/x.paper.md');
    const r = sameFromEverywhere([notPaper, paper], cwds(dir, path.join(dir, 'papers')));
    assert.deepEqual(Object.keys(r.files), [paper]);
    assert.ok(r.files[paper]!.includes('frontmatter-syntax'));
  });

  it('a folder’s .boardpaper.yaml: its papers globs are relative to its folder, from every folder', () => {
    const dir = tree({
      'org/.boardpaper.yaml': 'papers: ["board/*.md"]\n',
      'org/board/a.md': UNCLOSED,
      'org/board/sub/b.md': UNCLOSED, // not matched by board/*.md
      'org/other/board/c.md': UNCLOSED, // board/*.md is anchored at the profile's folder
    });
    const files = ['board/a.md', 'board/sub/b.md', 'other/board/c.md'].map((f) => path.join(dir, 'org', f));
    const r = sameFromEverywhere(files, cwds(dir, path.join(dir, 'org/board/sub')));
    assert.deepEqual(Object.keys(r.files), [files[0]]);
    assert.ok(r.files[files[0]!]!.includes('frontmatter-syntax'));
  });

  it('--profile FILE: globs relative to that profile’s folder, not the current one', () => {
    const dir = tree({
      'config/.boardpaper.yaml': 'papers: ["papers/*.md"]\n',
      'config/papers/x.md': UNCLOSED,
      'papers/y.md': UNCLOSED, // papers/*.md from the current folder, not from the profile's
    });
    const files = [path.join(dir, 'config/papers/x.md'), path.join(dir, 'papers/y.md')];
    const r = sameFromEverywhere(['--profile', path.join(dir, 'config/.boardpaper.yaml'), ...files], cwds(dir, path.join(dir, 'papers')));
    assert.deepEqual(Object.keys(r.files), [files[0]]);
  });

  it('a folder named on the command line: the same papers from every folder', () => {
    const dir = tree({ '.git/': '', 'papers/a.md': UNCLOSED, 'notes/readme.md': '# Notes\n' });
    const r = sameFromEverywhere([dir], cwds(dir, path.join(dir, 'notes')));
    assert.deepEqual(Object.keys(r.files), [path.join(dir, 'papers/a.md')]);
  });
});
