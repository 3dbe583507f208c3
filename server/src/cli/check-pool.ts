/**
 * `boardpaper check` on many files with both (all) cores: a pool of
 * worker_threads, one per core up to the number of files, with the files dealt
 * out as workers become free and the results put back in file order.
 *
 * Design (docs/performance.md, recommendation 9):
 * - Each worker does for a file exactly what the in-process loop does
 *   (`analyseForCheck`, shared by both paths): read, analyse, --fix. Workers
 *   never write: the main thread writes fixed files in file order and stops at
 *   the first file that failed, as the in-process loop does, so the output,
 *   the files written and the exit code are the same either way.
 * - Only findings and the few facts of a paper that the across-papers pass
 *   (`duplicate-agenda-item`, then `finalise`) reads — cover sheet, anchor,
 *   directives — cross the thread boundary, plus the text, from which the main
 *   thread rebuilds the line index for positions. The mdast and sections stay
 *   in the worker.
 * - Small jobs stay in-process (starting a worker and loading the analyser in
 *   it costs about as much as checking a handful of papers), and so does
 *   everything when the worker bundle is absent (running from source).
 * - BOARDPAPER_WORKERS=N sets the number of workers (1: never use the pool;
 *   any N ≥ 2 also uses the pool for as few as two files, which the tests use
 *   to compare pool and in-process output).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { fixAll } from '../core/fix-all';
import type { Paper } from '../core/paper';
import { LineIndex } from '../core/text';
import type { Finding } from '../core/types';
import { checkFile, InputError, type CheckedPaper } from '../node/check-files';
import { writeFileAtomic } from '../node/files';
import { matchesPaperGlobs, ProfileError, type ProfileResolver } from '../node/profile-loader';

/** Below this many files the check stays in-process (unless BOARDPAPER_WORKERS says otherwise). */
export const MIN_FILES_FOR_POOL = 24;
/**
 * The same on a machine with two cores, where the workers take both and
 * V8's own background threads (GC, compiler) compete with them. Measured there
 * (the bench's papers, in-process → pool): 30 files 0.85 → 1.10 s, 120 files
 * 1.6 → 1.9 s, 300 files 3.0 → 3.0 s, 1,000 files 8.8 → 7.3 s.
 */
export const MIN_FILES_FOR_POOL_ON_TWO_CORES = 300;

export interface PoolOptions {
  explicit: string | null;
  fix: boolean;
}

export interface PoolRequest {
  i: number;
  file: string;
}

type SerialisedError =
  { kind: 'profile'; file: string; problems: ProfileError['problems'] } | { kind: 'input'; message: string } | { kind: 'other'; message: string };

/** What the across-papers pass and the output read of a paper (see the header). */
type PaperFacts = Pick<Paper, 'cover' | 'anchor' | 'directives'>;

export type FileResult =
  | { kind: 'none' }
  | { kind: 'paper'; text: string; fixedText: string | null; findings: Finding[]; facts: PaperFacts }
  | { kind: 'error'; error: SerialisedError };

export interface PoolResponse {
  i: number;
  result: FileResult;
}

/**
 * Check one file as `check` does: analyse, and with `fix` apply every fix and
 * analyse the fixed text. Returns the fixed text (null when nothing changed)
 * for the caller to write. Throws what checkFile throws.
 */
export function analyseForCheck(file: string, resolver: ProfileResolver, fix: boolean): { c: CheckedPaper; fixedText: string | null } | null {
  let c = checkFile(file, resolver);
  if (!c) return null;
  let fixedText: string | null = null;
  if (fix) {
    const fixed = fixAll(c.text, c.loaded.profile, { matchesPaperGlob: matchesPaperGlobs(file, c.loaded) });
    if (fixed.text !== c.text) {
      fixedText = fixed.text;
      c = checkFile(file, resolver, fixed.text)!;
    }
  }
  return { c, fixedText };
}

/** The worker's job for one file, as data that can cross to the main thread. */
export function checkOneFile(file: string, resolver: ProfileResolver, fix: boolean): FileResult {
  try {
    const r = analyseForCheck(file, resolver, fix);
    if (!r) return { kind: 'none' };
    const p = r.c.analysis.paper;
    return {
      kind: 'paper',
      text: r.c.text,
      fixedText: r.fixedText,
      findings: r.c.findings,
      facts: { cover: p.cover, anchor: p.anchor, directives: p.directives },
    };
  } catch (e) {
    if (e instanceof ProfileError) return { kind: 'error', error: { kind: 'profile', file: e.file, problems: e.problems } };
    if (e instanceof InputError) return { kind: 'error', error: { kind: 'input', message: e.message } };
    return { kind: 'error', error: { kind: 'other', message: String((e as Error)?.message ?? e) } };
  }
}

