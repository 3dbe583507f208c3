/**
 * The VS Code extension, approximately (no VS Code here):
 * - activation: require() of the bundle with a stub `vscode` module plus
 *   activate() with a fake context, each in a fresh Node process (cold
 *   require); two workspaces: one without papers (activate returns without
 *   starting the language client) and one with papers (activate starts the
 *   client in the background and returns; the time until the forked real
 *   server has answered `initialize` is reported apart, as server ready);
 * - the .vsix: `npm run package` in a temporary copy of the repository (so the
 *   production build does not replace the dev build in dist/ under anyone's
 *   feet), then its size; the production extension.js it builds is measured
 *   for activation too.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fmtMs, median, round, summarise } from '../lib/stats';
import { figure, unavailable, type Bench, type BenchContext, type Figure } from '../lib/types';

interface Activation {
  requireMs: number;
  requireCpuMs: number;
  activateMs: number;
  /** activate() called → the language server started in the background is ready (null when not started). */
  readyMs?: number | null;
  started: string;
  error?: string;
}

function activateOnce(ctx: BenchContext, bundle: string, papers: boolean): Activation {
  const script = path.join(ctx.root, 'bench', 'lib', 'ext-activate.cjs');
  const r = spawnSync(process.execPath, [script, bundle, ...(papers ? ['papers'] : [])], { cwd: ctx.root, encoding: 'utf8', timeout: 60_000 });
  const line = r.stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(line) as Activation;
  } catch {
    return { requireMs: NaN, requireCpuMs: NaN, activateMs: NaN, started: 'n/a', error: (r.stderr || line || `exit ${r.status}`).slice(0, 300) };
  }
}

function activation(ctx: BenchContext, bundle: string, papers: boolean, n: number) {
  const runs: Activation[] = [];
  for (let i = 0; i < n; i++) runs.push(activateOnce(ctx, bundle, papers));
  const bad = runs.find((r) => r.error);
  if (bad) return { error: bad.error! };
  const total = runs.map((r) => r.requireMs + r.activateMs);
  return {
    n,
    totalMs: summarise(total),
    requireMs: round(median(runs.map((r) => r.requireMs))),
    requireCpuMs: round(median(runs.map((r) => r.requireCpuMs))),
    activateMs: round(median(runs.map((r) => r.activateMs))),
    serverReadyMs: runs.every((r) => typeof r.readyMs === 'number') ? round(median(runs.map((r) => r.readyMs!))) : null,
    started: runs[0]!.started,
    bundleBytes: fs.statSync(bundle).size,
  };
}

