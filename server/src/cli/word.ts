/** `boardpaper import FILE.docx` and `boardpaper export FILE.md` (INTERFACES.md v2). */
import { DEFAULT_PROFILE } from '../core/profile';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { checkFile, ProfileResolver } from '../node/check-files';
import { UsageError } from './errors';
import { stylish, toJson } from './output';

export const IMPORT_HELP = `Usage: boardpaper import FILE.docx [options]

Read a Word board paper: its cover sheet becomes the front-matter, the rest
Markdown; images are saved beside the paper. What could not be placed is kept
in a final "Import notes" section. Then the paper's findings are printed.

Options:
  --out FILE        where to write the paper (default: FILE.md beside the .docx); never overwritten
  --profile FILE    organisation profile (its cover-sheet labels and objectives)
  --format stylish|json   how to print the findings (default stylish)
`;

export const EXPORT_HELP = `Usage: boardpaper export FILE.md [options]

Write the paper as a Word document: the organisation's cover sheet as a Word
table, then the body with Word heading styles, lists, tables and images.

Options:
  --out FILE        where to write it (default: FILE.docx beside the paper); never overwritten
  --format docx     the only format (default)
  --profile FILE    organisation profile (cover-sheet labels and order)
`;

/** The Word code (mammoth, docx), loaded only for a Word job: dist/word.js beside dist/cli.js. */
function loadWord(): typeof import('../word/bundle') {
  return require('../word/bundle') as typeof import('../word/bundle');
}

/** `boardpaper import`: exit 0 written, 1 written with errors found, 2 not imported. */
export async function runImport(argv: string[], out: (s: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      profile: { type: 'string' },
      format: { type: 'string', default: 'stylish' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    out(IMPORT_HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('import takes one Word file: boardpaper import FILE.docx');
  if (!['stylish', 'json'].includes(values.format!)) throw new UsageError(`--format must be stylish or json (got "${values.format}")`);
  const input = positionals[0]!;
  if (values.profile !== undefined && !fs.existsSync(values.profile)) throw new UsageError(`cannot read profile ${values.profile}: no such file`);
  const target = values.out ?? path.join(path.dirname(input), `${path.basename(input).replace(/\.(docx|docm|doc)$/i, '')}.md`);
  if (fs.existsSync(target)) throw new UsageError(`${target} already exists; boardpaper import never overwrites a paper (choose another --out)`);
  const resolver = new ProfileResolver({ explicit: values.profile ?? null, defaultBaseDir: process.cwd() });
  const { profile } = resolver.forFile(target);
  const word = loadWord();
  let job;
  try {
    job = await word.importWordFile(input, target, profile);
  } catch (e) {
    if (e instanceof word.WordError) throw new UsageError(e.message);
    throw e;
  }
  const { text } = job;
  const result = { images: job.images.map((f) => ({ name: path.basename(f) })), notes: job.notes };
  const checked = checkFile(target, resolver, text);
  const images = result.images.length ? `, ${result.images.length} image${result.images.length === 1 ? '' : 's'}` : '';
  const notes = result.notes.length ? `; ${result.notes.length} import note${result.notes.length === 1 ? '' : 's'} to review` : '';
  const json = checked ? toJson([checked], () => true) : [];
  if (values.format === 'json')
    out(JSON.stringify({ file: target, images: result.images.map((i) => i.name), notes: result.notes, findings: json[0]?.diagnostics ?? [] }, null, 2) + '\n');
  else {
    out(`Wrote ${target}${images}${notes}\n`);
    if (json.length) out(stylish(json));
  }
  return checked?.findings.some((f) => f.severity === 'error') ? 1 : 0;
}

/** `boardpaper export`: exit 0 written, 2 not written. */
export async function runExport(argv: string[], out: (s: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      format: { type: 'string', default: 'docx' },
      profile: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    out(EXPORT_HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('export takes one paper: boardpaper export FILE.md');
  if (values.format !== 'docx') throw new UsageError(`--format must be docx (got "${values.format}")`);
  if (values.profile !== undefined && !fs.existsSync(values.profile)) throw new UsageError(`cannot read profile ${values.profile}: no such file`);
  const input = positionals[0]!;
  let text: string;
  try {
    text = fs.readFileSync(input, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${input}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const target = values.out ?? path.join(path.dirname(input), `${path.basename(input).replace(/\.md$/i, '')}.docx`);
  if (fs.existsSync(target)) throw new UsageError(`${target} already exists; boardpaper export never overwrites (choose another --out)`);
  const { profile } = new ProfileResolver({ explicit: values.profile ?? null, defaultBaseDir: process.cwd() }).forFile(input);
  const word = loadWord();
  let r;
  try {
    r = await word.exportWordFile(text, path.dirname(path.resolve(input)), target, profile);
  } catch (e) {
    if (e instanceof word.WordError) throw new UsageError(e.message);
    throw e;
  }
  out(`Wrote ${target}\n`);
  for (const m of r.missingImages)
    process.stderr.write(
      `boardpaper: image ${m} could not be embedded (missing, outside the paper's folder, or not PNG/JPEG/GIF/BMP); its alt text is in its place\n`,
    );
  return 0;
}

/**
 * `boardpaper init --from FILE.docx`: the objectives, committees and
 * cover-sheet labels of an organisation's real Word paper, for the starting
 * profile (loaded with the Word code only when asked for).
 */
export async function initFromDocx(
  file: string,
): Promise<{ objectives: Record<string, string>; committees: { name: string }[]; coverSheet: { key: string; label: string }[] }> {
  const t = await loadWord().readWordTemplate(file, DEFAULT_PROFILE);
  // A nested field (`risks.on_register`) is listed through its parent when the parent is listed too.
  const keys = new Set(t.cover_sheet.map((f) => f.key));
  const coverSheet = t.cover_sheet.filter((f) => !f.key.includes('.') || !keys.has(f.key.slice(0, f.key.indexOf('.'))));
  // Objectives a template numbers 1, 2… become SO1, SO2… (a profile may keep bare numbers; SO1 reads as an objective in a paper's list).
  const objectives = Object.fromEntries(Object.entries(t.strategic_objectives).map(([code, text]) => [/^\d/.test(code) ? `SO${code}` : code, text]));
  return { objectives, committees: t.committees.map((name) => ({ name })), coverSheet };
}
