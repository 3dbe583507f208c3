/** Run the built CLI as a user would: `node dist/cli.js …`. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { ensureBuilt, repoRoot } from './build';

export { repoRoot };
export const cliPath = path.join(repoRoot, 'dist', 'cli.js');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], cwd = repoRoot): CliResult {
  ensureBuilt();
  const r = spawnSync(process.execPath, [cliPath, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function tempDir(prefix = 'boardpaper-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Copy a fixture tree into a fresh temp folder and return the folder. */
export function copyToTemp(src: string): string {
  const dir = tempDir();
  fs.cpSync(src, path.join(dir, path.basename(src)), { recursive: true });
  return dir;
}
