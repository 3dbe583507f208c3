/** `boardpaper pack` (INTERFACES.md; docs/agenda-pack.md). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { isRealDate } from '../core/profile';
import { buildPack, MissingPapers, StrictRefusal, type PackFormat, type PackPart } from '../pack/build';
import { UsageError } from './errors';

export const PACK_HELP = `Usage: boardpaper pack [folder] --meeting NAME --date YYYY-MM-DD [options]

Build the agenda pack for a meeting: every board paper in the folder (and its
subfolders) for that meeting and date, in agenda order, with an agenda page,
then each paper's cover sheet and body. Confidential papers (confidential:
true) appear only in the private pack (Part 2); the public pack lists each as
"Item N — confidential (reason)" and nothing else of it.

Options:
  --meeting NAME        the board or committee (aliases allowed, e.g. "ICB Board")
  --date YYYY-MM-DD     the date of the meeting
  --out FILE            where to write (default: <meeting>-<date>-<part>.<format>
                        in the current folder); with --part both, -public and
                        -private are added before the extension
  --format pdf|html     default: from the --out extension, else pdf
  --part public|private|both
                        default public; private is the full pack for members
  --strict              refuse to build (exit 1) while any paper has errors
  --draft               a draft: adds the findings page and marks every page
                        DRAFT (a final pack, the default, has no findings)
  --allow-missing       build a final pack although agenda items have no
                        paper yet (they show "Paper to follow")
  -h, --help            show this help

Exit status: 0 written, 1 refused by --strict or a final pack with a paper
missing (without --allow-missing), 2 could not build.
`;

export async function runPack(argv: string[], out: (s: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      meeting: { type: 'string' },
      date: { type: 'string' },
      out: { type: 'string' },
      format: { type: 'string' },
      part: { type: 'string', default: 'public' },
      strict: { type: 'boolean', default: false },
      draft: { type: 'boolean', default: false },
      'allow-missing': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    out(PACK_HELP);
    return 0;
  }
  if (positionals.length > 1) throw new UsageError(`pack takes one folder (got ${positionals.length}: ${positionals.join(', ')})`);
  const meeting = values.meeting?.trim();
  if (!meeting) throw new UsageError('--meeting is required, e.g. --meeting "Integrated Care Board"');
  const date = values.date?.trim();
  if (!date) throw new UsageError('--date is required, e.g. --date 2024-06-18');
  if (!isRealDate(date)) throw new UsageError(`--date must be a real date written YYYY-MM-DD (got "${date}")`);
  const part = values.part!;
  if (!['public', 'private', 'both'].includes(part)) throw new UsageError(`--part must be public, private or both (got "${part}")`);
  const outFile = values.out;
  if (outFile !== undefined && outFile.trim() === '') throw new UsageError('--out must name a file');
  const ext = outFile ? path.extname(outFile).toLowerCase() : '';
  if (ext === '.md' || ext === '.markdown')
    throw new UsageError(`--out ${outFile} is a Markdown file name: the pack is PDF or HTML (and must never overwrite a paper)`);
  const extFormat: PackFormat | undefined = ext === '.pdf' ? 'pdf' : ext === '.html' || ext === '.htm' ? 'html' : undefined;
  let format: PackFormat;
  if (values.format !== undefined) {
    if (values.format !== 'pdf' && values.format !== 'html') throw new UsageError(`--format must be pdf or html (got "${values.format}")`);
    format = values.format;
    if (extFormat && extFormat !== format) throw new UsageError(`--out ${outFile} does not match --format ${format} (use a .${format} file name)`);
  } else format = extFormat ?? 'pdf';
  if (outFile) {
    try {
      if (fs.statSync(outFile).isDirectory()) throw new UsageError(`--out ${outFile} is a folder; give a file name`);
    } catch (e) {
      if (e instanceof UsageError) throw e;
    }
  }
  const folder = positionals[0] ?? '.';

  let result;
  try {
    result = await buildPack({
      folder,
      meeting,
      date,
      part: part as PackPart,
      format,
      out: outFile,
      strict: values.strict,
      draft: values.draft,
      allowMissing: values['allow-missing'],
    });
  } catch (e) {
    if (e instanceof StrictRefusal || e instanceof MissingPapers) {
      process.stderr.write(`boardpaper: ${e.message}\n`);
      return 1;
    }
    throw e;
  }

  const publicCount = result.papers.filter((p) => !p.confidential).length;
  const privateCount = result.papers.length - publicCount;
  for (const f of result.files) {
    const what =
      f.part === 'public'
        ? `public: ${publicCount} paper${publicCount === 1 ? '' : 's'}${privateCount ? `, ${privateCount} confidential item${privateCount === 1 ? '' : 's'} withheld` : ''}`
        : `private: ${result.papers.length} paper${result.papers.length === 1 ? '' : 's'} (${publicCount} in Part 1, ${privateCount} in Part 2)`;
    out(`Wrote ${f.file} (${what}${f.pages ? `; ${f.pages} pages` : ''})\n`);
  }
  const withFindings = result.papers.filter((p) => p.errors || p.warnings);
  if (withFindings.length) {
    out(`${withFindings.length} paper${withFindings.length === 1 ? ' has' : 's have'} findings (run "boardpaper check" for details):\n`);
    for (const p of withFindings) {
      const counts = [p.errors ? `${p.errors} error${p.errors === 1 ? '' : 's'}` : '', p.warnings ? `${p.warnings} warning${p.warnings === 1 ? '' : 's'}` : '']
        .filter(Boolean)
        .join(', ');
      out(`  ${p.file} (item ${p.item || 'not set'}${p.confidential ? ', confidential' : ''}): ${counts}\n`);
    }
  }
  for (const w of result.warnings) out(`warning: ${w}\n`);
  if (result.missing.length)
    out(
      `${result.missing.length} agenda item${result.missing.length === 1 ? ' has' : 's have'} no paper yet (shown "Paper to follow"): ${result.missing.map((m) => `item ${m.item || '(no number)'}`).join(', ')}\n`,
    );
  // Papers that a misspelt meeting name keeps out of the pack: never silent.
  for (const n of result.nearMisses) process.stderr.write(`boardpaper: warning: ${n}\n`);
  return 0;
}
