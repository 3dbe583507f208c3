/**
 * The Meeting view's requests (VS Code extension → language server), beside
 * ../protocol.ts. What a Part 2 item may show is decided by the server
 * (core/agenda/report.ts): its number, kind, state and file, never its title
 * or presenter.
 */
import type { ItemKind, ItemState } from './core/agenda/model';

/** The meetings of the workspace: every agenda.yaml, and every meeting and date the papers name without one. */
export const MeetingListRequest = 'boardPaper/meetingList';
export interface MeetingEntry {
  /** The committee's name as the profile spells it. */
  meeting: string;
  /** YYYY-MM-DD ('' when the agenda file gives none). */
  date: string;
  /** The agenda file, when there is one. */
  agendaUri?: string;
  /** The meeting's folder (the agenda's, or the papers' common folder). */
  folderUri: string;
  /** A label for the list: "Integrated Care Board — 2024-05-08". */
  label: string;
}

/** One meeting's readiness. Give `agendaUri`, or `meeting` and `date` (a meeting with no agenda file). */
export const MeetingStatusRequest = 'boardPaper/meetingStatus';
export interface MeetingStatusParams {
  agendaUri?: string;
  meeting?: string;
  date?: string;
  folderUri?: string;
  /** YYYY-MM-DD; default: the server's today. */
  today?: string;
}
export interface MeetingStatusItem {
  item: string;
  /** The agenda's title; "Confidential item" for Part 2. */
  title: string;
  kind: ItemKind;
  state: ItemState;
  /** "received", "findings (1 error)", "overdue by 3 working days"… */
  stateText: string;
  part: 1 | 2;
  presenter?: string;
  time?: string;
  /** The paper or document to open. */
  uri?: string;
  /** Its path relative to the meeting's folder. */
  file?: string;
  errors?: number;
  warnings?: number;
  standing?: boolean;
  /** Where the item is in agenda.yaml (0-based line), when there is an agenda file. */
  line?: number;
}
export interface MeetingStatusResult {
  meeting: string;
  date: string;
  papersDue?: string;
  today: string;
  agendaUri?: string;
  ready: boolean;
  items: MeetingStatusItem[];
  /** Papers for the meeting that the agenda does not list (files relative to the folder). */
  notOnAgenda: string[];
  /** Papers dated the day whose meeting name is close to this one (left out). */
  nearMisses: { file: string; meeting: string }[];
  /** Error and warning findings on the agenda file. */
  agendaErrors: number;
  agendaWarnings: number;
}
