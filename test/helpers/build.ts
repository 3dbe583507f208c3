/**
 * The tests run the built bundles (dist/cli.js and its dist/cli-main.js,
 * dist/server.js) as users do.
 * `npm test` builds first; a single spec run (`npm run test:one -- FILE`)
 * would otherwise run against whatever bundle is lying there. This rebuilds,
 * once per test process, when a bundle is missing or older than any source
 * it is built from.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..');

const SOURCES = ['server/src', 'client/src', 'scripts/build.mjs', 'package.json', 'package-lock.json'];
const BUNDLES = ['dist/cli.js', 'dist/cli-main.js', 'dist/server.js'];

function newest(p: string): number {
  let st: fs.Stats;
  try {
    st = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let m = 0;
  for (const e of fs.readdirSync(p)) m = Math.max(m, newest(path.join(p, e)));
  return m;
}

let checked = false;

/** Build when a bundle is missing or stale (once per process). */
export function ensureBuilt(): void {
  if (checked) return;
  checked = true;
  const src = Math.max(...SOURCES.map((s) => newest(path.join(repoRoot, s))));
  const built = Math.min(...BUNDLES.map((b) => (fs.existsSync(path.join(repoRoot, b)) ? fs.statSync(path.join(repoRoot, b)).mtimeMs : 0)));
  if (built > 0 && built >= src && fs.existsSync(path.join(repoRoot, 'dist', 'fonts'))) return;
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'build.mjs')], { cwd: repoRoot, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`the build failed: ${r.stderr}`);
}
