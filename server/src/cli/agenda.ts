/** `boardpaper agenda`: write a starting agenda.yaml from the papers and the profile's standing items (docs/meeting.md). */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { AGENDA_FILE, meetingSettings, type Agenda, type AgendaItem } from '../core/agenda';
import { yamlScalar } from '../core/rule';
import { InputError } from '../node/check-files';
import { writeFileAtomic } from '../node/files';
import { agendaFileIn, loadMeeting, localToday } from '../node/meeting';
import { UsageError } from './errors';
import { meetingOptions } from './status';

export const AGENDA_HELP = `Usage: boardpaper agenda [folder] [--meeting NAME --date YYYY-MM-DD]

Write a starting agenda.yaml in the meeting's folder: the profile's opening
standing items, the papers found for the meeting and date in agenda order
(Part 2 papers marked confidential), then the closing standing items. Edit it
to add verbal items, presentations, times and presenters. Never overwrites an
agenda.yaml. Without --meeting and --date, the folder's papers must all be for
one meeting and date.

Options:
  --meeting NAME        the board or committee
  --date YYYY-MM-DD     the date of the meeting
  -h, --help            show this help

Exit status: 0 written, 2 could not write (the agenda exists, no papers…).
`;

const q = (s: string) => JSON.stringify(s);

/**
 * Item numbers for the file: the papers keep theirs (one with no number gets
 * TBC1, TBC2… and its file); opening standing items 1, 2… (S1, S2… when a
 * paper already uses one of those); closing ones after the highest number.
 */
function numbered(agenda: Agenda): { item: AgendaItem; number: string }[] {
  const firstPaper = agenda.items.findIndex((i) => !i.standing);
  const papers = agenda.items.filter((i) => !i.standing);
  const used = new Set(papers.map((i) => i.item.toLowerCase()).filter(Boolean));
  const opening = agenda.items.filter((i, k) => i.standing && k < firstPaper);
  const clash = opening.some((_, k) => used.has(String(k + 1)));
  const leading = papers.map((i) => Number(/^(\d+)/.exec(i.item)?.[1] ?? NaN)).filter((n) => Number.isFinite(n));
  let next = Math.max(opening.length, ...leading) + 1;
  let opened = 0;
  let unnumbered = 0;
  return agenda.items.map((item) => {
    if (opening.includes(item)) return { item, number: clash ? `S${++opened}` : String(++opened) };
    if (item.standing) return { item, number: String(next++) };
    if (item.item) return { item, number: item.item };
    return { item, number: `TBC${++unnumbered}` };
  });
}

export function agendaYaml(agenda: Agenda, part2Resolution: string): string {
  const l: string[] = [];
  l.push('# The agenda of the meeting (docs/meeting.md). Written by "boardpaper agenda" from the papers');
  l.push("# found and the profile's standing items: add verbal items, presentations, times and presenters.");
  l.push('# kind: paper | verbal | presentation | document. Part 2 items: confidential: true.');
  l.push(`meeting: ${yamlScalar(agenda.committee || agenda.meeting)}`);
  l.push(`date: ${agenda.date}`);
  l.push('# time: "13:00"');
  l.push('# venue: ');
  l.push('# chair: ');
  l.push(`# papers_due: ${agenda.papersDue ?? 'YYYY-MM-DD'}   # default: the profile's papers_due_working_days before the date`);
  l.push('items:');
  let part2 = false;
  const all = numbered(agenda);
  // Part 1 (the closing standing items included), then the resolution and Part 2.
  for (const { item, number } of [...all.filter((x) => !x.item.confidential), ...all.filter((x) => x.item.confidential)]) {
    if (item.confidential && !part2) {
      part2 = true;
      l.push('  # Part 2, after the resolution:');
      for (const line of wrap(part2Resolution, 90)) l.push(`  #   ${line}`);
    }
    l.push(`  - item: ${q(number)}`);
    l.push(`    title: ${yamlScalar(item.title)}`);
    l.push(`    kind: ${item.kind}`);
    if (item.presenter) l.push(`    presenter: ${yamlScalar(item.presenter)}`);
    if (item.file && !item.item) l.push(`    file: ${yamlScalar(item.file)}`);
    if (item.confidential) l.push('    confidential: true');
  }
  return l.join('\n') + '\n';
}

function wrap(s: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const w of s.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + w.length > width) {
      out.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) out.push(line);
  return out;
}

export function runAgenda(argv: string[], out: (s: string) => void): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      meeting: { type: 'string' },
      date: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    out(AGENDA_HELP);
    return 0;
  }
  if (positionals.length > 1) throw new UsageError(`agenda takes one folder (got ${positionals.length}: ${positionals.join(', ')})`);
  const folder = positionals[0] ?? '.';
  const target = path.join(folder, AGENDA_FILE);
  if (agendaFileIn(folder)) throw new InputError(`${target} already exists: not overwritten (edit it, or move it away to start again)`);
  const m = loadMeeting(folder, { today: localToday(), ...meetingOptions(values) });
  const papers = m.agenda.items.filter((i) => !i.standing);
  if (!papers.length) throw new InputError(`no board papers for ${m.agenda.committee} on ${m.agenda.date} in ${folder}: nothing to put on the agenda`);
  const text = agendaYaml(m.agenda, meetingSettings(m.profile, m.agenda.meeting).part2Resolution);
  try {
    writeFileAtomic(target, text, { exclusive: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new InputError(`${target} already exists: not overwritten`);
    throw new InputError(`cannot write ${target}: ${(e as Error).message}`);
  }
  const standing = m.agenda.items.length - papers.length;
  out(
    `Wrote ${target} (${m.agenda.items.length} items: ${papers.length} paper${papers.length === 1 ? '' : 's'}, ${standing} standing item${standing === 1 ? '' : 's'})\n`,
  );
  return 0;
}
