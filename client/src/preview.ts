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

/**
 * One preview, which follows the active paper: *Open Preview* and *Open
 * Preview to the Side* reveal it (and point it at the paper in front of the
 * author) instead of opening another; switching to another Markdown editor
 * shows that paper in it.
 */
export class PreviewPanels implements vscode.Disposable {
  private preview: Preview | undefined;
  private readonly subs: vscode.Disposable[] = [];

  constructor(private readonly client: () => Promise<LanguageClient | undefined>) {
    this.subs.push(
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document.uri)),
      vscode.window.onDidChangeTextEditorVisibleRanges((e) => this.scroll(e.textEditor)),
      vscode.window.onDidChangeActiveTextEditor((e) => {
        // Focus moving into the preview itself leaves no active text editor: keep the paper shown.
        if (e && e.document.languageId === 'markdown' && this.preview && e.document.uri.toString() !== this.preview.uri.toString())
          void this.retarget(this.preview, e.document.uri);
      }),
    );
  }

  /** For tests: the HTML the preview shows now, if it shows `uri`. */
  htmlFor(uri: vscode.Uri): string | undefined {
    return this.preview?.uri.toString() === uri.toString() ? this.preview.html : undefined;
  }

  /** For tests: the whole page of the preview's webview (CSP, nonces, body), if it shows `uri`. */
  pageFor(uri: vscode.Uri): string | undefined {
    return this.preview?.uri.toString() === uri.toString() ? this.preview.panel.webview.html : undefined;
  }

  /** For tests: how many previews are open (one at most) and which paper it shows. */
  state(): { open: number; uri?: string } {
    return { open: this.preview ? 1 : 0, uri: this.preview?.uri.toString() };
  }

  async show(toSide: boolean): Promise<vscode.WebviewPanel | undefined> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'markdown') {
      void vscode.window.showInformationMessage('Open a board paper (Markdown) to preview it.');
      return undefined;
    }
    const uri = editor.document.uri;
    if (this.preview) {
      this.preview.panel.reveal(undefined, true);
      if (this.preview.uri.toString() !== uri.toString()) await this.retarget(this.preview, uri);
      return this.preview.panel;
    }
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const panel = vscode.window.createWebviewPanel(
      'boardPaper.preview',
      `Preview: ${uri.path.split('/').pop()}`,
      { viewColumn: toSide ? vscode.ViewColumn.Beside : (editor.viewColumn ?? vscode.ViewColumn.Active), preserveFocus: true },
      {
        enableScripts: true, // only our nonce'd script runs: see the CSP below
        enableCommandUris: false,
        localResourceRoots: folder ? [folder.uri] : [],
        retainContextWhenHidden: false,
      },
    );
    const preview: Preview = { panel, uri };
    this.preview = preview;
    panel.onDidDispose(() => {
      if (preview.timer) clearTimeout(preview.timer);
      if (this.preview === preview) this.preview = undefined;
    });
    panel.webview.onDidReceiveMessage((m: { type: string; line?: number }) => {
      if (m.type === 'reveal' && typeof m.line === 'number') {
        const ed = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === preview.uri.toString());
        ed?.revealRange(new vscode.Range(m.line, 0, m.line, 0), vscode.TextEditorRevealType.AtTop);
      }
    });
    await this.update(preview);
    return panel;
  }

  private async retarget(p: Preview, uri: vscode.Uri) {
    if (p.timer) clearTimeout(p.timer);
    p.uri = uri;
    p.html = undefined;
    await this.update(p);
  }

  private schedule(uri: vscode.Uri) {
    const p = this.preview;
    if (!p || p.uri.toString() !== uri.toString()) return;
    if (p.timer) clearTimeout(p.timer);
    p.timer = setTimeout(() => void this.update(p), UPDATE_DELAY_MS);
  }

  private scroll(editor: vscode.TextEditor) {
    const p = this.preview;
    const top = editor.visibleRanges[0]?.start.line;
    if (p && p.uri.toString() === editor.document.uri.toString() && top !== undefined) void p.panel.webview.postMessage({ type: 'scroll', line: top });
  }

  private async update(p: Preview) {
    const c = await this.client();
    if (!c) return;
    const uri = p.uri;
    let result: PreviewResult;
    try {
      result = await c.sendRequest<PreviewResult>(PreviewRequest, { uri: uri.toString() });
    } catch (e) {
      result = { html: `<p class="bp-error">The preview could not be built: ${escapeHtml(String((e as Error).message ?? e))}</p>`, title: '', isPaper: false };
    }
    if (p.uri.toString() !== uri.toString() || this.preview !== p) return; // moved on to another paper meanwhile
    p.html = result.html;
    p.panel.title = `Preview: ${result.title || uri.path.split('/').pop()}`;
    p.panel.webview.html = page(p.panel.webview, result.html, nonce());
  }

  dispose() {
    this.preview?.panel.dispose();
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
