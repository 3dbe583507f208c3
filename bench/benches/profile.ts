/**
 * Hot spots: `node --cpu-prof` on the core's analyze of the 1 MB paper, then
 * a summary of the profile: self time by function, self time by owner (a
 * package, a core module, a rule), and inclusive time of the project's own
 * functions. The .cpuprofile is kept in bench/corpus/profiles/ (open it in
 * Chrome DevTools or VS Code).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { round } from '../lib/stats';
import type { Bench, BenchContext } from '../lib/types';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface HotSpot {
  name: string;
  where: string;
  ms: number;
  percent: number;
}

function shortUrl(url: string, root: string): string {
  if (!url) return '';
  let u = url.replace(/^file:\/\//, '');
  const nm = u.lastIndexOf('/node_modules/');
  if (nm >= 0) return u.slice(nm + '/node_modules/'.length);
  if (u.startsWith(root + '/')) u = u.slice(root.length + 1);
  return u.replace(/^node:/, 'node:');
}

/** Who owns the code: a package, `core/<module>`, `rule <id>`, the LSP layer, Node itself, GC. */
function owner(cf: CallFrame, root: string): string {
  if (!cf.url) return cf.functionName.startsWith('(') ? cf.functionName : '(native)';
  const u = shortUrl(cf.url, root);
  if (cf.url.includes('/node_modules/')) {
    const parts = u.split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  const rule = /server\/src\/core\/rules\/([\w-]+)\.ts/.exec(u);
  if (rule) return `rule ${rule[1]}`;
  const core = /server\/src\/(core|node|server)\/([\w/-]+)\.ts/.exec(u);
  if (core) return `${core[1]}/${core[2]}`;
  if (u.startsWith('node:')) return 'node (built-in)';
  return u;
}

export function summariseProfile(p: CpuProfile, root: string, top = 15) {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  for (let i = 0; i < p.samples.length; i++) self.set(p.samples[i]!, (self.get(p.samples[i]!) ?? 0) + (p.timeDeltas[i] ?? 0));
  const totalUs = [...self.values()].reduce((a, b) => a + b, 0);
  const idle = [...self.entries()].filter(([id]) => byId.get(id)!.callFrame.functionName === '(idle)').reduce((a, [, v]) => a + v, 0);
  const busy = totalUs - idle;
  const pct = (us: number) => round((100 * us) / busy, 1);
  const key = (cf: CallFrame) => `${cf.functionName || '(anonymous)'}\u0000${shortUrl(cf.url, root)}:${cf.lineNumber + 1}`;

  const selfByFn = new Map<string, number>();
  const selfByOwner = new Map<string, number>();
  for (const [id, us] of self) {
    const cf = byId.get(id)!.callFrame;
    if (cf.functionName === '(idle)') continue;
    selfByFn.set(key(cf), (selfByFn.get(key(cf)) ?? 0) + us);
    selfByOwner.set(owner(cf, root), (selfByOwner.get(owner(cf, root)) ?? 0) + us);
  }
  // Inclusive time of the project's own functions (each counted once per sample, recursion or not).
  const incl = new Map<string, number>();
  for (let i = 0; i < p.samples.length; i++) {
    const seen = new Set<string>();
    for (let id: number | undefined = p.samples[i]; id !== undefined; id = parent.get(id)) {
      const cf = byId.get(id)!.callFrame;
      if (!cf.url.includes('/server/src/') || cf.url.includes('/node_modules/')) continue;
      const k = key(cf);
      if (seen.has(k)) continue;
      seen.add(k);
      incl.set(k, (incl.get(k) ?? 0) + (p.timeDeltas[i] ?? 0));
    }
  }
  const list = (m: Map<string, number>, n: number): HotSpot[] =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, us]) => {
        const [name, where = ''] = k.split('\u0000');
        return { name: name!, where, ms: round(us / 1000, 1), percent: pct(us) };
      });
  return {
    sampledMs: round(busy / 1000, 0),
    selfByFunction: list(selfByFn, top),
    selfByOwner: list(selfByOwner, top),
    inclusiveProjectFunctions: list(incl, top),
  };
}

export const profileBench: Bench = {
  name: 'profile',
  description: 'node --cpu-prof of analyze on the 1 MB paper: hot spots',
  async run(ctx: BenchContext) {
    const dir = path.join(ctx.corpus.dir, 'profiles');
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const count = ctx.quick ? 2 : 5;
    const r = spawnSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-name=analyze-1mb.cpuprofile', '--import=tsx', path.join(ctx.root, 'bench', 'profile-target.ts'), ctx.corpus.large, String(count)], {
      cwd: ctx.root,
      encoding: 'utf8',
      timeout: 600_000,
    });
    const file = path.join(dir, 'analyze-1mb.cpuprofile');
    if (r.status !== 0 || !fs.existsSync(file)) throw new Error(`profiling failed (exit ${r.status}): ${r.stderr.slice(0, 500)}`);
    const s = summariseProfile(JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile, ctx.root);
    ctx.log(`  ${count} analyses of the 1 MB paper, ${s.sampledMs} ms sampled; profile: ${path.relative(ctx.root, file)}`);
    return { figures: [], extra: { analyses: count, profile: path.relative(ctx.root, file), ...s } };
  },
};
