/**
 * The HTML pack with several cores: worker threads (dist/pack-worker.js),
 * one per core besides the main thread's, that parse the papers' bodies (GFM)
 * while the main thread analyses them, then
 * render the bodies of the pack — sanitiser included, with the same function
 * (packBodyHtml) as the in-process path — while the main thread waits.
 * docs/performance.md, recommendation 8.
 *
 * What stays on the main thread: finding the papers, analysing them, which
 * papers go in which part (collect.ts, view.ts: the confidentiality boundary).
 * Workers only ever get a file to parse ahead (any Markdown file of the
 * folder: nothing is output from it) and, to render, the text, anchor and
 * folders of an entry that the view already contains.
 *
 * Used by the CLI's pack for HTML (buildPack without a resolver) when the
 * machine has three cores or more (see poolSize), the folder has at least
 * MIN_FILES_FOR_PACK_POOL Markdown files and the worker bundle is beside the
 * CLI. BOARDPAPER_WORKERS=N sets the number of cores to
 * use, the main thread's included (1: no worker; N ≥ 2: N − 1 workers, for
 * any folder of two files or more).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';

export const MIN_FILES_FOR_PACK_POOL = 8;

export type RenderPoolRequest =
  { kind: 'parse'; file: string } | { kind: 'render'; id: number; file: string; text: string; anchor: string; paperDir: string; root: string };

export type RenderPoolResponse = { kind: 'parsed'; file: string } | { kind: 'rendered'; id: number; html?: string; error?: string };

export interface RenderJob {
  /** Absolute path of the paper (the key of the parse-ahead). */
  file: string;
  text: string;
  anchor: string;
  paperDir: string;
  root: string;
}

function workerScript(): string {
  return path.join(__dirname, 'pack-worker.js');
}

/**
 * Worker threads beside the main thread: one fewer than the cores, since the
 * main thread analyses meanwhile (its analysis and the workers' parsing cost
 * about the same; rendering after them is a tenth of either).
 */
function poolSize(fileCount: number): number {
  const env = process.env.BOARDPAPER_WORKERS;
  let cores: number;
  if (env !== undefined && /^\d+$/.test(env.trim())) {
    cores = Number(env);
    if (fileCount < 2) return 0;
  } else {
    if (fileCount < MIN_FILES_FOR_PACK_POOL || !fs.existsSync(workerScript())) return 0;
    cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
    // Measured on the 2-core machine (30-paper pack, load 4–6): one worker
    // halves the main thread's CPU (0.9 → 0.5 s) but adds ~0.15 s of CPU in
    // all, and V8's own background threads (~0.8 s, GC and compiler) need the
    // second core too; wall time was the same or ~10 % worse. So by default
    // only with a core to spare.
    if (cores < 3) return 0;
  }
  return cores >= 2 ? Math.min(cores - 1, fileCount) : 0;
}

export class RenderPool {
  private readonly workers: Worker[] = [];
  private readonly inFlight: number[] = [];
  /** Which worker was given each file to parse ahead. */
  private readonly holder = new Map<string, number>();
  private queue: string[];
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve: (html: string) => void; reject: (e: Error) => void }>();
  private failure: Error | null = null;

  /** A pool parsing `files` (absolute paths) ahead, or null when the job should stay in-process. */
  /**
   * Whether a pool of some size could start (BOARDPAPER_WORKERS set, or three
   * cores or more and the worker script there): when not, the caller need not
   * list the folder's files for it.
   */
  static mayStart(): boolean {
    return poolSize(Number.MAX_SAFE_INTEGER) >= 1;
  }

  static start(files: readonly string[]): RenderPool | null {
    const size = poolSize(files.length);
    return size >= 1 ? new RenderPool(files, size) : null;
  }

  private constructor(files: readonly string[], size: number) {
    this.queue = [...files];
    for (let k = 0; k < size; k++) {
      const w = new Worker(workerScript());
      this.workers.push(w);
      this.inFlight.push(0);
      w.on('message', (m: RenderPoolResponse) => {
        this.inFlight[k]!--;
        if (m.kind === 'parsed') this.dealParse(k);
        else {
          const p = this.waiting.get(m.id);
          this.waiting.delete(m.id);
          if (m.error !== undefined) p?.reject(new Error(m.error));
          else p?.resolve(m.html!);
        }
      });
      w.on('error', (e) => this.fail(e as Error));
      w.on('exit', (code) => this.fail(new Error(`pack worker stopped (exit ${code})`)));
      // Two files in flight per worker, so a worker never waits for its next file.
      this.dealParse(k);
      this.dealParse(k);
    }
  }

  private send(k: number, m: RenderPoolRequest): void {
    this.inFlight[k]!++;
    this.workers[k]!.postMessage(m);
  }

  private dealParse(k: number): void {
    const file = this.queue.shift();
    if (file === undefined) return;
    this.holder.set(file, k);
    this.send(k, { kind: 'parse', file });
  }

  private fail(e: Error): void {
    if (this.failure) return;
    this.failure = e;
    for (const p of this.waiting.values()) p.reject(e);
    this.waiting.clear();
  }

  /** Each job's body HTML, in job order; each goes to the worker that parsed its file ahead. */
  render(jobs: readonly RenderJob[]): Promise<string[]> {
    this.queue = []; // parse nothing more ahead: the pack's papers are known
    return Promise.all(
      jobs.map((j) => {
        if (this.failure) return Promise.reject(this.failure);
        let k = this.holder.get(j.file);
        this.holder.delete(j.file);
        if (k === undefined) k = this.inFlight.indexOf(Math.min(...this.inFlight));
        const id = this.nextId++;
        return new Promise<string>((resolve, reject) => {
          this.waiting.set(id, { resolve, reject });
          this.send(k!, { kind: 'render', id, ...j });
        });
      }),
    );
  }

  close(): void {
    this.failure ??= new Error('pack workers closed');
    for (const w of this.workers) {
      w.removeAllListeners('exit');
      void w.terminate();
    }
  }
}
