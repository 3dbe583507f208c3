/** `boardpaper check [paths…]` (INTERFACES.md). */
import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { addAcrossFindings, expandPaths, ProfileResolver, type CheckedPaper } from '../node/check-files';
import { analyseForCheck, collectPoolResults, poolSize, runPool } from './check-pool';
import { writeFileAtomic } from '../node/files';
import { toJson, stylish, sarif } from './output';
import { UsageError } from './errors';
import { agendaFilesIn, checkAgendas } from './check-agenda';
import { localToday } from '../node/meeting';

export const CHECK_HELP = `Usage: boardpaper check [paths…] [options]

Check board papers (files, or folders: every board paper under them). A
folder holding an agenda.yaml also gets the agenda checks, reported on the
agenda file (see docs/meeting.md).

Options:
  --format stylish|json|sarif   output format (default stylish)
  --fix                         apply every automatic fix in place
  --profile FILE                use this organisation profile for every paper
  --max-warnings N              exit 1 when there are more than N warnings
  --quiet                       report errors only
  -h, --help                    show this help
`;

export async function runCheck(argv: string[], version: string, out: (s: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'stylish' },
      fix: { type: 'boolean', default: false },
      profile: { type: 'string' },
      'max-warnings': { type: 'string' },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    out(CHECK_HELP);
    return 0;
  }
  const format = values.format!;
  if (!['stylish', 'json', 'sarif'].includes(format)) throw new UsageError(`--format must be stylish, json or sarif (got "${format}")`);
  let maxWarnings = -1;
  if (values['max-warnings'] !== undefined) {
    maxWarnings = Number(values['max-warnings']);
    if (!Number.isInteger(maxWarnings) || maxWarnings < 0) throw new UsageError(`--max-warnings must be a whole number (got "${values['max-warnings']}")`);
  }
  if (values.profile !== undefined && !fs.existsSync(values.profile)) throw new UsageError(`cannot read profile ${values.profile}: no such file`);
  const paths = positionals.length ? positionals : ['.'];
  // No defaultBaseDir: the built-in profile's `papers` globs are relative to
  // each paper's project folder, not to the current directory (INTERFACES.md v2).
  const resolver = new ProfileResolver({ explicit: values.profile ?? null });
  const files = expandPaths(paths);

  // Many files: a worker per core (check-pool.ts); the same papers, fixes and
  // errors as the loop below, which handles small jobs in-process.
  const workers = poolSize(files.length);
  let papers: CheckedPaper[];
  if (workers >= 2) {
    const results = await runPool(files, workers, { explicit: values.profile ?? null, fix: !!values.fix });
    papers = collectPoolResults(files, results, resolver);
  } else {
    papers = [];
    for (const f of files) {
      const r = analyseForCheck(f, resolver, !!values.fix);
      if (!r) continue;
      if (r.fixedText !== null) writeFileAtomic(f, r.fixedText);
      papers.push(r.c);
    }
  }
  addAcrossFindings(papers);

  const filter = values.quiet ? (f: { severity: string }) => f.severity === 'error' : () => true;
  // A folder holding an agenda.yaml also gets the agenda checks, on the agenda file.
  const agendas = checkAgendas(agendaFilesIn(paths), papers, resolver, localToday(), filter);
  const json = [...toJson(papers, filter), ...agendas.map((a) => a.json)];
  if (format === 'json') out(JSON.stringify(json, null, 2) + '\n');
  else if (format === 'sarif') out(sarif(json, version));
  else out(stylish(json));

  const all = [...papers.flatMap((p) => p.findings), ...agendas.flatMap((a) => a.findings)];
  const errors = all.filter((f) => f.severity === 'error').length;
  const warnings = all.filter((f) => f.severity === 'warning').length;
  if (errors > 0) return 1;
  if (maxWarnings >= 0 && warnings > maxWarnings) return 1;
  return 0;
}
