/**
 * Live preview: the paper as the meeting will see it. The HTML comes from the
 * language server (`boardPaper/preview`), already sanitised; the webview runs
 * only our own small script (nonce), under a strict Content-Security-Policy,
 * and loads local resources only from the workspace.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { PreviewRequest, type PreviewResult } from '../../server/src/protocol';

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

/** The webview page: strict CSP; styles follow the VS Code theme. */
export function page(webview: vscode.Webview, body: string, n: string): string {
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} data:`,
    `style-src 'nonce-${n}'`,
    `script-src 'nonce-${n}'`,
    "font-src 'none'",
    "connect-src 'none'",
    "frame-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style nonce="${n}">${PREVIEW_CSS}</style>
</head>
<body class="bp-preview">
${body}
<script nonce="${n}">${PREVIEW_SCRIPT}</script>
</body>
</html>`;
}

const PREVIEW_CSS = `
body.bp-preview { font-family: var(--vscode-font-family, Arial, sans-serif); color: var(--vscode-foreground); background: var(--vscode-editor-background); line-height: 1.5; padding: 0 1.5em 3em; max-width: 60em; }
a { color: var(--vscode-textLink-foreground); }
table { border-collapse: collapse; width: 100%; margin: 0.75em 0; }
th, td { border: 1px solid var(--vscode-panel-border, #8886); padding: 0.3em 0.5em; vertical-align: top; text-align: left; }
th { background: var(--vscode-editorWidget-background, #8881); }
.bp-cover { border: 2px solid #005EB8; border-radius: 4px; padding: 0.5em 1em 1em; margin: 1em 0 2em; }
.bp-cover h1, .bp-cover h2 { color: var(--vscode-textLink-foreground, #005EB8); }
.bp-tick { font-weight: bold; text-align: center; }
.bp-finding { outline: 2px dotted var(--vscode-editorWarning-foreground, #c80); outline-offset: 2px; }
.bp-finding-error { outline-color: var(--vscode-editorError-foreground, #c00); }
.bp-finding-note { display: block; font-size: 0.85em; color: var(--vscode-editorWarning-foreground, #c80); }
.bp-finding-error > .bp-finding-note, .bp-finding-note.bp-error { color: var(--vscode-editorError-foreground, #c00); }
.bp-findings { border-left: 4px solid var(--vscode-editorWarning-foreground, #c80); padding: 0.25em 1em; margin: 1em 0; background: var(--vscode-editorWidget-background, #8881); }
.bp-confidential { color: var(--vscode-editorError-foreground, #c00); font-weight: bold; }
`;

const PREVIEW_SCRIPT = `
(function () {
  const vscode = acquireVsCodeApi();
  function blocks() { return Array.from(document.querySelectorAll('[data-line]')); }
  window.addEventListener('message', (e) => {
    const m = e.data;
    if (!m || m.type !== 'scroll') return;
    let best = null;
    for (const el of blocks()) { if (Number(el.getAttribute('data-line')) <= m.line) best = el; else break; }
    if (best) best.scrollIntoView({ block: 'start' }); else window.scrollTo(0, 0);
  });
  document.addEventListener('dblclick', (e) => {
    const el = e.target && e.target.closest ? e.target.closest('[data-line]') : null;
    if (el) vscode.postMessage({ type: 'reveal', line: Number(el.getAttribute('data-line')) });
  });
})();
`;
