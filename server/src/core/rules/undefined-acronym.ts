/**
 * undefined-acronym: an acronym in the body is used before it is spelled
 * out (RULES.md, "Precise semantics": Acronyms).
 *
 * - An acronym is 2–6 capitals, an `&` inside allowed (`A&E`), optionally a
 *   plural `s` (`UDAs` is UDA). Placeholders (TBC, TBA, N/A), tokens with
 *   digits (COVID-19, 13SA, Core20PLUS5) and Roman numerals are not.
 * - It is spelled out by `Words Of It (ACR)` (the initials of the words before
 *   the bracket match, small words such as "and", "of", "&" optional) or
 *   `ACR (Words Of It)` at its first use, or by a Glossary section. The
 *   profile's own expansion also counts (`Continuing Healthcare (CHC)`).
 * - One finding per acronym per paper, at its first use, in the body only
 *   (headings included; code, HTML and the cover sheet left out).
 * - Exempt when in the profile's `acronyms`, unless `acronyms_must_be_defined`;
 *   then the fix (when the profile knows the expansion) spells it out at first
 *   use: `ICB` → `Integrated Care Board (ICB)`.
 *
 * Performance: runs on every keystroke on papers up to 1 MB. One linear pass
 * over the text nodes; the definition checks look at bounded windows; text is
 * mapped back to source offsets only for the reported first uses.
 */
import type { Nodes, Root } from 'mdast';
import { defineRule, fix } from '../rule';
import type { Paper } from '../paper';
import type { OffsetRange } from '../types';
import { sectionKey } from './missing-section';

/** A piece of a block's text: one mdast text node. */
interface Seg {
  /** Index of the piece in the block's text. */
  v: number;
  start: number;
  end: number;
  value: string;
}

/** The text of one paragraph or heading, inline formatting flattened. */
interface Block {
  text: string;
  segs: Seg[];
}

const INLINE_CONTAINERS = new Set(['emphasis', 'strong', 'link', 'linkReference', 'delete']);
const SKIP = new Set(['code', 'inlineCode', 'html', 'yaml', 'definition', 'image', 'imageReference']);

function collectBlocks(root: Root): Block[] {
  const blocks: Block[] = [];
  const inline = (node: Nodes, block: { parts: string[]; len: number; segs: Seg[] }) => {
    if (node.type === 'text') {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (start !== undefined && end !== undefined) block.segs.push({ v: block.len, start, end, value: node.value });
      block.parts.push(node.value);
      block.len += node.value.length;
      return;
    }
    if (INLINE_CONTAINERS.has(node.type) && 'children' in node) {
      for (const c of node.children as Nodes[]) inline(c, block);
      return;
    }
    // Code, breaks, images, HTML: a word boundary, never part of a word.
    block.parts.push(' ');
    block.len += 1;
  };
  const walk = (node: Nodes, depth: number) => {
    if (depth > 200 || SKIP.has(node.type)) return;
    if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'text') {
      const b = { parts: [] as string[], len: 0, segs: [] as Seg[] };
      if (node.type === 'text') inline(node, b);
      else for (const c of node.children as Nodes[]) inline(c, b);
      if (b.segs.length) blocks.push({ text: b.parts.join(''), segs: b.segs });
      return;
    }
    if ('children' in node) for (const c of node.children as Nodes[]) walk(c, depth + 1);
  };
  walk(root, 0);
  return blocks;
}

// ---------------------------------------------------------------------------
// Tokens

/** A run of word characters; `&`, hyphens, slashes and apostrophes join parts. */
const COMPOUND = /[\p{L}\p{N}&'’\-/_]+/gu;
const ACRONYM = /^([A-Z](?:[A-Z&]*[A-Z])?)(s?)$/;
/** Placeholders, and everyday words written in capitals for emphasis ("do NOT"). */
const NOT_ACRONYMS = new Set(['TBC', 'TBA', 'TBD', 'NOT', 'AND', 'THE', 'FOR', 'ALL', 'ARE', 'BUT', 'MUST', 'ONLY', 'YES', 'NOTE', 'ALSO', 'WILL', 'OUR', 'YOU', 'THIS', 'THAT', 'WITH', 'FROM', 'HAVE', 'HAS', 'WAS', 'WERE', 'BEEN', 'NEVER', 'ANY', 'EACH', 'EVERY', 'NONE', 'SHOULD', 'SHALL']);
const ROMAN = /^(?:X{0,3})(?:IX|IV|V?I{0,3})$/;

interface Token {
  /** Offsets in the block text. */
  start: number;
  end: number;
  /** The acronym: capitals (and &), plural s removed. */
  key: string;
  /** The letters only (no &). */
  letters: string;
  plural: boolean;
}

function isCapsWord(s: string): boolean {
  let letters = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) letters++;
    else if (c === 38 || c === 45 || c === 47 || c === 39 || c === 0x2019) continue;
    else return false;
  }
  return letters >= 2;
}

function letterCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) n++;
  }
  return n;
}

