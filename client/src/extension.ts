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
import { StatusItem, looksLikePaper } from './status';

let client: LanguageClient | undefined;

export interface BoardPaperApi {
  client(): LanguageClient | undefined;
  ensureStarted(): Promise<LanguageClient | undefined>;
  previews: PreviewPanels;
}

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
    }
    return starting;
  };
  const isPaperDoc = (d: vscode.TextDocument) => d.languageId === 'markdown' && (looksLikePaper(d.getText(new vscode.Range(0, 0, 60, 0))) || /(^|\/)papers\/|\.paper\.md$/.test(d.uri.path));
  const workspaceIsPapers = async () => (await vscode.workspace.findFiles('{**/.boardpaper.yaml,**/papers/**/*.md,**/*.paper.md}', '**/node_modules/**', 1)).length > 0;
  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument((d) => {
      if (!starting && isPaperDoc(d)) void ensureStarted();
    }),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (!starting && isPaperDoc(e.document)) void ensureStarted();
    }),
  );
  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(async () => {
      if (!client) return;
      clientOptions.initializationOptions = { untrustedWorkspace: false };
      await client.stop();
      client = undefined;
      starting = undefined;
      await ensureStarted();
    }),
  );
  const getClient = () => client;
  const needClient = async () => {
    await ensureStarted();
    return client;
  };
  const previews = new PreviewPanels(needClient);
  context.subscriptions.push(
    previews,
    vscode.commands.registerCommand('boardPaper.showPreview', () => previews.show(false)),
    vscode.commands.registerCommand('boardPaper.showPreviewToSide', () => previews.show(true)),
    registerNewPaper(needClient),
    registerGeneratePack(needClient),
    registerFixAll(),
    new StatusItem(),
  );
  if (vscode.workspace.textDocuments.some(isPaperDoc) || (await workspaceIsPapers())) await ensureStarted();
  return { client: getClient, ensureStarted: needClient, previews };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
