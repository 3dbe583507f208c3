/**
 * Shared by the robustness tests: the real papers used as seeds, the
 * invariant check, and a worker pool that runs a task with a time bound (a
 * task that overruns is stopped by terminating its worker, so one hanging
 * input fails one test quickly instead of freezing the suite).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import fg from 'fast-glob';
import { analyze, type Analysis, type AnalyzeOptions } from '../../server/src/core/analyze';
import { DEFAULT_PROFILE, type Profile } from '../../server/src/core/profile';
import { invariantProblems } from './invariants';
import { ProfileResolver } from '../../server/src/node/profile-loader';

export const ROOT = path.resolve(__dirname, '..', '..');

/** Every real paper in the repository: the rule fixtures and the examples. */
export const SEED_FILES = fg.sync(['test/fixtures/rules/**/*.md', 'examples/papers/**/*.md'], { cwd: ROOT }).sort();
export const SEEDS = SEED_FILES.map((f) => fs.readFileSync(path.join(ROOT, f), 'utf8'));
/** The clean, complete paper (every section and key). */
/**
 * Papers written to other organisations' own templates, each with the
 * profile that describes its template (the real corpus under test/real, and
 * the rule fixtures that sit beside a profile of their own): own fields of
 * every type, renamed sections, the health inequalities question and the ask
 * on the cover sheet, numbered objectives.
 */
export const TEMPLATE_SEEDS: { file: string; text: string; profile: Profile }[] = (() => {
  const resolver = new ProfileResolver({ defaultBaseDir: ROOT });
  const files = fg.sync(['test/real/*/papers/**/*.md', 'test/fixtures/rules/**/*.md'], { cwd: ROOT }).sort();
  return files
    .map((file) => ({ file, loaded: resolver.forFile(path.join(ROOT, file)) }))
    .filter(({ loaded }) => loaded.file !== null)
    .map(({ file, loaded }) => ({ file, text: fs.readFileSync(path.join(ROOT, file), 'utf8'), profile: loaded.profile }));
})();

export const CLEAN = fs.readFileSync(path.join(ROOT, 'test/fixtures/rules/clean-example.md'), 'utf8');

/**
 * `analyze` as the brief states it (strict: a failing rule re-throws), plus
 * the invariants: ranges and edits inside the text, catalogue ids, and the
 * same findings on a second run. Returns the first analysis.
 */
export function checkInvariants(text: string, options: AnalyzeOptions = {}, profile: Profile = DEFAULT_PROFILE): Analysis {
  const a = analyze(text, profile, { strict: true, ...options });
  assert.deepEqual(invariantProblems(text, a), [], 'invariants');
  const again = analyze(text, profile, { strict: true, ...options });
  assert.equal(JSON.stringify(again.findings), JSON.stringify(a.findings), 'the same input gives the same findings');
  return a;
}

/** A short, printable description of a (possibly huge) input for failure messages. */
export function describeInput(s: string, max = 160): string {
  const j = JSON.stringify(s);
  return s.length <= max ? j : `${JSON.stringify(s.slice(0, max))}… (${s.length} chars)`;
}

export class TimeoutError extends Error {
  constructor(
    readonly ms: number,
    readonly lastProgress: unknown,
  ) {
    super(`did not finish within ${ms} ms`);
    this.name = 'TimeoutError';
  }
}

const WORKER_FILE = path.join(__dirname, 'worker.ts');

/**
 * One worker thread at a time, replaced after a task overruns. The worker
 * gets a bounded heap so that a memory bomb kills it, not the test process,
 * and about the stack of a main thread (984 KB), as the language server has.
 */
export class BoundedRunner {
  private worker: Worker | null = null;
  private ready: Promise<void> | null = null;
  private next = 1;

  /**
   * `preload`: load the code under test when a worker starts (not charged
   * to the first task's time bound); `false` for tasks that need none.
   */
  constructor(private readonly options: { maxHeapMb?: number; preload?: boolean } = {}) {}

