/**
 * A meeting's folder on disk, read for the agenda core (core/agenda): the
 * agenda file (when there is one), every Markdown file under the folder as
 * an `AgendaPaper` (board papers checked as `boardpaper check` checks them,
 * documents by their front-matter alone), and the readiness. Used by
 * `boardpaper check` (agenda findings), `status`, `agenda` and the pack.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fg from 'fast-glob';
import { readCoverSheet, coverSheetOf } from '../core/cover-sheet';
import {
  AGENDA_FILE,
  committeeName,
  sameMeeting,
  agendaFromPapers,
  agendaReadiness,
  checkAgenda,
  meetingNearMisses,
  parseAgenda,
  type Agenda,
  type AgendaPaper,
  type ParsedAgenda,
  type Readiness,
} from '../core/agenda';
import { normaliseName, type Profile } from '../core/profile';
import type { Finding } from '../core/types';
import { addAcrossFindings, checkFile, InputError, type CheckedPaper } from './check-files';
import { markdownFilesUnder } from './files';
import { ProfileResolver } from './profile-loader';

export interface MeetingPaper extends AgendaPaper {
  /** Path as found (relative to the current folder when the folder was given relative). */
  path: string;
  /** The board paper's check (absent for a Markdown file that is not a board paper). */
  checked?: CheckedPaper;
}

export interface LoadedMeeting {
  folder: string;
  /** The agenda file's path, when the folder has one. */
  agendaFile?: string;
  /** The agenda file read (absent with no agenda file). */
  parsed?: ParsedAgenda;
  /** The agenda: the file's, or made from the papers and standing items. */
  agenda: Agenda;
  /** The folder's profile. */
  profile: Profile;
  /** Every Markdown file under the folder, as the agenda sees it. */
  papers: MeetingPaper[];
  readiness: Readiness;
  /** The agenda rules' findings on the agenda file (empty with no agenda file). */
  findings: Finding[];
  /** Papers dated the meeting's day whose meeting is misspelt (left out). */
  nearMisses: MeetingPaper[];
}

export interface LoadMeetingOptions {
  /** YYYY-MM-DD: decides missing or overdue. */
  today: string;
  /** Without an agenda file: the meeting and date (both needed). Ignored when the folder has an agenda file. */
  meeting?: string;
  date?: string;
  resolver?: ProfileResolver;
  /** Board papers already checked (by path), to reuse instead of checking again. */
  checked?: ReadonlyMap<string, CheckedPaper>;
}

const slash = (p: string) => p.split(path.sep).join('/');

/** Every file under the folder, relative and `/`-separated (for `file:` in the agenda). */
export function filesUnder(folder: string): Set<string> {
  return new Set(fg.sync('**/*', { cwd: folder, ignore: ['**/node_modules/**'], dot: false, followSymbolicLinks: false, onlyFiles: true }));
}

/** The agenda file of a folder, or undefined. */
export function agendaFileIn(folder: string): string | undefined {
  const f = path.join(folder, AGENDA_FILE);
  try {
    return fs.statSync(f).isFile() ? f : undefined;
  } catch {
    return undefined;
  }
}

