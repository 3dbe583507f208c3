/**
 * Readiness: which paper each agenda item has, and its state (received,
 * findings, missing, overdue, verbal, document), with the Part 1 / Part 2
 * split the pack follows. And the agenda of a meeting that has no agenda
 * file: its papers plus the profile's standing items. Pure: `today` is
 * passed in.
 */
import type { Profile } from '../profile';
import { compareDates, workingDaysBetween, workingDaysBefore } from './dates';
import type { Agenda, AgendaItem, AgendaPaper, ItemReadiness, Readiness } from './model';
import { committeeName, isNearMiss, sameMeeting } from './names';
import { normaliseAgendaFile } from './parse';
import { meetingSettings } from './settings';

export interface ReadinessOptions {
  /** The agenda's (folder's) profile. */
  profile: Profile;
  /** Today, YYYY-MM-DD (the caller reads the clock; the core never does). */
  today: string;
}

/** The paper is for `meeting` on `date` (aliases resolved; date as written). */
export function isPaperFor(paper: AgendaPaper, meeting: string, date: string | undefined, profile: Profile): boolean {
  const m = paper.cover.meeting;
  return !!m && !!date && paper.cover.meetingDate === date && sameMeeting(m, paper.profile ?? profile, meeting, profile);
}

const sameItem = (a: string | undefined, b: string) => !!a && a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The readiness of every item of `agenda`, given the papers found (any
 * meeting: those for another meeting or date are only matched through
 * `file:`).
 *
 * - A `paper` item is matched to the first paper (in the order given) for
 *   the agenda's meeting and date whose `agenda_item` is the item's number
 *   as written (case aside), or to the paper its `file:` names.
 * - `received`: matched, no error or warning; `findings`: matched with
 *   errors or warnings; `missing`: no paper yet; `overdue`: no paper and
 *   today is after papers_due (`overdueDays` working days, at least 1).
 *   Verbal items and presentations are `verbal`, documents `document`.
 * - Part 2: the agenda says `confidential: true`, or the matched paper's
 *   `confidential` is anything but `false` (fails closed, as the pack).
 */
export function agendaReadiness(agenda: Agenda, papers: readonly AgendaPaper[], options: ReadinessOptions): Readiness {
  const { profile, today } = options;
  const meeting = agenda.meeting || agenda.committee;
  const candidates = papers.filter((p) => isPaperFor(p, meeting, agenda.date, profile));
  const byFile = new Map<string, AgendaPaper>();
  for (const p of papers) {
    const k = normaliseAgendaFile(p.file);
    if (!byFile.has(k)) byFile.set(k, p);
  }
  const used = new Set<AgendaPaper>();
  const items: ItemReadiness[] = agenda.items.map((item, index) => {
    let paper: AgendaPaper | undefined;
    if (item.file) paper = byFile.get(normaliseAgendaFile(item.file));
    else if (item.kind === 'paper' && item.item) paper = candidates.find((p) => !used.has(p) && sameItem(p.cover.agendaItem, item.item));
    if (paper) used.add(paper);
    // A paper is public only when it says confidential: false (fails closed); a
    // document without a cover sheet is confidential when the agenda or its own front-matter says so.
    const paperConfidential = !!paper && (paper.cover.looksLikePaper ? paper.cover.confidential !== false : paper.cover.confidential === true);
    const r: ItemReadiness = { item, index, state: 'verbal', confidential: item.confidential || paperConfidential };
    if (paper) r.paper = paper;
    if (item.kind === 'verbal' || item.kind === 'presentation') r.state = 'verbal';
    else if (item.kind === 'document') r.state = 'document';
    else if (paper && paper.cover.looksLikePaper) {
      r.state = paper.errors || paper.warnings ? 'findings' : 'received';
      r.errors = paper.errors;
      r.warnings = paper.warnings;
    } else if (agenda.papersDue && compareDates(today, agenda.papersDue) > 0) {
      r.state = 'overdue';
      r.overdueDays = Math.max(1, workingDaysBetween(agenda.papersDue, today));
    } else r.state = 'missing';
    return r;
  });
  // A paper whose number is a paper item that another paper took is a
  // duplicate agenda item (its own rule), not a paper missing from the agenda.
  const paperItems = agenda.items.filter((i) => i.kind === 'paper' && i.item);
  const notOnAgenda = candidates.filter((p) => !used.has(p) && !paperItems.some((i) => sameItem(p.cover.agendaItem, i.item)));
  return {
    agenda,
    items,
    part1: items.filter((i) => !i.confidential),
    part2: items.filter((i) => i.confidential),
    notOnAgenda,
    ready: items.every((i) => i.item.kind !== 'paper' || ((i.state === 'received' || i.state === 'findings') && !i.errors)),
  };
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Natural agenda order (2 < 9 < 10 < 10.1 < 10.2 < 10.10); items with no number last. */
export function compareItems(a: string, b: string): number {
  if (!a || !b) return a ? -1 : b ? 1 : 0;
  return collator.compare(a, b);
}

export interface FromPapersOptions {
  /** The meeting (a committee's name or alias). */
  meeting: string;
  /** YYYY-MM-DD. */
  date: string;
  /** The folder's profile: committees, standing items, papers due. */
  profile: Profile;
}

/**
 * The agenda of a meeting with no agenda file: the profile's opening
 * standing items (no number, `standing: true`), the papers for the meeting
 * and date in agenda order (each with `file:`; Part 2 papers marked
 * confidential, failing closed), then the closing standing items.
 */
export function agendaFromPapers(papers: readonly AgendaPaper[], options: FromPapersOptions): Agenda {
  const { meeting, date, profile } = options;
  const settings = meetingSettings(profile, meeting);
  const ours = papers
    .filter((p) => isPaperFor(p, meeting, date, profile))
    .sort((a, b) => compareItems(a.cover.agendaItem ?? '', b.cover.agendaItem ?? '') || a.file.localeCompare(b.file));
  const standing = (at: 'start' | 'end'): AgendaItem[] =>
    settings.standingItems
      .filter((s) => s.at === at)
      .map((s): AgendaItem => ({ item: '', title: s.title, kind: 'verbal', confidential: false, standing: true }));
  const paperItems: AgendaItem[] = ours.map((p) => {
    const item: AgendaItem = {
      item: p.cover.agendaItem ?? '',
      title:
        p.cover.title ??
        p.file
          .split('/')
          .pop()!
          .replace(/\.(md|markdown)$/i, ''),
      kind: 'paper',
      file: p.file,
      confidential: p.cover.confidential !== false,
    };
    if (p.cover.presentedBy) item.presenter = p.cover.presentedBy;
    return item;
  });
  return {
    meeting: meeting.trim(),
    committee: committeeName(profile, meeting),
    date,
    papersDue: workingDaysBefore(date, settings.papersDueWorkingDays),
    papersDueWritten: false,
    items: [...standing('start'), ...paperItems, ...standing('end')],
    source: 'papers',
  };
}

/**
 * Papers dated `date` whose meeting is not `meeting` but close to it
 * (`meeting-name-near-miss`): they would be left out of the meeting's
 * agenda and pack without a word. For `pack --meeting` and `status` too.
 */
export function meetingNearMisses(papers: readonly AgendaPaper[], meeting: string, date: string, profile: Profile): AgendaPaper[] {
  return papers.filter((p) => {
    const m = p.cover.meeting;
    if (!m || p.cover.meetingDate !== date) return false;
    if (sameMeeting(m, p.profile ?? profile, meeting, profile)) return false;
    return isNearMiss(m, meeting, profile);
  });
}
