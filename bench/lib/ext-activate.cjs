/**
 * Approximate extension activation in a fresh Node process: require() the
 * bundle with a stub `vscode` module, then call activate() with a fake
 * ExtensionContext. Prints one JSON line: { requireMs, activateMs, readyMs, started }
 * (readyMs: from calling activate() until the language server started in the
 * background is ready, when the API says so; not part of activation).
 *
 * Usage: node ext-activate.cjs <dist/extension.js> [papers]
 *   papers: findFiles answers as in a workspace that has board papers, so
 *   the extension starts the language client (in the background: after
 *   activate() has returned); `started` says whether it ended up running.
 *
 * The stub is a universal proxy: any property is another proxy, callable and
 * constructible, never a thenable; the few APIs whose values steer activate()
 * are given real answers. It measures the extension's own cost (bundle load,
 * registrations); what VS Code does around activation is not included.
 */
'use strict';
const Module = require('node:module');
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const [, , bundle, mode] = process.argv;
const papers = mode === 'papers';

function anything(name) {
  const cache = new Map();
  const target = function () {};
  return new Proxy(target, {
    get(_t, prop) {
      if (prop === 'then') return undefined;
      if (prop === Symbol.toPrimitive) return () => `[stub ${name}]`;
      if (prop === Symbol.iterator) return function* () {};
      if (prop === 'toString' || prop === 'toJSON') return () => `[stub ${name}]`;
      if (prop === 'prototype') return target.prototype;
      if (prop === 'dispose') return () => undefined;
      if (!cache.has(prop)) cache.set(prop, anything(`${name}.${String(prop)}`));
      return cache.get(prop);
    },
    set(_t, prop, value) {
      cache.set(prop, value);
      return true;
    },
    apply() {
      return anything(`${name}()`);
    },
    construct() {
      return anything(`new ${name}`);
    },
  });
}

const event = () => () => ({ dispose() {} });

/**
 * The module object: every top-level name of the VS Code API (from
 * @types/vscode) as an own property, so that esbuild's __toESM copies them.
 */
