/** `boardpaper check [paths…]` (INTERFACES.md). */
import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { fixAll } from '../core/fix-all';
import { addAcrossFindings, checkFile, expandPaths, ProfileResolver, type CheckedPaper } from '../node/check-files';
import { matchesPaperGlobs } from '../node/profile-loader';
import { writeFileAtomic } from '../node/files';
import { toJson, stylish, sarif } from './output';
import { UsageError } from './errors';

export const CHECK_HELP = `Usage: boardpaper check [paths…] [options]

Check board papers (files, or folders: every board paper under them).

Options:
  --format stylish|json|sarif   output format (default stylish)
  --fix                         apply every automatic fix in place
  --profile FILE                use this organisation profile for every paper
  --max-warnings N              exit 1 when there are more than N warnings
  --quiet                       report errors only
  -h, --help                    show this help
`;

export function runCheck(argv: string[], version: string, out: (s: string) => void): number {
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
  const resolver = new ProfileResolver({ explicit: values.profile ?? null, defaultBaseDir: process.cwd() });
  const files = expandPaths(paths);

  const papers: CheckedPaper[] = [];
  for (const f of files) {
    let c = checkFile(f, resolver);
    if (!c) continue;
    if (values.fix) {
      const fixed = fixAll(c.text, c.loaded.profile, { matchesPaperGlob: matchesPaperGlobs(f, c.loaded) });
      if (fixed.text !== c.text) {
        writeFileAtomic(f, fixed.text);
        c = checkFile(f, resolver, fixed.text)!;
      }
    }
    papers.push(c);
  }
  addAcrossFindings(papers);

  const filter = values.quiet ? (f: { severity: string }) => f.severity === 'error' : () => true;
  const json = toJson(papers, filter);
  if (format === 'json') out(JSON.stringify(json, null, 2) + '\n');
  else if (format === 'sarif') out(sarif(json, version));
  else out(stylish(json));

  const all = papers.flatMap((p) => p.findings);
  const errors = all.filter((f) => f.severity === 'error').length;
  const warnings = all.filter((f) => f.severity === 'warning').length;
  if (errors > 0) return 1;
  if (maxWarnings >= 0 && warnings > maxWarnings) return 1;
  return 0;
}
