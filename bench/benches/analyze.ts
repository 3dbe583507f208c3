/**
 * Analysis time per paper: the core's `analyze` against the floor of parsing
 * the same text with remark alone (unified + remark-parse + remark-frontmatter),
 * measured in the same process (bench/harness.ts, bundled like dist/),
 * interleaved, after a warm-up; medians of CPU time. Also: where the time
 * goes (parsePaper vs each rule).
 */
import { spawnSync } from 'node:child_process';
import { harness } from '../lib/bundle';
import { fmtMs } from '../lib/stats';
import { figure, type Bench, type Figure } from '../lib/types';

interface Ratio {
  bytes: number;
  findings: number;
  analyzeCpuMs: { p50: number };
  remarkCpuMs: { p50: number };
  analyzeWallMs: { p50: number };
  remarkWallMs: { p50: number };
  ratio: number;
  ratioWall: number;
  parsePaperMs: number;
  rulesAndFinaliseMs: number;
  rulesSumMs: number;
  rules: { rule: string; ms: number }[];
}

export const analyzeBench: Bench = {
  name: 'analyze',
  description: 'core analyze vs remark parse floor (15 KB and 1 MB papers)',
  async run(ctx) {
    const q = ctx.quick;
    const js = await harness(ctx.root, ctx.corpus.dir);
    const cases = [
      { name: '15 KB', id: '15kb', file: ctx.corpus.typical, warm: q ? 20 : 100, n: q ? 40 : 300 },
      { name: '1 MB', id: '1mb', file: ctx.corpus.large, warm: q ? 1 : 3, n: q ? 3 : 21 },
    ];
    const figures: Figure[] = [];
    const extra: Record<string, unknown> = {};
    for (const c of cases) {
      const p = spawnSync(process.execPath, [js, 'ratio', c.file, String(c.warm), String(c.n)], {
        cwd: ctx.root,
        encoding: 'utf8',
        timeout: 900_000,
        maxBuffer: 1 << 24,
      });
      if (p.status !== 0) throw new Error(`harness ratio failed (exit ${p.status}): ${p.stderr.slice(0, 500)}`);
      const r = JSON.parse(p.stdout) as Ratio;
      extra[c.name] = r;
      ctx.log(
        `  ${c.name}: analyze ${fmtMs(r.analyzeCpuMs.p50)}, remark ${fmtMs(r.remarkCpuMs.p50)} (CPU), ratio ${r.ratio} (wall ${r.ratioWall}); parsePaper ${fmtMs(r.parsePaperMs)}, rules+finalise ${fmtMs(r.rulesAndFinaliseMs)} (top: ${r.rules[0]?.rule} ${fmtMs(r.rules[0]?.ms ?? NaN)})`,
      );
      figures.push(
        figure({
          id: `analyze-ratio-${c.id}`,
          label: `analyze ÷ remark parse, ${c.name} paper`,
          value: r.ratio,
          unit: 'x',
          measured: `${r.ratio.toFixed(2)}× (${fmtMs(r.analyzeCpuMs.p50)} vs ${fmtMs(r.remarkCpuMs.p50)})`,
          target: '≤ 1.3×',
          max: 1.3,
          details: r,
        }),
      );
    }
    return { figures, extra };
  },
};
