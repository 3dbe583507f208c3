import type { Corpus, Manifest } from '../corpus';

export interface Figure {
  /** Stable key in results.json. */
  id: string;
  /** What the table calls it. */
  label: string;
  /** The number compared with the target (unit below); null when not measured. */
  value: number | null;
  unit: 'ms' | 's' | 'x' | 'MB';
  /** As printed in the table. */
  measured: string;
  target: string;
  /** null: no target, or not measured. */
  met: boolean | null;
  note?: string;
  details?: unknown;
}

export interface BenchContext {
  root: string;
  /**
   * The production bundles, as shipped (`scripts/build.mjs --production`,
   * built by bench/run.ts into bench/corpus/build/dist/): the CLI, the
   * language server and the Word bundle are timed from here, not from the
   * development build in dist/.
   */
  dist: string;
  quick: boolean;
  corpus: Corpus;
  manifest: Manifest;
  log(message: string): void;
}

export interface BenchResult {
  figures: Figure[];
  /** Anything else worth keeping in results.json (breakdowns, hot spots). */
  extra?: Record<string, unknown>;
}

export interface Bench {
  name: string;
  description: string;
  run(ctx: BenchContext): Promise<BenchResult>;
}

export function figure(f: Omit<Figure, 'measured' | 'met'> & { measured?: string; target: string; max?: number }): Figure {
  const measured = f.measured ?? (f.value === null ? 'n/a' : `${f.value}${f.unit === 'x' ? '×' : ` ${f.unit}`}`);
  const met = f.value === null || f.max === undefined ? null : f.value <= f.max;
  const { max: _max, ...rest } = f;
  return { ...rest, measured, met };
}

export function unavailable(id: string, label: string, target: string, why: string): Figure {
  return { id, label, value: null, unit: 'ms', measured: `n/a (${why})`, target, met: null };
}
