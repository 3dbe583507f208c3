/**
 * The profile's meeting settings (PROFILE.md "v2: meetings"): standing items
 * (the profile's, or a committee's own), papers due so many working days
 * before the meeting, and the Part 2 resolution. Read defensively: a profile
 * without these keys gets the defaults below.
 */
import { findCommittee, type Profile } from '../profile';
import { ITEM_KINDS, type ItemKind } from './model';

export interface StandingItem {
  title: string;
  /** Opening (`start`) or closing (`end`) item. */
  at: 'start' | 'end';
  /** `verbal` when not written. */
  kind?: ItemKind;
  presenter?: string;
}

export interface MeetingSettings {
  standingItems: StandingItem[];
  papersDueWorkingDays: number;
  part2Resolution: string;
}

export const DEFAULT_STANDING_ITEMS: readonly StandingItem[] = Object.freeze([
  { title: "Welcome, introductions and chair's remarks", at: 'start' },
  { title: 'Apologies for absence', at: 'start' },
  { title: 'Declarations of interest', at: 'start' },
  { title: 'Minutes of the previous meeting, matters arising and action log', at: 'start' },
  { title: 'Any other business', at: 'end' },
  { title: 'Date, time and venue of the next meeting', at: 'end' },
] as StandingItem[]);

export const DEFAULT_PAPERS_DUE_WORKING_DAYS = 7;

export const DEFAULT_PART2_RESOLUTION =
  'The Board is asked to resolve that representatives of the press and other members of the public be excluded from the remainder of this meeting, ' +
  'having regard to the confidential nature of the business to be transacted, publicity on which would be prejudicial to the public interest.';

function standingList(raw: unknown): StandingItem[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const out: StandingItem[] = [];
  for (const s of raw) {
    if (typeof s === 'string' && s.trim()) {
      out.push({ title: s.trim(), at: 'start' });
      continue;
    }
    if (!s || typeof s !== 'object') continue;
    const o = s as Record<string, unknown>;
    if (typeof o.title !== 'string' || !o.title.trim()) continue;
    const item: StandingItem = { title: o.title.trim(), at: o.at === 'end' ? 'end' : 'start' };
    if (typeof o.kind === 'string' && (ITEM_KINDS as readonly string[]).includes(o.kind)) item.kind = o.kind as ItemKind;
    if (typeof o.presenter === 'string' && o.presenter.trim()) item.presenter = o.presenter.trim();
    out.push(item);
  }
  return out;
}

/** The settings for a meeting of `meeting` (a committee's name or alias; its own standing items win). */
export function meetingSettings(profile: Profile, meeting?: string): MeetingSettings {
  const p = profile as unknown as Record<string, unknown>;
  const committee = meeting ? (findCommittee(profile, meeting) as unknown as Record<string, unknown> | undefined) : undefined;
  const days = p.papers_due_working_days;
  return {
    standingItems: standingList(committee?.standing_items) ?? standingList(p.standing_items) ?? [...DEFAULT_STANDING_ITEMS],
    papersDueWorkingDays: typeof days === 'number' && Number.isInteger(days) && days >= 0 && days < 1000 ? days : DEFAULT_PAPERS_DUE_WORKING_DAYS,
    part2Resolution: typeof p.part2_resolution === 'string' && p.part2_resolution.trim() ? p.part2_resolution.trim() : DEFAULT_PART2_RESOLUTION,
  };
}
