/**
 * `boardpaper-language-server`: the language server for board papers.
 * Transports as vscode-languageserver offers them: --stdio, --node-ipc,
 * --socket=N (and --pipe=NAME).
 */
import { format } from 'node:util';
import { createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/node';
import { RecoveringFraming } from './framing';
import { startServer, VERSION } from './server';

const USAGE = `Usage: boardpaper-language-server --stdio | --node-ipc | --socket=PORT

The boardpaper language server (LSP) for NHS board papers written in Markdown.
Any LSP client can start it; see docs/language-server.md.

Options:
  --stdio          talk LSP on standard input/output
  --node-ipc       talk LSP over a Node IPC channel (when started by Node)
  --socket=PORT    connect to a socket on PORT
  --pipe=NAME      connect to a named pipe
  --version        print the version
  -h, --help       show this help
`;

const args = process.argv.slice(2);
if (args.includes('--version') || args.includes('-v')) {
  process.stdout.write(`${VERSION}\n`);
  process.exit(0);
}
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(USAGE);
  process.exit(0);
}
if (!args.some((a) => /^--(stdio|node-ipc|socket(=|$)|pipe(=|$))/.test(a))) {
  process.stderr.write(`boardpaper-language-server: choose a transport (--stdio, --node-ipc or --socket=PORT)\n\n${USAGE}`);
  process.exit(2);
}

// A bad paper must never take the server down: report and carry on.
process.on('uncaughtException', (e) => {
  process.stderr.write(`boardpaper-language-server: ${(e as Error)?.stack ?? e}\n`);
});
process.on('unhandledRejection', (e) => {
  process.stderr.write(`boardpaper-language-server: ${(e as Error)?.stack ?? e}\n`);
});

let connection: Connection;
if (args.includes('--stdio')) {
  // Standard input through our own framing (framing.ts), then the library's reader.
  const framing = new RecoveringFraming((problem) => connection.console.error(problem));
  connection = createConnection(ProposedFeatures.all, process.stdin.pipe(framing), process.stdout);
  // Given streams, the library no longer redirects console output off stdout (the protocol's channel): do it here.
  const toLog = (...a: unknown[]) => connection.console.log(format(...a));
  console.log = console.info = console.debug = toLog;
  console.warn = console.error = (...a: unknown[]) => connection.console.error(format(...a));
} else {
  connection = createConnection(ProposedFeatures.all);
}
startServer(connection);
