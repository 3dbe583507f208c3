/**
 * The meeting's agenda (MEETING.md): what `agenda.yaml` says, or what the
 * papers and the profile's standing items give when a meeting has no agenda
 * file. Plain data: no I/O, no clock, no LSP.
 */
import type { CoverSheet } from '../cover-sheet';
import type { Profile } from '../profile';
import type { OffsetRange } from '../types';

/** The kinds of agenda item (contract). */
export const ITEM_KINDS = ['paper', 'verbal', 'presentation', 'document'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** The keys an agenda item may have. */
export const ITEM_KEYS = ['item', 'title', 'kind', 'presenter', 'purpose', 'time', 'file', 'confidential'] as const;
export type ItemKey = (typeof ITEM_KEYS)[number];

/** The keys at the top of an agenda file. */
export const AGENDA_KEYS = ['meeting', 'date', 'time', 'venue', 'chair', 'papers_due', 'items'] as const;
export type AgendaKey = (typeof AGENDA_KEYS)[number];

export interface AgendaItem {
  /** The item number as written (`"9"`, `10.1`, `ICB/24/031`); '' for a standing item added from the profile. */
  item: string;
  title: string;
  /** `paper` when not written (or when the kind written is not one of ITEM_KINDS: see `unknownKind`). */
  kind: ItemKind;
  /** A `kind` that is not one of ITEM_KINDS, as written (agenda-syntax reports it; no other rule judges the item). */
  unknownKind?: string;
  presenter?: string;
  /** What the meeting is asked to do, when the agenda says (compared with the paper's `purpose`). */
  purpose?: string;
  /** Start time as written ("13:00"). */
  time?: string;
  /** A file relative to the agenda's folder, as written (`/` or `\` separators). */
  file?: string;
  /** The agenda puts the item in Part 2 (`confidential: true`). */
  confidential: boolean;
  /** A standing item from the profile (agendas made from papers only). */
  standing?: boolean;
  /** Where the item is in agenda.yaml: its whole entry, and the value of each key written. Absent for agendas made from papers. */
  range?: OffsetRange;
  keys?: Partial<Record<ItemKey, OffsetRange>>;
}

export interface Agenda {
  /** `meeting` as written. */
  meeting: string;
  /** The profile's committee name when `meeting` is one of its committees or aliases, else `meeting`. */
  committee: string;
  /** The meeting date (YYYY-MM-DD) when it is a real date, else undefined. */
  date?: string;
  time?: string;
  venue?: string;
  chair?: string;
  /** When papers are due: `papers_due` as written (a real date), else the profile's working days before `date`. */
  papersDue?: string;
  /** True when `papers_due` was written in the agenda. */
  papersDueWritten: boolean;
  /** Items in the order written. */
  items: AgendaItem[];
  /** Where the agenda came from. */
  source: 'file' | 'papers';
  /** Where the top-level keys' values are (agenda files only). */
  keys?: Partial<Record<AgendaKey, OffsetRange>>;
}

/** Something wrong with the agenda file itself (`agenda-syntax`). */
export interface AgendaProblem {
  message: string;
  range: OffsetRange;
}

/**
 * A paper as the agenda sees it: its cover sheet and how clean it is. The
 * caller reads and checks the papers (the CLI: the folder; the language
 * server: the workspace) and passes them in.
 */
export interface AgendaPaper {
  /** The paper's path relative to the agenda's folder, `/`-separated (`finance/09-plan.md`). */
  file: string;
  cover: CoverSheet;
  /** The paper's own profile (for its meeting's aliases); the agenda's profile when absent. */
  profile?: Profile;
  /** Error and warning findings of the paper's own check (info findings do not count). */
  errors: number;
  warnings: number;
}

/** The readiness state of an agenda item (contract). */
export type ItemState = 'received' | 'findings' | 'missing' | 'overdue' | 'verbal' | 'document';

export interface ItemReadiness {
  item: AgendaItem;
  /** Position in `agenda.items`. */
  index: number;
  state: ItemState;
  /** The matched paper (paper items), or the paper named by `file:`. */
  paper?: AgendaPaper;
  /** With `findings` (and `received`, as 0). */
  errors?: number;
  warnings?: number;
  /** With `overdue`: working days (Mon–Fri) since the papers were due, at least 1. */
  overdueDays?: number;
  /**
   * Part 2: the agenda says `confidential: true`, or the matched paper is not
   * plainly public (`confidential` other than the boolean false — fails
   * closed, as the pack does).
   */
  confidential: boolean;
}

export interface Readiness {
  agenda: Agenda;
  /** Every item, in the order written. */
  items: ItemReadiness[];
  /** Part 1 items then Part 2 items, each in the order written (the order of the pack). */
  part1: ItemReadiness[];
  part2: ItemReadiness[];
  /** Papers for this meeting and date whose agenda item the agenda does not list. */
  notOnAgenda: AgendaPaper[];
  /** Every paper item is received (or has findings) with no error: `boardpaper status` exits 0. */
  ready: boolean;
}
