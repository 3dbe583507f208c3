/**
 * Live preview: the paper as the meeting will see it. The HTML comes from the
 * language server (`boardPaper/preview`), already sanitised; the webview runs
 * only our own small script (nonce), under a strict Content-Security-Policy,
 * and loads local resources only from the workspace.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { PreviewRequest, type PreviewResult } from '../../server/src/protocol';
import { page } from './preview-page';

export { page };

const UPDATE_DELAY_MS = 250;

interface Preview {
  panel: vscode.WebviewPanel;
  uri: vscode.Uri;
  timer?: ReturnType<typeof setTimeout>;
  /** Latest HTML shown, for tests. */
  html?: string;
}

export class PreviewPanels implements vscode.Disposable {
  private readonly previews = new Map<string, Preview>();
  private readonly subs: vscode.Disposable[] = [];

  constructor(
    private readonly client: () => Promise<LanguageClient | undefined>,
  ) {
    this.subs.push(
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document.uri)),
      vscode.window.onDidChangeTextEditorVisibleRanges((e) => this.scroll(e.textEditor)),
    );
  }

  /** For tests: the HTML the preview of `uri` shows now. */
  htmlFor(uri: vscode.Uri): string | undefined {
    return this.previews.get(uri.toString())?.html;
  }

  /** For tests: the whole page of that preview's webview (CSP, nonces, body). */
  pageFor(uri: vscode.Uri): string | undefined {
    return this.previews.get(uri.toString())?.panel.webview.html;
  }

  async show(toSide: boolean): Promise<vscode.WebviewPanel | undefined> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'markdown') {
      void vscode.window.showInformationMessage('Open a board paper (Markdown) to preview it.');
      return undefined;
    }
    const uri = editor.document.uri;
    const existing = this.previews.get(uri.toString());
    if (existing) {
      existing.panel.reveal(undefined, true);
      return existing.panel;
    }
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const panel = vscode.window.createWebviewPanel(
      'boardPaper.preview',
      `Preview: ${uri.path.split('/').pop()}`,
      { viewColumn: toSide ? vscode.ViewColumn.Beside : editor.viewColumn ?? vscode.ViewColumn.Active, preserveFocus: true },
      {
        enableScripts: true, // only our nonce'd script runs: see the CSP below
        enableCommandUris: false,
        localResourceRoots: folder ? [folder.uri] : [],
        retainContextWhenHidden: false,
      },
    );
    const preview: Preview = { panel, uri };
    this.previews.set(uri.toString(), preview);
    panel.onDidDispose(() => {
      if (preview.timer) clearTimeout(preview.timer);
      this.previews.delete(uri.toString());
    });
    panel.webview.onDidReceiveMessage((m: { type: string; line?: number }) => {
      if (m.type === 'reveal' && typeof m.line === 'number') {
        const ed = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
        ed?.revealRange(new vscode.Range(m.line, 0, m.line, 0), vscode.TextEditorRevealType.AtTop);
      }
    });
    await this.update(preview);
    return panel;
  }

  private schedule(uri: vscode.Uri) {
    const p = this.previews.get(uri.toString());
    if (!p) return;
    if (p.timer) clearTimeout(p.timer);
    p.timer = setTimeout(() => void this.update(p), UPDATE_DELAY_MS);
  }

  private scroll(editor: vscode.TextEditor) {
    const p = this.previews.get(editor.document.uri.toString());
    const top = editor.visibleRanges[0]?.start.line;
    if (p && top !== undefined) void p.panel.webview.postMessage({ type: 'scroll', line: top });
  }

  private async update(p: Preview) {
    const c = await this.client();
    if (!c) return;
    let result: PreviewResult;
    try {
      result = await c.sendRequest<PreviewResult>(PreviewRequest, { uri: p.uri.toString() });
    } catch (e) {
      result = { html: `<p class="bp-error">The preview could not be built: ${escapeHtml(String((e as Error).message ?? e))}</p>`, title: '', isPaper: false };
    }
    p.html = result.html;
    p.panel.title = `Preview: ${result.title || p.uri.path.split('/').pop()}`;
    p.panel.webview.html = page(p.panel.webview, result.html, nonce());
  }

  dispose() {
    for (const p of this.previews.values()) p.panel.dispose();
    for (const s of this.subs) s.dispose();
  }
}

function nonce(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let s = '';
  for (let i = 0; i < 32; i++) s += chars[Math.floor(Math.random() * chars.length)];
  return s;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
