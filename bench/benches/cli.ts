/**
 * The command line, as a user runs it (the built dist/cli.js in its own process):
 * - whole-folder check of the 1,000 papers against markdownlint-cli2 on the
 *   same files, alternating, same run;
 * - `boardpaper pack` of a 30-paper meeting, HTML and PDF.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { packArgs, runTimed, type Timed } from '../lib/proc';
import { fmtMs, median, round } from '../lib/stats';
import { figure, unavailable, type Bench, type BenchContext } from '../lib/types';

/** The production CLI bundle (bench/run.ts builds it). */
const cli = (ctx: BenchContext) => path.join(ctx.dist, 'cli.js');

function markdownlintBin(root: string): string | null {
  try {
    const dir = path.join(root, 'node_modules', 'markdownlint-cli2');
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { bin?: Record<string, string> | string; version?: string };
    const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin?.['markdownlint-cli2'];
    return bin ? path.join(dir, bin) : null;
  } catch {
    return null;
  }
}

const summary = (runs: Timed[]) => ({
  runs: runs.length,
  wallMs: round(median(runs.map((r) => r.wallMs)), 1),
  cpuMs: round(median(runs.map((r) => r.cpuMs)), 1),
  allWallMs: runs.map((r) => round(r.wallMs, 0)),
});

