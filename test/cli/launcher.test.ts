/**
 * dist/cli.js, the launcher (server/src/cli/launcher.ts): it runs the CLI's
 * bundle through a V8 code cache. The cache may only make a run faster: every
 * run here is compared, output and exit status, with a run that has no cache.
 * Whether V8 took a cache is seen from outside: a cache that was taken is
 * left as it is; one that was rejected (or missing) is written anew.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cliPath, repoRoot, tempDir } from '../helpers/run-cli';
import { ensureBuilt } from '../helpers/build';
import { cacheFileName, commandOf, compileCacheFolder } from '../../server/src/cli/launcher';

function run(args: string[], env: NodeJS.ProcessEnv, cli = cliPath) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const files = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []);

describe('boardpaper launcher: the code cache', function () {
  this.timeout(60_000);
  before(() => ensureBuilt());

  describe('where the cache lives and what it is called', () => {
    it('is in the user’s cache folder, never a shared temporary folder', () => {
      assert.equal(compileCacheFolder({}, 'linux', '/home/ann'), path.join('/home/ann', '.cache', 'boardpaper'));
      assert.equal(compileCacheFolder({ XDG_CACHE_HOME: '/var/cache/ann' }, 'linux', '/home/ann'), path.join('/var/cache/ann', 'boardpaper'));
      // XDG says a relative path is to be ignored.
      assert.equal(compileCacheFolder({ XDG_CACHE_HOME: 'cache' }, 'linux', '/home/ann'), path.join('/home/ann', '.cache', 'boardpaper'));
      assert.equal(compileCacheFolder({}, 'darwin', '/Users/ann'), path.join('/Users/ann', 'Library', 'Caches', 'boardpaper'));
      assert.equal(
        compileCacheFolder({ LOCALAPPDATA: 'C:\\Users\\ann\\AppData\\Local' }, 'win32', 'C:\\Users\\ann'),
        path.join('C:\\Users\\ann\\AppData\\Local', 'boardpaper', 'Cache'),
      );
      assert.equal(compileCacheFolder({}, 'linux', ''), null, 'no home folder: no cache');
    });

    it('is off with BOARDPAPER_COMPILE_CACHE=0, and elsewhere when it names a folder', () => {
      for (const off of ['0', 'false', 'off']) assert.equal(compileCacheFolder({ BOARDPAPER_COMPILE_CACHE: off }, 'linux', '/home/ann'), null);
      assert.equal(compileCacheFolder({ BOARDPAPER_COMPILE_CACHE: '/tmp/bp' }, 'linux', '/home/ann'), path.resolve('/tmp/bp'));
    });

    it('has one cache per command, and help or the version has its own', () => {
      assert.equal(commandOf(['pack', 'papers']), 'pack');
      assert.equal(commandOf(['status']), 'status');
      assert.equal(commandOf(['papers/a.md']), 'check', 'a path alone is the default command');
      assert.equal(commandOf([]), 'check');
      assert.equal(commandOf(['--format', 'json', 'papers']), 'check');
      assert.equal(commandOf(['--version']), 'help');
      assert.equal(commandOf(['pack', '--help']), 'help');
    });

    it('names the cache by the bundle’s text, the Node version and the command', () => {
      const a = cacheFileName('text', 'check', 'v20.0.0', 'x64');
      assert.match(a, /^cli-[0-9a-f]{20}-check\.v8cache$/);
      assert.notEqual(cacheFileName('text2', 'check', 'v20.0.0', 'x64'), a);
      assert.notEqual(cacheFileName('text', 'check', 'v22.0.0', 'x64'), a);
      assert.notEqual(cacheFileName('text', 'check', 'v20.0.0', 'arm64'), a);
      assert.notEqual(cacheFileName('text', 'pack', 'v20.0.0', 'x64'), a);
    });
  });

  describe('running the CLI', () => {
    const args = ['check', '--format', 'json', 'test/fixtures/cli/mixed'];
    let plain: ReturnType<typeof run>;
    before(() => {
      plain = run(args, { BOARDPAPER_COMPILE_CACHE: '0' });
      assert.equal(plain.status, 1, `the fixture has findings: ${plain.stderr}`);
    });

    it('writes a cache on the first run, takes it on the next, and says the same both times', () => {
      const folder = path.join(tempDir(), 'cache');
      const first = run(args, { BOARDPAPER_COMPILE_CACHE: folder });
      assert.deepEqual(first, plain);
      const [file, ...more] = files(folder);
      assert.match(file ?? '', /-check\.v8cache$/);
      assert.deepEqual(more, []);
      const written = fs.readFileSync(path.join(folder, file!));
      assert.ok(written.length > 10_000, 'a cache of the compiled bundle');
      assert.equal(fs.statSync(folder).mode & 0o777, 0o700, 'only the user may read or write the folder');

      const second = run(args, { BOARDPAPER_COMPILE_CACHE: folder });
      assert.deepEqual(second, plain);
      assert.deepEqual(fs.readFileSync(path.join(folder, file!)), written, 'a cache that V8 took is left as it is');
      assert.deepEqual(files(folder), [file]);
    });

    it('keeps exit status 2 and its one line through the launcher', () => {
      const folder = path.join(tempDir(), 'cache');
      const expected = run(['check', 'no/such/folder'], { BOARDPAPER_COMPILE_CACHE: '0' });
      assert.equal(expected.status, 2);
      for (let i = 0; i < 2; i++) assert.deepEqual(run(['check', 'no/such/folder'], { BOARDPAPER_COMPILE_CACHE: folder }), expected);
    });

    it('runs as usual on a damaged cache, and writes a good one in its place', () => {
      const folder = path.join(tempDir(), 'cache');
      run(args, { BOARDPAPER_COMPILE_CACHE: folder });
      const [file] = files(folder);
      const good = fs.readFileSync(path.join(folder, file!));
      const damaged = Buffer.from(good);
      damaged.fill(7, 0, 64); // V8's header: magic number, version and checksums
      fs.writeFileSync(path.join(folder, file!), damaged);
      assert.deepEqual(run(args, { BOARDPAPER_COMPILE_CACHE: folder }), plain);
      const after = fs.readFileSync(path.join(folder, file!));
      assert.notDeepEqual(after.subarray(0, 64), damaged.subarray(0, 64), 'the damaged cache was replaced');

      fs.writeFileSync(path.join(folder, file!), 'not a cache at all');
      assert.deepEqual(run(args, { BOARDPAPER_COMPILE_CACHE: folder }), plain);
      assert.ok(fs.statSync(path.join(folder, file!)).size > 10_000);
    });

    it('neither reads nor writes a cache in a folder others can write to', function () {
      if (process.platform === 'win32') this.skip();
      const folder = path.join(tempDir(), 'shared');
      fs.mkdirSync(folder);
      fs.chmodSync(folder, 0o777);
      assert.deepEqual(run(args, { BOARDPAPER_COMPILE_CACHE: folder }), plain);
      assert.deepEqual(files(folder), [], 'nothing written');
      // A cache planted there is not read: it would fail the run if it were.
      fs.chmodSync(folder, 0o700);
      run(args, { BOARDPAPER_COMPILE_CACHE: folder });
      const [file] = files(folder);
      fs.writeFileSync(path.join(folder, file!), 'planted');
      fs.chmodSync(folder, 0o777);
      assert.deepEqual(run(args, { BOARDPAPER_COMPILE_CACHE: folder }), plain);
      assert.equal(fs.readFileSync(path.join(folder, file!), 'utf8'), 'planted', 'not read, not replaced');
    });

    it('writes nothing with BOARDPAPER_COMPILE_CACHE=0', () => {
      const home = tempDir();
      assert.deepEqual(run(args, { BOARDPAPER_COMPILE_CACHE: '0', HOME: home, XDG_CACHE_HOME: '' }), plain);
      assert.deepEqual(files(home), []);
      // And by default it is in the home folder's .cache.
      assert.deepEqual(run(args, { BOARDPAPER_COMPILE_CACHE: '', HOME: home, XDG_CACHE_HOME: '' }), plain);
      assert.match(files(path.join(home, '.cache', 'boardpaper'))[0] ?? '', /-check\.v8cache$/);
    });

    it('runs a changed bundle’s own code, even one of the same length (V8 checks only the length)', () => {
      const dir = tempDir();
      const folder = path.join(dir, 'cache');
      fs.copyFileSync(cliPath, path.join(dir, 'cli.js'));
      const bundle = fs.readFileSync(path.join(path.dirname(cliPath), 'cli-main.js'), 'utf8');
      fs.writeFileSync(path.join(dir, 'cli-main.js'), bundle);
      const version = run(['--version'], { BOARDPAPER_COMPILE_CACHE: folder }, path.join(dir, 'cli.js')).stdout.trim();
      assert.match(version, /^\d+\.\d+\.\d+/);
      assert.equal(files(folder).length, 1, 'the first run left its cache');
      // The same bundle with another version string of the same length.
      const other = version.replace(/^\d/, (d) => String((Number(d) + 1) % 10));
      const changed = bundle.split(JSON.stringify(version)).join(JSON.stringify(other));
      assert.notEqual(changed, bundle);
      assert.equal(changed.length, bundle.length);
      fs.writeFileSync(path.join(dir, 'cli-main.js'), changed);
      assert.equal(run(['--version'], { BOARDPAPER_COMPILE_CACHE: folder }, path.join(dir, 'cli.js')).stdout.trim(), other);
      assert.equal(files(folder).length, 2, 'a cache of its own');
    });

    it('exits 2 with one line when the bundle beside it is missing', () => {
      const dir = tempDir();
      fs.copyFileSync(cliPath, path.join(dir, 'cli.js'));
      const r = run(['--version'], {}, path.join(dir, 'cli.js'));
      assert.equal(r.status, 2);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /^boardpaper: cannot start: .*cli-main\.js cannot be read \(ENOENT\); reinstall boardpaper\n$/);
    });
  });
});
