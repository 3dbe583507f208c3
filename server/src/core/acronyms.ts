/**
 * Acronyms in a paper's prose: what counts as one, the blocks of text they
 * are looked for in, and whether one is spelled out where it is used
 * (RULES.md, "Precise semantics": Acronyms). One definition for the
 * `undefined-acronym` rule and for the language server's hover, so that the
 * expansion a hover shows is one the rule accepts.
 *
 * - An acronym is 2–6 capitals, an `&` inside allowed (`A&E`), optionally a
 *   plural `s` (`UDAs` is UDA). Placeholders (TBC, TBA), tokens with digits
 *   (COVID-19, 13SA, Core20PLUS5), Roman numerals and runs of "shouted"
 *   capitals (FOR APPROVAL) are not.
 * - It is spelled out by `Words Of It (ACR)` or `ACR (Words Of It)`, or
 *   listed in a Glossary section. Capitals in brackets straight after words
 *   define them whether or not the letters match ("Leeds Teaching Hospitals
 *   NHS Trust (LTHT)"), and `(PAF/PAS)` defines both (RULES.md v2).
 * - Honours after a name (CBE, OBE, MBE…) and a product's maker (`MS Teams`)
 *   are not acronyms to spell out (`exemptUse`).
 *
 * Performance (the rule runs on every keystroke on papers up to 1 MB, and
 * only the first use of each acronym matters): an acronym's key is always a
 * whole run of capitals and `&` in the block text, so one regex over a block
 * (`capsRuns`) tells whether it can hold an acronym at all, and which; the
 * rule tokenises only blocks holding one it has not seen yet, and `tokensOf`
 * looks closely only at the words holding such a run.
 */
import type { Nodes, Root } from 'mdast';
import type { Paper, Section } from './paper';
import type { OffsetRange } from './types';
import { sectionKey } from './queries/sections';
import { isAskVerbForm } from './queries/ask';

// ---------------------------------------------------------------------------
// Blocks

/** A piece of a block's text: one mdast text node. */
export interface Seg {
  /** Index of the piece in the block's text. */
  v: number;
  start: number;
  end: number;
  value: string;
}

/** The text of one paragraph or heading, inline formatting flattened. */
export interface Block {
  text: string;
  segs: Seg[];
}

const INLINE_CONTAINERS = new Set(['emphasis', 'strong', 'link', 'linkReference', 'delete']);
const SKIP = new Set(['code', 'inlineCode', 'html', 'yaml', 'definition', 'image', 'imageReference']);

/** The paper's prose blocks (paragraphs, headings), in document order; code, HTML and the cover sheet left out. */
export function collectBlocks(root: Root): Block[] {
  const blocks: Block[] = [];
  eachBlock(root, (b) => void blocks.push(b));
  return blocks;
}

/** Visit the prose blocks in document order until `visit` returns true. */
export function eachBlock(root: Root, visit: (block: Block) => boolean | void): void {
  let stop = false;
  let text = '';
  let segs: Seg[] = [];
  const inline = (node: Nodes) => {
    if (node.type === 'text') {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (start !== undefined && end !== undefined) segs.push({ v: text.length, start, end, value: node.value });
      text += node.value;
      return;
    }
    if (INLINE_CONTAINERS.has(node.type) && 'children' in node) {
      for (const c of node.children as Nodes[]) inline(c);
      return;
    }
    // Code, breaks, images, HTML: a word boundary, never part of a word.
    text += ' ';
  };
  const walk = (node: Nodes, depth: number) => {
    if (stop || depth > 200 || SKIP.has(node.type)) return;
    if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'text') {
      text = '';
      segs = [];
      if (node.type === 'text') inline(node);
      else for (const c of node.children as Nodes[]) inline(c);
      if (segs.length && visit({ text, segs }) === true) stop = true;
      return;
    }
    if ('children' in node) for (const c of node.children as Nodes[]) walk(c, depth + 1);
  };
  walk(root, 0);
}

// ---------------------------------------------------------------------------
// Tokens