export const checkBench: Bench = {
  name: 'check',
  description: 'boardpaper check --format json on 1,000 papers vs markdownlint-cli2',
  async run(ctx: BenchContext) {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bp-bench-check-'));
    const rel = path.relative(ctx.root, ctx.corpus.many) || '.';
    const bp = ['node', cli(ctx), 'check', '--format', 'json', rel];
    const mlBin = markdownlintBin(ctx.root);
    const ml = mlBin ? ['node', mlBin, `${rel}/**/*.md`] : null;
    const runs = ctx.quick ? 1 : 3;
    const a: Timed[] = [];
    const b: Timed[] = [];
    try {
      for (let i = 0; i < runs; i++) {
        // Alternate which goes first.
        const order = i % 2 ? ['ml', 'bp'] : ['bp', 'ml'];
        for (const which of order) {
          if (which === 'bp') {
            const r = await runTimed(bp, { cwd: ctx.root, stdoutFile: path.join(tmp, 'bp.json'), timeoutMs: 600_000 });
            if (r.code !== 0 && r.code !== 1) throw new Error(`boardpaper check exited ${r.code}: ${r.stderr.slice(0, 500)}`);
            a.push(r);
          } else if (ml) {
            const r = await runTimed(ml, { cwd: ctx.root, stdoutFile: path.join(tmp, 'ml.txt'), timeoutMs: 600_000 });
            if (r.code !== 0 && r.code !== 1) throw new Error(`markdownlint-cli2 exited ${r.code}: ${r.stderr.slice(0, 500)}`);
            b.push(r);
          }
        }
      }
      const out = JSON.parse(fs.readFileSync(path.join(tmp, 'bp.json'), 'utf8')) as { diagnostics: unknown[] }[];
      const findings = out.reduce((n, f) => n + f.diagnostics.length, 0);
      const A = summary(a);
      const details: Record<string, unknown> = { papers: out.length, findings, boardpaper: A };
      if (!ml) {
        ctx.log(`  boardpaper check ${fmtMs(A.wallMs)}; markdownlint-cli2 not installed`);
        return {
          figures: [
            figure({
              id: 'check-vs-markdownlint',
              label: 'check 1,000 papers ÷ markdownlint-cli2',
              value: null,
              unit: 'x',
              measured: `n/a (markdownlint-cli2 not installed; check took ${fmtMs(A.wallMs)})`,
              target: '< 1× (faster)',
              details,
            }),
          ],
          extra: details,
        };
      }
      const B = summary(b);
      details.markdownlint = B;
      details.ratioWall = round(A.wallMs / B.wallMs);
      details.ratioCpu = round(A.cpuMs / B.cpuMs);
      ctx.log(
        `  boardpaper ${fmtMs(A.wallMs)} (CPU ${fmtMs(A.cpuMs)}), markdownlint-cli2 ${fmtMs(B.wallMs)} (CPU ${fmtMs(B.cpuMs)}); ${out.length} papers, ${findings} findings`,
      );
      const ratio = round(A.wallMs / B.wallMs);
      return {
        figures: [
          figure({
            id: 'check-vs-markdownlint',
            label: 'check 1,000 papers ÷ markdownlint-cli2 (same files)',
            value: ratio,
            unit: 'x',
            measured: `${ratio.toFixed(2)}× (${fmtMs(A.wallMs)} vs ${fmtMs(B.wallMs)})`,
            target: '< 1× (faster)',
            max: 0.9999,
            details,
          }),
        ],
        extra: details,
      };
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  },
};

export const packBench: Bench = {
  name: 'pack',
  description: 'boardpaper pack, 30-paper meeting, HTML and PDF',
  async run(ctx: BenchContext) {
    const help = spawnSync(process.execPath, [cli(ctx), 'pack', '--help'], { cwd: ctx.root, encoding: 'utf8' });
    const ids = [
      { id: 'pack-html-30', label: 'pack, 30 papers, HTML', format: 'html', max: 1 },
      { id: 'pack-pdf-30', label: 'pack, 30 papers, PDF', format: 'pdf', max: 5 },
    ];
    if (help.status !== 0) return { figures: ids.map((x) => unavailable(x.id, x.label, `≤ ${x.max} s`, 'pack unavailable')) };
    const m = ctx.corpus.meeting;
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bp-bench-pack-'));
    const runs = ctx.quick ? 1 : 5;
    const extra: Record<string, unknown> = {};
    // What any CLI run costs before it does anything: node + loading the bundle.
    const startup: Timed[] = [];
    for (let i = 0; i < runs + 1; i++)
      startup.push(await runTimed(['node', cli(ctx), '--version'], { cwd: ctx.root, stdoutFile: path.join(tmp, 'version.txt') }));
    extra.startup = summary(startup.slice(1));
    // And checking the same 30 papers (pack checks them too).
    const checks: Timed[] = [];
    for (let i = 0; i < runs; i++)
      checks.push(
        await runTimed(['node', cli(ctx), 'check', '--format', 'json', path.relative(ctx.root, m.dir)], {
          cwd: ctx.root,
          stdoutFile: path.join(tmp, 'check.json'),
        }),
      );
    extra.check30 = summary(checks);
    ctx.log(`  cli startup ${fmtMs(summary(startup.slice(1)).wallMs)}; check of the 30 papers ${fmtMs(summary(checks).wallMs)}`);
    const figures = [];
    try {
      for (const x of ids) {
        const out = path.join(tmp, `pack.${x.format}`);
        // The private part is the full pack (Part 1 and Part 2): all 30 papers.
        const argv = ['node', cli(ctx), ...packArgs(path.relative(ctx.root, m.dir), m.meeting, m.date, x.format, out)];
        const rs: Timed[] = [];
        let failure = '';
        for (let i = 0; i < runs + 1; i++) {
          const r = await runTimed(argv, { cwd: ctx.root, stdoutFile: path.join(tmp, 'stdout.txt'), timeoutMs: 300_000 });
          if (r.code !== 0 || !fs.existsSync(out)) {
            failure = `exit ${r.code}: ${r.stderr.trim().split('\n')[0] ?? ''}`;
            break;
          }
          if (i > 0) rs.push(r); // the first run warms the file cache
        }
        if (failure) {
          figures.push(unavailable(x.id, x.label, `≤ ${x.max} s`, `pack failed: ${failure.slice(0, 80)}`));
          continue;
        }
        const s = summary(rs);
        const d = { ...s, bytes: fs.statSync(out).size, stdout: fs.readFileSync(path.join(tmp, 'stdout.txt'), 'utf8').split('\n')[0] };
        extra[x.format] = d;
        ctx.log(`  pack ${x.format}: ${fmtMs(s.wallMs)} (CPU ${fmtMs(s.cpuMs)}), ${(d.bytes / 1024).toFixed(0)} KB`);
        figures.push(
          figure({
            id: x.id,
            label: x.label,
            value: round(s.wallMs / 1000, 2),
            unit: 's',
            measured: fmtMs(s.wallMs),
            target: `≤ ${x.max} s`,
            max: x.max,
            details: d,
          }),
        );
      }
      // One meeting's pack from a folder holding a year of papers (the 1,000-paper
      // workspace): only that meeting's papers are analysed, the others' cover
      // sheets read (docs/performance.md). Informational: no target of its own.
      const year = path.join(ctx.corpus.many, 'papers');
      const days = fs.readdirSync(year).map((d) => ({ d, n: fs.readdirSync(path.join(year, d)).filter((f) => f.endsWith('.md')).length }));
      const day = days.sort((a, b) => b.n - a.n || a.d.localeCompare(b.d))[0];
      const first = day && fs.readdirSync(path.join(year, day.d)).find((f) => f.endsWith('.md'));
      const meetingName = first && /^meeting:\s*"?([^"\n]+?)"?\s*$/m.exec(fs.readFileSync(path.join(year, day.d, first), 'utf8'))?.[1];
      const ofMeeting =
        day && meetingName
          ? fs
              .readdirSync(path.join(year, day.d))
              .filter((f) => f.endsWith('.md') && fs.readFileSync(path.join(year, day.d, f), 'utf8').includes(`meeting: ${meetingName}\n`)).length
          : 0;
      if (day && meetingName) {
        const out = path.join(tmp, 'year.html');
        const argv = ['node', cli(ctx), ...packArgs(path.relative(ctx.root, year), meetingName, day.d, 'html', out)];
        const rs: Timed[] = [];
        for (let i = 0; i < runs + 1; i++) {
          const r = await runTimed(argv, { cwd: ctx.root, stdoutFile: path.join(tmp, 'stdout.txt'), timeoutMs: 300_000 });
          if (r.code !== 0) break;
          if (i > 0) rs.push(r);
        }
        if (rs.length) {
          const s = summary(rs);
          extra.yearFolder = { ...s, papers: ofMeeting, meeting: meetingName, date: day.d };
          ctx.log(`  pack html of one meeting (${ofMeeting} papers) from the 1,000-paper folder: ${fmtMs(s.wallMs)} (CPU ${fmtMs(s.cpuMs)})`);
          figures.push(
            figure({
              id: 'pack-html-year-folder',
              label: `pack, one meeting (${ofMeeting} papers) from a 1,000-paper folder, HTML`,
              value: round(s.wallMs / 1000, 2),
              unit: 's',
              measured: fmtMs(s.wallMs),
              target: 'informational (only the meeting is analysed)',
            }),
          );
        }
      }
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
    return { figures, extra };
  },
};
