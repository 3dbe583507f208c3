/** Acronyms in the body: the token under the cursor and where it is spelled out. */
import { findSection, type Paper } from '../../core/paper';
import type { Profile } from '../../core/profile';
import type { OffsetRange } from '../../core/types';

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
  const tok = text.slice(s, e);
  const m = /^([A-Z](?:[A-Z]|&(?=[A-Z]))+)(s?)$/.exec(tok);
  if (!m) return null;
  const acronym = m[1]!;
  const letters = acronym.replace(/&/g, '').length;
  if (letters < 2 || letters > 6 || NOT_ACRONYMS.has(acronym)) return null;
  return { start: s, end: e, acronym };
}

const SMALL_WORDS = new Set(['and', 'of', 'the', 'for', 'in', 'on', 'to', 'with', '&']);

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Does `words` spell `acronym` by initials (small words may be skipped)? */
function spells(words: string[], acronym: string): boolean {
  const letters = acronym.replace(/&/g, '').toUpperCase();
  let i = 0;
  for (const w of words) {
    const c = w.replace(/^[^\p{L}]+/u, '')[0]?.toUpperCase();
    if (i < letters.length && c === letters[i]) i++;
    else if (!SMALL_WORDS.has(w.toLowerCase())) return false;
  }
  return i === letters.length;
}

const WORD_CHAR = /^[\p{L}&'’-]$/u;

/**
 * Where up to ten words, each followed by spaces or tabs, run up to `at`:
 * the start of the match `((?:[\p{L}&'’-]+[ \t]+){1,10})` ending at `at`
 * would have (the leftmost, so the whole of its first word), or -1.
 */
export function wordsBefore(body: string, at: number): number {
  let start = -1;
  let i = at;
  for (let n = 0; n < 10; n++) {
    let j = i;
    while (j > 0 && (body[j - 1] === ' ' || body[j - 1] === '\t')) j--;
    if (j === i) break;
    let k = j;
    while (k > 0) {
      const pair = k >= 2 && /[\uDC00-\uDFFF]/.test(body[k - 1]!) && /[\uD800-\uDBFF]/.test(body[k - 2]!);
      const ch = pair ? body.slice(k - 2, k) : body[k - 1]!;
      if (!WORD_CHAR.test(ch)) break;
      k -= ch.length;
    }
    if (k === j) break;
    start = k;
    i = k;
  }
  return start;
}

const isTerminator = (c: string | undefined) => c === '\n' || c === '\r' || c === '\u2028' || c === '\u2029';
const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);
const isRowLead = (c: string | undefined) => c !== undefined && (isSpace(c) || '|*_-'.includes(c));

/**
 * The first glossary row for `acronym`: what
 * `new RegExp(`^[\\s|*_-]*${acronym}[\\s*_]*(?:\\||:|–|—|-|=)\\s*(.+?)\\s*\\|?\\s*$`, 'mu').exec(g)`
 * gives (the match's index and group 1), in linear time: that regex lets its
 * leading run and its spaces span lines and grows a lazy group against
 * `\s*`, quadratic or worse on long or many blank lines. Every choice it
 * backtracks over is made here from tables built once from the end.
 */