function revive(e: SerialisedError): Error {
  if (e.kind === 'profile') return new ProfileError(e.file, e.problems);
  if (e.kind === 'input') return new InputError(e.message);
  return new Error(e.message);
}

/** A CheckedPaper for the main thread, from a worker's result. */
export function checkedFromResult(file: string, r: Extract<FileResult, { kind: 'paper' }>, resolver: ProfileResolver): CheckedPaper {
  const text = r.fixedText ?? r.text;
  const paper = { ...r.facts, text, lines: new LineIndex(text) } as Paper;
  return { file, text, analysis: { paper, isPaper: true, findings: r.findings, ruleFailures: [] }, loaded: resolver.forFile(file), findings: r.findings };
}

export function workerScript(): string {
  return path.join(__dirname, 'check-worker.js');
}

/** How many workers to use for `fileCount` files; 0 or 1 means in-process. */
export function poolSize(fileCount: number): number {
  const env = process.env.BOARDPAPER_WORKERS;
  const forced = env !== undefined && /^\d+$/.test(env.trim()) ? Number(env) : undefined;
  if (forced !== undefined) return forced >= 2 && fileCount >= 2 ? Math.min(forced, fileCount) : 0;
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const size = defaultPoolSize(fileCount, cores);
  return size >= 2 && fs.existsSync(workerScript()) ? size : 0;
}

/** Workers for `fileCount` files on `cores` cores when BOARDPAPER_WORKERS does not say (0: in-process). */
export function defaultPoolSize(fileCount: number, cores: number): number {
  if (fileCount < MIN_FILES_FOR_POOL || cores < 2) return 0;
  if (cores === 2 && fileCount < MIN_FILES_FOR_POOL_ON_TWO_CORES) return 0;
  return Math.min(cores, fileCount);
}

/**
 * Run `files` through `size` workers. Resolves with one result per file, in
 * file order. Rejects only when a worker itself fails (not for a file's error,
 * which is a result).
 */
export function runPool(files: readonly string[], size: number, options: PoolOptions): Promise<FileResult[]> {
  const results: FileResult[] = new Array(files.length);
  let next = 0;
  let done = 0;
  const workers: Worker[] = [];
  return new Promise<FileResult[]>((resolve, reject) => {
    let settled = false;
    const finish = (err?: unknown) => {
      if (settled) return;
      settled = true;
      for (const w of workers) void w.terminate();
      if (err) reject(err);
      else resolve(results);
    };
    const deal = (w: Worker) => {
      if (next < files.length) {
        const i = next++;
        w.postMessage({ i, file: files[i]! } satisfies PoolRequest);
      }
    };
    for (let k = 0; k < size; k++) {
      const w = new Worker(workerScript(), { workerData: options });
      workers.push(w);
      w.on('message', (m: PoolResponse) => {
        results[m.i] = m.result;
        done++;
        if (done === files.length) finish();
        else deal(w);
      });
      w.on('error', (e) => finish(e));
      w.on('exit', (code) => {
        if (!settled) finish(new Error(`check worker stopped (exit ${code})`));
      });
      // Two files in flight per worker, so a worker never waits for its next file.
      deal(w);
      deal(w);
    }
    if (files.length === 0) finish();
  });
}

/**
 * The pool's results as the in-process loop would have produced them: papers
 * in file order, fixed files written in file order, and the first file's
 * error (in file order) thrown after writing the files before it.
 */
export function collectPoolResults(files: readonly string[], results: readonly FileResult[], resolver: ProfileResolver): CheckedPaper[] {
  const papers: CheckedPaper[] = [];
  for (let i = 0; i < files.length; i++) {
    const r = results[i]!;
    if (r.kind === 'error') throw revive(r.error);
    if (r.kind === 'none') continue;
    if (r.fixedText !== null) writeFileAtomic(files[i]!, r.fixedText);
    papers.push(checkedFromResult(files[i]!, r, resolver));
  }
  return papers;
}
