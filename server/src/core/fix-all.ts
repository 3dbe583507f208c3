/**
 * `--fix` and "fix all": apply every automatic fix, re-analysing between
 * passes so that fixes which touched the same text compose. Stops when
 * nothing is left to fix (a few passes at most); text with nothing fixable
 * comes back byte for byte.
 */
import { analyze, type AnalyzeOptions } from './analyze';
import { applyFixes } from './fix';
import type { Profile } from './profile';
import type { Fix } from './types';

export const MAX_FIX_PASSES = 5;

export interface FixAllResult {
  text: string;
  /** Every fix applied, across passes. */
  applied: Fix[];
  passes: number;
}

export function fixAll(text: string, profile: Profile, options: AnalyzeOptions = {}, onlyRule?: string): FixAllResult {
  let current = text;
  const applied: Fix[] = [];
  let passes = 0;
  while (passes < MAX_FIX_PASSES) {
    const { findings } = analyze(current, profile, { ...options, paper: undefined });
    const fixes = findings.filter((f) => f.fix && (!onlyRule || f.rule === onlyRule)).map((f) => f.fix!);
    if (!fixes.length) break;
    const r = applyFixes(current, fixes);
    if (!r.applied.length || r.text === current) break;
    passes++;
    applied.push(...r.applied);
    current = r.text;
  }
  return { text: current, applied, passes };
}
