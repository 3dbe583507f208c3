/**
 * agenda-paper-mismatch: the paper matched to an agenda item says something
 * else than the agenda: its title (case, punctuation and "&"/"and" aside),
 * its presenter (neither names the other: "Chief Finance Officer" and "Sam
 * Proctor, Chief Finance Officer" agree), its purpose; a warning. When the
 * agenda writes `confidential` and the paper says the opposite, an error:
 * the pack then treats the item as confidential.
 *
 * The cover sheet is the truth; the agenda is what was planned. Messages
 * never quote titles or names (an agenda's Part 2 titles are confidential,
 * and check output never copies a paper's text); they quote purposes.
 */
import type { AgendaRuleContext } from '../agenda/rule-context';
import { itemLabel, itemRange } from '../agenda/rule-context';
import { defineRule } from '../rule';

export const rule = defineRule({
  id: 'agenda-paper-mismatch',
  severity: 'warning',
  description: "The paper's title, presenter or purpose differs from the agenda's; an error when they disagree about confidentiality.",
  fixable: false,
  check() {
    // On agenda files only: see checkAgenda.
  },
});

const plain = (s: string) =>
  s
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[\u2018\u2019']/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

export function checkAgenda(ctx: AgendaRuleContext): void {
  for (const r of ctx.readiness.items) {
    const paper = r.paper;
    if (!paper || !paper.cover.looksLikePaper) continue;
    const item = r.item;
    const keys = item.keys ?? {};
    const at = (k: keyof typeof keys) => keys[k] ?? itemRange(ctx.parsed, r.index);
    const label = `Agenda ${itemLabel(item)}`;
    const conf = paper.cover.confidential;
    if (keys.confidential && conf !== null && conf !== item.confidential) {
      ctx.report({
        severity: 'error',
        message: item.confidential
          ? `${label} is confidential (Part 2) but "${paper.file}" says confidential: false. The pack treats the item as confidential; correct whichever is wrong.`
          : `${label} says confidential: false but "${paper.file}" is confidential (Part 2). The pack treats the item as confidential; correct whichever is wrong.`,
        range: at('confidential'),
      });
    }
    if (item.title && paper.cover.title && plain(item.title) !== plain(paper.cover.title)) {
      ctx.report({
        message: `${label}: the agenda's title differs from the title of "${paper.file}" (the paper's cover sheet is what the pack prints).`,
        range: at('title'),
      });
    }
    if (item.presenter && paper.cover.presentedBy) {
      const a = plain(item.presenter);
      const b = plain(paper.cover.presentedBy);
      if (a && b && !` ${b} `.includes(` ${a} `) && !` ${a} `.includes(` ${b} `)) {
        ctx.report({ message: `${label}: the agenda's presenter differs from presented_by in "${paper.file}".`, range: at('presenter') });
      }
    }
    if (item.purpose && paper.cover.purpose && item.purpose !== paper.cover.purpose.toLowerCase()) {
      ctx.report({
        message: `${label}: the agenda asks the meeting to ${item.purpose} but "${paper.file}" has purpose "${paper.cover.purpose}".`,
        range: at('purpose'),
      });
    }
  }
}
