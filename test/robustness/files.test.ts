/**
 * Files stay where they belong (issue 7): the template generator derives a
 * plain file name from any title and writes only into the chosen folder,
 * never over an existing file, and atomically (temp file in the same folder,
 * then a link or rename; nothing left behind). The pack's own cases (`--out`
 * onto a paper refused, nothing written when it fails) are in test/pack/cli.test.ts.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { fileNameForTitle } from '../../server/src/core/template';
import { writeFileAtomic } from '../../server/src/node/files';
import { runCli, tempDir } from '../helpers/run-cli';

const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;
const HOSTILE_TITLES = [
  '../../x',
  '../../../../etc/passwd',
  '/etc/passwd',
  'C:\\Windows\\system32\\x',
  '..\\..\\x',
  '~/x',
  'CON',
  'nul',
  'Com1',
  'LPT9',
  'aux.md',
  '.',
  '..',
  '',
  '   ',
  '.hidden',
  'a/b/c',
  'x\u0000y',
  '\u202Egpj.exe',
  'Ünïcödé — “quotes” & <tags>',
  '🙂🙂',
  'x'.repeat(500),
];

/** Every file under a folder, relative. */
function tree(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).map((f) => f.split(path.sep).join('/')).sort();
}

describe('files stay where they belong', function () {
  this.timeout(60000);

  it('a file name made from any title is one plain, non-reserved .md name (property)', () => {
    const check = (title: string, item?: string) => {
      const name = fileNameForTitle(title, item);
      assert.match(name, /^[a-z0-9][a-z0-9.-]*\.md$/, JSON.stringify(title));
      assert.equal(path.basename(name), name);
      assert.ok(!name.includes('..'), name);
      assert.ok(!RESERVED.test(name.slice(0, -3)), `${name} is a reserved name on Windows`);
      assert.ok(name.length <= 80, name);
    };
    for (const t of HOSTILE_TITLES) check(t);
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.option(fc.string({ maxLength: 12 }), { nil: undefined }), (t, item) => check(t, item)),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.array(fc.constantFrom('..', '/', '\\', '.', 'con', 'nul', 'x', ' ', ':', '~', 'C:'), { maxLength: 12 }), (parts) => check(parts.join(''))),
      { numRuns: 1000 },
    );
  });

  it('`boardpaper new` with hostile titles writes only a plain file in the current folder', () => {
    const root = tempDir();
    const cwd = path.join(root, 'a', 'b');
    fs.mkdirSync(cwd, { recursive: true });
    const made = new Set<string>();
    for (const title of ['../../x', '/etc/passwd', 'C:\\Windows\\x', 'CON', 'nul', 'a/b/c', '.']) {
      const r = runCli(['new', '--title', title], cwd);
      assert.equal(r.status, 0, `${title}: ${r.stderr}`);
      const name = fileNameForTitle(title);
      assert.equal(made.has(name), false);
      made.add(name);
      assert.ok(fs.existsSync(path.join(cwd, name)), `${title} → ${name}`);
    }
    // Nothing anywhere else, no temp file left.
    assert.deepEqual(tree(root), ['a', 'a/b', ...[...made].map((n) => `a/b/${n}`).sort()].sort());
    assert.deepEqual(made, new Set(['x.md', 'etc-passwd.md', 'c-windows-x.md', 'con-paper.md', 'nul-paper.md', 'a-b-c.md', 'paper.md']));
  });

  it('`boardpaper new` twice with one title: the second refuses (exit 2) and the first file is untouched', () => {
    const cwd = tempDir();
    assert.equal(runCli(['new', '--title', 'Winter Plan'], cwd).status, 0);
    const file = path.join(cwd, 'winter-plan.md');
    fs.appendFileSync(file, '\nThe author has written this since.\n');
    const before = fs.readFileSync(file, 'utf8');
    const r = runCli(['new', '--title', 'Winter Plan'], cwd);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /winter-plan\.md/);
    assert.equal(fs.readFileSync(file, 'utf8'), before);
    assert.deepEqual(tree(cwd), ['winter-plan.md']);
  });

  describe('writeFileAtomic', () => {
    it('writes the whole text and leaves no temporary file', () => {
      const dir = tempDir();
      const file = path.join(dir, 'p.md');
      writeFileAtomic(file, 'first');
      writeFileAtomic(file, 'second, replacing it');
      writeFileAtomic(path.join(dir, 'q.md'), 'only if absent', { exclusive: true });
      assert.equal(fs.readFileSync(file, 'utf8'), 'second, replacing it');
      assert.deepEqual(fs.readdirSync(dir).sort(), ['p.md', 'q.md']);
    });

    it('exclusive: refuses (EEXIST) an existing file, whatever it is, and leaves it and the folder as they were', () => {
      const dir = tempDir();
      const file = path.join(dir, 'p.md');
      fs.writeFileSync(file, 'the author’s words');
      assert.throws(
        () => writeFileAtomic(file, 'new', { exclusive: true }),
        (e: NodeJS.ErrnoException) => e.code === 'EEXIST',
      );
      assert.equal(fs.readFileSync(file, 'utf8'), 'the author’s words');
      fs.mkdirSync(path.join(dir, 'd.md'));
      assert.throws(
        () => writeFileAtomic(path.join(dir, 'd.md'), 'new', { exclusive: true }),
        (e: NodeJS.ErrnoException) => e.code === 'EEXIST',
      );
      fs.symlinkSync(path.join(dir, 'nowhere'), path.join(dir, 'link.md'));
      assert.throws(
        () => writeFileAtomic(path.join(dir, 'link.md'), 'new', { exclusive: true }),
        (e: NodeJS.ErrnoException) => e.code === 'EEXIST',
      );
      assert.equal(fs.existsSync(path.join(dir, 'nowhere')), false, 'the dangling link was not followed');
      assert.deepEqual(fs.readdirSync(dir).sort(), ['d.md', 'link.md', 'p.md']);
    });

    it('a failed write leaves nothing behind (no folder, no temp file)', () => {
      const dir = tempDir();
      assert.throws(() => writeFileAtomic(path.join(dir, 'missing', 'p.md'), 'x'));
      assert.deepEqual(fs.readdirSync(dir), []);
    });
  });
});
