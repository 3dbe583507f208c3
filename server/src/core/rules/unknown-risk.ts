/**
 * unknown-risk: a `risks.items[].id` that is not in the profile's risk
 * register. Only when the profile configures a register.
 *
 * Ids are compared as written (`scalarText`): an unquoted `019` loads as the
 * number 19, but the author wrote 019. The fix replaces the id when one
 * register id is certainly meant: the same id but for leading zeros, case or
 * spacing (`19` → `"019"`), or else the single id one edit away.
 */
import { distance } from 'fastest-levenshtein';
import { defineRule, fix, replaceScalar } from '../rule';
import type { RiskRegister } from '../profile';
import { registerEntry, riskItems } from '../queries/risks';

function canonicalId(s: string): string {
  return s
    .toUpperCase()
    .replace(/\s+/g, '')
    .replace(/(^|\D)0+(?=\d)/g, '$1');
}

/** The register id certainly meant by `id`, if exactly one. */
export function closestRiskId(register: RiskRegister, id: string): string | undefined {
  const ids = [...new Set(register.entries.map((e) => String(e.id).trim()).filter(Boolean))];
  const c = canonicalId(id);
  const same = ids.filter((r) => canonicalId(r) === c);
  if (same.length === 1) return same[0];
  if (same.length > 1) return undefined;
  let best = Infinity;
  let hits: string[] = [];
  for (const r of ids) {
    const d = distance(id.toUpperCase(), r.toUpperCase());
    if (d < best) {
      best = d;
      hits = [r];
    } else if (d === best) hits.push(r);
  }
  return best === 1 && hits.length === 1 ? hits[0] : undefined;
}

function registerName(register: RiskRegister): string {
  const f = register.file.split(/[\\/]/).pop();
  return f ? `the risk register (${f})` : 'the risk register';
}

export const rule = defineRule({
  id: 'unknown-risk',
  severity: 'warning',
  description: "A risk reference is not in the profile's risk register.",
  fixable: true,
  check({ paper, profile, report }) {
    const register = profile.risk_register;
    if (!register || !Array.isArray(register.entries)) return;
    for (const r of riskItems(paper)) {
      if (!r.id || !r.idNode || r.idNode.kind !== 'scalar') continue;
      if (registerEntry(register, r.id)) continue;
      const closest = closestRiskId(register, r.id);
      const base = `Risk "${r.id}" is not in ${registerName(register)}. The meeting relies on the cover sheet to find the risks the paper affects; a reference that is not on the register cannot be followed up.`;
      const edit = closest ? replaceScalar(paper, r.idNode, closest, r.inFlow) : undefined;
      report({
        message: closest
          ? `${base} Did you mean ${closest} ("${registerEntry(register, closest)?.title ?? ''}")?`
          : `${base} Check the id against the register, or add the risk to the register first.`,
        range: { start: r.idNode.start, end: r.idNode.end },
        ...(closest && edit ? { fix: fix(`Replace ${r.id} with "${closest}"`, edit) } : {}),
      });
    }
  },
});
