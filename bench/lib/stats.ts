/** Small statistics and timing helpers for the benchmarks. */
import * as os from 'node:os';
import { performance } from 'node:perf_hooks';

export function quantile(values: readonly number[], q: number): number {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  // Nearest-rank: p95 of 20 values is the 19th, never an interpolation below a real sample.
  const rank = Math.min(s.length, Math.max(1, Math.ceil(q * s.length)));
  return s[rank - 1]!;
}

export const median = (v: readonly number[]) => {
  if (!v.length) return NaN;
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export interface Summary {
  n: number;
  min: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
}

export function summarise(v: readonly number[]): Summary {
  return {
    n: v.length,
    min: round(Math.min(...v)),
    p50: round(median(v)),
    p95: round(quantile(v, 0.95)),
    max: round(Math.max(...v)),
    mean: round(v.reduce((a, b) => a + b, 0) / (v.length || 1)),
  };
}

export function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export function now(): number {
  return performance.now();
}

// No forced GC between runs: a full collection (global.gc) also flushes
// bytecode and inline caches, which makes the next run several times slower
// than steady state (measured: 15 KB parse 4.7 ms steady, 43 ms after gc()).

/** Time `f` once, in milliseconds (wall clock). */
export function time(f: () => unknown): number {
  const t0 = now();
  f();
  return now() - t0;
}

/**
 * Time `f` once: wall clock and this process's CPU time (user + system), in
 * milliseconds. On a shared machine CPU time is the steadier measure of work
 * done; wall clock is what a user waits.
 */
export function timeBoth(f: () => unknown): { wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = now();
  f();
  const wall = now() - t0;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000 };
}

/** Load average of the machine (1, 5, 15 minutes) and its number of CPUs. */
export function machineLoad(): { load: number[]; cpus: number } {
  return { load: os.loadavg().map((x) => round(x)), cpus: os.cpus().length };
}

export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a';
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
