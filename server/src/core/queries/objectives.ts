/**
 * The strategic objectives ticked on the cover sheet, as the three strategic
 * objective rules (and the editor) read them: an entry is a bare code
 * (`SO1`), a code with its wording in one string (`"SO2: To equalise…"`) or,
 * in a block list or a flow list, a one-key mapping (`- SO2: To equalise…`,
 * `[SO2: …]`); and how wording is compared with the profile's.
 */
import { writtenRange } from '../rule';
import type { Paper } from '../paper';
import type { Profile } from '../profile';
import type { OffsetRange } from '../types';
import { getNode, type YNode, type YScalar, type YSeq } from '../yaml';

export interface ObjectiveEntry {
  /** The list item. */
  item: YNode;
  index: number;
  /** The code as written, trimmed (`SO1`, `S01`, `SO 1`). */
  code: string;
  /** The code's text only. */
  codeRange: OffsetRange;
  /** True when `codeRange` holds exactly `code` (safe to replace). */
  codeExact: boolean;
  /** Wording written with the code, trimmed (undefined for a bare code). */
  wording?: string;
  /** Where the wording is: the mapping's value, or the text after the colon. */
  wordingRange?: OffsetRange;
  /** `code` = bare code; `string` = "SO2: text" in one scalar; `map` = `SO2: text` mapping. */
  form: 'code' | 'string' | 'map';
  /** The scalar holding the whole entry (string form) or the wording (map form). */
  scalar?: YScalar;
}

export interface ObjectiveList {
  seq: YSeq;
  entries: ObjectiveEntry[];
}

/** The entries of `strategic_objectives` when it is a list; null otherwise. */
export function objectiveEntries(paper: Paper): ObjectiveList | null {
  const node = getNode(paper.cover, 'strategic_objectives');
  if (!node || node.kind !== 'seq') return null;
  const entries: ObjectiveEntry[] = [];
  node.items.forEach((item, index) => {
    const e = readEntry(paper, item, index);
    if (e) entries.push(e);
  });
  return { seq: node, entries };
}

function readEntry(paper: Paper, item: YNode, index: number): ObjectiveEntry | undefined {
  if (item.kind === 'scalar') {
    if (item.empty || typeof item.value !== 'string') {
      // A number or boolean (`- 1`) is still a code as written.
      const t = item.empty ? '' : item.source.trim();
      if (!t) return undefined;
      return { item, index, code: t, codeRange: { start: item.start, end: item.end }, codeExact: item.source === t, form: 'code' };
    }
    const text = item.text;
    const colon = text.indexOf(':');
    const codePart = colon === -1 ? text : text.slice(0, colon);
    const code = codePart.trim();
    if (!code) return undefined;
    // Offsets are exact when the source spells the code part the same as the decoded text (no escapes, one line).
    const exact = item.source.startsWith(codePart) && !/[\r\n]/.test(codePart);
    const lead = codePart.length - codePart.trimStart().length;
    const codeRange = exact ? { start: item.start + lead, end: item.start + lead + code.length } : { start: item.start, end: item.end };
    if (colon === -1) return { item, index, code, codeRange, codeExact: exact, form: 'code' };
    const rest = text.slice(colon + 1);
    const wording = rest.trim();
    if (!wording) return { item, index, code, codeRange, codeExact: exact, form: 'code' };
    let wordingRange: OffsetRange = { start: item.start, end: item.end };
    if (exact && item.source.length === text.length) {
      const wLead = rest.length - rest.trimStart().length;
      const ws = item.start + colon + 1 + wLead;
      wordingRange = { start: ws, end: ws + wording.length };
    }
    return { item, index, code, codeRange, codeExact: exact, wording, wordingRange, form: 'string', scalar: item };
  }
  if (item.kind === 'map' && item.pairs.length === 1) {
    const { key, value } = item.pairs[0]!;
    if (key.kind !== 'scalar' || key.empty) return undefined;
    const code = key.text.trim();
    if (!code) return undefined;
    const codeExact = key.source === key.text && key.text === code;
    const codeRange = { start: key.start, end: key.end };
    if (value.kind === 'scalar' && !value.empty && typeof value.value === 'string' && value.text.trim()) {
      return { item, index, code, codeRange, codeExact, wording: value.text.trim(), wordingRange: writtenRange(paper, value), form: 'map', scalar: value };
    }
    return { item, index, code, codeRange, codeExact, form: 'map' };
  }
  return undefined;
}

export function isProfileCode(profile: Profile, code: string): boolean {
  return Object.prototype.hasOwnProperty.call(profile.strategic_objectives, code);
}

/** Lower case letters and digits only (`&` read as "and"), without a leading "to". */
export function normaliseWording(s: string): string {
  return s
    .trim()
    .replace(/^to\s+/i, '')
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Does the wording written match the profile's `official` wording? */
export function wordingMatches(written: string, official: string): boolean {
  const w = normaliseWording(written);
  const o = normaliseWording(official);
  if (!w) return false;
  if (w === o) return true;
  // "To equalise opportunities…": the start of the wording, cut short.
  const truncated = /(?:…|\.\.\.)\s*$/.test(written.trim());
  return truncated && w.length >= 8 && o.startsWith(w);
}
