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
import { readCoverSheet, coverSheetOf, type CoverSheet } from '../core/cover-sheet';
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
import { ProfileResolver, matchesPaperGlobs } from './profile-loader';

export interface MeetingPaper extends AgendaPaper {
  /** Path as found (relative to the current folder when the folder was given relative). */
  path: string;
  /** A board paper (FORMAT.md's test, or the profile's `papers` globs), not another Markdown file. */
  boardPaper: boolean;
  /** The board paper's check (absent for a Markdown file that is not a board paper); made on first read. */
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

/**
 * Read the papers under `folder`: every Markdown file's cover sheet (its
 * front-matter alone, `readCoverSheet`), and, for a board paper, its check
 * (as `boardpaper check` gives it, with the across-papers findings).
 *
 * A paper's check is made when its findings are first read (`checked`,
 * `errors`, `warnings`), not before: the agenda asks for them only for the
 * papers on it, so a folder holding a year of papers costs the Markdown
 * parse of one meeting's, not of all (docs/performance.md). The papers of
 * the same meeting date are then checked together, so their across-papers
 * findings are the same as when all are checked at once: a clash
 * (`duplicate-agenda-item`) is only ever between papers of one date.
 * Papers in `checked` are taken as they are.
 */
export function readMeetingPapers(
  folder: string,
  resolver: ProfileResolver,
  checked?: ReadonlyMap<string, CheckedPaper>,
  /** Files (by absolute path) whose text and cover sheet the caller has read already. */
  read?: ReadonlyMap<string, { text: string; cover: CoverSheet }>,
): MeetingPaper[] {
  const out: MeetingPaper[] = [];
  /** Board papers not checked yet, by meeting date ('' for none or an unreal one), with their text. */
  const pending = new Map<string, { paper: MeetingPaper; text: string }[]>();
  const settle = (date: string) => {
    const batch = pending.get(date);
    if (!batch) return;
    // A check that throws (exit 2) leaves the batch pending: the next read throws the same.
    const checks = batch.map(({ paper, text }) => checkFile(paper.path, resolver, text));
    pending.delete(date);
    addAcrossFindings(checks.filter((c): c is CheckedPaper => c !== null));
    batch.forEach(({ paper }, i) => setFindings(paper, checks[i] ?? undefined));
  };
  const files = markdownFilesUnder(folder).map((f) => (path.isAbsolute(folder) ? f : path.relative(process.cwd(), path.resolve(f)) || f));
  for (const file of files) {
    const rel = slash(path.relative(folder, file));
    const known = checked?.get(path.resolve(file));
    if (known) {
      const p: MeetingPaper = {
        path: file,
        file: rel,
        cover: coverSheetOf(known.analysis.paper),
        profile: known.loaded.profile,
        boardPaper: true,
        errors: 0,
        warnings: 0,
      };
      setFindings(p, known);
      out.push(p);
      continue;
    }
    const given = read?.get(path.resolve(file));
    let text = given?.text ?? '';
    if (!given) {
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (e) {
        throw new InputError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
    }
    const cover = given?.cover ?? readCoverSheet(text);
    const loaded = resolver.forFile(file);
    // What checkFile calls a board paper (analyze's isPaper), read without the Markdown parse.
    if (!cover.looksLikePaper && !matchesPaperGlobs(file, loaded)) {
      out.push({ path: file, file: rel, cover, boardPaper: false, errors: 0, warnings: 0 });
      continue;
    }
    const p = { path: file, file: rel, cover, profile: loaded.profile, boardPaper: true } as MeetingPaper;
    const date = cover.meetingDate ?? '';
    for (const key of ['checked', 'errors', 'warnings'] as const)
      Object.defineProperty(p, key, {
        configurable: true,
        enumerable: true,
        get: () => {
          settle(date);
          return p[key];
        },
      });
    const batch = pending.get(date) ?? [];
    batch.push({ paper: p, text });
    pending.set(date, batch);
    out.push(p);
  }
  return out;
}

/** Give a paper its check and the counts of its errors and warnings (plain values from now on). */
function setFindings(p: MeetingPaper, c: CheckedPaper | undefined): void {
  const value = (v: unknown) => ({ value: v, writable: true, enumerable: true, configurable: true });
  Object.defineProperty(p, 'checked', value(c));
  Object.defineProperty(p, 'errors', value(c ? c.findings.filter((f) => f.severity === 'error').length : 0));
  Object.defineProperty(p, 'warnings', value(c ? c.findings.filter((f) => f.severity === 'warning').length : 0));
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
      if (!p.boardPaper || !p.cover.meeting || !p.cover.meetingDate) continue;
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
