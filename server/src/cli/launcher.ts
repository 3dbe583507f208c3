/**
 * `boardpaper` as installed (dist/cli.js): runs the CLI's bundle
 * (dist/cli-main.js, built from main.ts) with a V8 code cache, so that a run
 * does not compile again what the last run of the same command compiled.
 *
 * Every run of the CLI otherwise pays for compiling the 0.9 MB bundle: about
 * 50 ms before any work, and as much again compiling functions as they are
 * first called. The cache is V8's own (`vm.Script`'s `cachedData`), made by
 * `createCachedData()` when a run ends, so it holds every function that run
 * compiled. Node 22 offers this as `module.enableCompileCache()`; Node 20, on
 * which the project runs, does not.
 *
 * Invariants:
 * - The cache can only make a run faster, never change what it does. Any
 *   failure to read, check or write the cache is ignored and the bundle is
 *   compiled as usual. V8 rejects a cache made by another V8, with other
 *   flags or damaged in its header, but it takes a cache made for *other*
 *   source of the same length, and runs the old code. So the file name holds
 *   a hash of the bundle's text (and the Node version): a new or changed
 *   bundle never meets an old cache.
 * - One cache per command (`check`, `pack`, …): each holds what its command
 *   compiles. A cache is written only when there was none (or V8 rejected it).
 * - The cache is code that will run: it lives in the user's own cache folder
 *   (never a shared temporary folder), and is used only from a folder that
 *   the user owns and no one else can write to.
 * - `BOARDPAPER_COMPILE_CACHE=0` turns it off; another value names the folder.
 *
 * This file imports nothing of the project's, so it stays a few KB.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as Module from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';

/** The folder for the cache, or null when there should be none. */
export function compileCacheFolder(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string | null {
  const setting = env.BOARDPAPER_COMPILE_CACHE;
  if (setting === '0' || setting === 'false' || setting === 'off') return null;
  if (setting) return path.resolve(setting);
  if (!home) return null;
  if (platform === 'win32') return path.join(env.LOCALAPPDATA || path.join(home, 'AppData', 'Local'), 'boardpaper', 'Cache');
  if (platform === 'darwin') return path.join(home, 'Library', 'Caches', 'boardpaper');
  return path.join(env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(home, '.cache'), 'boardpaper');
}

/**
 * The command a run is for, to name its cache: its first word when that is a
 * command's name, else `check` (the default command); `help` when the run
 * only prints help or the version, so that such a run, which compiles little,
 * does not make the cache that a real run of the command would then use.
 */
export function commandOf(argv: readonly string[]): string {
  if (argv.some((a) => a === '--help' || a === '-h' || a === '--version' || a === '-v' || a === 'help')) return 'help';
  const first = argv[0] ?? '';
  return /^[a-z]{2,16}$/.test(first) ? first : 'check';
}

/**
 * The cache file for `command` of the bundle whose text is `source`. The
 * name must change with the text: V8 checks only the source's length before
 * taking a cache. SHA-1 is enough for a name (0.9 ms for the bundle, against
 * 3 ms for SHA-256); what guards the cache is the folder (`trusted`).
 */
export function cacheFileName(source: string, command: string, nodeVersion: string, arch: string): string {
  const hash = crypto.createHash('sha1').update(nodeVersion).update('\0').update(arch).update('\0').update(source).digest('hex').slice(0, 20);
  return `cli-${hash}-${command}.v8cache`;
}

/** Whether `folder` may hold code this user runs: theirs, and writable by no one else. */
function trusted(folder: string): boolean {
  if (process.platform === 'win32') return true; // the user's own profile folder
  const st = fs.statSync(folder);
  return st.isDirectory() && (typeof process.getuid !== 'function' || st.uid === process.getuid()) && (st.mode & 0o022) === 0;
}

function readCache(folder: string | null, file: string): Buffer | undefined {
  if (!folder) return undefined;
  try {
    if (!trusted(folder)) return undefined;
    return fs.readFileSync(path.join(folder, file));
  } catch {
    return undefined;
  }
}

function writeCache(folder: string, file: string, data: Buffer): void {
  try {
    fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
    if (!trusted(folder)) return;
    // Another run may write the same file at the same moment: each writes its own and renames.
    const tmp = path.join(folder, `${file}.${process.pid}.tmp`);
    fs.writeFileSync(tmp, data, { mode: 0o600 });
    fs.renameSync(tmp, path.join(folder, file));
  } catch {
    // no cache this time
  }
}

/** Run the CommonJS bundle `bundle` (its text `source`) as the program, through the code cache in `folder` (null: none). */
export function launch(bundle: string, source: string, folder: string | null): void {
  const file = cacheFileName(source, commandOf(process.argv.slice(2)), process.version, process.arch);
  const cachedData = readCache(folder, file);
  // The bundle's first line is "#!/usr/bin/env node": a comment keeps its line numbers.
  const script = new vm.Script(Module.wrap(source.replace(/^#!/, '//')), { filename: bundle, cachedData });
  if (folder && (!cachedData || script.cachedDataRejected)) {
    process.once('exit', () => {
      try {
        writeCache(folder, file, script.createCachedData());
      } catch {
        // no cache this time
      }
    });
  }
  const run = script.runInThisContext() as (exports: object, require: NodeRequire, module: object, filename: string, dirname: string) => void;
  const module = { exports: {}, id: bundle, filename: bundle, loaded: false, children: [], paths: [] as string[] };
  run.call(module.exports, module.exports, createRequire(bundle), module, bundle, path.dirname(bundle));
}

function home(): string {
  try {
    return os.homedir();
  } catch {
    return '';
  }
}

if (require.main === module) {
  const bundle = path.join(__dirname, 'cli-main.js');
  let source: string | undefined;
  try {
    source = fs.readFileSync(bundle, 'utf8');
  } catch (e) {
    process.stderr.write(`boardpaper: cannot start: ${bundle} cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'}); reinstall boardpaper\n`);
    process.exitCode = 2;
  }
  if (source !== undefined) launch(bundle, source, compileCacheFolder(process.env, process.platform, home()));
}
