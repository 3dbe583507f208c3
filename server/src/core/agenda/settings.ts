/**
 * The profile's meeting settings (PROFILE.md "v2: meetings"), for one
 * meeting: its standing items (the committee's own, else the profile's),
 * papers due so many working days before the meeting, and the Part 2
 * resolution. A profile that somehow lacks a key (an object built by hand)
 * gets the built-in profile's value.
 */
import { DEFAULT_PROFILE, standingItemsFor, type Profile, type StandingItem } from '../profile';

export type { StandingItem };

export interface MeetingSettings {
  standingItems: StandingItem[];
  papersDueWorkingDays: number;
  part2Resolution: string;
}

export const DEFAULT_STANDING_ITEMS: readonly StandingItem[] = DEFAULT_PROFILE.standing_items;
export const DEFAULT_PAPERS_DUE_WORKING_DAYS = DEFAULT_PROFILE.papers_due_working_days;
export const DEFAULT_PART2_RESOLUTION = DEFAULT_PROFILE.part2_resolution;

/** The settings for a meeting of `meeting` (a committee's name or alias; its own standing items win). */
export function meetingSettings(profile: Profile, meeting?: string): MeetingSettings {
  const items = meeting ? standingItemsFor(profile, meeting) : profile.standing_items;
  const days = profile.papers_due_working_days;
  return {
    standingItems: [...(Array.isArray(items) ? items : DEFAULT_STANDING_ITEMS)],
    papersDueWorkingDays: Number.isInteger(days) && days >= 0 ? days : DEFAULT_PAPERS_DUE_WORKING_DAYS,
    part2Resolution:
      typeof profile.part2_resolution === 'string' && profile.part2_resolution.trim() ? profile.part2_resolution.trim() : DEFAULT_PART2_RESOLUTION,
  };
}
