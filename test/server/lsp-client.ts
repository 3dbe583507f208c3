/**
 * A small LSP client for protocol tests: starts the BUILT server
 * (`node dist/server.js --stdio`) as its own process and talks JSON-RPC to it
 * with vscode-languageserver-protocol, as an editor would.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import type { JsonFile } from '../../server/src/cli/output';

import { ensureBuilt, repoRoot } from '../helpers/build';

export { repoRoot };
export const serverPath = path.join(repoRoot, 'dist', 'server.js');

export const CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
    workspaceEdit: { documentChanges: true },
  },
  window: { workDoneProgress: true },
  textDocument: {
    synchronization: { didSave: true, dynamicRegistration: false },
    publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, dataSupport: true, relatedInformation: true },
    completion: { completionItem: { snippetSupport: true, insertTextModeSupport: { valueSet: [1, 2] } } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } }, isPreferredSupport: true, dataSupport: true },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    foldingRange: {},
    definition: {},
  },
};

export interface StartOptions {
  folders: string[];
  /** What workspace/configuration answers for section boardPaper. */
  settings?: Record<string, unknown>;
  capabilities?: ClientCapabilities;
  initializationOptions?: unknown;
  /** Extra environment variables for the server process. */
  env?: Record<string, string>;
}

export class TestClient {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams[]>();
  readonly progress: unknown[] = [];
  readonly configurationRequests: unknown[] = [];
  readonly messages: { type: number; message: string }[] = [];
  readonly stderr: string[] = [];
  readonly logs: string[] = [];
  private waiters: (() => void)[] = [];
  private versions = new Map<string, number>();
  private texts = new Map<string, string>();
  settings: Record<string, unknown>;

  private constructor(
    readonly proc: ChildProcess,
    readonly conn: ProtocolConnection,
    settings: Record<string, unknown>,
  ) {
    this.settings = settings;
  }

  static async start(opts: StartOptions): Promise<TestClient> {
    ensureBuilt();
    const proc = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: opts.env ? { ...process.env, ...opts.env } : process.env });
    const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    const c = new TestClient(proc, conn, opts.settings ?? {});
    proc.stderr!.on('data', (d) => c.stderr.push(String(d)));
    conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      const list = c.diagnostics.get(p.uri) ?? [];
      list.push(p);
      c.diagnostics.set(p.uri, list);
      c.wake();
    });
    conn.onNotification('$/progress', (p: unknown) => {
      c.progress.push(p);
      c.wake();
    });
    conn.onNotification('window/showMessage', (p: { type: number; message: string }) => {
      c.messages.push(p);
    });
    conn.onNotification('window/logMessage', (p: { message: string }) => {
      c.logs.push(p.message);
    });
    conn.onRequest('workspace/configuration', (p: { items: { section?: string; scopeUri?: string }[] }) => {
      c.configurationRequests.push(p);
      return p.items.map((i) => (i.section === 'boardPaper' ? c.settings : null));
    });
    conn.onRequest('client/registerCapability', () => null);
    conn.onRequest('client/unregisterCapability', () => null);
    conn.onRequest('window/workDoneProgress/create', () => null);
    conn.onRequest('window/showMessageRequest', () => null);
    conn.listen();
    await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: opts.folders[0] ? uri(opts.folders[0]) : null,
      workspaceFolders: opts.folders.map((f) => ({ uri: uri(f), name: path.basename(f) })),
      capabilities: opts.capabilities ?? CAPABILITIES,
      initializationOptions: opts.initializationOptions,
    });
    await conn.sendNotification('initialized', {});
    return c;
  }

  private wake() {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Resolve when `test()` holds (checked on every message), or fail after `ms`. */
  async until<T>(test: () => T | undefined | false, ms = 8000, what = 'condition'): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const v = test();
      if (v) return v;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
  }

  latest(uri: string): PublishDiagnosticsParams | undefined {
    return this.diagnostics.get(uri)?.at(-1);
  }

  /** The next diagnostics published for `uri` for its current version (after `since` publications). */
  async diagnosticsFor(uri: string, pred: (d: Diagnostic[]) => boolean = () => true, ms = 8000): Promise<Diagnostic[]> {
    const version = this.versions.get(uri);
    const p = await this.until(() => {
      const l = this.latest(uri);
      return l && (version === undefined || l.version === undefined || l.version === version) && pred(l.diagnostics) ? l : undefined;
    }, ms, `diagnostics for ${path.basename(uri)} (version ${version})`);
    return p.diagnostics;
  }

  open(file: string, text = fs.readFileSync(file, 'utf8'), languageId = 'markdown'): string {
    const u = uri(file);
    this.versions.set(u, 1);
    this.texts.set(u, text);
    void this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: u, languageId, version: 1, text } });
    return u;
  }

  /** Replace the whole text (a full-content change). */
  change(u: string, text: string): number {
    const v = (this.versions.get(u) ?? 0) + 1;
    this.versions.set(u, v);
    this.texts.set(u, text);
    void this.conn.sendNotification('textDocument/didChange', { textDocument: { uri: u, version: v }, contentChanges: [{ text }] });
    return v;
  }

  /** Apply LSP text edits locally and send the result as an incremental change. */
  applyEdits(u: string, edits: TextEdit[]): string {
    const text = applyTextEdits(this.texts.get(u)!, edits);
    const v = (this.versions.get(u) ?? 0) + 1;
    this.versions.set(u, v);
    this.texts.set(u, text);
    void this.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: u, version: v },
      contentChanges: [...edits].sort((a, b) => cmp(b.range.start, a.range.start)).map((e) => ({ range: e.range, text: e.newText })),
    });
    return text;
  }

  text(u: string): string {
    return this.texts.get(u)!;
  }

  version(u: string): number {
    return this.versions.get(u)!;
  }

  close(u: string): void {
    void this.conn.sendNotification('textDocument/didClose', { textDocument: { uri: u } });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.conn.sendRequest(method, params) as Promise<R>;
  }

  notify(method: string, params: unknown): void {
    void this.conn.sendNotification(method, params);
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 1000))]);
      void this.conn.sendNotification('exit');
    } catch {
      /* already gone */
    }
    await new Promise((r) => setTimeout(r, 50));
    this.conn.dispose();
    if (this.proc.exitCode === null) this.proc.kill();
  }

  alive(): boolean {
    return this.proc.exitCode === null && this.proc.signalCode === null;
  }
}

