/**
 * Which papers go in a meeting's pack, in which order, and what is wrong with
 * them. Reads the folder through the same layer as `boardpaper check`, so a
 * paper is found, read and analysed the same way everywhere.
 *
 * Decisions (docs/agenda-pack.md):
 * - A paper belongs to the pack when its `meeting` names the same committee as
 *   --meeting (aliases resolved with the profile) and its `date`, as written,
 *   is --date.
 * - Confidentiality fails closed: a paper is public only when `confidential`
 *   is the boolean `false`. Missing, `yes`, `"no"`… put it in Part 2, with a
 *   warning, so a slip in the cover sheet can never publish a private paper.
 * - A paper whose cover sheet cannot be read (broken YAML, no closing `---`)
 *   stops the pack (UnreadableCoverSheet, an InputError: exit 2) unless it
 *   plainly belongs to another meeting or date: the pack is either complete or
 *   not written. A draft (`leaveOutUnreadable`) leaves it out and says so.
 * - The pack follows the agenda (MEETING.md): the folder's `agenda.yaml` when
 *   it is for this meeting and date, else the papers with the profile's
 *   standing items (core/agenda). Part 2 is what the agenda or the paper says
 *   is confidential (either is enough). A paper for the meeting that the
 *   agenda does not list is still in the pack, at the end of its part.
 * - Papers dated the same day whose meeting is a near miss of --meeting are
 *   reported (they would otherwise be left out without a word).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parsePaper, type Paper } from '../core/paper';
import { readCoverSheet, type CoverSheet } from '../core/cover-sheet';
import { findCommittee, isRealDate, normaliseName, type Profile } from '../core/profile';
import type { Finding } from '../core/types';
import { getNode, scalarText } from '../core/yaml';
import { addAcrossFindings, checkFile, InputError, type CheckedPaper } from '../node/check-files';
import { markdownFilesUnder } from '../node/files';
import { ProfileResolver } from '../node/profile-loader';
import { coverSheetModel, displayText, type CoverSheetModel } from '../render/cover';
import { compareAgendaItems } from './order';
import { stripTrailingComment } from '../core/text';
import {
  agendaFromPapers,
  agendaReadiness,
  meetingNearMisses,
  meetingSettings,
  parseAgenda,
  sameMeeting as agendaSameMeeting,
  type Agenda,
  type ItemKind,
} from '../core/agenda';
import { agendaFileIn, readMeetingPapers, type MeetingPaper } from '../node/meeting';

export interface PackPaper {
  /** Path as found (relative to the current folder when the folder was given relative). */
  file: string;
  text: string;
  paper: Paper;
  profile: Profile;
  cover: CoverSheetModel;
  /** Agenda item as written (source text); '' when missing. */
  item: string;
  /** Part 2: anything but `confidential: false`. */
  confidential: boolean;
  findings: Finding[];
  errors: number;
  warnings: number;
}

export interface PackWarning {
  /** Full message, for the command line and the private pack. */
  message: string;
  /** What the public pack may say; absent when it must say nothing. */
  publicMessage?: string;
}

export interface CollectOptions {
  folder: string;
  meeting: string;
  date: string;
  resolver?: ProfileResolver;
  /** YYYY-MM-DD, for missing / overdue (default: the meeting's date). */
  today?: string;
  /** A draft: a paper whose cover sheet cannot be read is left out (with a warning naming it) instead of stopping the pack. */
  leaveOutUnreadable?: boolean;
}

/** A paper that may be for this meeting has a cover sheet that cannot be read: the one reason a final pack is refused. */
export class UnreadableCoverSheet extends InputError {
  constructor(
    message: string,
    readonly file: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'UnreadableCoverSheet';
  }
}

