/**
 * undefined-acronym: an acronym in the body is used before it is spelled
 * out (RULES.md, "Precise semantics": Acronyms).
 *
 * - An acronym is 2–6 capitals, an `&` inside allowed (`A&E`), optionally a
 *   plural `s` (`UDAs` is UDA). Placeholders (TBC, TBA, N/A), tokens with
 *   digits (COVID-19, 13SA, Core20PLUS5) and Roman numerals are not.
 * - It is spelled out by `Words Of It (ACR)` or `ACR (Words Of It)` at its
 *   first use, or by a Glossary section. Capitals in brackets straight after
 *   words define them whether or not the letters match (`… NHS Trust
 *   (LTHT)`), and `(PAF/PAS)` defines both. The profile's own expansion also
 *   counts (`Continuing Healthcare (CHC)`).
 * - Honours after a name (CBE, OBE, MBE), audit firms known by their
 *   letters (KPMG, BDO) and `MS` before a product's name (`MS Teams`) need
 *   no spelling out; the built-in profile's national
 *   acronyms (UK, GP, …) are in its `acronyms`, so exempt like the others.
 * - One finding per acronym per paper, at its first use, in the body only
 *   (headings included; code, HTML and the cover sheet left out). A
 *   definition on the cover sheet counts: it comes before the body
 *   ("Report by: …, Senior Responsible Owner (SRO)").
 * - Exempt when in the profile's `acronyms`, unless `acronyms_must_be_defined`;
 *   then the fix (when the profile knows the expansion) spells it out at first
 *   use: `ICB` → `Integrated Care Board (ICB)`.
 *
 * What an acronym is, the blocks searched and the definition checks live in
 * `core/acronyms.ts` (shared with the hover).
 *
 * Performance: runs on every keystroke on papers up to 1 MB. Only the first
 * use of each acronym matters, so only the words holding a run of capitals
 * not seen before are tokenised (one regex over each block finds them); the definition
 * checks look at bounded windows; text is mapped back to source offsets only
 * for the reported first uses.
 */
import { defineRule, fix } from '../rule';
import type { Paper } from '../paper';
import type { OffsetRange } from '../types';
import {
  approximate,
  collectBlocks,
  coverDefinitions,
  definitionAt,
  exemptUse,
  isGlossary,
  pluralise,
  tokensOf,
  type Block,
  type Seg,
  type Token,
} from '../acronyms';

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
    const re = new RegExp(
      want
        .split('&')
        .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('(?:\\\\&|&amp;|&#0*38;|&#[xX]0*26;|&)'),
    );
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

// ---------------------------------------------------------------------------

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
    const glossaries = paper.sections.filter(isGlossary).map((s) => ({ start: s.headingRange.start, end: s.contentRange.end }));
    const inGlossary = (b: Block) => {
      const at = b.segs[0]!.start;
      return glossaries.some((g) => at >= g.start && at < g.end);
    };
    const tokensByBlock: (readonly Token[] | undefined)[] = new Array(blocks.length);
    const glossary = new Set<string>();
    if (glossaries.length) {
      blocks.forEach((b, i) => {
        if (!inGlossary(b)) return;
        tokensByBlock[i] = tokensOf(b.text);
        for (const t of tokensByBlock[i]!) glossary.add(t.key);
      });
    }

    // Acronyms the cover sheet spells out ("Report by: …, Senior Responsible Owner (SRO)"): the cover
    // sheet comes before the body, so it defines them before their first use there. Read only when an
    // acronym would otherwise be reported, so a paper with none pays nothing.
    let onCover: ReadonlyMap<string, unknown> | undefined;
    const definedOnCover = (key: string): boolean => (onCover ??= coverDefinitions(paper, expansionOf)).has(key);

    const seen = new Set<string>();
    // Only acronyms not seen yet matter: a block is read closely only where it holds one.
    const unseen = (key: string) => !seen.has(key);
    const cursors = new Map<Seg, Cursor>();
    blocks.forEach((block, bi) => {
      const tokens = tokensByBlock[bi] ?? tokensOf(block.text, unseen);
      for (const t of tokens) {
        if (seen.has(t.key)) continue;
        // An honour after a name (CBE), a maker before its product (MS Teams): this use needs no spelling out.
        if (exemptUse(block.text, t)) continue;
        seen.add(t.key);
        const expansion = expansionOf(t.key);
        if (expansion !== undefined || Object.prototype.hasOwnProperty.call(known, t.key)) {
          if (!mustDefine) continue;
        }
        if (glossary.has(t.key)) continue;
        if (definitionAt(block.text, t, expansion) !== null) continue;
        if (definedOnCover(t.key)) continue;

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
