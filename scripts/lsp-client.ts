/**
 * One LSP client for the protocol tests (test/server/lsp-client.ts) and the
 * benchmarks (bench/lib/lsp-client.ts): it starts a BUILT server
 * (`node dist/server.js --stdio`) as its own process and talks JSON-RPC to it
 * with vscode-languageserver-protocol, as an editor would. It records what
 * the server sends (diagnostics and progress with their arrival times, log
 * and show messages, configuration requests, stderr) and keeps each open
 * document's text and version; the tests and the benchmarks add only their
 * own ways of waiting and timing on top.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';

/** What an editor declares (the tests and the benchmarks use the same). */
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
    codeAction: {
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
      isPreferredSupport: true,
      dataSupport: true,
    },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    foldingRange: {},
    definition: {},
  },
};

/** Linux clock ticks per second (USER_HZ), for /proc/<pid>/stat. */
const CLOCK_TICKS = 100;

export const uriOf = (file: string): string => pathToFileURL(path.resolve(file)).href;

export interface SessionOptions {
  serverPath: string;
  folders: string[];
  /** What workspace/configuration answers for section boardPaper. */
  settings?: Record<string, unknown>;
  capabilities?: ClientCapabilities;
  initializationOptions?: unknown;
  /** Extra environment variables for the server process. */
  env?: Record<string, string>;
  /** Extra node flags for the server process. */
  nodeArgs?: string[];
  /** The clock for arrival times (ms); default performance.now. */
  clock?: () => number;
}

export class LspSession {
  readonly stderr: string[] = [];
  readonly logs: string[] = [];
  readonly messages: { type: number; message: string }[] = [];
  readonly configurationRequests: unknown[] = [];
  /** Every $/progress notification, with its arrival time. */
  readonly progress: { token: unknown; value: { kind: string; title?: string; message?: string; percentage?: number }; at: number }[] = [];
  /** Every publishDiagnostics, by URI, in arrival order. */
  readonly diagnostics = new Map<string, PublishDiagnosticsParams[]>();
  initializedAt = 0;
  settings: Record<string, unknown>;
  private waiters: (() => void)[] = [];
  private readonly texts = new Map<string, string>();
  private readonly versions = new Map<string, number>();

  protected constructor(
    readonly proc: ChildProcess,
    readonly conn: ProtocolConnection,
    protected readonly opts: SessionOptions,
  ) {
    this.settings = opts.settings ?? {};
  }

  protected get now(): () => number {
    return this.opts.clock ?? (() => performance.now());
  }

