/**
 * Acronyms in the body: the token under the cursor and where it is spelled
 * out. What an acronym is and what spells it out are the
 * `undefined-acronym` rule's (`core/acronyms.ts`), so a hover shows the
 * definition the rule accepts.
 */
import { acronymShape, definitionInPaper } from '../../core/acronyms';
import type { Paper } from '../../core/paper';
import type { Profile } from '../../core/profile';
import type { OffsetRange } from '../../core/types';

/** Placeholders the hover ignores (the rule's own list is wider: it also leaves out shouted words and Roman numerals). */
const NOT_ACRONYMS = new Set(['TBC', 'TBA', 'NA']);

export interface AcronymToken extends OffsetRange {
  /** The acronym without a plural `s`. */
  acronym: string;
}

/** The acronym at `offset` (2–6 capitals, `&` inside allowed, optional plural s). */
export function acronymAt(text: string, offset: number): AcronymToken | null {
  const isTok = (c: string | undefined) => !!c && /[\p{L}\p{N}&]/u.test(c);
  let s = offset;
  let e = offset;
  while (s > 0 && isTok(text[s - 1])) s--;
  while (e < text.length && isTok(text[e])) e++;
  if (e <= s) return null;
  const shape = acronymShape(text.slice(s, e));
  if (!shape || NOT_ACRONYMS.has(shape.key)) return null;
  return { start: s, end: e, acronym: shape.key };
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The expansion the profile or the paper gives. */
export function expansionOf(paper: Paper, profile: Profile | undefined, acronym: string): { expansion: string; from: 'profile' | 'paper' } | null {
  const inPaper = definitionInPaper(paper, acronym);
  if (inPaper) return { expansion: inPaper.expansion, from: 'paper' };
  const p = profile?.acronyms[acronym];
  if (p) return { expansion: p, from: 'profile' };
  return null;
}

/** Has the acronym been spelled out (or used) in the body before `offset`? */
export function usedBefore(paper: Paper, acronym: string, offset: number): boolean {
  const body = paper.text.slice(paper.bodyStart, Math.max(paper.bodyStart, offset));
  return new RegExp(`(?<![\\p{L}\\p{N}&])${escapeRe(acronym)}s?(?![\\p{L}\\p{N}&])`, 'u').test(body);
}