/** The acronym tokens of a block, in order. Capitals-only "shouting" runs are left out. */
function tokensOf(text: string): Token[] {
  const compounds: { start: number; end: number; word: string }[] = [];
  COMPOUND.lastIndex = 0;
  for (let m = COMPOUND.exec(text); m; m = COMPOUND.exec(text)) compounds.push({ start: m.index, end: m.index + m[0].length, word: m[0] });

  // Shouting: three or more capitals-only words in a row, or one next to a long one ("FOR APPROVAL").
  const caps = compounds.map((c) => isCapsWord(c.word));
  const spaceOnly = (a: number, b: number) => /^[ \t]+$/.test(text.slice(a, b));
  const shouting = new Array<boolean>(compounds.length).fill(false);
  for (let i = 0; i < compounds.length; ) {
    if (!caps[i]) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < compounds.length && caps[j] && spaceOnly(compounds[j - 1]!.end, compounds[j]!.start)) j++;
    const run = compounds.slice(i, j);
    if (run.length >= 3 || (run.length === 2 && run.some((c) => letterCount(c.word) >= 7))) for (let k = i; k < j; k++) shouting[k] = true;
    i = j;
  }

  const out: Token[] = [];
  compounds.forEach((c, i) => {
    if (shouting[i]) return;
    if (/\p{N}/u.test(c.word)) return; // COVID-19, 13SA, Core20PLUS5
    let offset = c.start;
    for (const part of c.word.split(/[-/_]/)) {
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
      const letters = key.replace(/&/g, '');
      if (letters.length < 2 || letters.length > 6 || key.includes('&&')) continue;
      if (NOT_ACRONYMS.has(key) || ROMAN.test(key)) continue;
      out.push({ start: partStart, end: partStart + key.length + m[2]!.length, key, letters, plural: m[2] === 's' });
    }
  });
  return out;
}

// ---------------------------------------------------------------------------
// Definitions

const SMALL_WORDS = new Set(['and', 'of', 'the', 'for', '&', 'in', 'on', 'to', 'a', 'an', 'with', 'by', 'at', 'or', 'from', 'into', 'its', 'de']);

interface Word {
  text: string;
  /** A later part of a hyphenated word: may be skipped (Co-operative). */
  optional: boolean;
}