export function uri(file: string): string {
  return pathToFileURL(file).href;
}

function cmp(a: { line: number; character: number }, b: { line: number; character: number }): number {
  return a.line - b.line || a.character - b.character;
}

function offsetOf(text: string, p: { line: number; character: number }): number {
  let line = 0;
  let i = 0;
  while (line < p.line && i < text.length) {
    const c = text[i];
    i++;
    if (c === '\r' && text[i] === '\n') i++;
    if (c === '\n' || c === '\r') line++;
  }
  let end = i;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return Math.min(i + p.character, end);
}

export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].map((e) => ({ s: offsetOf(text, e.range.start), e: offsetOf(text, e.range.end), t: e.newText })).sort((a, b) => b.s - a.s || b.e - a.e);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.s) + e.t + out.slice(e.e);
  return out;
}

const tempDirs: string[] = [];
process.on('exit', () => {
  for (const d of tempDirs) fs.rmSync(d, { recursive: true, force: true });
});

/** A fresh temp workspace folder with the given files (relative path → text); removed when the tests end. */
export function workspace(files: Record<string, string>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'boardpaper-lsp-')));
  tempDirs.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    const f = path.join(dir, rel);
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, text);
  }
  return dir;
}

/** Split a text with a `|` cursor marker into the text and the cursor position. */
export function cursor(marked: string): { text: string; position: { line: number; character: number } } {
  const i = marked.indexOf('|');
  if (i === -1) throw new Error('no | cursor marker');
  const before = marked.slice(0, i);
  const lines = before.split('\n');
  return { text: before + marked.slice(i + 1), position: { line: lines.length - 1, character: lines.at(-1)!.length } };
}

/** A diagnostic's message as text (LSP 3.18 also allows MarkupContent). */
export function messageOf(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

// What `boardpaper check --format json` says, and diagnostics, as comparable lines:
// `rule line:col-endLine:endCol severity message`, file names in messages as FILE.

const LSP_SEVERITY: Record<string, number> = { error: 1, warning: 2, info: 3 };
const sameFile = (m: string) => m.replace(/"[^"]*\.md"/g, 'FILE');

/** `boardpaper check --format json FILES…` run in `cwd`: each reported file's findings as sorted lines (file names as the CLI prints them). */
export function cliLines(cwd: string, files: string[]): Map<string, string[]> {
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), 'check', '--format', 'json', ...files], { cwd, encoding: 'utf8' });
  if (!r.stdout.startsWith('[')) throw new Error(`boardpaper check failed (${r.status}): ${r.stderr}`);
  const out = new Map<string, string[]>();
  for (const f of JSON.parse(r.stdout) as JsonFile[]) {
    out.set(f.file.replace(/\\/g, '/'), f.diagnostics.map((x) => `${x.rule} ${x.line}:${x.column}-${x.endLine}:${x.endColumn} ${LSP_SEVERITY[x.severity]} ${sameFile(x.message)}`).sort());
  }
  return out;
}

/** Diagnostics as the same sorted lines as `cliLines`. */
export function diagnosticLines(d: readonly Diagnostic[]): string[] {
  return d.map((x) => `${x.code} ${x.range.start.line + 1}:${x.range.start.character + 1}-${x.range.end.line + 1}:${x.range.end.character + 1} ${x.severity} ${sameFile(messageOf(x))}`).sort();
}