/** A run of word characters; `&`, hyphens, slashes and apostrophes join parts. */
const COMPOUND = /[\p{L}\p{N}&'’\-/_]+/gu;
const ACRONYM = /^([A-Z](?:[A-Z&]*[A-Z])?)(s?)$/;
/**
 * Placeholders, and everyday words written in capitals for emphasis ("do
 * NOT"). The ask's verbs in capitals ("RECEIVE and ACCEPT", "RATIFY") are
 * words too (`isAskVerbForm`).
 */
const NOT_ACRONYMS = new Set([
  'TBC',
  'TBA',
  'TBD',
  'NOT',
  'AND',
  'OR',
  'NOR',
  'NO',
  'IF',
  'NOW',
  'THE',
  'FOR',
  'ALL',
  'ARE',
  'BUT',
  'MUST',
  'ONLY',
  'YES',
  'NOTE',
  'ALSO',
  'WILL',
  'OUR',
  'YOU',
  'THIS',
  'THAT',
  'WITH',
  'FROM',
  'HAVE',
  'HAS',
  'WAS',
  'WERE',
  'BEEN',
  'NEVER',
  'ANY',
  'EACH',
  'EVERY',
  'NONE',
  'SHOULD',
  'SHALL',
  // Ratings written in capitals: RAG colours, the CQC's "GOOD", a document's status.
  'RED',
  'AMBER',
  'GREEN',
  'GOOD',
  'DRAFT',
  'FINAL',
  // GOV.UK, the government's website: a name, not letters to spell out.
  'GOV',
]);
const ROMAN = /^(?:X{0,3})(?:IX|IV|V?I{0,3})$/;
/** Runs of capitals and `&`: every acronym's key is one whole run (see `tokensOf`). */
const CAPS_RUN = /[A-Z&]{2,}/g;

export interface Token {
  /** Offsets in the block text. */
  start: number;
  end: number;
  /** The acronym: capitals (and &), plural s removed. */
  key: string;
  /** The letters only (no &). */
  letters: string;
  plural: boolean;
}

/**
 * The letters of `key` when it is an acronym (`A&E` → `AE`): 2–6 capitals,
 * `&` only between capitals, not a placeholder, an everyday word or a Roman
 * numeral. `key` is a capitals-and-`&` string such as ACRONYM's first group.
 */
function acronymLetters(key: string): string | null {
  const letters = key.replace(/&/g, '');
  if (letters.length < 2 || letters.length > 6 || key.includes('&&')) return null;
  if (NOT_ACRONYMS.has(key) || ROMAN.test(key) || isAskVerbForm(key)) return null;
  return letters;
}

/** `word` read as an acronym (`ICBs` → ICB, plural): the shape alone, every word in capitals allowed. */
export function acronymShape(word: string): { key: string; letters: string; plural: boolean } | null {
  const m = ACRONYM.exec(word);
  if (!m) return null;
  const key = m[1]!;
  const letters = key.replace(/&/g, '');
  if (letters.length < 2 || letters.length > 6 || key.includes('&&')) return null;
  return { key, letters, plural: m[2] === 's' };
}

/**
 * The runs of capitals and `&` in `text` that could be an acronym's key.
 * Every token `tokensOf` finds has one of them as its key (the key is
 * bounded by the start of its word part, a quote or separator, a plural `s`
 * or the end of the word: never by a capital or `&`), so a text none of whose
 * runs is new holds no new acronym.
 */
export function capsRuns(text: string, each: (key: string, at: number) => boolean | void): void {
  CAPS_RUN.lastIndex = 0;
  for (let m = CAPS_RUN.exec(text); m; m = CAPS_RUN.exec(text)) {
    const run = m[0];
    const c = run.charCodeAt(run.length - 1);
    if (run.charCodeAt(0) === 38 || c === 38 || acronymLetters(run) === null) continue;
    if (each(run, m.index) === false) return;
  }
}

function isCapsWord(s: string, from: number, to: number): boolean {
  let letters = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) letters++;
    else if (c === 38 || c === 45 || c === 47 || c === 39 || c === 0x2019) continue;
    else return false;
  }
  return letters >= 2;
}

function letterCount(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) n++;
  }
  return n;
}

