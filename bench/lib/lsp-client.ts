/**
 * The benchmarks' LSP client: the shared session (scripts/lsp-client.ts, also
 * used by the protocol tests) on the BUILT server (`node dist/server.js
 * --stdio`), plus timing. Times are taken on this side of the pipe, so they
 * include serialisation and transport.
 */
import * as fs from 'node:fs';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { LspSession, positionAt, uriOf, type SessionOptions } from '../../scripts/lsp-client';
import { now } from './stats';

export { uriOf };

export interface StartOptions {
  serverPath: string;
  folders: string[];
  /** What workspace/configuration answers for section boardPaper. */
  settings?: Record<string, unknown>;
  initializationOptions?: unknown;
  /** Extra node flags for the server process. */
  nodeArgs?: string[];
}

export class BenchClient extends LspSession {
  private readonly diagWaiters = new Map<string, (t: number, p: PublishDiagnosticsParams) => void>();

  static async start(opts: StartOptions): Promise<BenchClient> {
    const o: SessionOptions = { ...opts, clock: now };
    return LspSession.launch(o, (proc, conn) => new BenchClient(proc, conn, o));
  }

  /** The last publishDiagnostics per URI (params), as the benchmarks read them. */
  get lastDiagnostics(): Map<string, PublishDiagnosticsParams> {
    return new Map([...this.diagnostics].map(([u, list]) => [u, list.at(-1)!]));
  }

  protected override published(p: PublishDiagnosticsParams, at: number): void {
    const key = `${p.uri}#${p.version}`;
    const w = this.diagWaiters.get(key);
    if (w) {
      this.diagWaiters.delete(key);
      w(at, p);
    }
  }

  /** Resolves when a progress `end` has arrived (the workspace index is built); returns its time. */
  async progressEnd(timeoutMs: number): Promise<number> {
    const end = await this.until(() => this.progress.find((p) => p.value.kind === 'end'), timeoutMs, 'the end of indexing');
    return end.at;
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

  /** Open a document; resolves with its first diagnostics and how long they took. */
  async openTimed(file: string, text = fs.readFileSync(file, 'utf8')): Promise<{ uri: string; diagnostics: number; ms: number }> {
    const uri = uriOf(file);
    const wait = this.diagnosticsFor(uri, 1, 180_000);
    const t0 = now();
    super.open(file, text);
    const r = await wait;
    return { uri, diagnostics: r.params.diagnostics.length, ms: r.at - t0 };
  }

  position(uri: string, offset: number): { line: number; character: number } {
    return positionAt(this.text(uri), offset);
  }

  /**
   * Insert `insert` at `offset`, replacing `removeLength` characters (an
   * incremental didChange, as editors send them). The wait for that
   * version's diagnostics is registered before the clock starts; `sentAt` is
   * when the notification was handed to the pipe.
   */
  async edit(
    uri: string,
    offset: number,
    insert: string,
    removeLength = 0,
    timeoutMs = 180_000,
  ): Promise<{ version: number; sentAt: number; diagnostics: Promise<{ at: number; params: PublishDiagnosticsParams }> }> {
    const version = this.version(uri) + 1;
    const diagnostics = this.diagnosticsFor(uri, version, timeoutMs);
    diagnostics.catch(() => undefined); // callers that do not wait must not see an unhandled rejection
    const sentAt = now();
    await this.splice(uri, offset, insert, removeLength);
    return { version, sentAt, diagnostics };
  }

  async timedRequest<T>(method: string, params: unknown): Promise<{ result: T; ms: number }> {
    const t0 = now();
    const result = (await this.conn.sendRequest(method, params)) as T;
    return { result, ms: now() - t0 };
  }
}