/** One agenda item of the pack, in pack order. */
export interface PackItem {
  part: 1 | 2;
  /** The number as written; '' for a standing item. */
  item: string;
  /** The agenda's title (a paper's own title is on its cover sheet). */
  title: string;
  kind: ItemKind;
  time?: string;
  presenter?: string;
  purpose?: string;
  /** A standing item from the profile (no agenda file). */
  standing?: boolean;
  /** The paper of a `paper` item. */
  paper?: PackPaper;
  /** The file of a `document` item (minutes, action log): rendered as it is. */
  document?: { file: string; text: string };
  /** A `paper` item with no paper yet. */
  missing?: boolean;
}

export interface Collected {
  folder: string;
  /** The committee's name as the profile spells it (or --meeting as given). */
  meeting: string;
  date: string;
  /** The folder's profile (organisation name, objectives). */
  profile: Profile;
  /** Part 1 in agenda order, then Part 2 in agenda order. */
  papers: PackPaper[];
  /** The agenda: every item, Part 1 then Part 2, each in agenda order. */
  items: PackItem[];
  /** Read before Part 2 (the profile's part2_resolution). */
  resolution: string;
  /** The agenda file followed, when there is one for this meeting and date. */
  agendaFile?: string;
  /** Papers dated the meeting's day naming a meeting close to it: left out, reported (one line each). */
  nearMisses: string[];
  warnings: PackWarning[];
}

function sameMeeting(a: string, aProfile: Profile, b: string, bProfile: Profile): boolean {
  const ca = findCommittee(aProfile, a)?.name ?? a;
  const cb = findCommittee(bProfile, b)?.name ?? b;
  return normaliseName(ca) === normaliseName(cb);
}

