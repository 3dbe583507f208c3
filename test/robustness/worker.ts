/**
 * Runs one robustness task off the main thread, so that a pathological input
 * that makes the code under test hang (quadratic parsing, a backtracking
 * regular expression) fails its test at the time bound instead of freezing
 * the whole suite. Loaded by `harness.ts` through tsx; not a test file.
 *
 * Each message is `{ id, task, args }`; the reply is `{ id, ok, result }` or
 * `{ id, ok: false, error }`. `progress` messages tell the parent which step
 * of a long task is running (the regex scan), so a step that never finishes
 * can be named.
 */
import { parentPort } from 'node:worker_threads';
import * as v8 from 'node:v8';

// The code under test is required lazily, so that a worker that only runs
// regular expressions starts in a few milliseconds (it is restarted after
// every regex that overruns).
const core = () => ({
  ...(require('../../server/src/core/analyze') as typeof import('../../server/src/core/analyze')),
  ...(require('../../server/src/core/fix-all') as typeof import('../../server/src/core/fix-all')),
  ...(require('../../server/src/core/profile') as typeof import('../../server/src/core/profile')),
  ...(require('../../server/src/core/paper') as typeof import('../../server/src/core/paper')),
  ...(require('./invariants') as typeof import('./invariants')),
});

export interface RegexJob {
  /** Index of the regex in the parent's list. */
  index: number;
  source: string;
  flags: string;
  /** Adversarial inputs are prefix + pump repeated to the length + suffix. */
  prefixes: string[];
  pumps: string[];
  suffixes: string[];
}

export interface RegexResult {
  index: number;
  /** Slowest single exec on a full-length input, and that input. */
  worstMs: number;
  worstInput: string;
  execs: number;
}

function describeAttack(prefix: string, pump: string, suffix: string, len: number): string {
  return `${prefix ? `${JSON.stringify(prefix)} + ` : ''}${JSON.stringify(pump)} × ${Math.ceil(len / pump.length)}${suffix ? ` + ${JSON.stringify(suffix)}` : ''}`;
}

function heap(): number {
  return v8.getHeapStatistics().used_heap_size;
}

