/**
 * `boardpaper` — check papers, make new ones, build agenda packs.
 * Exit status: 0 fine, 1 findings (or refused by --strict), 2 could not do the
 * job (one line on standard error saying why).
 */
import { runCheck, CHECK_HELP } from './check';
import { runNew, NEW_HELP } from './new';
import { runPack, PACK_HELP } from './pack';
import { runStatus, STATUS_HELP } from './status';
import { runAgenda, AGENDA_HELP } from './agenda';
import { runImport, runExport, IMPORT_HELP, EXPORT_HELP, initFromDocx } from './word';

// `init --from FILE.docx` reads the Word paper with the Word import.
setInitFromDocx(initFromDocx);
import { runInit, INIT_HELP, setInitFromDocx } from './init';
import { UsageError } from './errors';
import { InputError } from '../node/check-files';
import { ProfileError } from '../node/profile-loader';

declare const BOARDPAPER_VERSION: string | undefined;
const VERSION = typeof BOARDPAPER_VERSION === 'string' ? BOARDPAPER_VERSION : '0.0.0-dev';

const HELP = `Usage: boardpaper <command> [options]

Commands:
  check [paths…]   check board papers (default command)
  new              write a new paper from a template
  pack [folder]    build the agenda pack for a meeting
  status [folder]  the readiness of a meeting: each agenda item's paper and state
  agenda [folder]  write a starting agenda.yaml from the papers and standing items
  import FILE.docx read a Word board paper into a paper
  export FILE.md   write a paper as a Word document
  init [folder]    write a commented .boardpaper.yaml for a new organisation

Run "boardpaper <command> --help" for a command's options.

${CHECK_HELP}
${NEW_HELP}
${PACK_HELP}
${STATUS_HELP}
${AGENDA_HELP}
${IMPORT_HELP}
${EXPORT_HELP}
${INIT_HELP}`;

export async function main(argv: string[]): Promise<number> {
  const out = (s: string) => process.stdout.write(s);
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case undefined:
      case '-h':
      case '--help':
        out(HELP);
        return cmd === undefined ? 2 : 0;
      case '--version':
      case '-v':
        out(`${VERSION}\n`);
        return 0;
      case 'check':
        return await runCheck(rest, VERSION, out);
      case 'new':
        return runNew(rest, out);
      case 'pack':
        return await runPack(rest, out);
      case 'status':
        return runStatus(rest, out);
      case 'agenda':
        return runAgenda(rest, out);
      case 'init':
        return await runInit(rest, out);
      case 'import':
        return await runImport(rest, out);
      case 'export':
        return await runExport(rest, out);
      default:
        if (cmd.startsWith('-') || /\.md$/i.test(cmd) || cmd === '.') return await runCheck(argv, VERSION, out);
        throw new UsageError(`unknown command "${cmd}" (commands: check, new, pack, status, agenda, import, export, init)`);
    }
  } catch (e) {
    process.stderr.write(`boardpaper: ${oneLine(e)}\n`);
    return 2;
  }
}

function oneLine(e: unknown): string {
  if (e instanceof ProfileError) {
    const p = e.problems[0]!;
    const more = e.problems.length > 1 ? ` (and ${e.problems.length - 1} more problem${e.problems.length > 2 ? 's' : ''})` : '';
    return `invalid profile ${p.file}: ${p.key}: ${p.message}${more}`;
  }
  if (e instanceof UsageError || e instanceof InputError) return e.message;
  const err = e as { code?: string; message?: string };
  if (
    err?.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ||
    err?.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' ||
    err?.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL'
  )
    return String(err.message).split('\n')[0]!;
  return `internal error: ${String(err?.message ?? e).split('\n')[0]}`;
}

/** Run as the `boardpaper` command: the arguments, the exit status (run.ts calls this). */
export function runFromCommandLine(): void {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`boardpaper: internal error: ${String(e?.message ?? e).split('\n')[0]}\n`);
      process.exitCode = 2;
    },
  );
}