/** `key: value` from raw YAML text, for a cover sheet that does not parse. */
function rawValue(yaml: string, key: string): string | undefined {
  const m = new RegExp(`^${key}[ \\t]*:[ \\t]*(.*)$`, 'm').exec(yaml);
  if (!m) return undefined;
  let v = stripTrailingComment(m[1]!).trim();
  if (/^(['"]).*\1$/.test(v)) v = v.slice(1, -1);
  return v || undefined;
}

function brokenCoverSheet(c: CheckedPaper): { line: number; reason: string; yaml: string } | null {
  const p = c.analysis.paper;
  if (p.unterminatedFrontmatter) {
    return {
      line: p.lines.lineOf(p.unterminatedFrontmatter.start) + 1,
      reason: 'the front-matter has no closing "---"',
      yaml: p.text.slice(p.unterminatedFrontmatter.end),
    };
  }
  const fm = p.frontmatter;
  if (fm?.error) return { line: p.lines.lineOf(fm.error.offset) + 1, reason: fm.error.message, yaml: p.text.slice(fm.content.start, fm.content.end) };
  if (fm && !p.cover)
    return {
      line: p.lines.lineOf(fm.content.start) + 1,
      reason: 'the front-matter is not a YAML mapping of keys',
      yaml: p.text.slice(fm.content.start, fm.content.end),
    };
  return null;
}

export function collectPapers(options: CollectOptions): Collected {
  const folder = options.folder;
  let st: fs.Stats;
  try {
    st = fs.statSync(folder);
  } catch (e) {
    throw new InputError(`cannot read ${folder}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such folder' : (e as Error).message}`);
  }
  if (!st.isDirectory()) throw new InputError(`${folder} is not a folder (give the folder that holds the meeting's papers)`);
  const resolver = options.resolver ?? new ProfileResolver({ defaultBaseDir: path.resolve(folder) });
  const folderProfile = resolver.forFile(path.join(folder, 'pack.md')).profile;
  const meeting = findCommittee(folderProfile, options.meeting)?.name ?? options.meeting.trim();

  /** A paper whose cover sheet cannot be read stops the pack unless it is plainly for another meeting or date. */
  const refuseIfOurs = (file: string, broken: { line: number; reason: string; yaml: string }, profile: Profile) => {
    const m = rawValue(broken.yaml, 'meeting');
    const d = rawValue(broken.yaml, 'date');
    const otherMeeting = m !== undefined && !sameMeeting(m, profile, options.meeting, folderProfile);
    const otherDate = d !== undefined && d !== options.date;
    if (otherMeeting || otherDate) return;
    if (options.leaveOutUnreadable) {
      warnings.push({ message: `${file} is left out: its cover sheet cannot be read (line ${broken.line}: ${broken.reason})` });
      return;
    }
    throw new UnreadableCoverSheet(
      `cannot build the pack: ${file} may be a paper for this meeting but its cover sheet cannot be read (line ${broken.line}: ${broken.reason}); fix it, move it out of ${folder}, or build a draft, which leaves it out`,
      file,
      broken.line,
    );
  };
  const files = markdownFilesUnder(folder).map((f) => (path.isAbsolute(folder) ? f : path.relative(process.cwd(), path.resolve(f)) || f));
  const selected: CheckedPaper[] = [];
  const warnings: PackWarning[] = [];
  const checkedAll = new Map<string, CheckedPaper>();
  /** Papers of other dates: their text and cover sheet, read once (readMeetingPapers takes them). */
  const coversRead = new Map<string, { text: string; cover: CoverSheet }>();
  for (const file of files) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      throw new InputError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    // A paper dated another day is never in this pack (below, a real date that
    // is not the pack's is passed over without a word): it is not analysed, so
    // a folder holding a year of papers costs one meeting's analysis. Its
    // cover sheet is still read for the agenda (readMeetingPapers). A text
    // holding the pack's date goes straight to the analysis (which reads its
    // cover sheet anyway): only the others have their front-matter read here.
    if (!text.includes(options.date)) {
      const cover = readCoverSheet(text);
      if (cover.meetingDate && cover.meetingDate !== options.date) {
        coversRead.set(path.resolve(file), { text, cover }); // for the agenda, not read again
        continue;
      }
    }
    const c = checkFile(file, resolver, text);
    if (c) checkedAll.set(path.resolve(file), c);
    if (!c) {
      // Not a paper to the checker, but an opening `---` with no closing one
      // around a title and a meeting is a paper whose cover sheet is broken.
      const p = parsePaper(text);
      if (!p.unterminatedFrontmatter) continue;
      const yaml = p.text.slice(p.unterminatedFrontmatter.end);
      if (!/^title[ \t]*:/m.test(yaml) || !/^(?:meeting|agenda_item)[ \t]*:/m.test(yaml)) continue;
      const loaded = resolver.forFile(file);
      refuseIfOurs(file, { line: p.lines.lineOf(p.unterminatedFrontmatter.start) + 1, reason: 'the front-matter has no closing "---"', yaml }, loaded.profile);
      continue;
    }
    const profile = c.loaded.profile;
    const broken = brokenCoverSheet(c);
    if (broken) {
      refuseIfOurs(file, broken, profile);
      continue;
    }
    const cover = c.analysis.paper.cover;
    if (!cover) continue; // no front-matter at all (a note under papers/): not a paper for any meeting
    const pm = displayText(getNode(cover, 'meeting'));
    if (!pm || !sameMeeting(pm, profile, options.meeting, folderProfile)) continue;
    const pd = scalarText(getNode(cover, 'date'));
    if (pd !== options.date) {
      if (pd === undefined || !isRealDate(pd)) {
        warnings.push({
          message: `${file} is left out: it is for ${meeting} but its date "${pd ?? ''}" ${pd && /^\d{4}-\d{2}-\d{2}$/.test(pd) ? 'is not a date in the calendar' : 'is not written YYYY-MM-DD'} (if it is for this meeting, write date: ${options.date})`,
        });
      }
      continue;
    }
    selected.push(c);
  }
  if (!selected.length) {
    throw new InputError(`no board papers for ${meeting} on ${options.date} in ${folder}`);
  }
  addAcrossFindings(selected);

  const papers: PackPaper[] = selected.map((c) => {
    const paper = c.analysis.paper;
    const cover = coverSheetModel(paper, c.loaded.profile);
    const confNode = getNode(paper.cover, 'confidential');
    const confidential = !(confNode?.kind === 'scalar' && confNode.value === false);
    if (confidential && cover.confidential !== true) {
      warnings.push({
        message: `${c.file}: confidential is ${cover.confidentialText ? `"${cover.confidentialText}"` : 'missing'}, not true or false: treated as confidential (Part 2, private pack only)`,
      });
    }
    return {
      file: c.file,
      text: c.text,
      paper,
      profile: c.loaded.profile,
      cover,
      item: cover.agendaItem,
      confidential,
      findings: c.findings,
      errors: c.findings.filter((f) => f.severity === 'error').length,
      warnings: c.findings.filter((f) => f.severity === 'warning').length,
    };
  });

  const byItem = (a: PackPaper, b: PackPaper) => compareAgendaItems(a.item, b.item) || a.file.localeCompare(b.file);
  const sorted = [...papers].sort(byItem);
  const ordered = [...sorted.filter((p) => !p.confidential), ...sorted.filter((p) => p.confidential)];

  // Same item twice: reported, not silently ordered.
  const groups = new Map<PackPaper, PackPaper[]>();
  for (let i = 0; i < sorted.length; i++) {
    const p = sorted[i]!;
    if (!p.item) continue;
    const head = [...groups.keys()].find((h) => compareAgendaItems(h.item, p.item) === 0);
    if (head) groups.get(head)!.push(p);
    else groups.set(p, [p]);
  }
  for (const [, group] of groups) {
    if (group.length < 2) continue;
    const anyConfidential = group.some((p) => p.confidential);
    const message = `agenda item ${group[0]!.item} is used by ${group.length} papers (${group.map((p) => p.file).join(', ')}): they are placed in file-name order; give each its own item`;
    const publicMessage = anyConfidential
      ? `Agenda item ${group[0]!.item} is used by more than one paper.`
      : `Agenda item ${group[0]!.item} is used by ${group.length} papers (${group.map((p) => `"${p.cover.title}"`).join(', ')}).`;
    warnings.push({ message, publicMessage });
  }
  for (const p of ordered) {
    if (!p.item) {
      warnings.push({
        message: `${p.file} has no agenda_item: placed at the end of ${p.confidential ? 'Part 2' : 'Part 1'}`,
        publicMessage: p.confidential ? undefined : `"${p.cover.title}" has no agenda item number.`,
      });
    }
  }
  const agenda = followAgenda({ folder, meeting, options, folderProfile, resolver, checkedAll, coversRead, papers: ordered, warnings });
  return {
    folder,
    meeting,
    date: options.date,
    profile: folderProfile,
    papers: agenda.papers,
    items: agenda.items,
    resolution: agenda.resolution,
    agendaFile: agenda.agendaFile,
    nearMisses: agenda.nearMisses,
    warnings,
  };
}

const slash = (p: string) => p.split(path.sep).join('/');

/**
 * The pack's items in agenda order (core/agenda): the folder's agenda file
 * when it is for this meeting and date, else the papers and the profile's
 * standing items. Every paper of `papers` is in exactly one item.
 */
function followAgenda(a: {
  folder: string;
  meeting: string;
  options: CollectOptions;
  folderProfile: Profile;
  resolver: ProfileResolver;
  checkedAll: ReadonlyMap<string, CheckedPaper>;
  coversRead: ReadonlyMap<string, { text: string; cover: CoverSheet }>;
  papers: PackPaper[];
  warnings: PackWarning[];
}): { papers: PackPaper[]; items: PackItem[]; resolution: string; agendaFile?: string; nearMisses: string[] } {
  const { folder, meeting, options, folderProfile: profile, warnings } = a;
  const date = options.date;
  const found: MeetingPaper[] = readMeetingPapers(folder, a.resolver, a.checkedAll, a.coversRead);
  const byRel = new Map(a.papers.map((p) => [slash(path.relative(folder, p.file)), p]));
  let agenda: Agenda | undefined;
  let agendaFile = agendaFileIn(folder);
  if (agendaFile) {
    let text = '';
    try {
      text = fs.readFileSync(agendaFile, 'utf8');
    } catch (e) {
      throw new InputError(`cannot read ${agendaFile}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    const parsed = parseAgenda(text, profile);
    const ours = parsed.agenda.date === date && !!parsed.agenda.meeting && agendaSameMeeting(parsed.agenda.meeting, profile, meeting, profile);
    if (ours && parsed.root?.kind === 'map') agenda = parsed.agenda;
    else {
      warnings.push({
        message: `${agendaFile} is not an agenda for ${meeting} on ${date}${parsed.problems.length ? ` (${parsed.problems[0]!.message})` : ''}: the pack follows the papers and the profile's standing items`,
      });
      agendaFile = undefined;
    }
  }
  agenda ??= agendaFromPapers(found, { meeting, date, profile });
  const readiness = agendaReadiness(agenda, found, { profile, today: options.today ?? date });
  const settings = meetingSettings(profile, meeting);

  const used = new Set<PackPaper>();
  const items: PackItem[] = [];
  for (const r of readiness.items) {
    const it = r.item;
    const paper = r.paper && it.kind !== 'document' ? byRel.get(r.paper.file) : undefined;
    const base: PackItem = {
      part: 1,
      item: it.item,
      title: it.title,
      kind: it.kind,
      time: it.time,
      presenter: it.presenter,
      purpose: it.purpose,
      standing: it.standing,
    };
    if (it.kind === 'paper') {
      if (paper && !used.has(paper)) {
        used.add(paper);
        base.paper = paper;
        if (r.confidential && !paper.confidential) {
          // The agenda puts a paper that says it is public in Part 2: Part 2 wins.
          paper.confidential = true;
          warnings.push({
            message: `${paper.file}: the agenda lists item ${it.item} as confidential but the paper says confidential: false: treated as confidential (Part 2, private pack only)`,
          });
        }
      } else if (!r.paper) base.missing = true;
      else {
        // A file for another meeting or date, or one already in the pack: not this item's paper.
        base.missing = true;
        warnings.push({
          message: `${agendaFile ?? folder}: item ${it.item} names ${r.paper.file}, which is not a paper for ${meeting} on ${date}: shown as "Paper to follow"`,
        });
      }
    }
    if (it.kind === 'document' && r.paper) {
      const m = r.paper as MeetingPaper;
      try {
        base.document = { file: m.path, text: fs.readFileSync(m.path, 'utf8') };
      } catch (e) {
        throw new InputError(`cannot read ${m.path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
    }
    base.part = r.confidential || base.paper?.confidential ? 2 : 1;
    items.push(base);
  }
  // Papers for the meeting that the agenda does not list: in the pack all the same, at the end of their part.
  for (const p of a.papers) {
    if (used.has(p)) continue;
    used.add(p);
    items.push({ part: p.confidential ? 2 : 1, item: p.item, title: p.cover.title, kind: 'paper', paper: p });
    if (agendaFile) {
      warnings.push({
        message: `${p.file} (item ${p.item || 'not set'}) is for ${meeting} on ${date} but ${agendaFile} does not list it: placed at the end of ${p.confidential ? 'Part 2' : 'Part 1'}`,
        publicMessage: p.confidential ? undefined : `"${p.cover.title}" is not on the agenda file.`,
      });
    }
  }
  const ordered = [...items.filter((i) => i.part === 1), ...items.filter((i) => i.part === 2)];
  const papers = ordered.flatMap((i) => (i.paper ? [i.paper] : []));
  const nearMisses = (meetingNearMisses(found, meeting, date, profile) as MeetingPaper[]).map(
    (p) =>
      `${p.path} is dated ${date} but names the meeting "${p.cover.meeting}", not ${meeting}: it is not in the pack. If it is for this meeting, correct its meeting: or add "${p.cover.meeting}" to the committee's aliases in the profile`,
  );
  return { papers, items: ordered, resolution: settings.part2Resolution, agendaFile, nearMisses };
}
