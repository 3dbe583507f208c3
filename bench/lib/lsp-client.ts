/**
 * A minimal LSP client for the benchmarks: starts the BUILT server
 * (`node dist/server.js --stdio`) as a child process and talks JSON-RPC to it
 * with vscode-languageserver-protocol, as an editor would. Times are taken on
 * this side of the pipe, so they include serialisation and transport.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
// What an editor declares: the same capabilities the protocol tests use.
import { CAPABILITIES } from '../../test/server/lsp-client';
import { now } from './stats';


/** Linux clock ticks per second (USER_HZ), for /proc/<pid>/stat. */
const CLOCK_TICKS = 100;

export const uriOf = (file: string) => pathToFileURL(path.resolve(file)).href;

export interface StartOptions {
  serverPath: string;
  folders: string[];
  /** What workspace/configuration answers for section boardPaper. */
  settings?: Record<string, unknown>;
  initializationOptions?: unknown;
  /** Extra node flags for the server process. */
  nodeArgs?: string[];
}

interface Doc {
  text: string;
  version: number;
  lineStarts: number[];
}

function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) out.push(i + 1);
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) out.push(i + 1);
  }
  return out;
}

export class BenchClient {
  readonly stderr: string[] = [];
  readonly progress: { token: unknown; value: { kind: string; message?: string; percentage?: number } ; at: number }[] = [];
  private readonly docs = new Map<string, Doc>();
  private readonly diagWaiters = new Map<string, (t: number, p: PublishDiagnosticsParams) => void>();
  private progressWaiters: (() => void)[] = [];
  /** Every publishDiagnostics: uri → last params and when it came. */
  readonly lastDiagnostics = new Map<string, { params: PublishDiagnosticsParams; at: number }>();
  initializedAt = 0;

  private constructor(
    readonly proc: ChildProcess,
    readonly conn: ProtocolConnection,
    private readonly settings: Record<string, unknown>,
  ) {}

  get pid(): number {
    return this.proc.pid!;
  }

  static async start(opts: StartOptions): Promise<BenchClient> {
    if (!fs.existsSync(opts.serverPath)) throw new Error(`${opts.serverPath} is missing: run \`npm run build\` first`);
    const proc = spawn(process.execPath, [...(opts.nodeArgs ?? []), opts.serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    const c = new BenchClient(proc, conn, opts.settings ?? {});
    proc.stderr!.on('data', (d) => c.stderr.push(String(d)));
    conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      const t = now();
      c.lastDiagnostics.set(p.uri, { params: p, at: t });
      const key = `${p.uri}#${p.version}`;
      const w = c.diagWaiters.get(key);
      if (w) {
        c.diagWaiters.delete(key);
        w(t, p);
      }
    });
    conn.onNotification('$/progress', (p: { token: unknown; value: { kind: string } }) => {
      c.progress.push({ ...p, at: now() });
      const ws = c.progressWaiters;
      c.progressWaiters = [];
      for (const w of ws) w();
    });
    conn.onNotification('window/logMessage', () => undefined);
    conn.onNotification('window/showMessage', () => undefined);
    conn.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => p.items.map((i) => (i.section === 'boardPaper' ? c.settings : null)));
    conn.onRequest('client/registerCapability', () => null);
    conn.onRequest('client/unregisterCapability', () => null);
    conn.onRequest('window/workDoneProgress/create', () => null);
    conn.onRequest('window/showMessageRequest', () => null);
    conn.listen();
    await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: opts.folders[0] ? uriOf(opts.folders[0]) : null,
      workspaceFolders: opts.folders.length ? opts.folders.map((f) => ({ uri: uriOf(f), name: path.basename(f) })) : null,
      capabilities: CAPABILITIES,
      initializationOptions: opts.initializationOptions,
    });
    c.initializedAt = now();
    await conn.sendNotification('initialized', {});
    return c;
  }

  /** Resolves when a progress `end` has arrived (the workspace index is built); returns its time. */
  async progressEnd(timeoutMs: number): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const end = this.progress.find((p) => p.value.kind === 'end');
      if (end) return end.at;
      if (Date.now() > deadline) throw new Error(`no progress end within ${timeoutMs} ms`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, 100);
        this.progressWaiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
  }

  /** Resolve with the arrival time of publishDiagnostics for this version. */
  diagnosticsFor(uri: string, version: number, timeoutMs = 60_000): Promise<{ at: number; params: PublishDiagnosticsParams }> {
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => {
        this.diagWaiters.delete(`${uri}#${version}`);
        reject(new Error(`no diagnostics for ${uri} v${version} within ${timeoutMs} ms; server stderr: ${this.stderr.join('').slice(-2000)}`));
      }, timeoutMs);
      this.diagWaiters.set(`${uri}#${version}`, (at, params) => {
        clearTimeout(t);
        resolve({ at, params });
      });
    });
  }

  /** Open a document; resolves with its first diagnostics. */
  async open(file: string, text = fs.readFileSync(file, 'utf8')): Promise<{ uri: string; diagnostics: number; ms: number }> {
    const uri = uriOf(file);
    this.docs.set(uri, { text, version: 1, lineStarts: lineStarts(text) });
    const wait = this.diagnosticsFor(uri, 1, 180_000);
    const t0 = now();
    await this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    const r = await wait;
    return { uri, diagnostics: r.params.diagnostics.length, ms: r.at - t0 };
  }

  text(uri: string): string {
    return this.docs.get(uri)!.text;
  }

  position(uri: string, offset: number): { line: number; character: number } {
    const starts = this.docs.get(uri)!.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - starts[lo]! };
  }

  /**
   * Insert `insert` at `offset`, replacing `removeLength` characters (an
   * incremental didChange, as editors send them). The local copy is updated
   * and the wait for that version's diagnostics registered before the clock
   * starts; `sentAt` is when the notification was handed to the pipe.
   */
  async change(uri: string, offset: number, insert: string, removeLength = 0, timeoutMs = 180_000): Promise<{ version: number; sentAt: number; diagnostics: Promise<{ at: number; params: PublishDiagnosticsParams }> }> {
    const d = this.docs.get(uri)!;
    const start = this.position(uri, offset);
    const end = this.position(uri, offset + removeLength);
    d.text = d.text.slice(0, offset) + insert + d.text.slice(offset + removeLength);
    d.lineStarts = lineStarts(d.text);
    d.version++;
    const params = { textDocument: { uri, version: d.version }, contentChanges: [{ range: { start, end }, text: insert }] };
    const diagnostics = this.diagnosticsFor(uri, d.version, timeoutMs);
    diagnostics.catch(() => undefined); // callers that do not wait must not see an unhandled rejection
    const sentAt = now();
    await this.conn.sendNotification('textDocument/didChange', params);
    return { version: d.version, sentAt, diagnostics };
  }

  async request<T>(method: string, params: unknown): Promise<{ result: T; ms: number }> {
    const t0 = now();
    const result = (await this.conn.sendRequest(method, params)) as T;
    return { result, ms: now() - t0 };
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

  async stop(): Promise<void> {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.conn.sendNotification('exit');
    } catch {
      // the process may be gone already
    }
    await new Promise<void>((r) => {
      if (this.proc.exitCode !== null) return r();
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
