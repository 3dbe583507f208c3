/**
 * Meeting names: the same meeting (committees and aliases resolved with the
 * profile), and a name close to a meeting's without being it
 * (`meeting-name-near-miss`).
 */
import { distance } from 'fastest-levenshtein';
import { findCommittee, normaliseName, type Profile } from '../profile';

/** The profile's name for a meeting (its committee's name when it is one of them or an alias). */
export function committeeName(profile: Profile, meeting: string): string {
  return findCommittee(profile, meeting)?.name ?? meeting.trim();
}

/** `a` (read with `aProfile`) and `b` (read with `bProfile`) name the same meeting. */
export function sameMeeting(a: string, aProfile: Profile, b: string, bProfile: Profile): boolean {
  return normaliseName(committeeName(aProfile, a)) === normaliseName(committeeName(bProfile, b));
}

/** Words that say what kind of meeting it is, or which part of it, not which meeting. */
const NOISE = new Set(['the', 'of', 'and', 'for', 'meeting', 'in', 'public', 'private', 'part', '1', '2']);

function words(s: string): string[] {
  return normaliseName(s)
    .split(' ')
    .filter((w) => w && !NOISE.has(w));
}

/** Edit closeness that counts as a slip of the keyboard (2 letters in 10). */
const EDIT_NEAR = 0.8;

/**
 * `written` is not the meeting `meeting` (nor any alias of it) but is close
 * to it, and not closer to any other committee of the profile: the paper
 * was probably meant for this meeting. A name that is one of the profile's
 * committees is a real other meeting, never a near miss.
 */
export function isNearMiss(written: string, meeting: string, profile: Profile): boolean {
  if (!written.trim() || !meeting.trim()) return false;
  if (findCommittee(profile, written)) return false;
  const committee = findCommittee(profile, meeting);
  const names = committee ? [committee.name, ...committee.aliases] : [meeting];
  if (names.some((n) => normaliseName(n) === normaliseName(written))) return false;
  const score = (ns: string[]) => Math.max(...ns.map((n) => closeness(written, n)));
  const ours = score(names);
  if (ours < 1 && ours < EDIT_NEAR) return false;
  // Closer to (or as close to) another committee: not ours to claim.
  for (const c of profile.committees) {
    if (committee && c === committee) continue;
    if (!committee && normaliseName(c.name) === normaliseName(meeting)) continue;
    if (score([c.name, ...c.aliases]) >= ours) return false;
  }
  return true;
}

/**
 * Closeness for the near-miss decision: every distinctive word of one name is
 * in the other (1), or the edit closeness.
 */
function closeness(written: string, name: string): number {
  const a = normaliseName(written);
  const b = normaliseName(name);
  if (!a || !b) return 0;
  const wa = words(written);
  const wb = words(name);
  if (wa.length && wb.length) {
    const sa = new Set(wa);
    const sb = new Set(wb);
    const shorter = sa.size <= sb.size ? sa : sb;
    const longer = shorter === sa ? sb : sa;
    // Every word of the shorter name is in the longer, and the shorter says
    // something (two words, or the one word is the whole of the other name).
    if ([...shorter].every((w) => longer.has(w)) && (shorter.size >= 2 || longer.size === 1)) return 1;
  }
  return 1 - distance(a, b) / Math.max(a.length, b.length);
}

/** The message, shared with `boardpaper status` and the pack's `--meeting`. */
export function nearMissMessage(file: string, written: string, meeting: string): string {
  return (
    `"${file}" is dated this day for "${written}", which is not "${meeting}" nor one of its aliases, so it is left out of this meeting. ` +
    `If it is the same meeting, add "${written}" to the committee's aliases in .boardpaper.yaml (or correct the paper's meeting).`
  );
}
