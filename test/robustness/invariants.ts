/**
 * The invariants every analysis must keep, whatever the input: shared by the
 * tests (main thread) and the time-bounded worker.
 */
import type { Analysis } from '../../server/src/core/analyze';
import { RULE_IDS } from '../../server/src/core/rules';

/** Every way `a` breaks the contract for `text` (empty when it keeps it). */
export function invariantProblems(text: string, a: Analysis): string[] {
  const problems: string[] = [];
  const inside = (r: { start: number; end: number }) =>
    Number.isInteger(r.start) && Number.isInteger(r.end) && 0 <= r.start && r.start <= r.end && r.end <= text.length;
  for (const f of a.findings) {
    if (!RULE_IDS.includes(f.rule)) problems.push(`finding with a rule id not in the catalogue: ${f.rule}`);
    if (!inside(f.range)) problems.push(`${f.rule}: range ${f.range.start}-${f.range.end} outside 0-${text.length}`);
    for (const fx of [f.fix, ...(f.suggestions ?? [])]) {
      for (const e of fx?.edits ?? []) if (!inside(e)) problems.push(`${f.rule}: edit ${e.start}-${e.end} outside 0-${text.length}`);
    }
    if (typeof f.message !== 'string' || !f.message) problems.push(`${f.rule}: empty message`);
  }
  return problems;
}
