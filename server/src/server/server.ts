/**
 * The protocol handlers: LSP messages in, calls on the language service, LSP
 * messages out. No analysis happens here.
 *
 * Diagnostics always belong to the latest text: a change schedules a check
 * (debounced), and the check reads the document as it is *when it runs* and
 * publishes with that version, synchronously after any await. A burst of
 * edits therefore ends with diagnostics for the final text, never a stale set.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  MessageType,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
  type WorkDoneProgressServerReporter,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { checkedTextDocuments } from './documents';
import { PROFILE_FILE } from '../node/profile-loader';
import { FIX_ALL_KIND } from './service/code-actions';
import { isMarkdownDocument, LanguageService, uriToPath } from './service/language-service';
import type { Folder } from './service/profiles';
import { flatSymbols } from './service/symbols';
import { registerExtensionRequests } from './extension-requests';
import { registerWordRequests } from './word-requests';
import type { IndexProgress } from './service/workspace-index';
import { DEFAULT_SETTINGS, readSettings, SECTION, type Settings, type SettingsProblem } from './settings';

declare const BOARDPAPER_VERSION: string | undefined;
export const VERSION = typeof BOARDPAPER_VERSION === 'string' ? BOARDPAPER_VERSION : '0.0.0-dev';

/** How long to wait for the client to answer workspace/configuration before going on with defaults. */
const CONFIG_TIMEOUT_MS = 3000;
/** Edits to a profile are debounced a little more: they re-check (and re-index) everything. */
const PROFILE_DELAY_MS = 250;

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(checkedTextDocuments);
  const log = {
    log: (m: string) => connection.console.log(m),
    error: (m: string) => connection.console.error(m),
  };
  const service = new LanguageService(documents, log);

  let caps: ClientCapabilities = {};
  let folders: Folder[] = [];
  let initSettings: Settings = DEFAULT_SETTINGS;
  let pushedSettings: unknown = undefined;
  let markReady: () => void = () => {};
  const ready = new Promise<void>((r) => (markReady = r));
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const openedAt = new Map<string, number>();
  /** What was last published per URI, to republish others only when their set changed. */
  const published = new Map<string, string>();
  let profileUris = new Set<string>();
  let knownRoots = 0;
  let profileTimer: ReturnType<typeof setTimeout> | undefined;
  let othersTimer: ReturnType<typeof setTimeout> | undefined;
  const warned = new Set<string>();

  const safe = <T>(what: string, fallback: T, f: () => T): T => {
    try {
      return f();
    } catch (e) {
      log.error(`${what} failed: ${(e as Error)?.stack ?? e}`);
      return fallback;
    }
  };

  // ---------------------------------------------------------------------------
  // Lifecycle

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    caps = params.capabilities ?? {};
    folders = foldersOf(params);
    const problems: SettingsProblem[] = [];
    const init = (params.initializationOptions ?? {}) as Record<string, unknown>;
    service.untrusted = init.untrustedWorkspace === true;
    const { untrustedWorkspace: _trust, ...initOptions } = init;
    initSettings = readSettings(Object.keys(initOptions).length ? initOptions : params.initializationOptions, DEFAULT_SETTINGS, problems);
    for (const p of problems) log.error(`initializationOptions: ${p.key} ${p.message}`);
    service.configure(folders, initSettings);
    // Clients that never send `initialized` still get diagnostics.
    setTimeout(() => markReady(), 5000).unref?.();
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
    try {
      if (caps.workspace?.didChangeConfiguration?.dynamicRegistration) {
        void connection.client.register(DidChangeConfigurationNotification.type, { section: SECTION }).catch(() => undefined);
      }
      if (caps.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
        void connection.client
          .register(DidChangeWatchedFilesNotification.type, {
            watchers: [{ globPattern: '**/*.md' }, { globPattern: '**/*.markdown' }, { globPattern: `**/${PROFILE_FILE}` }, { globPattern: '**/*.{csv,yaml,yml}' }],
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
          folders = [...folders.filter((f) => !removed.has(f.uri)), ...e.added.map(toFolder).filter((f): f is Folder => !!f)];
          void reconfigure();
        });
      }
      await loadSettings();
    } catch (e) {
      log.error(`initialisation: ${(e as Error)?.stack ?? e}`);
    }
    markReady();
    void indexWorkspace();
  });

  async function loadSettings(): Promise<void> {
    const problems: SettingsProblem[] = [];
    let global = readSettings(pushedSettings, initSettings, problems);
    const perFolder = new Map<string, Settings>();
    if (caps.workspace?.configuration) {
      const items = [{ section: SECTION }, ...folders.map((f) => ({ scopeUri: f.uri, section: SECTION }))];
      const res = await withTimeout(connection.workspace.getConfiguration(items), CONFIG_TIMEOUT_MS).catch((e) => {
        log.error(`workspace/configuration: ${(e as Error)?.message ?? e}`);
        return undefined;
      });
      if (Array.isArray(res)) {
        global = readSettings(res[0], global, problems);
        folders.forEach((f, i) => perFolder.set(f.uri, readSettings(res[i + 1], global, problems)));
      }
    }
    for (const p of problems) log.error(`settings: ${p.key} ${p.message}`);
    service.configure(folders, global, perFolder);
  }

  async function reconfigure(): Promise<void> {
    await loadSettings();
    published.clear();
    revalidateAll();
    publishProfileDiagnostics();
    void indexWorkspace();
  }

  connection.onDidChangeConfiguration((p) => {
    pushedSettings = p?.settings;
    void reconfigure();
  });

  // ---------------------------------------------------------------------------
  // Workspace index

  async function indexWorkspace(): Promise<void> {
    // The index run starts now (service.index.ready is its promise) and waits
    // inside for the client to accept the progress token.
    const reporting: Promise<WorkDoneProgressServerReporter | undefined> =
      caps.window?.workDoneProgress && service.profiles.getFolders().length ? connection.window.createWorkDoneProgress().catch(() => undefined) : Promise.resolve(undefined);
    const progress = reporting.then(
      (reporter): IndexProgress | undefined =>
        reporter && {
          begin: (total) => reporter.begin('boardpaper: indexing papers', 0, `0 of ${total} files`, false),
          report: (done, total) => reporter.report(total ? Math.round((done / total) * 100) : 100, `${done} of ${total} files`),
          done: () => reporter.done(),
        },
    );
    try {
      await service.indexWorkspace(progress);
    } catch (e) {
      log.error(`indexing: ${(e as Error)?.stack ?? e}`);
      (await reporting)?.done();
    }
    if (service.settingsFor('').trace.server !== 'off') log.log(`indexed ${service.index.size} papers`);
    revalidateAll();
    publishProfileDiagnostics();
  }

  connection.onDidChangeWatchedFiles(({ changes }) => {
    let profiles = false;
    let papers = false;
    for (const c of changes ?? []) {
      const file = uriToPath(c.uri);
      if (!file) continue;
      if (path.basename(file) === PROFILE_FILE || service.profiles.isProfileInput(file)) profiles = true;
      else if (/\.(md|markdown)$/i.test(file)) {
        if (c.type === FileChangeType.Deleted) service.removeFile(file);
        else service.reindexFile(file);
        papers = true;
      }
    }
    if (profiles) profilesChanged();
    else if (papers) scheduleOthers();
  });

  // ---------------------------------------------------------------------------
  // Documents and diagnostics

  function delayFor(uri: string): number {
    return service.settingsFor(uri).diagnosticsDelay;
  }

  function schedule(uri: string, delay: number): void {
    const t = timers.get(uri);
    if (t) clearTimeout(t);
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        void validate(uri);
      }, delay),
    );
  }

  async function validate(uri: string): Promise<void> {
    await ready;
    // Read the document now: whatever version it has reached is the one checked.
    const doc = documents.get(uri);
    if (!doc || !isMarkdownDocument(doc)) return;
    publish(doc);
    scheduleOthers(uri);
    if (service.profiles.roots.size !== knownRoots) publishProfileDiagnostics();
  }

  function publish(doc: TextDocument, onlyIfChanged = false): void {
    const diagnostics: Diagnostic[] = safe(`checking ${doc.uri}`, [], () => service.diagnostics(doc));
    const sig = `${doc.version}\u0000${JSON.stringify(diagnostics.map((d) => [d.code, d.range, d.message, d.severity]))}`;
    if (onlyIfChanged && published.get(doc.uri) === sig) return;
    published.set(doc.uri, sig);
    void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
    const model = safe('model', undefined, () => service.model(doc));
    if (model?.profileError) warnProfile(model.profileError.message);
  }

  function warnProfile(message: string): void {
    if (warned.has(message)) return;
    warned.add(message);
    // A notification, not window/showMessageRequest: nothing waits for the user.
    void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `boardpaper: the profile cannot be used, so papers under it are not checked: ${message}` });
  }

  /** Other open papers may gain or lose across-papers findings (duplicate agenda items). */
  function scheduleOthers(except?: string): void {
    if (othersTimer) clearTimeout(othersTimer);
    othersTimer = setTimeout(() => {
      othersTimer = undefined;
      for (const d of documents.all()) {
        if (d.uri === except || timers.has(d.uri) || !isMarkdownDocument(d)) continue;
        publish(d, true);
      }
    }, 50);
  }

  function revalidateAll(): void {
    for (const d of documents.all()) if (isMarkdownDocument(d)) schedule(d.uri, 0);
  }

  function publishProfileDiagnostics(): void {
    const map = safe('profile diagnostics', new Map<string, Diagnostic[]>(), () => service.profileDiagnostics());
    knownRoots = service.profiles.roots.size;
    for (const [uri, diagnostics] of map) void connection.sendDiagnostics({ uri, diagnostics });
    for (const uri of profileUris) if (!map.has(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
    profileUris = new Set(map.keys());
  }

  /** A profile or register changed (on disk or in the editor): load again, re-check everything. */
  function profilesChanged(): void {
    if (profileTimer) clearTimeout(profileTimer);
    profileTimer = setTimeout(() => {
      profileTimer = undefined;
      safe('reloading profiles', undefined, () => service.invalidateProfiles());
      published.clear();
      warned.clear();
      publishProfileDiagnostics();
      revalidateAll();
      void indexWorkspace();
    }, PROFILE_DELAY_MS);
  }

  documents.onDidOpen((e) => {
    const doc = e.document;
    openedAt.set(doc.uri, doc.version);
    service.opened(doc);
    if (service.isProfileInput(doc.uri) || path.basename(uriToPath(doc.uri) ?? '') === PROFILE_FILE) profilesChanged();
    if (isMarkdownDocument(doc)) schedule(doc.uri, 0);
  });

  documents.onDidChangeContent((e) => {
    const doc = e.document;
    if (openedAt.get(doc.uri) === doc.version) return; // the open itself, handled above
    if (service.isProfileInput(doc.uri)) profilesChanged();
    if (isMarkdownDocument(doc)) schedule(doc.uri, delayFor(doc.uri));
  });

  documents.onDidSave((e) => {
    if (service.isProfileInput(e.document.uri)) profilesChanged();
  });

  documents.onDidClose((e) => {
    const uri = e.document.uri;
    const t = timers.get(uri);
    if (t) clearTimeout(t);
    timers.delete(uri);
    openedAt.delete(uri);
    published.delete(uri);
    safe('closing', undefined, () => service.closed(uri));
    if (!profileUris.has(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
    if (service.isProfileInput(uri)) profilesChanged(); // back to what is on disk
    else scheduleOthers(uri);
  });

  // ---------------------------------------------------------------------------
  // Features: translate only.

  connection.onCompletion((p) =>
    safe('completion', null, () =>
      service.complete(documents.get(p.textDocument.uri), p.position, {
        snippets: !!caps.textDocument?.completion?.completionItem?.snippetSupport,
        asIs: !!caps.textDocument?.completion?.completionItem?.insertTextModeSupport?.valueSet?.includes(1),
      }),
    ),
  );

  connection.onHover((p) => safe('hover', null, () => service.hover(documents.get(p.textDocument.uri), p.position)));

  connection.onCodeAction((p) =>
    safe('code actions', [], () =>
      service.codeActions(documents.get(p.textDocument.uri), p.context ?? { diagnostics: [] }, {
        documentChanges: !!caps.workspace?.workspaceEdit?.documentChanges,
      }),
    ),
  );

  connection.onDocumentSymbol((p) =>
    safe('document symbols', [], () => {
      const doc = documents.get(p.textDocument.uri);
      const symbols = service.documentSymbols(doc);
      if (caps.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport || !doc) return symbols;
      return flatSymbols(service.model(doc), symbols);
    }),
  );

  connection.onFoldingRanges((p) => safe('folding', [], () => service.foldingRanges(documents.get(p.textDocument.uri))));

  connection.onDefinition((p) => safe('definition', null, () => service.definition(documents.get(p.textDocument.uri), p.position)));
  // After `initialized` has been handled, the index run is under way (or done).
  registerExtensionRequests(connection, documents, service, async () => {
    await ready;
    await service.index.ready;
  });
  registerWordRequests(connection, service);

  documents.listen(connection);
  connection.listen();
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