  /** Start the server and initialise it; `make` builds the subclass around the process and connection. */
  protected static async launch<T extends LspSession>(opts: SessionOptions, make: (proc: ChildProcess, conn: ProtocolConnection) => T): Promise<T> {
    if (!fs.existsSync(opts.serverPath)) throw new Error(`${opts.serverPath} is missing: run \`npm run build\` first`);
    const proc = spawn(process.execPath, [...(opts.nodeArgs ?? []), opts.serverPath, '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: opts.env ? { ...process.env, ...opts.env } : process.env,
    });
    const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    const s = make(proc, conn);
    proc.stderr!.on('data', (d) => s.stderr.push(String(d)));
    conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      const at = s.now();
      const list = s.diagnostics.get(p.uri) ?? [];
      list.push(p);
      s.diagnostics.set(p.uri, list);
      s.published(p, at);
      s.wake();
    });
    conn.onNotification('$/progress', (p: { token: unknown; value: { kind: string } }) => {
      s.progress.push({ ...p, at: s.now() });
      s.wake();
    });
    conn.onNotification('window/showMessage', (p: { type: number; message: string }) => {
      s.messages.push(p);
    });
    conn.onNotification('window/logMessage', (p: { message: string }) => {
      s.logs.push(p.message);
    });
    conn.onRequest('workspace/configuration', (p: { items: { section?: string; scopeUri?: string }[] }) => {
      s.configurationRequests.push(p);
      return p.items.map((i) => (i.section === 'boardPaper' ? s.settings : null));
    });
    conn.onRequest('client/registerCapability', () => null);
    conn.onRequest('client/unregisterCapability', () => null);
    conn.onRequest('window/workDoneProgress/create', () => null);
    conn.onRequest('window/showMessageRequest', () => null);
    conn.listen();
    await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: opts.folders[0] ? uriOf(opts.folders[0]) : null,
      workspaceFolders: opts.folders.length ? opts.folders.map((f) => ({ uri: uriOf(f), name: path.basename(f) })) : null,
      capabilities: opts.capabilities ?? CAPABILITIES,
      initializationOptions: opts.initializationOptions,
    });
    s.initializedAt = s.now();
    await conn.sendNotification('initialized', {});
    return s;
  }

  /** Called on every publishDiagnostics, after it is recorded, with its arrival time (for subclasses' waiters). */
  protected published(_p: PublishDiagnosticsParams, _at: number): void {}

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Resolve when `test()` holds (checked on every message, and every 200 ms), or fail after `ms`. */
  async until<T>(test: () => T | undefined | false, ms = 8000, what = 'condition'): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const v = test();
      if (v) return v;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; server stderr: ${this.stderr.join('').slice(-1000)}`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
  }

  /** The last diagnostics published for `uri`. */
  latest(uri: string): PublishDiagnosticsParams | undefined {
    return this.diagnostics.get(uri)?.at(-1);
  }

  // ---------------------------------------------------------------- documents

  /** Open a document (sends didOpen); returns its URI. */
  open(file: string, text = fs.readFileSync(file, 'utf8'), languageId = 'markdown'): string {
    const u = uriOf(file);
    this.versions.set(u, 1);
    this.texts.set(u, text);
    void this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: u, languageId, version: 1, text } });
    return u;
  }

  /** Replace the whole text (a full-content change); returns the new version. */
  change(u: string, text: string): number {
    const v = this.bump(u, text);
    void this.conn.sendNotification('textDocument/didChange', { textDocument: { uri: u, version: v }, contentChanges: [{ text }] });
    return v;
  }

  /** Insert `insert` at `offset`, replacing `removeLength` characters, as an incremental change; returns the new version. */
  async splice(u: string, offset: number, insert: string, removeLength = 0): Promise<number> {
    const old = this.text(u);
    const range = { start: positionAt(old, offset), end: positionAt(old, offset + removeLength) };
    const v = this.bump(u, old.slice(0, offset) + insert + old.slice(offset + removeLength));
    await this.conn.sendNotification('textDocument/didChange', { textDocument: { uri: u, version: v }, contentChanges: [{ range, text: insert }] });
    return v;
  }

  /** Apply LSP text edits locally and send them as one incremental change; returns the new text. */
  applyEdits(u: string, edits: TextEdit[]): string {
    const text = applyTextEdits(this.text(u), edits);
    const v = this.bump(u, text);
    void this.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: u, version: v },
      contentChanges: [...edits].sort((a, b) => cmp(b.range.start, a.range.start)).map((e) => ({ range: e.range, text: e.newText })),
    });
    return text;
  }

  private bump(u: string, text: string): number {
    const v = (this.versions.get(u) ?? 0) + 1;
    this.versions.set(u, v);
    this.texts.set(u, text);
    return v;
  }

  text(u: string): string {
    return this.texts.get(u)!;
  }

  /** The document's current version (undefined when it was never opened here). */
  version(u: string): number {
    return this.versions.get(u)!;
  }

  close(u: string): void {
    void this.conn.sendNotification('textDocument/didClose', { textDocument: { uri: u } });
  }

  request<R>(method: string, params?: unknown): Promise<R> {
    return this.conn.sendRequest(method, params) as Promise<R>;
  }

  notify(method: string, params: unknown): void {
    void this.conn.sendNotification(method, params);
  }

  // ---------------------------------------------------------------- process

  get pid(): number {
    return this.proc.pid!;
  }

  alive(): boolean {
    return this.proc.exitCode === null && this.proc.signalCode === null;
  }

  /** CPU time (user + system) the server process has used so far, in ms (10 ms resolution). */
  cpuMs(): number | null {
    try {
      const stat = fs.readFileSync(`/proc/${this.pid}/stat`, 'utf8');
      // Fields after the command name (which may contain spaces): state is field 3; utime 14, stime 15.
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return ((Number(f[11]) + Number(f[12])) * 1000) / CLOCK_TICKS;
    } catch {
      return null;
    }
  }

  /** Resident memory of the server process (VmRSS and VmHWM from /proc), in MB. */
  memory(): { rssMB: number; hwmMB: number } | null {
    try {
      const status = fs.readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
      return { rssMB: kb('VmRSS') / 1024, hwmMB: kb('VmHWM') / 1024 };
    } catch {
      return null;
    }
  }

  /** shutdown + exit, then make sure the process is gone. */
  async stop(): Promise<void> {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.conn.sendNotification('exit');
    } catch {
      // the process may be gone already
    }
    await new Promise<void>((r) => {
      if (this.proc.exitCode !== null || this.proc.signalCode !== null) return r();
      const t = setTimeout(() => {
        this.proc.kill('SIGKILL');
        r();
      }, 2000);
      this.proc.once('exit', () => {
        clearTimeout(t);
        r();
      });
    });
    this.conn.dispose();
  }
}

function cmp(a: { line: number; character: number }, b: { line: number; character: number }): number {
  return a.line - b.line || a.character - b.character;
}

/** The LSP position of a UTF-16 offset (\n, \r\n and \r end lines). */
export function positionAt(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      start = i + 1;
    }
  }
  return { line, character: offset - start };
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
  const sorted = [...edits]
    .map((e) => ({ s: offsetOf(text, e.range.start), e: offsetOf(text, e.range.end), t: e.newText }))
    .sort((a, b) => b.s - a.s || b.e - a.e);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.s) + e.t + out.slice(e.e);
  return out;
}
