/**
 * Hot spots, with `node --cpu-prof`:
 * - the core's analyze of the 1 MB and the 15 KB paper (the bundled harness,
 *   built like dist/);
 * - the language server (dist/server.js) while it takes single-character
 *   edits on the 15 KB paper, and while it indexes the 1,000 papers.
 * Each profile is summarised, mapped back to the original files and lines
 * through the bundle's source map: self time by function, self time by owner
 * (a package, a core module, a rule), and inclusive time of the project's own
 * functions. The .cpuprofile files are kept in bench/corpus/profiles/ (open
 * them in Chrome DevTools or VS Code).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { harness, loadSourceMap, type SourceMapLookup } from '../lib/bundle';
import { BenchClient } from '../lib/lsp-client';
import { Rng } from '../lib/prng';
import { packArgs } from '../lib/proc';
import { sleep } from '../lib/stats';
import { editLatencies, workspaceOf } from './lsp';
import { round } from '../lib/stats';
import type { Bench, BenchContext } from '../lib/types';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
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

/** Where a frame's code comes from: the original file (through the source map) and line. */
function locate(cf: CallFrame, root: string, bundle: string, map: SourceMapLookup | null): { file: string; line: number } {
  const url = cf.url.replace(/^file:\/\//, '');
  if (map && url === bundle) {
    const o = map.original(cf.lineNumber, cf.columnNumber);
    if (o) return { file: o.source, line: o.line };
  }
  if (url.startsWith(root + '/')) return { file: url.slice(root.length + 1), line: cf.lineNumber + 1 };
  return { file: url, line: cf.lineNumber + 1 };
}

/** Who owns the code: a package, `core/<module>`, `rule <id>`, Node itself, GC. */
function ownerOf(file: string, cf: CallFrame): string {
  if (!file) return cf.functionName.startsWith('(') ? cf.functionName : '(native)';
  const nm = file.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = file.slice(nm + 'node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  const rule = /server\/src\/core\/rules\/([\w-]+)\.ts/.exec(file);
  if (rule) return `rule ${rule[1]}`;
  const mod = /server\/src\/([\w-]+)\/([\w/.-]+)\.ts/.exec(file);
  if (mod) return `${mod[1]}/${mod[2]}`;
  if (file.startsWith('node:')) return 'node (built-in)';
  return file;
}

const shortFile = (file: string) => {
  const nm = file.lastIndexOf('node_modules/');
  return nm >= 0 ? file.slice(nm + 'node_modules/'.length) : file;
};

export function summariseProfile(p: CpuProfile, root: string, bundle = '', map: SourceMapLookup | null = null, top = 15) {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const where = new Map(p.nodes.map((n) => [n.id, locate(n.callFrame, root, bundle, map)]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  for (let i = 0; i < p.samples.length; i++) self.set(p.samples[i]!, (self.get(p.samples[i]!) ?? 0) + (p.timeDeltas[i] ?? 0));
  const totalUs = [...self.values()].reduce((a, b) => a + b, 0);
  const idle = [...self.entries()].filter(([id]) => byId.get(id)!.callFrame.functionName === '(idle)').reduce((a, [, v]) => a + v, 0);
  const busy = totalUs - idle;
  const pct = (us: number) => round((100 * us) / busy, 1);
  const key = (id: number) => {
    const cf = byId.get(id)!.callFrame;
    const w = where.get(id)!;
    return `${cf.functionName || '(anonymous)'}\u0000${w.file ? `${shortFile(w.file)}:${w.line}` : ''}`;
  };

  const selfByFn = new Map<string, number>();
  const selfByOwner = new Map<string, number>();
  for (const [id, us] of self) {
    const cf = byId.get(id)!.callFrame;
    if (cf.functionName === '(idle)') continue;
    const k = key(id);
    const o = ownerOf(where.get(id)!.file, cf);
    selfByFn.set(k, (selfByFn.get(k) ?? 0) + us);
    selfByOwner.set(o, (selfByOwner.get(o) ?? 0) + us);
  }
  // Inclusive time of the project's own functions (each counted once per sample, recursion or not).
  const incl = new Map<string, number>();
  for (let i = 0; i < p.samples.length; i++) {
    const seen = new Set<string>();
    for (let id: number | undefined = p.samples[i]; id !== undefined; id = parent.get(id)) {
      const file = where.get(id)!.file;
      // The CLI's launcher runs everything else: its inclusive time says nothing.
      if (!file.startsWith('server/src/') || file === 'server/src/cli/launcher.ts') continue;
      const k = key(id);
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
  description: 'node --cpu-prof of analyze on the 1 MB and 15 KB papers: hot spots',
  async run(ctx: BenchContext) {
    const dir = path.join(ctx.corpus.dir, 'profiles');
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const js = await harness(ctx.root, ctx.corpus.dir);
    const map = fs.existsSync(`${js}.map`) ? loadSourceMap(`${js}.map`, ctx.root) : null;
    const cases = [
      { key: '1 MB', name: 'analyze-1mb', file: ctx.corpus.large, count: ctx.quick ? 2 : 5 },
      { key: '15 KB', name: 'analyze-15kb', file: ctx.corpus.typical, count: ctx.quick ? 100 : 400 },
    ];
    const extra: Record<string, unknown> = {};
    for (const c of cases) {
      const r = spawnSync(
        process.execPath,
        ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${c.name}.cpuprofile`, js, 'profile', c.file, String(c.count)],
        {
          cwd: ctx.root,
          encoding: 'utf8',
          timeout: 600_000,
        },
      );
      const file = path.join(dir, `${c.name}.cpuprofile`);
      if (r.status !== 0 || !fs.existsSync(file)) throw new Error(`profiling failed (exit ${r.status}): ${r.stderr.slice(0, 500)}`);
      const s = summariseProfile(JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile, ctx.root, js, map);
      ctx.log(`  ${c.count} analyses of the ${c.key} paper, ${s.sampledMs} ms sampled; profile: ${path.relative(ctx.root, file)}`);
      extra[c.key] = { analyses: c.count, profile: path.relative(ctx.root, file), ...s };
    }
    // A development build of its own (names not minified, source maps), so that the hot spots
    // read as the source's functions; the other benchmarks time the production bundles.
    const dev = path.join(ctx.root, 'bench', 'corpus', 'build', 'dev');
    execFileSync(process.execPath, ['scripts/build.mjs', '--outdir', path.relative(ctx.root, dev)], { cwd: ctx.root, stdio: 'pipe' });
    const server = path.join(dev, 'server.js');
    const serverMap = fs.existsSync(`${server}.map`) ? loadSourceMap(`${server}.map`, ctx.root) : null;
    const serverRuns = [
      {
        key: 'server: edits, 15 KB',
        name: 'server-edits-15kb',
        folder: workspaceOf(ctx.corpus.typical),
        work: async (c: BenchClient) => {
          const { uri } = await c.openTimed(ctx.corpus.typical);
          await editLatencies(c, uri, new Rng(7), ctx.quick ? 40 : 150, 0);
        },
      },
      { key: 'server: indexing 1,000 papers', name: 'server-index-1000', folder: ctx.corpus.many, work: async () => undefined },
    ];
    for (const sr of serverRuns) {
      const c = await BenchClient.start({
        serverPath: server,
        folders: [sr.folder],
        settings: { diagnosticsDelay: 0 },
        nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${sr.name}.cpuprofile`],
      });
      try {
        await c.progressEnd(300_000);
        await sr.work(c);
      } finally {
        await c.stop();
      }
      const file = path.join(dir, `${sr.name}.cpuprofile`);
      for (let i = 0; i < 50 && !fs.existsSync(file); i++) await sleep(100);
      if (!fs.existsSync(file)) throw new Error(`the server wrote no profile (${file})`);
      const s = summariseProfile(JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile, ctx.root, server, serverMap);
      ctx.log(`  ${sr.key}: ${s.sampledMs} ms sampled; profile: ${path.relative(ctx.root, file)}`);
      extra[sr.key] = { profile: path.relative(ctx.root, file), ...s };
    }
    // The pack (HTML), as the CLI runs it.
    const cli = path.join(dev, 'cli.js');
    const help = spawnSync(process.execPath, [cli, 'pack', '--help'], { cwd: ctx.root, encoding: 'utf8' });
    if (help.status === 0) {
      const m = ctx.corpus.meeting;
      const out = path.join(dir, 'pack.html');
      const r = spawnSync(
        process.execPath,
        ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-name=pack-html-30.cpuprofile', cli, ...packArgs(m.dir, m.meeting, m.date, 'html', out)],
        { cwd: ctx.root, encoding: 'utf8', timeout: 300_000 },
      );
      const file = path.join(dir, 'pack-html-30.cpuprofile');
      if (r.status === 0 && fs.existsSync(file)) {
        const cliMap = fs.existsSync(`${cli}.map`) ? loadSourceMap(`${cli}.map`, ctx.root) : null;
        const s = summariseProfile(JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile, ctx.root, cli, cliMap);
        ctx.log(`  pack, HTML, 30 papers: ${s.sampledMs} ms sampled; profile: ${path.relative(ctx.root, file)}`);
        extra['pack, HTML, 30 papers'] = { profile: path.relative(ctx.root, file), ...s };
      }
      fs.rmSync(out, { force: true });
    }
    return { figures: [], extra };
  },
};
