/**
 * strategic-objective-text: an entry written with its wording (`"SO2: …"`,
 * `- SO2: …`) whose wording is not the profile's wording for that code.
 *
 * - The wording is another objective's: the code is wrong (typically copied
 *   from a document that numbers the objectives differently, such as the
 *   2024/25 commissioning intentions, where 1 is "Equalise…" and 2 is
 *   "Improve quality…"). Fix: replace the code with that objective's.
 * - The wording is no objective's: fix by replacing the text with the
 *   profile's wording for the code, unless the text reads more like another
 *   objective than its own, when which is meant is not certain (the edits are
 *   offered as suggestions).
 *
 * Wording is compared ignoring case, punctuation, whitespace, `&` for "and"
 * and a leading "To"; a wording cut short with an ellipsis ("To equalise…") matches the
 * objective it is the start of. Unknown codes are left to
 * unknown-strategic-objective.
 */
import { defineRule, fix, replaceNode, replaceScalar } from '../rule';
import type { Profile } from '../profile';
import type { Fix, TextEdit } from '../types';
import type { Paper } from '../paper';
import { isProfileCode, objectiveEntries, wordingMatches, type ObjectiveEntry } from '../queries/objectives';

/** Codes whose profile wording the text matches. */
export function codesWithWording(profile: Profile, written: string): string[] {
  return Object.entries(profile.strategic_objectives)
    .filter(([, official]) => typeof official === 'string' && wordingMatches(written, official))
    .map(([code]) => code);
}

const STOP = new Set(['to', 'and', 'the', 'of', 'a', 'an', 'in', 'on', 'for', 'with', 'across', 'including', 'our', 'we', 'all', 'is', 'be']);

/** Distinctive words, cut to their first five letters ("deliverable" and "deliver" alike). */
function words(s: string): Set<string> {
  return new Set(
    s
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w && !STOP.has(w))
      .map((w) => w.slice(0, 5)),
  );
}

/** Share of the written words that the official wording also uses. */
function overlap(written: string, official: string): number {
  const w = words(written);
  if (!w.size) return 0;
  const o = words(official);
  let n = 0;
  for (const x of w) if (o.has(x)) n++;
  return n / w.size;
}

/** The edit writing the profile's wording in place of the entry's text. */
function wordingEdit(paper: Paper, e: ObjectiveEntry, official: string, inFlow: boolean): TextEdit | undefined {
  const s = e.scalar;
  if (!s || (s.style !== 'plain' && s.style !== 'single' && s.style !== 'double')) return undefined;
  if (e.form === 'map') return replaceScalar(paper, s, official, inFlow);
  // "SO2: text" in one scalar: rewrite it whole, code as written, same quotes.
  if (!e.codeExact) return undefined;
  return replaceScalar(paper, s, `${e.code}: ${official}`, inFlow);
}

export const rule = defineRule({
  id: 'strategic-objective-text',
  severity: 'warning',
  description: "A strategic objective is written with wording that is not the profile's wording for its code.",
  fixable: true,
  check({ paper, profile, report }) {
    const list = objectiveEntries(paper);
    if (!list) return;
    const inFlow = list.seq.flow;
    for (const e of list.entries) {
      if (e.wording === undefined || !isProfileCode(profile, e.code)) continue;
      const own = profile.strategic_objectives[e.code]!;
      if (typeof own !== 'string' || wordingMatches(e.wording, own)) continue;
      const others = codesWithWording(profile, e.wording).filter((c) => c !== e.code);
      if (others.length >= 1) {
        const other = others[0]!;
        const certain = others.length === 1 && e.codeExact;
        const f = fix(`Replace ${e.code} with ${other}`, replaceNode(e.codeRange, other));
        report({
          message: `The wording given for ${e.code} is the wording of ${others.join(' and ')} ("${profile.strategic_objectives[other]}"); ${e.code} is "${own}". The meeting will read the paper against the wrong objective: correct the code (the objectives are numbered differently in some documents, so wording copied from elsewhere often carries the wrong number).`,
          range: e.codeRange,
          ...(certain ? { fix: f } : { suggestions: others.map((c) => fix(`Replace ${e.code} with ${c}`, replaceNode(e.codeRange, c))) }),
        });
        continue;
      }
      const edit = wordingEdit(paper, e, own, inFlow);
      // Text that reads more like another objective than its own: which is meant is not certain.
      let closerOther: string | undefined;
      let best = overlap(e.wording, own);
      for (const [code, official] of Object.entries(profile.strategic_objectives)) {
        if (code === e.code || typeof official !== 'string') continue;
        const s = overlap(e.wording, official);
        if (s > best) {
          best = s;
          closerOther = code;
        }
      }
      const textFix: Fix | undefined = edit ? fix(`Use the profile's wording for ${e.code}`, edit) : undefined;
      const message = `The wording given for ${e.code} ("${e.wording}") is not the wording of any strategic objective; ${e.code} is "${own}". Members may read the paper against an objective the organisation does not have: use the profile's wording${closerOther ? `, or the code ${closerOther} if that objective is the one meant` : ''}.`;
      const range = e.wordingRange ?? e.codeRange;
      if (closerOther) {
        const suggestions: Fix[] = [];
        if (textFix) suggestions.push(textFix);
        if (e.codeExact) suggestions.push(fix(`Replace ${e.code} with ${closerOther}`, replaceNode(e.codeRange, closerOther)));
        report({ message, range, suggestions });
      } else {
        report({ message, range, ...(textFix ? { fix: textFix } : {}) });
      }
    }
  },
});
