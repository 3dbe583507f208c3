/**
 * The core measurements, run from a bundle built the way dist/ is built
 * (esbuild, CommonJS, remark bundled in), so that what is timed and profiled
 * is the code users run, not a development loader's transform of it.
 * bench/lib/bundle.ts builds it into bench/corpus/build/harness.js.
 *
 *   node harness.js ratio FILE WARM N                 analyze vs the remark floor; prints JSON
 *   node --cpu-prof … harness.js profile FILE COUNT   analyze COUNT times (for --cpu-prof)
 */
import * as fs from 'node:fs';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import { analyze, meetingDateOf } from '../server/src/core/analyze';
import { parsePaper } from '../server/src/core/paper';
import { RULES } from '../server/src/core/rules';
import type { RuleContext } from '../server/src/core/rule';
import { ProfileResolver, matchesPaperGlobs } from '../server/src/node/profile-loader';
import { median, round, summarise, timeBoth } from './lib/stats';

/** The floor: remark alone, exactly as the issue states it. */
const floor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']);

function load(file: string) {
  const text = fs.readFileSync(file, 'utf8');
  const loaded = new ProfileResolver({}).forFile(file);
  return { text, profile: loaded.profile, opts: { matchesPaperGlob: matchesPaperGlobs(file, loaded) } };
}

function ratio(file: string, warm: number, n: number) {
  const { text, profile, opts } = load(file);
  const check = analyze(text, profile, opts);
  if (!check.isPaper) throw new Error(`${file} is not a board paper`);
  for (let i = 0; i < warm; i++) {
    floor.parse(text);
    analyze(text, profile, opts);
  }
  type T = { wall: number; cpu: number };
  const parse: T[] = [];
  const full: T[] = [];
  const model: T[] = [];
  const rulesOnly: T[] = [];
  const paper = parsePaper(text);
  const steps: [T[], () => unknown][] = [
    [full, () => analyze(text, profile, opts)],
    [parse, () => floor.parse(text)],
    [model, () => parsePaper(text)],
    // The rules (and finalise) on a model already built, as incremental callers use it.
    [rulesOnly, () => analyze(text, profile, { ...opts, paper })],
  ];
  for (let i = 0; i < n; i++) {
    // Interleaved, rotating which goes first, so drift and GC hit all alike.
    for (let k = 0; k < steps.length; k++) {
      const [into, f] = steps[(i + k) % steps.length]!;
      into.push(timeBoth(f));
    }
  }
  // Each rule on its own (approximate: small numbers, not interleaved).
  const nb = Math.max(3, Math.min(n, 15));
  const rules: { rule: string; ms: number }[] = [];
  for (const rule of RULES) {
    const ctx: RuleContext = { paper, profile, meetingDate: meetingDateOf(paper), report: () => undefined };
    const t: number[] = [];
    for (let i = 0; i < nb; i++) t.push(timeBoth(() => rule.check(ctx)).cpu);
    rules.push({ rule: rule.id, ms: round(median(t), 3) });
  }
  rules.sort((a, b) => b.ms - a.ms);
  // The ratio is taken on CPU time (steady on a shared machine); wall clock is kept alongside.
  const cpu = (v: { cpu: number }[]) => v.map((x) => x.cpu);
  const wall = (v: { wall: number }[]) => v.map((x) => x.wall);
  return {
    bytes: Buffer.byteLength(text),
    findings: check.findings.length,
    analyzeCpuMs: summarise(cpu(full)),
    remarkCpuMs: summarise(cpu(parse)),
    analyzeWallMs: summarise(wall(full)),
    remarkWallMs: summarise(wall(parse)),
    ratio: round(median(cpu(full)) / median(cpu(parse))),
    ratioWall: round(median(wall(full)) / median(wall(parse))),
    parsePaperMs: round(median(cpu(model)), 3),
    rulesAndFinaliseMs: round(median(cpu(rulesOnly)), 3),
    rulesSumMs: round(
      rules.reduce((s, r) => s + r.ms, 0),
      3,
    ),
    rules: rules.slice(0, 8),
  };
}

function profile(file: string, count: number) {
  const { text, profile: p, opts } = load(file);
  let findings = 0;
  for (let i = 0; i < count; i++) findings = analyze(text, p, opts).findings.length;
  return { count, findings };
}

const [cmd, file, a, b] = process.argv.slice(2);
if (cmd === 'ratio' && file) process.stdout.write(JSON.stringify(ratio(file, Number(a ?? 10), Number(b ?? 50))) + '\n');
else if (cmd === 'profile' && file) process.stdout.write(JSON.stringify(profile(file, Number(a ?? 5))) + '\n');
else {
  process.stderr.write('usage: harness.js ratio FILE WARM N | profile FILE COUNT\n');
  process.exitCode = 2;
}