export function glossaryRow(g: string, acronym: string): { index: number; expansion: string } | null {
  if (!acronym || isRowLead(acronym[0])) {
    const m = new RegExp(`^[\\s|*_-]*${escapeRe(acronym)}[\\s*_]*(?:\\||:|–|—|-|=)\\s*(.+?)\\s*\\|?\\s*$`, 'mu').exec(g);
    return m ? { index: m.index, expansion: m[1]! } : null;
  }
  const n = g.length;
  const wsEnd = new Int32Array(n + 2);
  const leadEnd = new Int32Array(n + 2);
  const termFrom = new Int32Array(n + 2);
  const okFrom = new Int32Array(n + 2);
  wsEnd[n] = wsEnd[n + 1] = leadEnd[n] = leadEnd[n + 1] = n;
  termFrom[n] = termFrom[n + 1] = n + 1;
  okFrom[n] = n;
  okFrom[n + 1] = -1;
  // `\s*\|?\s*$` (multiline) from p: a line end within the spaces, or after a `|` and its spaces.
  const tailOk = (p: number) => {
    const a = wsEnd[p]!;
    if (a === n || termFrom[p]! < a) return true;
    if (g[a] !== '|') return false;
    const b = wsEnd[a + 1]!;
    return b === n || termFrom[a + 1]! < b;
  };
  for (let i = n - 1; i >= 0; i--) {
    wsEnd[i] = isSpace(g[i]) ? wsEnd[i + 1]! : i;
    leadEnd[i] = isRowLead(g[i]) ? leadEnd[i + 1]! : i;
    termFrom[i] = isTerminator(g[i]) ? i : termFrom[i + 1]!;
  }
  for (let i = n - 1; i >= 0; i--) okFrom[i] = tailOk(i) ? i : okFrom[i + 1]!;
  /** The rest of a row whose leading run ends at `j` (where the acronym must start): the expansion, or null. */
  const rest = (j: number): string | null => {
    if (!g.startsWith(acronym, j)) return null;
    let r = j + acronym.length;
    while (r < n && (isSpace(g[r]) || g[r] === '*' || g[r] === '_')) r++;
    if (r >= n || !'|:–—-='.includes(g[r]!)) return null;
    // `\s*` before the expansion: longest first; the expansion (at least one character, no line break) ends at the first place the tail holds.
    for (let v = wsEnd[r + 1]!; v > r; v--) {
      if (v >= n || isTerminator(g[v])) continue;
      const p = okFrom[v + 1]!;
      if (p !== -1 && termFrom[v]! >= p) return g.slice(v, p);
    }
    return null;
  };
  const tried = new Map<number, string | null>();
  for (let i = 0; i <= n; i = termFrom[i]! + 1) {
    const j = leadEnd[i]!;
    if (!tried.has(j)) tried.set(j, rest(j));
    const e = tried.get(j)!;
    if (e !== null) return { index: i, expansion: e };
    if (termFrom[i]! >= n) break;
  }
  return null;
}

/** Where the paper spells the acronym out: `Words Of It (ACR)`, `ACR (Words Of It)`, or a Glossary section. */
export function definitionInPaper(paper: Paper, acronym: string, before = paper.text.length): { expansion: string; offset: number } | null {
  const body = paper.text.slice(0, before);
  const a = escapeRe(acronym);
  // The matches of /((?:[\p{L}&'’-]+[ \t]+){1,10})\(ACRs?\)/gu, found from each `(ACR)` backwards (that regex is quadratic on a long word).
  for (const o of body.matchAll(new RegExp(`\\(${a}s?\\)`, 'gu'))) {
    const start = wordsBefore(body, o.index!);
    if (start === -1) continue;
    const words = body.slice(start, o.index!).trim().split(/\s+/);
    for (let k = 1; k <= words.length; k++) {
      const tail = words.slice(-k);
      if (spells(tail, acronym)) return { expansion: tail.join(' '), offset: start };
    }
  }
  for (const m of body.matchAll(new RegExp(`(?<![\\p{L}&])${a}s?\\s*\\(([^()\\n]{3,100})\\)`, 'gu'))) {
    const words = m[1]!.trim().split(/\s+/);
    if (spells(words, acronym)) return { expansion: m[1]!.trim(), offset: m.index! };
  }
  const glossary = findSection(paper, ['Glossary', 'Glossary of terms', 'Abbreviations', 'Acronyms']);
  if (glossary && glossary.contentRange.start < before) {
    const g = paper.text.slice(glossary.contentRange.start, glossary.contentRange.end);
    const row = glossaryRow(g, acronym);
    if (row) return { expansion: row.expansion.replace(/[*_]/g, '').trim(), offset: glossary.contentRange.start + row.index };
  }
  return null;
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