  private spawn(): Worker {
    const w = new Worker(`require('tsx/cjs'); require(${JSON.stringify(WORKER_FILE)});`, {
      eval: true,
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb ?? 1024, stackSizeMb: 1 },
    });
    w.unref();
    return w;
  }

  /** A started worker, with the code under test loaded. */
  private async started(): Promise<Worker> {
    if (!this.worker) {
      this.worker = this.spawn();
      const w = this.worker;
      this.ready = this.send(w, this.options.preload === false ? 'ping' : 'preload', {}, 60000, {}).then(() => undefined);
    }
    const w = this.worker;
    await this.ready;
    return w;
  }

  /** Start the worker now (its start-up then is not charged to a task). */
  async warm(): Promise<void> {
    await this.started();
  }

  /**
   * Run `task` in the worker. It fails with a TimeoutError when it has not
   * finished within `timeoutMs`, or, with `progressGapMs`, when the worker
   * has said nothing (no progress message) for that long: the step it was on
   * is then `lastProgress`.
   */
  async run<T = any>(task: string, args: unknown, timeoutMs: number, options: { progressGapMs?: number; onProgress?: (p: unknown) => void } = {}): Promise<T> {
    return this.send<T>(await this.started(), task, args, timeoutMs, options);
  }

  private send<T>(
    w: Worker,
    task: string,
    args: unknown,
    timeoutMs: number,
    options: { progressGapMs?: number; onProgress?: (p: unknown) => void },
  ): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      let last: unknown = null;
      let gap: NodeJS.Timeout | undefined;
      const expire = (ms: number) => () => {
        done();
        this.kill();
        reject(new TimeoutError(ms, last));
      };
      const done = () => {
        clearTimeout(timer);
        clearTimeout(gap);
        w.off('message', onMessage);
        w.off('error', onError);
        w.off('exit', onExit);
      };
      const timer = setTimeout(expire(timeoutMs), timeoutMs);
      const armGap = () => {
        if (!options.progressGapMs) return;
        clearTimeout(gap);
        gap = setTimeout(expire(options.progressGapMs), options.progressGapMs);
      };
      armGap();
      const onMessage = (m: { id: number; ok?: boolean; result?: T; error?: string; progress?: unknown }) => {
        if (m.id !== id) return;
        if ('progress' in m) {
          last = m.progress;
          armGap();
          options.onProgress?.(m.progress);
          return;
        }
        done();
        if (m.ok) resolve(m.result as T);
        else reject(new Error(m.error));
      };
      const onError = (e: Error) => {
        done();
        this.worker = null;
        reject(e);
      };
      const onExit = (code: number) => {
        done();
        this.worker = null;
        reject(new Error(`worker exited (${code})`));
      };
      w.on('message', onMessage);
      w.on('error', onError);
      w.on('exit', onExit);
      w.postMessage({ id, task, args });
    });
  }

  kill(): void {
    const w = this.worker;
    this.worker = null;
    this.ready = null;
    if (w) void w.terminate();
  }
}

export interface BoundedAnalysis {
  ms: number;
  /** remark's parse of the same text, timed when the analysis ran over its bound. */
  remarkMs?: number;
  heapGrowth: number;
  problems: string[];
  rules: string[];
  frontmatterError: string | null;
  hasCover: boolean;
}

/** How far over its bound analysis may run while remark's parse of the same text is that slow too. */
const PARSE_FACTOR = 3;
/** The worker is stopped at this many times the bound: an input that never returns. */
const HANG_FACTOR = 4;

/**
 * Analyse `text` in the worker within `limitMs`, asserting the invariants.
 * Fails (rather than waits) when the analysis overruns or throws.
 */
export async function analyzeWithin(
  runner: BoundedRunner,
  text: string,
  limitMs: number,
  options: { matchesPaperGlob?: boolean } = {},
): Promise<BoundedAnalysis> {
  let r: BoundedAnalysis;
  // A run over `limitMs` passes only when remark's own parse of the text, timed straight after in
  // the same worker, is at least a third of it: analysis close to the cost of parsing, the machine
  // busy. The worker is stopped at HANG_FACTOR × `limitMs` whatever the parse costs.
  try {
    r = await runner.run<BoundedAnalysis>('analyze', { text, limitMs, ...options }, limitMs * HANG_FACTOR);
  } catch (e) {
    if (e instanceof TimeoutError) assert.fail(`analyze did not return within ${limitMs * HANG_FACTOR} ms on ${describeInput(text, 80)}`);
    assert.fail(`analyze threw on ${describeInput(text, 80)}:\n${(e as Error).message.split('\n').slice(0, 6).join('\n')}`);
  }
  assert.deepEqual(r.problems, [], 'invariants');
  const parse = r.remarkMs;
  assert.ok(
    r.ms < limitMs || (parse !== undefined && r.ms < PARSE_FACTOR * parse),
    `analyze took ${Math.round(r.ms)} ms (limit ${limitMs} ms${parse === undefined ? '' : `; remark's parse of the same text ${Math.round(parse)} ms`})`,
  );
  return r;
}

/** Words of a text for "no word lost" comparisons: runs of letters and digits. */
export function wordsOf(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Multiset difference: the items of `a` missing from `b` (with multiplicity). */
export function missingFrom(a: readonly string[], b: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const w of b) counts.set(w, (counts.get(w) ?? 0) + 1);
  const missing: string[] = [];
  for (const w of a) {
    const n = counts.get(w) ?? 0;
    if (n === 0) missing.push(w);
    else counts.set(w, n - 1);
  }
  return missing;
}
