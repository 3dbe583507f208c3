/** `boardpaper status` (MEETING.md "Readiness"; docs/meeting.md). */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { AGENDA_FILE, readinessRows, type ReadinessRow } from '../core/agenda';
import { isRealDate } from '../core/profile';
import { nearMissMessage } from '../core/agenda/names';
import { InputError } from '../node/check-files';
import { loadMeeting, localToday, type LoadedMeeting } from '../node/meeting';
import { UsageError } from './errors';

export const STATUS_HELP = `Usage: boardpaper status [folder] [--meeting NAME --date YYYY-MM-DD] [options]

The readiness of a meeting: one row per agenda item with its state —
received, findings (errors and warnings), missing, overdue (working days
after papers were due), verbal, document. The agenda is the folder's
agenda.yaml; without one, the papers for --meeting and --date plus the
profile's standing items. Part 2 items are listed without their titles.

Options:
  --meeting NAME        the board or committee (without agenda.yaml)
  --date YYYY-MM-DD     the date of the meeting (without agenda.yaml)
  --format table|json   default table
  --today YYYY-MM-DD    the date to judge overdue papers by (default: today)
  -h, --help            show this help

Exit status: 0 every paper item received with no error, 1 otherwise, 2 could not work.
`;

/** Meeting and date options: both or neither, each well formed. */
export function meetingOptions(values: { meeting?: string; date?: string }): { meeting?: string; date?: string } {
  const meeting = values.meeting?.trim();
  const date = values.date?.trim();
  if (values.meeting !== undefined && !meeting) throw new UsageError('--meeting must name the board or committee');
  if (date !== undefined && !isRealDate(date)) throw new UsageError(`--date must be a real date written YYYY-MM-DD (got "${date}")`);
  return { ...(meeting ? { meeting } : {}), ...(date ? { date } : {}) };
}

/** A meeting whose agenda file cannot say which meeting it is: exit 2, naming the first reason. */
export function requireUsableAgenda(m: LoadedMeeting): void {
  if (!m.parsed || (m.agenda.meeting && m.agenda.date)) return;
  const p = m.parsed.problems[0];
  const where = p ? ` (line ${m.parsed.lines.lineOf(p.range.start) + 1}: ${p.message})` : '';
  throw new InputError(`${m.agendaFile} does not say which meeting and date it is for${where}`);
}