function vscodeModule() {
  const fs = require('node:fs');
  let names = [];
  try {
    const dts = fs.readFileSync(require.resolve('@types/vscode/index.d.ts', { paths: [process.cwd(), __dirname] }), 'utf8');
    names = [...dts.matchAll(/^\texport (?:class|enum|namespace|const|let|function) (\w+)/gm)].map((m) => m[1]);
  } catch {
    // fall back to the names this extension and vscode-languageclient are known to read
    names = ['CodeActionKind', 'commands', 'window', 'workspace', 'languages', 'Uri', 'Range', 'Position', 'EventEmitter', 'Disposable', 'env', 'extensions'];
  }
  const mod = {};
  for (const n of new Set(names)) mod[n] = anything(`vscode.${n}`);
  return mod;
}
const vscode = vscodeModule();
const stubWorkspace = vscode.workspace;
const stubWindow = vscode.window;
const stubLanguages = vscode.languages;
const uri = (p) => ({ scheme: 'file', fsPath: p, path: p, toString: () => `file://${p}`, with: () => uri(p) });
vscode.Uri = { file: uri, parse: (s) => uri(s.replace(/^file:\/\//, '')), joinPath: (u, ...ps) => uri(path.join(u.fsPath, ...ps)) };
vscode.workspace = new Proxy(
  {
    textDocuments: [],
    workspaceFolders: [{ uri: uri('/tmp/ws'), name: 'ws', index: 0 }],
    findFiles: async () => (papers ? [uri('/tmp/ws/papers/2024-05-08/10-item.md')] : []),
    getConfiguration: () => ({ get: (_k, d) => d, has: () => false, inspect: () => undefined, update: async () => undefined }),
    createFileSystemWatcher: () => ({ onDidCreate: event(), onDidChange: event(), onDidDelete: event(), dispose() {} }),
    onDidOpenTextDocument: event(),
    onDidChangeTextDocument: event(),
    onDidCloseTextDocument: event(),
    onDidSaveTextDocument: event(),
    onDidChangeConfiguration: event(),
    onDidChangeWorkspaceFolders: event(),
    isTrusted: true,
  },
  { get: (t, p) => (p in t ? t[p] : stubWorkspace[p]) },
);
vscode.window = new Proxy(
  {
    activeTextEditor: undefined,
    visibleTextEditors: [],
    onDidChangeActiveTextEditor: event(),
    onDidChangeVisibleTextEditors: event(),
    createStatusBarItem: () => anything('statusBarItem'),
    createOutputChannel: () => anything('outputChannel'),
  },
  { get: (t, p) => (p in t ? t[p] : stubWindow[p]) },
);
vscode.languages = new Proxy({ getDiagnostics: () => [], onDidChangeDiagnostics: event() }, { get: (t, p) => (p in t ? t[p] : stubLanguages[p]) });
vscode.env = { appName: 'bench', language: 'en', machineId: 'x', sessionId: 'y', uriScheme: 'vscode', appRoot: '/tmp', remoteName: undefined, uiKind: 1 };
vscode.version = '1.91.0';

const origLoad = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === 'vscode') return vscode;
  return origLoad.call(this, request, parent, isMain);
};

async function main() {
  const root = path.resolve(path.dirname(bundle), '..');
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const ext = require(path.resolve(bundle));
  const requireMs = performance.now() - t0;
  const cr = process.cpuUsage(c0);
  const requireCpuMs = (cr.user + cr.system) / 1000;
  const memento = () => ({ get: (_k, d) => d, update: async () => undefined, keys: () => [], setKeysForSync() {} });
  const context = {
    subscriptions: [],
    extensionPath: root,
    extensionUri: uri(root),
    asAbsolutePath: (p) => path.join(root, p),
    globalState: memento(),
    workspaceState: memento(),
    secrets: anything('secrets'),
    storageUri: uri('/tmp/bench-storage'),
    globalStorageUri: uri('/tmp/bench-global'),
    logUri: uri('/tmp/bench-log'),
    storagePath: '/tmp/bench-storage',
    globalStoragePath: '/tmp/bench-global',
    logPath: '/tmp/bench-log',
    extensionMode: 1,
    environmentVariableCollection: anything('envCollection'),
    extension: anything('extension'),
  };
  let started = 'no (workspace without papers)';
  let activateEnd = 0;
  let readyMs = null;
  const t1 = performance.now();
  try {
    const api = await Promise.race([
      ext.activate(context),
      new Promise((_, rej) => setTimeout(() => rej(new Error('activate() did not settle within 10 s')), 10_000)),
    ]);
    activateEnd = performance.now();
    // The language server starts in the background after activate() returns
    // (api.ready settles when it is up): timed apart, not part of activation.
    if (api && api.ready) await Promise.race([api.ready, new Promise((r) => setTimeout(r, 10_000))]);
    const client = api && typeof api.client === 'function' ? api.client() : undefined;
    if (api && api.ready && client) readyMs = performance.now() - t1;
    if (papers)
      started =
        client && typeof client.isRunning === 'function' ? (client.isRunning() ? 'yes (language client running)' : 'no (client not running)') : 'unknown';
    if (client) await Promise.race([client.stop().catch(() => undefined), new Promise((r) => setTimeout(r, 3000))]);
  } catch (e) {
    started = `failed: ${String((e && e.message) || e).split('\n')[0]}`;
  }
  const activateMs = (activateEnd || performance.now()) - t1;
  process.stdout.write(JSON.stringify({ requireMs, requireCpuMs, activateMs, readyMs, started, subscriptions: context.subscriptions.length }) + '\n');
  process.exit(0);
}

main().catch((e) => {
  process.stdout.write(JSON.stringify({ error: String((e && e.stack) || e) }) + '\n');
  process.exit(0);
});
