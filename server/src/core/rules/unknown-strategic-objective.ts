/**
 * unknown-strategic-objective: a code in `strategic_objectives` that the
 * profile does not define (`SO7`, `S01` with a zero, `so1`, `SO 1`).
 *
 * This module also reads the list for the two other strategic objective
 * rules (`objectiveEntries`): an entry is a bare code (`SO1`), a code with
 * its wording in one string (`"SO2: To equalise…"`) or, in a block list or
 * a flow list, a one-key mapping (`- SO2: To equalise…`, `[SO2: …]`).
 *
 * The fix replaces the code text only, and only when one profile code is
 * certainly meant: the same code but for case, spacing, punctuation or a
 * zero written for the letter O (`S01`, `so1`, `SO 1`), or the single code
 * one edit away. `SO7` among SO1–SO6 is one edit from all six: no fix.
 */
import { distance } from 'fastest-levenshtein';
import { defineRule, fix, replaceNode, writtenRange } from '../rule';
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

/** Upper case, no spaces or punctuation, a zero read as the letter O. */
function canonicalCode(s: string): string {
  return s.toUpperCase().replace(/[^A-Z0-9]/g, '').replace(/0/g, 'O');
}

/** The profile code certainly meant by `code`, if exactly one. */
export function closestCode(profile: Profile, code: string): string | undefined {
  const codes = Object.keys(profile.strategic_objectives);
  const c = canonicalCode(code);
  if (!c) return undefined;
  const same = codes.filter((k) => canonicalCode(k) === c);
  if (same.length === 1) return same[0];
  if (same.length > 1) return undefined;
  let best = Infinity;
  let hits: string[] = [];
  for (const k of codes) {
    const d = distance(c, canonicalCode(k));
    if (d < best) {
      best = d;
      hits = [k];
    } else if (d === best) hits.push(k);
  }
  return best <= 1 && hits.length === 1 ? hits[0] : undefined;
}

export function codeList(profile: Profile): string {
  return Object.keys(profile.strategic_objectives).join(', ');
}

export const rule = defineRule({
  id: 'unknown-strategic-objective',
  severity: 'error',
  description: 'A strategic objective code is not one of the profile\'s codes.',
  fixable: true,
  check({ paper, profile, report }) {
    const list = objectiveEntries(paper);
    if (!list || !profile.strategic_objectives) return;
    if (Object.keys(profile.strategic_objectives).length === 0) return;
    for (const e of list.entries) {
      if (isProfileCode(profile, e.code)) continue;
      const closest = closestCode(profile, e.code);
      const known = `the codes are ${codeList(profile)}`;
      const base = `"${e.code}" is not one of ${profile.organisation}'s strategic objectives (${known}). The meeting weighs the paper against the objectives it serves, so an unknown code leaves members unable to tell which one is meant.`;
      if (closest) {
        const edit = replaceNode(e.codeRange, closest);
        const f = fix(`Replace ${e.code} with ${closest}`, edit);
        report({
          message: `${base} Did you mean ${closest}?`,
          range: e.codeRange,
          ...(e.codeExact ? { fix: f } : {}),
        });
      } else {
        report({ message: `${base} Use one of the profile's codes.`, range: e.codeRange });
      }
    }
  },
});
