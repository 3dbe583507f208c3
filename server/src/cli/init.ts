/**
 * `boardpaper init [folder]` (INTERFACES.md v2): write a commented
 * `.boardpaper.yaml` for a new organisation. Takes `--organisation` and
 * `--objectives-file`; asks for what is missing only when standard input is
 * a terminal, else uses the defaults. Never overwrites (exit 2 naming the
 * file). The text is `core/profile-yaml.ts`'s `profileYaml`.
 *
 * `--from FILE.docx` (objectives, committees and cover-sheet labels read
 * from a Word paper) belongs to the Word import: `fromDocx` is where it
 * plugs in, returning the same `ProfileYamlOptions` parts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { objectivesFromText, profileYaml, type ProfileYamlOptions } from '../core/profile-yaml';
import { loadProfileFile, PROFILE_FILE, ProfileError } from '../node/profile-loader';
import { writeFileAtomic } from '../node/files';
import { UsageError } from './errors';

export const INIT_HELP = `Usage: boardpaper init [folder] [options]

Write a .boardpaper.yaml for a new organisation in the folder (default: the
current folder), every key explained in a comment. Never overwrites one.

Options:
  --organisation NAME     the organisation's name (asked when run in a terminal)
  --objectives-file FILE  strategic objectives, one per line: "SO1: wording" or "1. wording"
  --from FILE.docx        read objectives, committees and cover-sheet labels from a Word paper
`;

/**
 * What a Word paper tells a new profile. The Word import supplies this;
 * until it does, `--from` says so and exits 2.
 */
export type FromDocx = (file: string) => Promise<Partial<Omit<ProfileYamlOptions, 'organisation'>> & { organisation?: string }>;

let fromDocx: FromDocx | undefined;

/** The Word import registers its reader here. */
export function setInitFromDocx(reader: FromDocx): void {
  fromDocx = reader;
}

export async function runInit(argv: string[], out: (s: string) => void, input: NodeJS.ReadStream = process.stdin): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      organisation: { type: 'string' },
      'objectives-file': { type: 'string' },
      from: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
  });
  if (values.help) {
    out(INIT_HELP);
    return 0;
  }
  if (positionals.length > 1) throw new UsageError(`init takes one folder (got ${positionals.length})`);
  const folder = path.resolve(positionals[0] ?? '.');
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) throw new UsageError(`${folder} is not a folder`);
  const file = path.join(folder, PROFILE_FILE);
  if (fs.existsSync(file)) throw new UsageError(`${file} already exists; boardpaper init never overwrites it (edit it, or remove it first)`);

  const options: ProfileYamlOptions = { organisation: values.organisation?.trim() ?? '' };
  if (values.from !== undefined) {
    if (!fromDocx) throw new UsageError('--from FILE.docx is not available yet in this version; use --organisation and --objectives-file');
    const got = await fromDocx(path.resolve(values.from));
    Object.assign(options, { ...got, organisation: options.organisation || got.organisation || '' });
  }
  if (values['objectives-file'] !== undefined) {
    let text: string;
    try {
      text = fs.readFileSync(path.resolve(values['objectives-file']), 'utf8');
    } catch (e) {
      throw new UsageError(`--objectives-file ${values['objectives-file']} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    const r = objectivesFromText(text);
    if (r.problem) throw new UsageError(`--objectives-file ${values['objectives-file']} ${r.problem}`);
    options.objectives = r.objectives;
  }
  if (!options.organisation && input.isTTY) {
    const rl = readline.createInterface({ input, output: process.stdout });
    try {
      options.organisation = (await rl.question('Organisation (as printed on its cover sheets): ')).trim();
    } finally {
      rl.close();
    }
  }
  if (!options.organisation) options.organisation = 'My NHS organisation';

  const text = profileYaml(options);
  writeFileAtomic(file, text, { exclusive: true });
  // What was written must load: a mistake here is ours, not the officer's.
  try {
    loadProfileFile(file);
  } catch (e) {
    if (e instanceof ProfileError) out(`warning: ${file} was written but does not load: ${e.message}\n`);
    throw e;
  }
  out(`Wrote ${file}\n`);
  return 0;
}
