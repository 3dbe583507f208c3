/**
 * What an agenda rule (core/rules/agenda-*.ts, meeting-name-near-miss.ts)
 * gets to work with. Types only.
 */
import type { Profile } from '../profile';
import type { Rule } from '../rule';
import type { OffsetRange, Severity } from '../types';
import type { AgendaPaper, Readiness } from './model';
import type { ParsedAgenda } from './parse';

export interface AgendaReport {
  message: string;
  /** Offsets in the agenda file. */
  range: OffsetRange;
  /** For a rule with two severities (agenda-paper-mismatch: error for confidentiality). A profile's setting still wins. */
  severity?: Severity;
}

export interface AgendaRuleContext {
  parsed: ParsedAgenda;
  readiness: Readiness;
  /** Every paper found in the meeting's folder (any meeting or date). */
  papers: readonly AgendaPaper[];
  /** The agenda's profile. */
  profile: Profile;
  /** The files in the meeting's folder (relative, `/`-separated); undefined when not known (then no `file:` is said not to exist). */
  files: ReadonlySet<string> | undefined;
  report(r: AgendaReport): void;
}

/** An agenda rule: its catalogue entry (`rule`, whose per-paper `check` does nothing) and its check of an agenda. */
export interface AgendaRuleModule {
  rule: Rule;
  checkAgenda(ctx: AgendaRuleContext): void;
}

/** The `key:` of a top-level agenda key (for findings about the agenda as a whole), else the first line. */
export function topKeyRange(parsed: ParsedAgenda, key: string): OffsetRange {
  const root = parsed.root;
  const p = root?.kind === 'map' ? root.pairs.find((x) => x.name === key) : undefined;
  if (p) return { start: p.key.start, end: p.key.end };
  const bom = parsed.text.charCodeAt(0) === 0xfeff ? 1 : 0;
  return { start: bom, end: Math.max(bom, parsed.lines.lineEnd(0)) };
}

/** Where a finding about one item sits: its `item:` value, else its first key. */
export function itemRange(parsed: ParsedAgenda, index: number): OffsetRange {
  const item = parsed.agenda.items[index];
  const r = item?.keys?.item ?? item?.range;
  if (!r) return topKeyRange(parsed, 'items');
  const lineEnd = parsed.lines.lineEnd(parsed.lines.lineOf(r.start));
  return { start: r.start, end: Math.max(r.start, Math.min(r.end, lineEnd)) };
}

/** "item 9" for messages. */
export const itemLabel = (item: { item: string }) => (item.item ? `item ${item.item}` : 'an item with no number');