export function runStatus(argv: string[], out: (s: string) => void): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      meeting: { type: 'string' },
      date: { type: 'string' },
      format: { type: 'string', default: 'table' },
      today: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    out(STATUS_HELP);
    return 0;
  }
  if (positionals.length > 1) throw new UsageError(`status takes one folder (got ${positionals.length}: ${positionals.join(', ')})`);
  const format = values.format!;
  if (format !== 'table' && format !== 'json') throw new UsageError(`--format must be table or json (got "${format}")`);
  const today = values.today?.trim() ?? localToday();
  if (!isRealDate(today)) throw new UsageError(`--today must be a real date written YYYY-MM-DD (got "${today}")`);
  const folder = positionals[0] ?? '.';
  const m = loadMeeting(folder, { today, ...meetingOptions(values) });
  requireUsableAgenda(m);
  if (!m.agendaFile && !m.agenda.items.some((i) => !i.standing)) {
    const near = m.nearMisses.length
      ? ` (${m.nearMisses.length} paper${m.nearMisses.length === 1 ? ' names' : 's name'} a meeting close to it: ${m.nearMisses.map((p) => `"${p.cover.meeting}"`).join(', ')})`
      : '';
    throw new InputError(`no board paper for ${m.agenda.committee} on ${m.agenda.date} in ${folder} and no ${AGENDA_FILE}${near}`);
  }
  const rows = readinessRows(m.readiness);
  const at = (file: string) => path.join(folder, file).split(path.sep).join('/');
  const notOnAgenda = m.readiness.notOnAgenda.map((p) => ({ file: at(p.file), item: p.cover.agendaItem ?? null }));
  const nearMisses = m.nearMisses.map((p) => ({ file: at(p.file), meeting: p.cover.meeting! }));
  const agendaErrors = m.findings.filter((f) => f.severity === 'error').length;

  if (format === 'json') {
    const json = {
      meeting: m.agenda.committee || m.agenda.meeting,
      date: m.agenda.date ?? null,
      papers_due: m.agenda.papersDue ?? null,
      today,
      agenda: m.agendaFile ? m.agendaFile.split(path.sep).join('/') : null,
      ready: m.readiness.ready,
      items: rows.map((r) => ({
        item: r.item,
        title: r.title,
        kind: r.kind,
        state: r.state,
        ...(r.file ? { file: at(r.file) } : {}),
        ...(r.state === 'findings' || r.state === 'received' ? { errors: r.errors ?? 0, warnings: r.warnings ?? 0 } : {}),
        ...(r.overdueDays !== undefined ? { overdue_days: r.overdueDays } : {}),
        ...(r.part === 2 ? { confidential: true } : {}),
        ...(r.standing ? { standing: true } : {}),
      })),
      not_on_agenda: notOnAgenda,
      near_misses: nearMisses,
    };
    out(JSON.stringify(json, null, 2) + '\n');
  } else {
    out(table(m, rows, today, at));
    for (const p of notOnAgenda) out(`warning: ${p.file} is a paper for this meeting ${p.item ? `(item ${p.item}) ` : ''}that the agenda does not list\n`);
    for (const p of nearMisses) out(`warning: ${nearMissMessage(p.file, p.meeting, m.agenda.committee || m.agenda.meeting)}\n`);
    if (m.findings.length)
      out(
        `${m.agendaFile}: ${m.findings.length} agenda finding${m.findings.length === 1 ? '' : 's'}${agendaErrors ? ` (${agendaErrors} error${agendaErrors === 1 ? '' : 's'})` : ''}: run "boardpaper check ${folder}" for details\n`,
      );
  }
  return m.readiness.ready ? 0 : 1;
}

function table(m: LoadedMeeting, rows: ReadinessRow[], today: string, at: (f: string) => string): string {
  const a = m.agenda;
  const lines: string[] = [];
  const when = [a.date, a.time].filter(Boolean).join(' ');
  lines.push(`${a.committee || a.meeting} — ${when}${a.venue ? `, ${a.venue}` : ''}`);
  lines.push(`Papers due ${a.papersDue ?? 'not known'}; today ${today}.${m.agendaFile ? '' : ' No agenda.yaml: the papers and the standing items.'}`);
  lines.push('');
  const head = ['item', 'title', 'kind', 'presenter', 'file', 'state'];
  const cells = (r: ReadinessRow) => [r.item || (r.standing ? '(standing)' : ''), r.title, r.kind, r.presenter ?? '', r.file ? at(r.file) : '', r.stateText];
  const part1 = rows.filter((r) => r.part === 1).map(cells);
  const part2 = rows.filter((r) => r.part === 2).map(cells);
  const widths = head.map((h, i) => Math.min(i === 1 ? 48 : 40, Math.max(h.length, ...[...part1, ...part2].map((c) => c[i]!.length))));
  const fit = (s: string, w: number) => (s.length > w ? `${s.slice(0, w - 1)}…` : s.padEnd(w));
  const row = (c: string[]) =>
    c
      .map((s, i) => (i === c.length - 1 ? s : fit(s, widths[i]!)))
      .join('  ')
      .trimEnd();
  lines.push(row(head));
  lines.push(row(widths.map((w) => '-'.repeat(w))));
  for (const c of part1) lines.push(row(c));
  if (part2.length) {
    lines.push('Part 2 (confidential: titles withheld)');
    for (const c of part2) lines.push(row(c));
  }
  const paperRows = rows.filter((r) => r.kind === 'paper');
  const count = (s: string) => paperRows.filter((r) => r.state === s).length;
  lines.push('');
  lines.push(
    `${paperRows.length} paper item${paperRows.length === 1 ? '' : 's'}: ${count('received')} received, ${count('findings')} with findings, ${count('missing')} missing, ${count('overdue')} overdue. ` +
      (m.readiness.ready ? 'Ready.' : 'Not ready.'),
  );
  return lines.join('\n') + '\n';
}