const tasks: Record<string, (args: any, progress: (p: unknown) => void) => unknown> = {
  /** analyze in strict mode and check the invariants; returns timings and the rules seen. */
  analyze({ text, matchesPaperGlob, limitMs }: { text: string; matchesPaperGlob?: boolean; limitMs?: number }) {
    const { analyze, DEFAULT_PROFILE, invariantProblems } = core();
    const h0 = heap();
    const t0 = performance.now();
    const a = analyze(text, DEFAULT_PROFILE, { strict: true, matchesPaperGlob });
    const ms = performance.now() - t0;
    const heapGrowth = heap() - h0;
    const problems = invariantProblems(text, a);
    // Over the bound: time remark's own parse of the same text, on the machine as it is now, so the
    // parent can tell an input that is slow to parse at all (on a busy machine) from analysis that is not.
    let remarkMs: number | undefined;
    if (limitMs !== undefined && ms >= limitMs) {
      const { unified } = require('unified') as typeof import('unified');
      const remarkParse = (require('remark-parse') as { default: typeof import('remark-parse').default }).default;
      const remarkFrontmatter = (require('remark-frontmatter') as { default: typeof import('remark-frontmatter').default }).default;
      const r0 = performance.now();
      unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).parse(text);
      remarkMs = performance.now() - r0;
    }
    return {
      ms,
      remarkMs,
      heapGrowth,
      problems,
      rules: [...new Set(a.findings.map((f) => f.rule))],
      frontmatterError: a.paper.frontmatter?.error?.message ?? null,
      hasCover: !!a.paper.cover,
    };
  },

  fixAll({ text }: { text: string }) {
    const { fixAll, DEFAULT_PROFILE } = core();
    const t0 = performance.now();
    const r = fixAll(text, DEFAULT_PROFILE, { strict: true });
    return { ms: performance.now() - t0, text: r.text };
  },

  /** The preview's HTML for a paper (remark-gfm, sanitised): its length and time. */
  render({ text }: { text: string }) {
    const { bodyHtml } = require('../../server/src/render/markdown') as typeof import('../../server/src/render/markdown');
    const t0 = performance.now();
    const html = bodyHtml(text);
    return { ms: performance.now() - t0, length: html.length };
  },

  /**
   * The agenda pack of a folder, in memory, as `boardpaper pack` builds it
   * (collect, view, render): its time, size and, for a PDF, its page count.
   */
  async pack({ folder, meeting, date, format, part }: { folder: string; meeting: string; date: string; format: 'pdf' | 'html'; part: 'public' | 'private' }) {
    const { collectPapers } = require('../../server/src/pack/collect') as typeof import('../../server/src/pack/collect');
    const { packView } = require('../../server/src/pack/view') as typeof import('../../server/src/pack/view');
    const t0 = performance.now();
    const view = packView(collectPapers({ folder, meeting, date }), part, { draft: true });
    if (format === 'html') {
      const { renderPackHtml } = require('../../server/src/pack/html') as typeof import('../../server/src/pack/html');
      const html = renderPackHtml(view);
      return { ms: performance.now() - t0, bytes: html.length, html };
    }
    const { renderPackPdf } = require('../../server/src/pack/pdf') as typeof import('../../server/src/pack/pdf');
    const r = await renderPackPdf(view);
    return { ms: performance.now() - t0, bytes: r.data.length, pages: r.pages, pdf: r.data.toString('base64') };
  },

  /** Nothing: start-up and liveness. */
  ping() {
    return { ms: 0 };
  },

  /** Load the code under test (and run it once), so that the first timed task pays nothing for it. */
  preload() {
    const { analyze, DEFAULT_PROFILE } = core();
    analyze('---\ntitle: T\nmeeting: M\n---\n## Executive summary\n\nText ICB.\n', DEFAULT_PROFILE, { strict: true });
    require('../../server/src/node/profile-loader');
    require('../../server/src/server/service/acronyms');
    require('../../server/src/pack/collect');
    return { ms: 0 };
  },

  /**
   * Each regex against prefix + pump^k + suffix: every combination screened
   * at `screenLen`, then the slowest few and every single pump with a failing
   * suffix at `fullLen` (100 KB), each exec timed. `progress` names the regex
   * and input being run, so the parent can name one that never returns.
   */
  regexScan({ jobs, screenLen, fullLen, limitMs }: { jobs: RegexJob[]; screenLen: number; fullLen: number; limitMs: number }, progress) {
    const out: RegexResult[] = [];
    const build = (p: string, pump: string, s: string, len: number) => p + pump.repeat(Math.ceil(len / pump.length)) + s;
    for (const job of jobs) {
      const re = new RegExp(job.source, job.flags);
      const run = (input: string) => {
        re.lastIndex = 0;
        const t0 = performance.now();
        re.exec(input);
        return performance.now() - t0;
      };
      progress({ index: job.index, input: 'screening' });
      const screened: { ms: number; p: string; pump: string; s: string }[] = [];
      // A combination already slow at the screening length goes straight to the full-length run.
      screen: for (const p of job.prefixes) {
        for (const pump of job.pumps) {
          for (const s of job.suffixes) {
            const ms = run(build(p, pump, s, screenLen));
            screened.push({ ms, p, pump, s });
            if (screened.length % 100 === 0) progress({ index: job.index, input: 'screening' });
            if (ms > 5) break screen;
          }
        }
      }
      screened.sort((a, b) => b.ms - a.ms);
      const full = new Map<string, { p: string; pump: string; s: string }>();
      const add = (p: string, pump: string, s: string) => full.set(JSON.stringify([p, pump, s]), { p, pump, s });
      for (const c of screened.slice(0, 4)) add(c.p, c.pump, c.s);
      for (const c of screened) if (c.ms > 0.5) add(c.p, c.pump, c.s);
      for (const pump of job.pumps) if ([...pump].length === 1) add('', pump, '!');
      let worstMs = 0;
      let worstInput = '';
      let execs = screened.length;
      for (const { p, pump, s } of full.values()) {
        const what = describeAttack(p, pump, s, fullLen);
        progress({ index: job.index, input: what });
        const ms = run(build(p, pump, s, fullLen));
        execs++;
        if (ms > worstMs) {
          worstMs = ms;
          worstInput = what;
        }
        if (ms > limitMs) break;
      }
      out.push({ index: job.index, worstMs, worstInput, execs });
    }
    return out;
  },

  /** Functions that build regular expressions at run time, called with adversarial inputs. */
  parseLooseDate({ input }: { input: string }) {
    const { parseLooseDate } = require('../../server/src/core/queries/dates') as typeof import('../../server/src/core/queries/dates');
    const t0 = performance.now();
    parseLooseDate(input);
    parseLooseDate(input, { shortYear: true });
    return { ms: performance.now() - t0 };
  },
  definitionInPaper({ text, acronym }: { text: string; acronym: string }) {
    const { parsePaper } = core();
    const { definitionInPaper } = require('../../server/src/core/acronyms') as typeof import('../../server/src/core/acronyms');
    const { usedBefore } = require('../../server/src/server/service/acronyms') as typeof import('../../server/src/server/service/acronyms');
    const paper = parsePaper(text);
    const t0 = performance.now();
    definitionInPaper(paper, acronym);
    usedBefore(paper, acronym, text.length);
    return { ms: performance.now() - t0 };
  },
  loadProfileFile({ file }: { file: string }) {
    const { loadProfileFile } = require('../../server/src/node/profile-loader') as typeof import('../../server/src/node/profile-loader');
    const t0 = performance.now();
    const h0 = heap();
    let error: string | null = null;
    let errorName: string | null = null;
    try {
      loadProfileFile(file);
    } catch (e) {
      error = String((e as Error).message).slice(0, 300);
      errorName = (e as Error).name;
    }
    return { ms: performance.now() - t0, heapGrowth: heap() - h0, error, errorName };
  },
  loadRiskRegister({ file }: { file: string }) {
    const { loadRiskRegister } = require('../../server/src/node/profile-loader') as typeof import('../../server/src/node/profile-loader');
    const t0 = performance.now();
    let error: string | null = null;
    try {
      loadRiskRegister(file);
    } catch (e) {
      error = String((e as Error).message).slice(0, 300);
    }
    return { ms: performance.now() - t0, error };
  },
  collectPapers({ folder, meeting, date }: { folder: string; meeting: string; date: string }) {
    const { collectPapers } = require('../../server/src/pack/collect') as typeof import('../../server/src/pack/collect');
    const t0 = performance.now();
    let error: string | null = null;
    try {
      collectPapers({ folder, meeting, date } as never);
    } catch (e) {
      error = String((e as Error).message).slice(0, 300);
    }
    return { ms: performance.now() - t0, error };
  },
};

parentPort!.on('message', (msg: { id: number; task: string; args: unknown }) => {
  const progress = (p: unknown) => parentPort!.postMessage({ id: msg.id, progress: p });
  try {
    const fn = tasks[msg.task];
    if (!fn) throw new Error(`unknown task ${msg.task}`);
    const result = fn(msg.args, progress);
    // An asynchronous task (the PDF pack) replies when it settles.
    if (result instanceof Promise) {
      result.then(
        (r) => parentPort!.postMessage({ id: msg.id, ok: true, result: r }),
        (e) => parentPort!.postMessage({ id: msg.id, ok: false, error: String((e as Error)?.stack ?? e).slice(0, 2000) }),
      );
    } else parentPort!.postMessage({ id: msg.id, ok: true, result });
  } catch (e) {
    parentPort!.postMessage({ id: msg.id, ok: false, error: String((e as Error)?.stack ?? e).slice(0, 2000) });
  }
});