/** Only spaces or tabs (at least one) between `from` and `to`. */
function spaceOnly(s: string, from: number, to: number): boolean {
  if (to <= from) return false;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

const NO_TOKENS: readonly Token[] = Object.freeze([]);

/**
 * The acronym tokens of a block, in order. Capitals-only "shouting" runs are
 * left out: three or more capitals-only words in a row, or two when one of
 * them is long ("FOR APPROVAL"); a day number between two of them does not
 * break the row ("HELD ON TUESDAY 7 MAY 2019").
 *
 * With `wanted`, only the words holding a candidate key it accepts are read:
 * every token with such a key is returned, in order, and perhaps others.
 */
export function tokensOf(text: string, wanted?: (key: string) => boolean): readonly Token[] {
  // Where the candidate keys start; only the words holding one are read closely.
  const at: number[] = [];
  capsRuns(text, (key, i) => {
    if (!wanted || wanted(key)) at.push(i);
  });
  if (at.length === 0) return NO_TOKENS;

  const starts: number[] = [];
  const ends: number[] = [];
  COMPOUND.lastIndex = 0;
  for (let m = COMPOUND.exec(text); m; m = COMPOUND.exec(text)) {
    starts.push(m.index);
    ends.push(m.index + m[0].length);
  }
  const n = starts.length;
  const caps = (k: number) => isCapsWord(text, starts[k]!, ends[k]!);
  const linked = (k: number) => caps(k - 1) && caps(k) && spaceOnly(text, ends[k - 1]!, starts[k]!);
  /** A day of the month (1-2 digits) on its own, as in a shouted date "TUESDAY 7 MAY". */
  const dayNumber = (k: number) => ends[k]! - starts[k]! <= 2 && /^\d+$/.test(text.slice(starts[k]!, ends[k]!));
  /**
   * The capitals-only word joined by spaces to the left of capitals-only word
   * `k`: the word before it, or the one before a day number ("HELD ON TUESDAY
   * 7 MAY 2019" is one shouted run); -1 when none.
   */
  const joinedBefore = (k: number): number => {
    if (k > 0 && linked(k)) return k - 1;
    if (k > 1 && caps(k) && dayNumber(k - 1) && caps(k - 2) && spaceOnly(text, ends[k - 2]!, starts[k - 1]!) && spaceOnly(text, ends[k - 1]!, starts[k]!))
      return k - 2;
    return -1;
  };
  // The chain of capitals-only words apart by spaces last looked at (asked in increasing order, so each chain is walked once).
  let chainFirst = -1;
  let chainLast = -1;
  let chainShouts = false;
  /** Whether compound `i` is part of a shouting run. */
  const shouting = (i: number): boolean => {
    if (i >= chainFirst && i <= chainLast) return chainShouts;
    if (!caps(i)) return false;
    // `size` counts the capitals-only words; a day number between two of them joins them and is not counted.
    let size = 1;
    let first = i;
    for (let p = joinedBefore(first); p >= 0; p = joinedBefore(first)) {
      first = p;
      size++;
    }
    let last = i;
    for (;;) {
      const next = last + 1 < n && joinedBefore(last + 1) === last ? last + 1 : last + 2 < n && joinedBefore(last + 2) === last ? last + 2 : -1;
      if (next < 0) break;
      last = next;
      size++;
    }
    chainFirst = first;
    chainLast = last;
    chainShouts = size >= 3 || (size === 2 && (letterCount(text, starts[first]!, ends[first]!) >= 7 || letterCount(text, starts[last]!, ends[last]!) >= 7));
    return chainShouts;
  };

  const out: Token[] = [];
  let a = 0;
  for (let i = 0; i < n && a < at.length; i++) {
    const end = ends[i]!;
    if (at[a]! >= end) continue;
    // Compound i holds the candidate at[a] (a run of capitals is never split between words).
    while (a < at.length && at[a]! < end) a++;
    if (shouting(i)) continue;
    const word = text.slice(starts[i]!, end);
    if (/\p{N}/u.test(word)) continue; // COVID-19, 13SA, Core20PLUS5
    let offset = starts[i]!;
    for (const part of word.split(/[-/_]/)) {
      const lead = /^['’]*/.exec(part)![0].length; // 'ICB' in straight quotes
      const partStart = offset + lead;
      offset += part.length + 1;
      let p = part.slice(lead);
      // possessive: ICB's, ICBs’
      const poss = /(?:['’]s?)$/.exec(p);
      if (poss) p = p.slice(0, poss.index);
      const m = ACRONYM.exec(p);
      if (!m) continue;
      const key = m[1]!;
      const letters = acronymLetters(key);
      if (letters === null) continue;
      out.push({ start: partStart, end: partStart + key.length + m[2]!.length, key, letters, plural: m[2] === 's' });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Definitions

const SMALL_WORDS = new Set(['and', 'of', 'the', 'for', '&', 'in', 'on', 'to', 'a', 'an', 'with', 'by', 'at', 'or', 'from', 'into', 'its', 'de']);

interface Word {
  text: string;
  /** A later part of a hyphenated word: may be skipped (Co-operative). */
  optional: boolean;
  /** Offset in the string the word was read from. */
  at: number;
}

const NON_WORD = /^[^\p{L}\p{N}&]+/u;

function splitWords(s: string): Word[] {
  const out: Word[] = [];
  for (const raw of s.matchAll(/\S+/g)) {
    let offset = raw.index!;
    raw[0].split(/[-‐–—/]/).forEach((part, i) => {
      const lead = NON_WORD.exec(part)?.[0].length ?? 0;
      const w = part.replace(/^[^\p{L}\p{N}&]+|[^\p{L}\p{N}&]+$/gu, '').replace(/['’]s$/, '');
      if (w) out.push({ text: w, optional: i > 0, at: offset + lead });
      offset += part.length + 1;
    });
  }
  return out;
}

/** Do `words` spell out `letters` (every word used or skippable, every letter matched)? */
function spells(words: readonly Word[], letters: string, firstMustMatch: boolean): boolean {
  const n = words.length;
  const L = letters.length;
  if (n === 0 || n > 3 * L + 8) return false;
  const memo = new Map<number, boolean>();
  const f = (w: number, l: number): boolean => {
    if (w === n) return l === L;
    const k = w * 8 + l;
    const hit = memo.get(k);
    if (hit !== undefined) return hit;
    const word = words[w]!;
    const lower = word.text.toLowerCase();
    let ok = false;
    const mayskip = SMALL_WORDS.has(lower) || word.optional;
    if (mayskip && !(firstMustMatch && w === 0)) ok = f(w + 1, l);
    if (!ok && l < L && word.text[0]!.toUpperCase() === letters[l]) ok = f(w + 1, l + 1);
    if (!ok && word.text.length >= 2 && /^[A-Z]+$/.test(word.text) && letters.startsWith(word.text, l)) ok = f(w + 1, l + word.text.length);
    memo.set(k, ok);
    return ok;
  };
  return f(0, 0);
}

function norm(s: string): string {
  return s
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function pluralise(s: string): string {
  if (/[^aeiou]y$/i.test(s)) return `${s.slice(0, -1)}ies`;
  if (/(?:s|x|z|ch|sh)$/i.test(s)) return `${s}es`;
  return `${s}s`;
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * The brackets a definition is written in: round, or square ("Cabinet
 * Office Briefing Rooms [COBR]", NHS England, 2025). A pair must match.
 */
const CLOSE_OF: Readonly<Record<string, string>> = { '(': ')', '[': ']' };

/** Longest reach, either side of a token, of the brackets it can be defined in. */
const BRACKET_REACH = 64;

/** Capitals, `&`, the plural `s`, separators and spaces: what brackets holding only acronyms are made of. */
function bracketChar(c: number): boolean {
  // Capitals, &, s, / , ; - (a hyphenated acronym: "(CP-IS)"), spaces, and the letters of "and".
  return (
    (c >= 65 && c <= 90) || c === 38 || c === 115 || c === 47 || c === 44 || c === 59 || c === 45 || c === 32 || c === 9 || c === 97 || c === 110 || c === 100
  );
}

/**
 * The brackets around the token at `t` when they hold only acronyms —
 * `(LTHT)`, `(PAF/PAS)`, `(PAF, PAS)`, `(PAF and PAS)`, the parts of a
 * hyphenated one `(CP-IS)` — or null. Looks no
 * further than `BRACKET_REACH` characters either side.
 */
function acronymBrackets(s: string, t: Pick<Token, 'start' | 'end'>): { open: number; close: number } | null {
  let i = t.start - 1;
  const iStop = Math.max(-1, t.start - BRACKET_REACH);
  while (i > iStop && CLOSE_OF[s[i]!] === undefined) {
    if (!bracketChar(s.charCodeAt(i))) return null;
    i--;
  }
  if (i <= iStop) return null;
  const close = CLOSE_OF[s[i]!]!;
  let j = t.end;
  const jStop = Math.min(s.length, t.end + BRACKET_REACH);
  while (j < jStop && s[j] !== close) {
    if (!bracketChar(s.charCodeAt(j))) return null;
    j++;
  }
  if (j >= jStop) return null;
  const parts = s.slice(i + 1, j).split(/[/,;-]|\sand\s/);
  return parts.every((p) => acronymShape(p.trim()) !== null) ? { open: i, close: j } : null;
}

/** A word's last character straight before `at` (spaces and tabs between allowed): brackets after words. */
function wordBefore(s: string, at: number): boolean {
  let k = at - 1;
  while (k >= 0 && (s[k] === ' ' || s[k] === '\t')) k--;
  return k >= 0 && /[\p{L}\p{N}'’”"]/u.test(s[k]!);
}

/** The words a bracket after words refers to, for the hover: the capitalised run before it, or as many words as the acronym has letters. */
function wordsBefore(before: string, letters: number): string {
  const words = splitWords(before.slice(-300));
  let k = words.length;
  const floor = Math.max(0, words.length - (letters + 3));
  while (k > floor) {
    const w = words[k - 1]!.text;
    if (/^\p{Lu}/u.test(w) || SMALL_WORDS.has(w.toLowerCase())) k--;
    else break;
  }
  while (k < words.length && SMALL_WORDS.has(words[k]!.text.toLowerCase())) k++;
  if (k >= words.length) k = Math.max(0, words.length - letters);
  const from = words[k];
  const tail = before.slice(-300);
  return from ? oneLine(tail.slice(from.at)) : oneLine(tail);
}

/**
 * Is the token at `t` (block text `s`) spelled out right there, either way
 * round: `Words Of It (ACR)` or `ACR (Words Of It)`? `expansion` (the
 * profile's) counts too when written out exactly. Capitals in brackets
 * straight after words define them whatever the words (`… NHS Trust (LTHT)`,
 * `… (PAF/PAS)`). Returns the words that spell it out, or null.
 */
export function definitionAt(s: string, t: Pick<Token, 'start' | 'end' | 'letters'>, expansion: string | undefined): string | null {
  // Words Of It (ACR), and the possessive or apostrophe plural: Domestic Homicide Reviews (DHR's)
  let i = t.start - 1;
  while (i >= 0 && (s[i] === ' ' || s[i] === '\t' || s[i] === '\n')) i--;
  let j = t.end;
  if (s[j] === "'" || s[j] === '’') j += s[j + 1] === 's' ? 2 : 1;
  while (j < s.length && (s[j] === ' ' || s[j] === '\t')) j++;
  if (i >= 0 && CLOSE_OF[s[i]!] !== undefined && s[j] === CLOSE_OF[s[i]!]) {
    const before = s.slice(Math.max(0, i - 300), i);
    const words = splitWords(before);
    const tail = words.slice(-(3 * t.letters.length + 8));
    for (let k = tail.length - 1; k >= 0; k--) {
      if (tail[k]!.text[0]!.toUpperCase() !== t.letters[0] && !/^[A-Z]{2,}$/.test(tail[k]!.text)) continue;
      if (spells(tail.slice(k), t.letters, true)) return oneLine(before.slice(tail[k]!.at));
    }
    if (expansion) {
      const b = ` ${norm(before)}`;
      if (b.endsWith(` ${norm(expansion)}`) || b.endsWith(` ${norm(pluralise(expansion))}`)) return expansion;
    }
  }
  // Words (ACR), Words (ACR/ACR2): brackets of acronyms straight after words, the letters matching or not.
  const brackets = acronymBrackets(s, t);
  if (brackets && wordBefore(s, brackets.open)) {
    const before = s.slice(Math.max(0, brackets.open - 300), brackets.open);
    return expansion ?? wordsBefore(before, t.letters.length);
  }
  // ACR (Words Of It)
  const closing = CLOSE_OF[s[j] ?? ''];
  if (closing !== undefined) {
    const window = s.slice(j + 1, j + 301);
    const close = window.indexOf(closing);
    if (close !== -1) {
      const inside = window.slice(0, close);
      if (!inside.includes(s[j]!)) {
        if (spells(splitWords(inside), t.letters, false)) return oneLine(inside);
        if (expansion && (norm(inside) === norm(expansion) || norm(inside) === norm(pluralise(expansion)))) return expansion;
      }
    }
  }
  return null;
}

/** Honours written after a name ("Professor Jane Smith CBE"): not acronyms to spell out. */
const HONOURS = new Set(['CBE', 'OBE', 'MBE', 'KBE', 'DBE', 'GBE', 'BEM', 'CVO', 'LVO', 'MVO', 'KCB', 'DCB', 'QPM', 'KCVO', 'DCVO']);

/**
 * Audit and accountancy firms known only by their letters (the NHS's external
 * and internal auditors): names, not abbreviations a paper would spell out.
 * Not EY, which papers on children's services use for Early Years.
 */
const FIRMS = new Set(['KPMG', 'BDO', 'RSM', 'PWC', 'TIAA']);

/** Makers' abbreviations before a product's name: `MS Teams`, `MS Word`. */
const PRODUCT_MAKERS: Readonly<Record<string, ReadonlySet<string>>> = {
  MS: new Set(['Teams', 'Word', 'Excel', 'Office', 'Forms', 'PowerPoint', 'Outlook', 'Project', 'SharePoint', 'Visio', 'Access', 'Planner']),
};

/**
 * Whether this use of the token needs no spelling out: an honour after a
 * name (CBE, OBE, MBE), a firm known by its letters (KPMG, BDO), or a
 * maker's abbreviation before its product (`MS Teams`; `MS` alone is still
 * an acronym).
 */
export function exemptUse(s: string, t: Pick<Token, 'end' | 'key'>): boolean {
  if (HONOURS.has(t.key) || FIRMS.has(t.key)) return true;
  const products = PRODUCT_MAKERS[t.key];
  if (!products) return false;
  let k = t.end;
  if (s[k] !== ' ') return false;
  k++;
  let e = k;
  while (e < s.length && e - k < 12 && /\p{L}/u.test(s[e]!)) e++;
  return products.has(s.slice(k, e));
}

// ---------------------------------------------------------------------------
// Glossary

const GLOSSARY = /^(?:glossary|abbreviations|acronyms|list of abbreviations|list of acronyms)\b/;

/** A Glossary section: every acronym listed in it is defined for the whole paper. */
export function isGlossary(section: Section): boolean {
  return GLOSSARY.test(sectionKey(section));
}

/** Where in the source block text `start` is (start of its text node when the text there is not written as-is). */
export function approximate(block: Block, start: number): OffsetRange {
  let seg = block.segs[0]!;
  for (const s of block.segs) if (s.v <= start) seg = s;
  const at = Math.min(seg.end, seg.start + Math.max(0, start - seg.v));
  return { start: at, end: at };
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
    const m = new RegExp(`^[\\s|*_-]*${acronym.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[\\s*_]*(?:\\||:|–|—|-|=)\\s*(.+?)\\s*\\|?\\s*$`, 'mu').exec(g);
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

/**
 * The acronyms the cover sheet spells out (`presented_by: Jane Smith, Senior
 * Responsible Owner (SRO)`), each with its expansion and where it is. The
 * cover sheet comes before the body, so these are defined for all of it.
 * `expansionOf` gives the profile's expansion, which `definitionAt` also
 * accepts. One pass over the front matter's text.
 */
export function coverDefinitions(
  paper: Paper,
  expansionOf: (key: string) => string | undefined = () => undefined,
): Map<string, { expansion: string; offset: number }> {
  const out = new Map<string, { expansion: string; offset: number }>();
  const fm = paper.frontmatter;
  if (!fm) return out;
  const text = paper.text.slice(fm.content.start, fm.content.end);
  for (const t of tokensOf(text)) {
    if (out.has(t.key)) continue;
    const expansion = definitionAt(text, t, expansionOf(t.key));
    if (expansion !== null) out.set(t.key, { expansion, offset: fm.content.start + t.start });
  }
  return out;
}

/**
 * Where the paper spells `acronym` out, as the rule sees it: the first use
 * written `Words Of It (ACR)` or `ACR (Words Of It)`, else a row of a
 * Glossary section (`ACR | Words`, `ACR: Words`, `- ACR – Words`), else the
 * cover sheet.
 */
export function definitionInPaper(paper: Paper, acronym: string): { expansion: string; offset: number } | null {
  let found: { expansion: string; offset: number } | null = null;
  const only = (key: string) => key === acronym;
  eachBlock(paper.mdast, (block) => {
    if (!block.text.includes(acronym)) return false;
    for (const t of tokensOf(block.text, only)) {
      if (t.key !== acronym) continue;
      const expansion = definitionAt(block.text, t, undefined);
      if (expansion) {
        found = { expansion, offset: approximate(block, t.start).start };
        return true;
      }
    }
    return false;
  });
  if (found) return found;
  const glossary = paper.sections.find(isGlossary);
  if (glossary) {
    const g = paper.text.slice(glossary.contentRange.start, glossary.contentRange.end);
    const row = glossaryRow(g, acronym);
    if (row) return { expansion: row.expansion.replace(/[*_]/g, '').trim(), offset: glossary.contentRange.start + row.index };
  }
  return coverDefinitions(paper).get(acronym) ?? null;
}
