/**
 * risk-title-mismatch: a risk item's `title` is not the register's title for
 * its id (compared ignoring case, punctuation and spacing). Only when the
 * profile configures a register and the id is in it (an unknown id is
 * unknown-risk's). The fix writes the register's title.
 */
import { defineRule, fix, replaceScalar } from '../rule';
import { registerEntry, riskItems } from '../queries/risks';

function normaliseTitle(s: string): string {
  return s
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

export const rule = defineRule({
  id: 'risk-title-mismatch',
  severity: 'info',
  description: "A risk reference's title differs from the risk register's title for that id.",
  fixable: true,
  check({ paper, profile, report }) {
    const register = profile.risk_register;
    if (!register || !Array.isArray(register.entries)) return;
    for (const r of riskItems(paper)) {
      if (!r.id) continue;
      const entry = registerEntry(register, r.id);
      const t = r.titleNode;
      if (!entry || typeof entry.title !== 'string' || !entry.title.trim()) continue;
      if (!t || t.kind !== 'scalar' || t.empty || typeof t.value !== 'string' || !t.text.trim()) continue;
      if (normaliseTitle(t.text) === normaliseTitle(entry.title)) continue;
      const canFix = t.style === 'plain' || t.style === 'single' || t.style === 'double';
      report({
        message: `Risk ${r.id} is "${entry.title}" on the risk register, but the cover sheet calls it "${t.text.trim()}". Members may not recognise the risk they are asked about: use the register's title (or check the id is the risk meant).`,
        range: { start: t.start, end: t.end },
        ...(canFix ? { fix: fix(`Use the register's title "${entry.title}"`, replaceScalar(paper, t, entry.title.trim(), r.inFlow)) } : {}),
      });
    }
  },
});
