/**
 * unknown-strategic-objective: a code in `strategic_objectives` that the
 * profile does not define (`SO7`, `S01` with a zero, `so1`, `SO 1`).
 *
 * The list is read as the other strategic objective rules read it
 * (`queries/objectives.ts`): an entry is a bare code (`SO1`), a code with
 * its wording in one string (`"SO2: To equalise…"`) or, in a block list or
 * a flow list, a one-key mapping (`- SO2: To equalise…`, `[SO2: …]`).
 *
 * The fix replaces the code text only, and only when one profile code is
 * certainly meant: the same code but for case, spacing, punctuation or a
 * zero written for the letter O (`S01`, `so1`, `SO 1`), or the single code
 * one edit away. `SO7` among SO1–SO6 is one edit from all six: no fix.
 */
import { distance } from 'fastest-levenshtein';
import { defineRule, fix, replaceNode } from '../rule';
import type { Profile } from '../profile';
import { isProfileCode, objectiveEntries } from '../queries/objectives';

/** Upper case, no spaces or punctuation, a zero read as the letter O. */
function canonicalCode(s: string): string {
  return s
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .replace(/0/g, 'O');
}

/** The profile code certainly meant by `code`, if exactly one. */
export function closestCode(profile: Profile, code: string): string | undefined {
  const codes = Object.keys(profile.strategic_objectives);
  const c = canonicalCode(code);
  if (!c) return undefined;
  const same = codes.filter((k) => canonicalCode(k) === c);
  if (same.length === 1) return same[0];
  if (same.length > 1) return undefined;
  let best = Infinity;
  let hits: string[] = [];
  for (const k of codes) {
    const d = distance(c, canonicalCode(k));
    if (d < best) {
      best = d;
      hits = [k];
    } else if (d === best) hits.push(k);
  }
  return best <= 1 && hits.length === 1 ? hits[0] : undefined;
}

export function codeList(profile: Profile): string {
  return Object.keys(profile.strategic_objectives).join(', ');
}

export const rule = defineRule({
  id: 'unknown-strategic-objective',
  severity: 'error',
  description: "A strategic objective code is not one of the profile's codes.",
  fixable: true,
  check({ paper, profile, report }) {
    const list = objectiveEntries(paper);
    if (!list || !profile.strategic_objectives) return;
    if (Object.keys(profile.strategic_objectives).length === 0) return;
    for (const e of list.entries) {
      if (isProfileCode(profile, e.code)) continue;
      const closest = closestCode(profile, e.code);
      const known = `the codes are ${codeList(profile)}`;
      const base = `"${e.code}" is not one of ${profile.organisation}'s strategic objectives (${known}). The meeting weighs the paper against the objectives it serves, so an unknown code leaves members unable to tell which one is meant.`;
      if (closest) {
        const edit = replaceNode(e.codeRange, closest);
        const f = fix(`Replace ${e.code} with ${closest}`, edit);
        report({
          message: `${base} Did you mean ${closest}?`,
          range: e.codeRange,
          ...(e.codeExact ? { fix: f } : {}),
        });
      } else {
        report({ message: `${base} Use one of the profile's codes.`, range: e.codeRange });
      }
    }
  },
});
