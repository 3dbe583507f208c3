/**
 * The meeting's agenda (MEETING.md), pure: text, profile, papers' cover
 * sheets and `today` in; agenda model, readiness and findings out.
 *
 *   parseAgenda(text, profile)            agenda.yaml -> { agenda, problems, lines, root }
 *   agendaFromPapers(papers, {meeting, date, profile})
 *                                         the agenda of a meeting with no agenda file:
 *                                         standing items + papers (no numbers on standing items)
 *   agendaReadiness(agenda, papers, {profile, today})
 *                                         each item's paper and state; Part 1 / Part 2; papers not on it
 *   checkAgenda(parsed, papers, {profile, today, files})
 *                                         the five agenda rules' findings (offsets in agenda.yaml) + readiness
 *   meetingNearMisses(papers, meeting, date, profile)
 *                                         papers left out because their meeting is misspelt
 *   meetingSettings(profile, meeting)     standing items, papers-due working days, Part 2 resolution
 *
 * Papers are passed in as `AgendaPaper`s: the path relative to the agenda's
 * folder, the cover sheet (`coverSheetOf(paper)` or `readCoverSheet(text)`)
 * and the counts of the paper's own errors and warnings.
 */
export * from './model';
export { parseAgenda, fileOutside, normaliseAgendaFile, type ParsedAgenda } from './parse';
export { agendaReadiness, agendaFromPapers, meetingNearMisses, isPaperFor, compareItems, type ReadinessOptions, type FromPapersOptions } from './readiness';
export { checkAgenda, AGENDA_RULES, type CheckAgendaOptions, type AgendaCheck } from './check';
export {
  meetingSettings,
  DEFAULT_STANDING_ITEMS,
  DEFAULT_PAPERS_DUE_WORKING_DAYS,
  DEFAULT_PART2_RESOLUTION,
  type MeetingSettings,
  type StandingItem,
} from './settings';
export { workingDaysBefore, workingDaysBetween } from './dates';
export { sameMeeting, committeeName, isNearMiss } from './names';
export { topKeyRange, itemRange } from './rule-context';

/** The agenda file's name in a meeting's folder (contract). */
export const AGENDA_FILE = 'agenda.yaml';
export { readinessRows, stateText, CONFIDENTIAL_TITLE, type ReadinessRow } from './report';
