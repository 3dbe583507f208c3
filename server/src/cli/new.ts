/** `boardpaper new` (INTERFACES.md): a new paper from a template. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { fileNameForTitle, fillTemplate, newPaperText, validateNewPaper, type NewPaperOptions } from '../core/template';
import { DEFAULT_PROFILE, type Purpose } from '../core/profile';
import { ProfileResolver } from '../node/profile-loader';
import { writeFileAtomic } from '../node/files';
import { findTemplate, TEMPLATE_DIR } from '../node/templates';
import { UsageError } from './errors';

export const NEW_HELP = `Usage: boardpaper new [options]

Write a new board paper with the cover sheet filled in and every required
section ready to write (including Health inequalities).

Options:
  --template NAME       a workspace template (${TEMPLATE_DIR}/NAME.md), default: the standard paper
  --title T             title of the paper
  --meeting M           the board or committee receiving it
  --date D              date of the meeting, YYYY-MM-DD (default: today)
  --purpose P           approve | decide | discuss | assure | note | information (default: note)
  --objectives SO1,SO2  strategic objectives it serves
  --agenda-item N       agenda item, e.g. 10.2
  --profile FILE        organisation profile to use
  --out FILE            where to write it (default: a file name made from the title); never overwritten
`;

export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function runNew(argv: string[], out: (s: string) => void): number {
  const { values } = parseArgs({
    args: argv,
    options: {
      template: { type: 'string' },
      title: { type: 'string' },
      meeting: { type: 'string' },
      date: { type: 'string' },
      purpose: { type: 'string' },
      objectives: { type: 'string' },
      'agenda-item': { type: 'string' },
      profile: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    out(NEW_HELP);
    return 0;
  }
  const outFile = values.out;
  const where = path.resolve(outFile ? path.dirname(outFile) : '.');
  const profile =
    values.profile || outFile ? new ProfileResolver({ explicit: values.profile ?? null }).forFile(path.join(where, 'x.md')).profile : DEFAULT_PROFILE;
  const opts: NewPaperOptions = {
    title: values.title ?? 'Untitled paper',
    meeting: values.meeting ?? profile.committees[0]?.name ?? 'Integrated Care Board',
    date: values.date ?? today(),
    purpose: (values.purpose ?? 'note') as Purpose,
    objectives: values.objectives ? values.objectives.split(/[\s,]+/).filter(Boolean) : [],
    agendaItem: values['agenda-item'],
  };
  const problems = validateNewPaper(opts, profile);
  if (problems.length) throw new UsageError(problems[0]!);
  let text: string;
  if (values.template) {
    const t = findTemplate(where, values.template);
    if (!t) throw new UsageError(`no template "${values.template}" (looked for ${TEMPLATE_DIR}/${values.template}.md in ${where} and the folders above)`);
    text = fillTemplate(fs.readFileSync(t, 'utf8'), opts, profile);
  } else text = newPaperText(opts, profile);
  const target = outFile ?? fileNameForTitle(opts.title, opts.agendaItem);
  if (fs.existsSync(target)) throw new UsageError(`${target} already exists; boardpaper new never overwrites a paper (choose another --out)`);
  try {
    writeFileAtomic(target, text, { exclusive: true });
  } catch (e) {
    throw new UsageError(`cannot write ${target}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  out(`Wrote ${target}\n`);
  return 0;
}
