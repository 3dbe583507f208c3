/**
 * Applying fixes: one pure function, as markdownlint does. Fixes are taken
 * in document order; a fix whose edits overlap an edit already taken waits
 * for the next pass (the caller re-analyses and applies again).
 */
import type { Fix, TextEdit } from './types';

export interface FixResult {
  text: string;
  applied: Fix[];
  skipped: Fix[];
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  if (a.start === a.end) return a.start > b.start && a.start < b.end;
  if (b.start === b.end) return b.start > a.start && b.start < a.end;
  return a.start < b.end && b.start < a.end;
}

export function applyFixes(text: string, fixes: readonly Fix[]): FixResult {
  const taken: TextEdit[] = [];
  const applied: Fix[] = [];
  const skipped: Fix[] = [];
  const ordered = [...fixes].sort((a, b) => firstStart(a) - firstStart(b));
  const seen = new Set<string>();
  for (const f of ordered) {
    const sig = JSON.stringify(f.edits);
    if (seen.has(sig)) continue; // the same edit offered twice
    const valid = f.edits.every((e) => e.start >= 0 && e.end <= text.length && e.start <= e.end);
    if (!valid || f.edits.some((e) => taken.some((t) => overlaps(e, t)))) {
      skipped.push(f);
      continue;
    }
    seen.add(sig);
    taken.push(...f.edits);
    applied.push(f);
  }
  return { text: applyEdits(text, taken), applied, skipped };
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    out += text.slice(pos, e.start) + e.newText;
    pos = Math.max(pos, e.end);
  }
  return out + text.slice(pos);
}

function firstStart(f: Fix): number {
  return Math.min(...f.edits.map((e) => e.start));
}
