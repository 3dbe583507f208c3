/**
 * The protocol tests' LSP client: the shared session (scripts/lsp-client.ts,
 * also used by the benchmarks) on the BUILT server, plus the tests' way of
 * waiting for diagnostics.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ClientCapabilities, Diagnostic } from 'vscode-languageserver-protocol/node';
import type { JsonFile } from '../../server/src/cli/output';
import { LspSession } from '../../scripts/lsp-client';
import { ensureBuilt, repoRoot } from '../helpers/build';

export { CAPABILITIES, applyTextEdits } from '../../scripts/lsp-client';
export { repoRoot };
export const serverPath = path.join(repoRoot, 'dist', 'server.js');

export interface StartOptions {
  folders: string[];
  /** What workspace/configuration answers for section boardPaper. */
  settings?: Record<string, unknown>;
  capabilities?: ClientCapabilities;
  initializationOptions?: unknown;
  /** Extra environment variables for the server process. */
  env?: Record<string, string>;
}

export class TestClient extends LspSession {
  static async start(opts: StartOptions): Promise<TestClient> {
    ensureBuilt();
    const o = { serverPath, ...opts };
    return LspSession.launch(o, (proc, conn) => new TestClient(proc, conn, o));
  }

  /** The diagnostics published for `uri`'s current version that satisfy `pred`. */
  async diagnosticsFor(uri: string, pred: (d: Diagnostic[]) => boolean = () => true, ms = 8000): Promise<Diagnostic[]> {
    const version = this.version(uri) as number | undefined;
    const p = await this.until(
      () => {
        const l = this.latest(uri);
        return l && (version === undefined || l.version === undefined || l.version === version) && pred(l.diagnostics) ? l : undefined;
      },
      ms,
      `diagnostics for ${path.basename(uri)} (version ${version})`,
    );
    return p.diagnostics;
  }
}

export function uri(file: string): string {
  return pathToFileURL(file).href;
}

const tempDirs: string[] = [];
process.on('exit', () => {
  for (const d of tempDirs) fs.rmSync(d, { recursive: true, force: true });
});

/**
 * A fresh temp workspace folder with the given files (relative path → text);
 * removed when the tests end. It is a project folder, as workspaces are (an
 * empty `.git`): the built-in profile's `papers` globs are relative to it for
 * the server and for `boardpaper check` alike (INTERFACES.md v2). With
 * `project: false` it is a bare folder.
 */
export function workspace(files: Record<string, string>, options: { project?: boolean } = {}): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'boardpaper-lsp-')));
  tempDirs.push(dir);
  if (options.project !== false) fs.mkdirSync(path.join(dir, '.git'));
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
    out.set(
      f.file.replace(/\\/g, '/'),
      f.diagnostics.map((x) => `${x.rule} ${x.line}:${x.column}-${x.endLine}:${x.endColumn} ${LSP_SEVERITY[x.severity]} ${sameFile(x.message)}`).sort(),
    );
  }
  return out;
}

/** Diagnostics as the same sorted lines as `cliLines`. */
export function diagnosticLines(d: readonly Diagnostic[]): string[] {
  return d
    .map(
      (x) =>
        `${x.code} ${x.range.start.line + 1}:${x.range.start.character + 1}-${x.range.end.line + 1}:${x.range.end.character + 1} ${x.severity} ${sameFile(messageOf(x))}`,
    )
    .sort();
}
