/**
 * Analysis time per paper: the core's `analyze` against the floor of parsing
 * the same text with remark alone (unified + remark-parse + remark-frontmatter),
 * measured in the same process, interleaved, after a warm-up; medians.
 * Also: where the time goes (parsePaper vs each rule) on both papers.
 */
import * as fs from 'node:fs';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import { analyze, meetingDateOf } from '../../server/src/core/analyze';
import { parsePaper } from '../../server/src/core/paper';
import { RULES } from '../../server/src/core/rules';
import type { RuleContext } from '../../server/src/core/rule';
import { ProfileResolver, matchesPaperGlobs } from '../../server/src/node/profile-loader';
import { fmtMs, median, round, summarise, timeBoth } from '../lib/stats';
import { figure, type Bench, type BenchContext, type Figure } from '../lib/types';

const floor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']);

interface Case {
  name: string;
  file: string;
  warm: number;
  n: number;
}

function measure(c: Case, ctx: BenchContext) {
  const text = fs.readFileSync(c.file, 'utf8');
  const loaded = new ProfileResolver({}).forFile(c.file);
  const profile = loaded.profile;
  const opts = { matchesPaperGlob: matchesPaperGlobs(c.file, loaded) };
  const check = analyze(text, profile, opts);
  if (!check.isPaper) throw new Error(`${c.file} is not a board paper`);
  for (let i = 0; i < c.warm; i++) {
    floor.parse(text);
    analyze(text, profile, opts);
  }
  const parse: { wall: number; cpu: number }[] = [];
  const full: { wall: number; cpu: number }[] = [];
  for (let i = 0; i < c.n; i++) {
    // Interleaved, alternating which goes first, so drift and GC hit both alike.
    if (i % 2) {
      parse.push(timeBoth(() => floor.parse(text)));
      full.push(timeBoth(() => analyze(text, profile, opts)));
    } else {
      full.push(timeBoth(() => analyze(text, profile, opts)));
      parse.push(timeBoth(() => floor.parse(text)));
    }
  }
  // Breakdown: the paper model, then each rule on that model.
  const nb = Math.max(3, Math.min(c.n, 15));
  const model: number[] = [];
  for (let i = 0; i < nb; i++) model.push(timeBoth(() => parsePaper(text)).cpu);
  const paper = parsePaper(text);
  const rules: { rule: string; ms: number }[] = [];
  for (const rule of RULES) {
    const rctx: RuleContext = { paper, profile, meetingDate: meetingDateOf(paper), report: () => undefined };
    const t: number[] = [];
    for (let i = 0; i < nb; i++) t.push(timeBoth(() => rule.check(rctx)).cpu);
    rules.push({ rule: rule.id, ms: round(median(t), 3) });
  }
  rules.sort((a, b) => b.ms - a.ms);
  // The ratio is taken on CPU time (steady on a shared machine); wall clock is kept alongside.
  const p = median(parse.map((x) => x.cpu));
  const a = median(full.map((x) => x.cpu));
  const pw = median(parse.map((x) => x.wall));
  const aw = median(full.map((x) => x.wall));
  ctx.log(`  ${c.name}: analyze ${a.toFixed(2)} ms, remark ${p.toFixed(2)} ms (CPU), ratio ${(a / p).toFixed(2)} (wall ${(aw / pw).toFixed(2)}); parsePaper ${median(model).toFixed(2)} ms; top rule ${rules[0]?.rule} ${rules[0]?.ms} ms`);
  return {
    bytes: Buffer.byteLength(text),
    findings: check.findings.length,
    analyzeCpuMs: summarise(full.map((x) => x.cpu)),
    remarkCpuMs: summarise(parse.map((x) => x.cpu)),
    analyzeWallMs: summarise(full.map((x) => x.wall)),
    remarkWallMs: summarise(parse.map((x) => x.wall)),
    ratio: round(a / p),
    ratioWall: round(aw / pw),
    parsePaperMs: round(median(model), 3),
    rulesTotalMs: round(rules.reduce((s, r) => s + r.ms, 0), 3),
    rules: rules.slice(0, 8),
  };
}

export const analyzeBench: Bench = {
  name: 'analyze',
  description: 'core analyze vs remark parse floor (15 KB and 1 MB papers)',
  async run(ctx) {
    const q = ctx.quick;
    const cases: Case[] = [
      { name: '15 KB', file: ctx.corpus.typical, warm: q ? 20 : 100, n: q ? 40 : 300 },
      { name: '1 MB', file: ctx.corpus.large, warm: q ? 1 : 3, n: q ? 3 : 11 },
    ];
    const figures: Figure[] = [];
    const extra: Record<string, unknown> = {};
    for (const c of cases) {
      const r = measure(c, ctx);
      extra[c.name] = r;
      figures.push(
        figure({
          id: `analyze-ratio-${c.name === '1 MB' ? '1mb' : '15kb'}`,
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
