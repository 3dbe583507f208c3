/**
 * The session: `initialize` (capabilities), `initialized` (dynamic
 * registrations, workspace folders), and the settings (initialization
 * options, workspace/configuration, didChangeConfiguration).
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  TextDocumentSyncKind,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { PROFILE_FILE } from '../../node/profile-loader';
import { FIX_ALL_KIND } from '../service/code-actions';
import { uriToPath } from '../service/language-service';
import type { Folder } from '../service/profiles';
import { DEFAULT_SETTINGS, readSettings, SECTION, type Settings, type SettingsProblem } from '../settings';
import type { ServerContext } from '../context';
import type { DiagnosticsPublisher } from './diagnostics';
import type { WorkspaceIndexing } from './workspace';

declare const BOARDPAPER_VERSION: string | undefined;
export const VERSION = typeof BOARDPAPER_VERSION === 'string' ? BOARDPAPER_VERSION : '0.0.0-dev';

/** How long to wait for the client to answer workspace/configuration before going on with defaults. */
const CONFIG_TIMEOUT_MS = 3000;

export function registerLifecycle(ctx: ServerContext, diagnostics: DiagnosticsPublisher, workspace: WorkspaceIndexing): void {
  const { connection, service, log } = ctx;
  let initSettings: Settings = DEFAULT_SETTINGS;
  let pushedSettings: unknown = undefined;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    ctx.caps = params.capabilities ?? {};
    ctx.folders = foldersOf(params);
    const problems: SettingsProblem[] = [];
    const init = (params.initializationOptions ?? {}) as Record<string, unknown>;
    service.untrusted = init.untrustedWorkspace === true;
    const { untrustedWorkspace: _trust, ...initOptions } = init;
    initSettings = readSettings(Object.keys(initOptions).length ? initOptions : params.initializationOptions, DEFAULT_SETTINGS, problems);
    for (const p of problems) log.error(`initializationOptions: ${p.key} ${p.message}`);
    service.configure(ctx.folders, initSettings);
    // Clients that never send `initialized` still get diagnostics.
    setTimeout(() => ctx.markReady(), 5000).unref?.();
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        completionProvider: { triggerCharacters: [':', ' ', '[', ',', '#', '"', '-'], resolveProvider: false },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll, FIX_ALL_KIND], resolveProvider: false },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        definitionProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'boardpaper-language-server', version: VERSION },
    };
  });

  connection.onInitialized(async () => {
    const caps = ctx.caps;
    try {
      if (caps.workspace?.didChangeConfiguration?.dynamicRegistration) {
        void connection.client.register(DidChangeConfigurationNotification.type, { section: SECTION }).catch(() => undefined);
      }
      if (caps.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
        void connection.client
          .register(DidChangeWatchedFilesNotification.type, {
            watchers: [
              { globPattern: '**/*.md' },
              { globPattern: '**/*.markdown' },
              { globPattern: `**/${PROFILE_FILE}` },
              { globPattern: '**/*.{csv,yaml,yml}' },
            ],
          })
          .catch(() => undefined);
      }
      if (caps.workspace?.workspaceFolders) {
        connection.workspace.onDidChangeWorkspaceFolders((e) => {
          const removed = new Set(e.removed.map((f) => f.uri));
          for (const f of e.removed) {
            const p = uriToPath(f.uri);
            if (p) service.index.removeUnder(p);
          }
          ctx.folders = [...ctx.folders.filter((f) => !removed.has(f.uri)), ...e.added.map(toFolder).filter((f): f is Folder => !!f)];
          void reconfigure();
        });
      }
      await loadSettings();
    } catch (e) {
      log.error(`initialisation: ${(e as Error)?.stack ?? e}`);
    }
    ctx.markReady();
    void workspace.index();
  });

  async function loadSettings(): Promise<void> {
    const problems: SettingsProblem[] = [];
    let global = readSettings(pushedSettings, initSettings, problems);
    const perFolder = new Map<string, Settings>();
    if (ctx.caps.workspace?.configuration) {
      const items = [{ section: SECTION }, ...ctx.folders.map((f) => ({ scopeUri: f.uri, section: SECTION }))];
      const res = await withTimeout(connection.workspace.getConfiguration(items), CONFIG_TIMEOUT_MS).catch((e) => {
        log.error(`workspace/configuration: ${(e as Error)?.message ?? e}`);
        return undefined;
      });
      if (Array.isArray(res)) {
        global = readSettings(res[0], global, problems);
        ctx.folders.forEach((f, i) => perFolder.set(f.uri, readSettings(res[i + 1], global, problems)));
      }
    }
    for (const p of problems) log.error(`settings: ${p.key} ${p.message}`);
    service.configure(ctx.folders, global, perFolder);
  }

  async function reconfigure(): Promise<void> {
    await loadSettings();
    diagnostics.revalidateAll(true);
    diagnostics.publishProfileDiagnostics();
    void workspace.index();
  }

  connection.onDidChangeConfiguration((p) => {
    pushedSettings = p?.settings;
    void reconfigure();
  });
}

function toFolder(f: { uri: string; name?: string }): Folder | null {
  const p = uriToPath(f.uri);
  return p ? { uri: f.uri, path: p, name: f.name ?? path.basename(p) } : null;
}

function foldersOf(params: InitializeParams): Folder[] {
  if (params.workspaceFolders?.length) return params.workspaceFolders.map(toFolder).filter((f): f is Folder => !!f);
  if (params.rootUri) {
    const f = toFolder({ uri: params.rootUri });
    return f ? [f] : [];
  }
  if (params.rootPath) return [{ uri: pathToFileURL(params.rootPath).href, path: path.resolve(params.rootPath), name: path.basename(params.rootPath) }];
  return [];
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => resolve(undefined), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e) => {
        clearTimeout(t);
        reject(e);
      },
    );
  });
}
