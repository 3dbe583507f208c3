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
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parsePaper, type Paper } from '../core/paper';
import { findCommittee, isRealDate, normaliseName, type Profile } from '../core/profile';
import type { Finding } from '../core/types';
import { getNode, scalarText } from '../core/yaml';
import { addAcrossFindings, checkFile, InputError, type CheckedPaper } from '../node/check-files';
import { markdownFilesUnder } from '../node/files';
import { ProfileResolver } from '../node/profile-loader';
import { coverSheetModel, displayText, type CoverSheetModel } from '../render/cover';
import { compareAgendaItems } from './order';
import { stripTrailingComment } from '../core/text';

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

export interface Collected {
  folder: string;
  /** The committee's name as the profile spells it (or --meeting as given). */
  meeting: string;
  date: string;
  /** The folder's profile (organisation name, objectives). */
  profile: Profile;
  /** Part 1 in agenda order, then Part 2 in agenda order. */
  papers: PackPaper[];
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
    return { line: p.lines.lineOf(p.unterminatedFrontmatter.start) + 1, reason: 'the front-matter has no closing "---"', yaml: p.text.slice(p.unterminatedFrontmatter.end) };
  }
  const fm = p.frontmatter;
  if (fm?.error) return { line: p.lines.lineOf(fm.error.offset) + 1, reason: fm.error.message, yaml: p.text.slice(fm.content.start, fm.content.end) };
  if (fm && !p.cover) return { line: p.lines.lineOf(fm.content.start) + 1, reason: 'the front-matter is not a YAML mapping of keys', yaml: p.text.slice(fm.content.start, fm.content.end) };
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
  for (const file of files) {
    const c = checkFile(file, resolver);
    if (!c) {
      // Not a paper to the checker, but an opening `---` with no closing one
      // around a title and a meeting is a paper whose cover sheet is broken.
      const p = parsePaper(fs.readFileSync(file, 'utf8'));
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
        warnings.push({ message: `${file} is left out: it is for ${meeting} but its date "${pd ?? ''}" ${pd && /^\d{4}-\d{2}-\d{2}$/.test(pd) ? 'is not a date in the calendar' : 'is not written YYYY-MM-DD'} (if it is for this meeting, write date: ${options.date})` });
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
  return { folder, meeting, date: options.date, profile: folderProfile, papers: ordered, warnings };
}