/** `npm run package` in a copy of the repository; returns the copy's folder. */
function packageInCopy(ctx: BenchContext): { dir: string; vsix: string | null; log: string; ms: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bp-bench-vsix-'));
  const skip = new Set(['node_modules', '.git', 'dist', '.vscode-test', 'coverage', 'out']);
  for (const e of fs.readdirSync(ctx.root)) {
    if (skip.has(e) || e.endsWith('.vsix')) continue;
    fs.cpSync(path.join(ctx.root, e), path.join(dir, e), {
      recursive: true,
      filter: (src) => !src.startsWith(ctx.corpus.dir),
    });
  }
  fs.symlinkSync(path.join(ctx.root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  const t0 = Date.now();
  const r = spawnSync('npm', ['run', 'package'], { cwd: dir, encoding: 'utf8', timeout: 300_000, stdio: ['ignore', 'pipe', 'pipe'] });
  const vsix = path.join(dir, 'boardpaper.vsix');
  return {
    dir,
    vsix: r.status === 0 && fs.existsSync(vsix) ? vsix : null,
    log: `${r.stdout}\n${r.stderr}`.trim().split('\n').slice(-3).join(' | '),
    ms: Date.now() - t0,
  };
}

export const extensionBench: Bench = {
  name: 'extension',
  description: 'extension activation (stub vscode) and .vsix size',
  async run(ctx) {
    const n = ctx.quick ? 3 : 10;
    const figures: Figure[] = [];
    const extra: Record<string, unknown> = {};
    const dev = path.join(ctx.root, 'dist', 'extension.js');

    // The .vsix first: its production bundle is measured below as well.
    const pkg = packageInCopy(ctx);
    try {
      if (pkg.vsix) {
        const bytes = fs.statSync(pkg.vsix).size;
        const list = spawnSync('unzip', ['-l', pkg.vsix], { encoding: 'utf8' });
        const files = /(\d+)\s+files?\s*$/m.exec(list.stdout ?? '')?.[1];
        extra.vsix = { bytes, mib: round(bytes / 1048576, 3), files: files ? Number(files) : null, packageMs: pkg.ms };
        ctx.log(`  vsix ${(bytes / 1048576).toFixed(2)} MiB (${bytes} bytes)`);
        figures.push(
          figure({
            id: 'vsix-size',
            label: '.vsix size',
            value: round(bytes / 1048576, 2),
            unit: 'MB',
            measured: `${(bytes / 1048576).toFixed(2)} MiB (${bytes.toLocaleString('en-GB')} bytes)`,
            target: '≤ 2 MB',
            max: 2,
            details: extra.vsix,
          }),
        );
      } else {
        extra.vsix = { error: pkg.log };
        figures.push(unavailable('vsix-size', '.vsix size', '≤ 2 MB', `npm run package failed: ${pkg.log.slice(0, 80)}`));
      }

      if (!fs.existsSync(dev)) {
        figures.unshift(unavailable('extension-activation', 'extension activation', '≤ 100 ms', 'dist/extension.js missing'));
        return { figures, extra };
      }
      const bundles: [string, string][] = [['dev', dev]];
      const prod = path.join(pkg.dir, 'dist', 'extension.js');
      if (pkg.vsix && fs.existsSync(prod)) bundles.push(['production', prod]);
      const results: Record<string, unknown> = {};
      for (const [name, bundle] of bundles) {
        results[name] = { noPapers: activation(ctx, bundle, false, n), papers: activation(ctx, bundle, true, Math.max(3, Math.ceil(n / 2))) };
      }
      extra.activation = results;
      const best = (results.production ?? results.dev) as { noPapers: ReturnType<typeof activation>; papers: ReturnType<typeof activation> };
      const which = results.production ? 'production bundle' : 'dev bundle';
      const fig = (id: string, label: string, a: ReturnType<typeof activation>) =>
        'error' in a
          ? unavailable(id, label, '≤ 100 ms', `stub failed: ${String(a.error).slice(0, 60)}`)
          : figure({
              id,
              label,
              value: round(a.totalMs.p50, 1),
              unit: 'ms',
              measured: `${fmtMs(a.totalMs.p50)} (require ${fmtMs(a.requireMs)} [CPU ${fmtMs(a.requireCpuMs)}] + activate ${fmtMs(a.activateMs)})`,
              target: '≤ 100 ms',
              max: 100,
              note: `${which}, stub vscode; ${a.started}${a.serverReadyMs !== null ? `, server ready ${fmtMs(a.serverReadyMs)} after activate() was called (in the background)` : ''}`,
              details: a,
            });
      figures.unshift(
        fig('extension-activation', `extension activation, workspace without papers (${which})`, best.noPapers),
        fig('extension-activation-papers', `extension activation, workspace with papers (${which})`, best.papers),
      );
      for (const [name, r] of Object.entries(results) as [string, { noPapers: ReturnType<typeof activation>; papers: ReturnType<typeof activation> }][]) {
        const s = (a: ReturnType<typeof activation>) => ('error' in a ? `error ${a.error}` : `${fmtMs(a.totalMs.p50)} (require ${fmtMs(a.requireMs)})`);
        ctx.log(`  activation, ${name}: no papers ${s(r.noPapers)}; papers ${s(r.papers)}`);
      }
      return { figures, extra };
    } finally {
      fs.rmSync(pkg.dir, { recursive: true, force: true });
    }
  },
};
