/**
 * Readiness as rows for people: `boardpaper status`, the editor's Meeting
 * view and `boardPaper.meetingStatus` all show these, so what may be shown
 * of a Part 2 item is decided here, once: its number, kind, state, counts
 * and file, never its title or presenter (an agenda's Part 2 titles are
 * confidential, like the papers').
 */
import type { ItemKind, ItemReadiness, ItemState, Readiness } from './model';

/** What a Part 2 item is called wherever its title would be. */
export const CONFIDENTIAL_TITLE = 'Confidential item';

export interface ReadinessRow {
  /** The item number as written ('' for a standing item from the profile). */
  item: string;
  /** The agenda's title; CONFIDENTIAL_TITLE for a Part 2 item. */
  title: string;
  kind: ItemKind;
  /** Absent for Part 2 items. */
  presenter?: string;
  time?: string;
  /** The paper's or document's path relative to the agenda's folder. */
  file?: string;
  state: ItemState;
  /** "received", "findings (1 error, 2 warnings)", "overdue by 3 working days"… */
  stateText: string;
  part: 1 | 2;
  errors?: number;
  warnings?: number;
  overdueDays?: number;
  standing?: boolean;
  /** Position in the agenda's items (the order written). */
  index: number;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function stateText(r: Pick<ItemReadiness, 'state' | 'errors' | 'warnings' | 'overdueDays'>): string {
  switch (r.state) {
    case 'findings': {
      const parts = [r.errors ? plural(r.errors, 'error') : '', r.warnings ? plural(r.warnings, 'warning') : ''].filter(Boolean);
      return `findings (${parts.join(', ')})`;
    }
    case 'overdue':
      return `overdue by ${plural(r.overdueDays ?? 1, 'working day')}`;
    default:
      return r.state;
  }
}

/** One row per item: Part 1 items then Part 2 items, each in the order written. */
export function readinessRows(readiness: Readiness): ReadinessRow[] {
  return [...readiness.part1, ...readiness.part2].map((r) => {
    const part2 = r.confidential;
    const row: ReadinessRow = {
      item: r.item.item,
      title: part2 ? CONFIDENTIAL_TITLE : r.item.title,
      kind: r.item.kind,
      state: r.state,
      stateText: stateText(r),
      part: part2 ? 2 : 1,
      index: r.index,
    };
    if (!part2 && r.item.presenter) row.presenter = r.item.presenter;
    if (r.item.time) row.time = r.item.time;
    const file = r.paper?.file ?? r.item.file;
    if (file) row.file = file;
    if (r.errors !== undefined) row.errors = r.errors;
    if (r.warnings !== undefined) row.warnings = r.warnings;
    if (r.overdueDays !== undefined) row.overdueDays = r.overdueDays;
    if (r.item.standing) row.standing = true;
    return row;
  });
}