/** Read the papers under `folder` (checked, with the across-papers findings). */
export function readMeetingPapers(folder: string, resolver: ProfileResolver, checked?: ReadonlyMap<string, CheckedPaper>): MeetingPaper[] {
  const out: MeetingPaper[] = [];
  const fresh: CheckedPaper[] = [];
  const files = markdownFilesUnder(folder).map((f) => (path.isAbsolute(folder) ? f : path.relative(process.cwd(), path.resolve(f)) || f));
  for (const file of files) {
    const rel = slash(path.relative(folder, file));
    const known = checked?.get(path.resolve(file));
    const c = known ?? checkFile(file, resolver);
    if (c) {
      if (!known) fresh.push(c);
      out.push({ path: file, file: rel, cover: coverSheetOf(c.analysis.paper), profile: c.loaded.profile, errors: 0, warnings: 0, checked: c });
    } else {
      let text = '';
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (e) {
        throw new InputError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
      out.push({ path: file, file: rel, cover: readCoverSheet(text), errors: 0, warnings: 0 });
    }
  }
  if (fresh.length) addAcrossFindings(fresh);
  for (const p of out) {
    if (!p.checked) continue;
    p.errors = p.checked.findings.filter((f) => f.severity === 'error').length;
    p.warnings = p.checked.findings.filter((f) => f.severity === 'warning').length;
  }
  return out;
}

/**
 * Read a meeting's folder. With an agenda file, the agenda is the file's;
 * without one, `meeting` and `date` are needed (or, when every board paper
 * in the folder is for one meeting and date, those), and the agenda is made
 * from the papers and the profile's standing items. Throws InputError (exit
 * 2) when it cannot.
 */
export function loadMeeting(folder: string, options: LoadMeetingOptions): LoadedMeeting {
  let st: fs.Stats;
  try {
    st = fs.statSync(folder);
  } catch (e) {
    throw new InputError(`cannot read ${folder}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such folder' : (e as Error).message}`);
  }
  if (!st.isDirectory()) throw new InputError(`${folder} is not a folder (give the meeting's folder)`);
  const resolver = options.resolver ?? new ProfileResolver({ defaultBaseDir: path.resolve(folder) });
  const agendaFile = agendaFileIn(folder);
  const profile = resolver.forFile(agendaFile ?? path.join(folder, AGENDA_FILE)).profile;
  const papers = readMeetingPapers(folder, resolver, options.checked);

  if (agendaFile) {
    let text: string;
    try {
      text = fs.readFileSync(agendaFile, 'utf8');
    } catch (e) {
      throw new InputError(`cannot read ${agendaFile}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    const parsed = parseAgenda(text, profile);
    const { findings, readiness } = checkAgenda(parsed, papers, { profile, today: options.today, files: filesUnder(folder) });
    const nearMisses =
      parsed.agenda.meeting && parsed.agenda.date ? (meetingNearMisses(papers, parsed.agenda.meeting, parsed.agenda.date, profile) as MeetingPaper[]) : [];
    return { folder, agendaFile, parsed, agenda: parsed.agenda, profile, papers, readiness, findings, nearMisses };
  }

  let { meeting, date } = options;
  if (!meeting || !date) {
    const seen = new Map<string, { meeting: string; date: string }>();
    for (const p of papers) {
      if (!p.checked || !p.cover.meeting || !p.cover.meetingDate) continue;
      const m = committeeName(p.profile ?? profile, p.cover.meeting);
      seen.set(`${normaliseName(m)}\u0000${p.cover.meetingDate}`, { meeting: m, date: p.cover.meetingDate });
    }
    const only = [...seen.values()].filter((s) => (!meeting || sameMeeting(s.meeting, profile, meeting, profile)) && (!date || s.date === date));
    if (only.length !== 1) {
      throw new InputError(
        only.length
          ? `${folder} has no ${AGENDA_FILE} and papers for more than one meeting or date: give --meeting and --date`
          : `${folder} has no ${AGENDA_FILE} and no board paper${meeting || date ? ' for that meeting and date' : ' with a meeting and date'}: give --meeting and --date, or write an agenda`,
      );
    }
    meeting = meeting ?? only[0]!.meeting;
    date = date ?? only[0]!.date;
  }
  const agenda = agendaFromPapers(papers, { meeting, date, profile });
  const readiness = agendaReadiness(agenda, papers, { profile, today: options.today });
  const nearMisses = meetingNearMisses(papers, meeting, date, profile) as MeetingPaper[];
  return { folder, agenda, profile, papers, readiness, findings: [], nearMisses };
}

/** Today's date in the local time zone, YYYY-MM-DD (the CLI's default for --today). */
export function localToday(now = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}
