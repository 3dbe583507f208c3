/**
 * The health inequalities duty: whether a paper must have the section (its
 * meeting is formal and on or after `health_inequalities.from`), the section
 * under any heading the profile accepts, and the heading a new one gets.
 */
import { normaliseHeading, type Paper, type Section } from '../paper';
import { findCommittee, isRealDate, type Profile } from '../profile';
import { getNode, scalarText } from '../yaml';
import { bodySection } from './sections';

export const HI_HEADING = 'Health inequalities and unwarranted variation';

function hiHeadings(profile: Profile): string[] {
  const h = profile.health_inequalities?.headings;
  return Array.isArray(h) ? h.filter((x): x is string => typeof x === 'string' && x.trim() !== '') : [];
}

/** The paper's health inequalities section, under any heading the profile accepts. */
export function healthInequalitiesSection(paper: Paper, profile: Profile): Section | undefined {
  const headings = hiHeadings(profile);
  return headings.length ? bodySection(paper, headings) : undefined;
}

/** The meeting as written on the cover sheet (undefined when absent or not text). */
export function meetingName(paper: Paper): string | undefined {
  const m = scalarText(getNode(paper.cover, 'meeting'))?.trim();
  return m || undefined;
}

export interface HiRequirement {
  /** The meeting's name for messages (the profile's name when known). */
  meeting: string | undefined;
  date: string;
}

/**
 * Whether the paper must have a health inequalities section: its meeting is
 * formal (in the profile and not `formal: false`, or not in the profile at
 * all) and its date is on or after `health_inequalities.from`.
 */
export function healthInequalitiesRequired(paper: Paper, profile: Profile, meetingDate: string | undefined): HiRequirement | undefined {
  const from = profile.health_inequalities?.from;
  if (!meetingDate || typeof from !== 'string' || !isRealDate(from)) return undefined;
  if (meetingDate < from) return undefined;
  const name = meetingName(paper);
  const committee = name ? findCommittee(profile, name) : undefined;
  if (committee && committee.formal === false) return undefined;
  return { meeting: committee?.name ?? name, date: meetingDate };
}

/** The heading a new section gets: ours when the profile accepts it, else the profile's first. */
export function hiHeadingFor(profile: Profile): string {
  const headings = hiHeadings(profile);
  const ours = normaliseHeading(HI_HEADING);
  if (headings.length === 0 || headings.some((h) => normaliseHeading(h) === ours)) return HI_HEADING;
  return headings[0]!;
}