function splitWords(s: string): Word[] {
  const out: Word[] = [];
  for (const raw of s.split(/\s+/)) {
    const parts = raw.split(/[-‐–—/]/);
    parts.forEach((part, i) => {
      const w = part.replace(/^[^\p{L}\p{N}&]+|[^\p{L}\p{N}&]+$/gu, '').replace(/['’]s$/, '');
      if (w) out.push({ text: w, optional: i > 0 });
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
  return s.toLowerCase().replace(/&/g, ' and ').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

export function pluralise(s: string): string {
  if (/[^aeiou]y$/i.test(s)) return `${s.slice(0, -1)}ies`;
  if (/(?:s|x|z|ch|sh)$/i.test(s)) return `${s}es`;
  return `${s}s`;
}

/** Is the token at `t` (block text `s`) spelled out right there, either way round? */
function definedAt(s: string, t: Token, expansion: string | undefined): boolean {
  // Words Of It (ACR)
  let i = t.start - 1;
  while (i >= 0 && (s[i] === ' ' || s[i] === '\t' || s[i] === '\n')) i--;
  let j = t.end;
  while (j < s.length && (s[j] === ' ' || s[j] === '\t')) j++;
  if (i >= 0 && s[i] === '(' && s[j] === ')') {
    const before = s.slice(Math.max(0, i - 300), i);
    const words = splitWords(before);
    const tail = words.slice(-(3 * t.letters.length + 8));
    for (let k = tail.length - 1; k >= 0; k--) {
      if (tail[k]!.text[0]!.toUpperCase() !== t.letters[0] && !/^[A-Z]{2,}$/.test(tail[k]!.text)) continue;
      if (spells(tail.slice(k), t.letters, true)) return true;
    }
    if (expansion) {
      const b = ` ${norm(before)}`;
      if (b.endsWith(` ${norm(expansion)}`) || b.endsWith(` ${norm(pluralise(expansion))}`)) return true;
    }
  }
  // ACR (Words Of It)
  if (s[j] === '(') {
    const window = s.slice(j + 1, j + 301);
    const close = window.indexOf(')');
    if (close !== -1) {
      const inside = window.slice(0, close);
      if (!inside.includes('(')) {
        if (spells(splitWords(inside), t.letters, false)) return true;
        if (expansion && (norm(inside) === norm(expansion) || norm(inside) === norm(pluralise(expansion)))) return true;
      }
    }
  }
  return false;
}

// ---------------------------------------------------------------------------
// Mapping block text back to the source

/** Progress through one segment: block-text and source offsets, and whether the two are identical. */
interface Cursor {
  v: number;
  s: number;
  same: boolean;
}

/**
 * Source range of block text [start, end), or undefined when the text there
 * is not written as-is in the source (an escape or entity inside the token,
 * or the token crossing formatting). `cursors` keeps per-segment progress so
 * repeated look-ups in one segment stay linear.
 */
function sourceRange(paper: Paper, block: Block, start: number, end: number, cursors: Map<Seg, Cursor>): OffsetRange | undefined {
  // Find the segment holding `start` (binary search).
  let lo = 0;
  let hi = block.segs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (block.segs[mid]!.v <= start) lo = mid;
    else hi = mid - 1;
  }
  const seg = block.segs[lo];
  if (!seg || start < seg.v || end > seg.v + seg.value.length) return undefined;
  const vi = start - seg.v;
  const want = seg.value.slice(vi, vi + (end - start));
  let cur = cursors.get(seg);
  if (!cur) {
    cur = { v: 0, s: 0, same: paper.text.slice(seg.start, seg.end) === seg.value };
    cursors.set(seg, cur);
  }
  if (cur.same) return { start: seg.start + vi, end: seg.start + vi + want.length };
  const src = paper.text.slice(seg.start, seg.end);
  if (vi < cur.v) return undefined;
  const slack = Math.max(0, src.length - seg.value.length) + 8;
  const from = cur.s;
  const windowEnd = Math.min(src.length, from + (vi - cur.v) + slack + want.length);
  const window = src.slice(from, windowEnd);
  let at = window.indexOf(want);
  let len = want.length;
  if (at === -1 && want.includes('&')) {
    // `A\&E`, `R&amp;D`, `A&#38;E`: the same token written with an escape or entity.
    const re = new RegExp(want.split('&').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('(?:\\\\&|&amp;|&#0*38;|&#[xX]0*26;|&)'));
    const m = re.exec(window);
    if (m) {
      at = m.index;
      len = m[0].length;
    }
  }
  if (at === -1) return undefined;
  const s = from + at;
  cur.v = vi + want.length;
  cur.s = s + len;
  return { start: seg.start + s, end: seg.start + s + len };
}

/** Roughly where block text `start` is in the source, for a finding whose token could not be mapped exactly. */
function approximate(block: Block, start: number): OffsetRange {
  let seg = block.segs[0]!;
  for (const s of block.segs) if (s.v <= start) seg = s;
  const at = Math.min(seg.end, seg.start + Math.max(0, start - seg.v));
  return { start: at, end: at };
}

// ---------------------------------------------------------------------------

const GLOSSARY = /^(?:glossary|abbreviations|acronyms|list of abbreviations|list of acronyms)\b/;

export const rule = defineRule({
  id: 'undefined-acronym',
  severity: 'info',
  description: 'An acronym is used before it is spelled out.',
  fixable: true,
  check({ paper, profile, report }) {
    const known = profile.acronyms && typeof profile.acronyms === 'object' ? profile.acronyms : {};
    const mustDefine = profile.acronyms_must_be_defined === true;
    const expansionOf = (key: string): string | undefined => {
      const e = Object.prototype.hasOwnProperty.call(known, key) ? known[key] : undefined;
      return typeof e === 'string' && e.trim() ? e.trim() : undefined;
    };

    const blocks = collectBlocks(paper.mdast);
    if (blocks.length === 0) return;

    // Acronyms listed in a Glossary section are defined for the whole paper.
    const glossaries = paper.sections.filter((s) => GLOSSARY.test(sectionKey(s))).map((s) => ({ start: s.headingRange.start, end: s.contentRange.end }));
    const inGlossary = (b: Block) => {
      const at = b.segs[0]!.start;
      return glossaries.some((g) => at >= g.start && at < g.end);
    };

    const tokensByBlock = blocks.map((b) => tokensOf(b.text));
    const glossary = new Set<string>();
    if (glossaries.length) blocks.forEach((b, i) => inGlossary(b) && tokensByBlock[i]!.forEach((t) => glossary.add(t.key)));

    const seen = new Set<string>();
    const cursors = new Map<Seg, Cursor>();
    blocks.forEach((block, bi) => {
      for (const t of tokensByBlock[bi]!) {
        if (seen.has(t.key)) continue;
        seen.add(t.key);
        const expansion = expansionOf(t.key);
        if (expansion !== undefined || Object.prototype.hasOwnProperty.call(known, t.key)) {
          if (!mustDefine) continue;
        }
        if (glossary.has(t.key)) continue;
        if (definedAt(block.text, t, expansion)) continue;

        const written = block.text.slice(t.start, t.end);
        const range = sourceRange(paper, block, t.start, t.end, cursors);
        const example = expansion ? `"${expansion} (${t.key})"` : `the words in full followed by "(${t.key})"`;
        const why = expansion
          ? 'The profile asks for every acronym, even a familiar one, to be spelled out: members of the public and lay members read these papers.'
          : 'Members of the meeting and the public reading the papers may not know it.';
        const message = `"${t.key}" is used here before it is spelled out. ${why} Write ${example} at its first use, or add it to a Glossary section.`;
        if (range) {
          const source = paper.text.slice(range.start, range.end);
          const full = expansion ? (t.plural ? pluralise(expansion) : expansion) : undefined;
          report({
            message,
            range,
            ...(full ? { fix: fix(`Spell out ${t.key}: "${full} (${written})"`, { start: range.start, end: range.end, newText: `${full} (${source})` }) } : {}),
          });
        } else {
          report({ message, range: approximate(block, t.start) });
        }
      }
    });
  },
});
