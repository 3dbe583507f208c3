/** Running a command and timing it: wall clock, and the CPU time of the command's processes. */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { now } from './stats';

export interface Timed {
  code: number | null;
  wallMs: number;
  /** User + system CPU time of the command and its children (bash `times`). */
  cpuMs: number;
  stderr: string;
}

const toMs = (s: string) => {
  const m = /^(\d+)m([\d.]+)s$/.exec(s.trim());
  return m ? (Number(m[1]) * 60 + Number(m[2])) * 1000 : NaN;
};

/**
 * Run `argv` (no shell interpretation of its words) with standard output to
 * `stdoutFile`; wall time measured here, CPU time by bash's `times` builtin.
 */
export function runTimed(argv: string[], opts: { cwd: string; stdoutFile: string; timeoutMs?: number; env?: NodeJS.ProcessEnv }): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const errFile = `${opts.stdoutFile}.stderr`;
    // "$@" keeps every word as given; `times` prints the children's user and system time last.
    const script = '"$@" >"$BENCH_OUT" 2>"$BENCH_ERR"; rc=$?; times >&2; exit $rc';
    const env = { ...process.env, ...opts.env, BENCH_OUT: opts.stdoutFile, BENCH_ERR: errFile };
    const t0 = now();
    const p = spawn('bash', ['-c', script, 'bench', ...argv], { cwd: opts.cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let times = '';
    p.stderr.on('data', (d) => (times += String(d)));
    const timer = opts.timeoutMs
      ? setTimeout(() => {
          p.kill('SIGKILL');
          reject(new Error(`${argv.join(' ')} did not finish within ${opts.timeoutMs} ms`));
        }, opts.timeoutMs)
      : undefined;
    p.on('error', reject);
    p.on('exit', (code) => {
      const wallMs = now() - t0;
      if (timer) clearTimeout(timer);
      const lines = times.trim().split('\n');
      const [user = '', sys = ''] = (lines[1] ?? '').split(/\s+/);
      let stderr = '';
      try {
        stderr = fs.readFileSync(errFile, 'utf8');
        fs.rmSync(errFile, { force: true });
      } catch {
        // none
      }
      resolve({ code, wallMs, cpuMs: toMs(user) + toMs(sys), stderr });
    });
  });
}

/** The words of `boardpaper pack` for one meeting's whole (private) pack, after the CLI's path. */
export function packArgs(folder: string, meeting: string, date: string, format: string, out: string): string[] {
  return ['pack', folder, '--meeting', meeting, '--date', date, '--format', format, '--part', 'private', '--out', out];
}
