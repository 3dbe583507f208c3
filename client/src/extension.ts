/**
 * The boardpaper extension: starts the bundled language server and adds the
 * commands a governance team uses (preview, new paper, agenda pack, fix all).
 * Everything about papers is decided by the server; this only wires VS Code
 * to it.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { PreviewPanels } from './preview';
import { registerNewPaper } from './new-paper';
import { registerGeneratePack } from './generate-pack';
import { registerFixAll } from './fix-all';
import { registerExportWord, registerImportWord } from './word';
import { registerOpenExamples } from './examples';
import { StatusItem, looksLikePaper } from './status';
import { registerMeetingView, type MeetingTree } from './meeting-view';

let client: LanguageClient | undefined;

export interface BoardPaperApi {
  /** The language client, once one has been created (it may still be starting). */
  client(): LanguageClient | undefined;
  /** Start the language server if it is not started, and wait until it is ready (rejects if it cannot start). */
  ensureStarted(): Promise<LanguageClient | undefined>;
  /**
   * Settles when the start decided at activation has finished: the running
   * client, or undefined when the workspace has no papers (the server then
   * starts with the first paper opened) or the server could not start (the
   * user has been told). Never rejects.
   */
  ready: Promise<LanguageClient | undefined>;
  previews: PreviewPanels;
  /** The Meeting view's tree (explorer). */
  meetings?: MeetingTree;
  status: StatusItem;
}

/**
 * Activation is cheap on purpose (VS Code counts it against the window's
 * start): it registers the commands and returns. Starting the language server
 * (fork, load, `initialize`: about 200 ms) happens in the background, and
 * everything that needs the server waits for it: the commands through
 * `needClient`, LSP features through vscode-languageclient itself, which
 * registers its providers once the server has answered `initialize`.
 */

export async function activate(context: vscode.ExtensionContext): Promise<BoardPaperApi> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
      { scheme: 'file', pattern: '**/.boardpaper.yaml' },
      { scheme: 'file', pattern: '**/agenda.yaml' },
    ],
    synchronize: {
      configurationSection: 'boardPaper',
      fileEvents: [
        vscode.workspace.createFileSystemWatcher('**/.boardpaper.yaml'),
        vscode.workspace.createFileSystemWatcher('**/*.{csv,yaml,yml}'),
        vscode.workspace.createFileSystemWatcher('**/*.md'),
      ],
    },
    diagnosticCollectionName: 'boardpaper',
    middleware: {
      // VS Code's own Markdown extension outlines a paper's headings. With a second outline
      // provider VS Code puts each provider's symbols under its extension's name (an extra
      // "Board papers (NHS)" level, and every heading twice), so on Markdown the outline is
      // left to it. Other editors still get the server's symbols (cover sheet and sections).
      provideDocumentSymbols: (document, token, next) =>
        document.languageId === 'markdown' && vscode.extensions.getExtension('vscode.markdown-language-features') ? [] : next(document, token),
    },
    // In an untrusted workspace a profile cannot reach outside the workspace.
    initializationOptions: { untrustedWorkspace: !vscode.workspace.isTrusted },
  };
  // The server starts when the first board paper is seen (or the workspace
  // has a profile or papers folder), not for every Markdown user.
  let starting: Promise<void> | undefined;
  const ensureStarted = (): Promise<void> => {
    if (!starting) {
      client = new LanguageClient('boardPaper', 'Board paper', serverOptions, clientOptions);
      starting = client.start();
      // Nobody may be awaiting this start (it runs in the background): tell the
      // user here. Later callers still see the rejection (commands fail with it).
      starting.catch((e: unknown) => {
        void vscode.window.showErrorMessage(`Board paper: the language server could not start, so papers are not being checked: ${(e as Error)?.message ?? e}`);
      });
    }
    return starting;
  };
  const isPaperDoc = (d: vscode.TextDocument) =>
    d.languageId === 'markdown' && (looksLikePaper(d.getText(new vscode.Range(0, 0, 60, 0))) || /(^|\/)papers\/|\.paper\.md$/.test(d.uri.path));
  const workspaceIsPapers = async () =>
    (await vscode.workspace.findFiles('{**/.boardpaper.yaml,**/papers/**/*.md,**/*.paper.md}', '**/node_modules/**', 1)).length > 0;
  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument((d) => {
      if (!starting && isPaperDoc(d)) ensureStarted().catch(() => undefined); // reported in ensureStarted
    }),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (!starting && isPaperDoc(e.document)) ensureStarted().catch(() => undefined);
    }),
  );
  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(async () => {
      if (!client) return;
      clientOptions.initializationOptions = { untrustedWorkspace: false };
      await client.stop();
      client = undefined;
      starting = undefined;
      await ensureStarted().catch(() => undefined);
    }),
  );
  const getClient = () => client;
  const needClient = async () => {
    await ensureStarted();
    return client;
  };
  const previews = new PreviewPanels(needClient);
  const status = new StatusItem();
  context.subscriptions.push(
    previews,
    vscode.commands.registerCommand('boardPaper.showPreview', () => previews.show(false)),
    vscode.commands.registerCommand('boardPaper.showPreviewToSide', () => previews.show(true)),
    registerNewPaper(needClient),
    registerGeneratePack(needClient),
    registerFixAll(needClient),
    registerImportWord(needClient),
    registerExportWord(needClient),
    registerOpenExamples(context),
    status,
  );
  // In the background: neither the search for papers nor the server's start
  // (which forks a process) holds up activation, not even within its tick.
  const ready = (async () => {
    await new Promise((r) => setImmediate(r));
    const papers = vscode.workspace.textDocuments.some(isPaperDoc) || (await workspaceIsPapers());
    if (!papers && !starting) return undefined;
    return needClient();
  })().catch(() => undefined);
  const meetings = registerMeetingView(context, needClient);
  return { client: getClient, ensureStarted: needClient, ready, previews, meetings, status };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
