/**
 * Checks across several papers (RULES.md, "Across papers"): today
 * `duplicate-agenda-item` — two papers for the same meeting (aliases
 * resolved through each paper's profile) and date with the same
 * `agenda_item` text. Pure: the callers (CLI: the papers it was given;
 * language server: the workspace) parse the papers and pass them in.
 *
 * Invariants:
 * - Agenda items are compared as their source text (`scalarText`): quoted
 *   "10" and plain 10 are the same item; 10.1 and 10.10 are not.
 * - Each paper's own profile decides its severity (or `off`), and, for an
 *   entry given with its full model (`paper`), its inline `boardpaper-disable`
 *   comments apply (via `finalise`). An entry given by its cover sheet alone
 *   (`cover`: the language server's index of unopened papers, read without
 *   the Markdown parse) gets its findings unsuppressed: it still counts in
 *   every clash, and a caller that wants that paper's own findings passes its
 *   model (the server reports findings only for open papers, which have one).
 * - A finding is about the paper as a whole (FORMAT.md): it sits on the
 *   `title:` line (`paper.anchor`) with `paperWide: true`.
 * - Never throws for any paper shape.
 */
import { finalise } from './analyze';
import { coverSheetOf, type CoverSheet } from './cover-sheet';
import type { Paper } from './paper';
import { findCommittee, normaliseName, type Profile } from './profile';
import { rule as duplicateAgendaItem } from './rules/duplicate-agenda-item';
import type { Finding } from './types';

/** A paper: its full model, or (unopened papers in the server) its cover sheet alone. */
export type AcrossEntry = {
  /** How the paper is named in messages and in the result: a path or URI. */
  key: string;
  profile: Profile;
} & ({ paper: Paper; cover?: undefined } | { cover: CoverSheet; paper?: undefined });

/** Agenda items that are placeholders, not numbers: never a clash. */
const PLACEHOLDER_ITEMS = new Set(['tbc', 'tba', 'tbd', 'n/a', '?']);

interface Slot {
  entry: AcrossEntry;
  cover: CoverSheet;
  meeting: string;
  date: string;
  item: string;
}

function slotOf(entry: AcrossEntry): Slot | undefined {
  const cover = entry.cover ?? (entry.paper ? coverSheetOf(entry.paper) : undefined);
  if (!cover) return undefined;
  const item = cover.agendaItem;
  if (!item || PLACEHOLDER_ITEMS.has(item.toLowerCase())) return undefined;
  const meetingText = cover.meeting;
  if (!meetingText) return undefined;
  const date = cover.meetingDate;
  if (!date) return undefined;
  const committee = entry.profile ? findCommittee(entry.profile, meetingText) : undefined;
  return { entry, cover, meeting: committee?.name ?? meetingText, date, item };
}

function groupKey(s: Slot): string {
  return `${normaliseName(s.meeting)}\u0000${s.date}\u0000${s.item}`;
}

function names(keys: string[]): string {
  const q = keys.map((k) => `"${k}"`);
  return q.length <= 1 ? q.join('') : `${q.slice(0, -1).join(', ')} and ${q.at(-1)}`;
}

/**
 * Findings of the across-papers rules, by entry key. Every entry's key is in
 * the result (an empty list when it has no finding).
 */
export function checkAcrossPapers(entries: readonly AcrossEntry[]): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  const groups = new Map<string, Slot[]>();
  for (const entry of entries) {
    out.set(entry.key, out.get(entry.key) ?? []);
    let slot: Slot | undefined;
    try {
      slot = slotOf(entry);
    } catch {
      slot = undefined;
    }
    if (!slot) continue;
    const k = groupKey(slot);
    const g = groups.get(k);
    if (g) g.push(slot);
    else groups.set(k, [slot]);
  }

  const id = duplicateAgendaItem.id;
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    for (const slot of group) {
      const { entry, cover } = slot;
      const setting = entry.profile?.rules?.[id] ?? duplicateAgendaItem.severity;
      if (setting === 'off') continue;
      const others = group.filter((s) => s !== slot).map((s) => s.entry.key);
      const finding: Finding = {
        rule: id,
        severity: setting,
        message:
          `Agenda item "${slot.item}" is also used by ${names(others)} for the ${slot.meeting.replace(/^the\s+/i, '')} meeting on ${slot.date}. ` +
          'Two papers under one item number confuse the agenda, the order of the pack and the minutes. ' +
          'Give each paper its own agenda item (e.g. 10.1 and 10.2), or check that the meeting and date are right.',
        range: { start: cover.anchor.start, end: cover.anchor.end },
        paperWide: true,
      };
      out.get(entry.key)!.push(finding);
    }
  }

  for (const entry of entries) {
    const list = out.get(entry.key);
    if (list && list.length && entry.paper) {
      try {
        out.set(entry.key, finalise(entry.paper, list));
      } catch {
        // keep the findings unsuppressed rather than fail
      }
    }
  }
  return out;
}
