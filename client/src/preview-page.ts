/**
 * The preview webview's page, apart from VS Code (so that tests can build it):
 * a strict Content-Security-Policy, our stylesheet and our one small script
 * under a per-render nonce, and the server's sanitised HTML.
 */
import type { Webview } from 'vscode';

/** The webview page: strict CSP; styles follow the VS Code theme. */
export function page(webview: Pick<Webview, 'cspSource'>, body: string, n: string): string {
  // The server's preview starts with its own stylesheet (the paper's <style>
  // never survives sanitising): it joins ours, under the nonce. Any other
  // <style> in the body gets no nonce, so the CSP blocks it.
  const own = /^<style>([^<]*)<\/style>/.exec(body);
  const paperCss = own ? own[1] : '';
  if (own) body = body.slice(own[0].length);
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
<style nonce="${n}">${paperCss}${PREVIEW_CSS}</style>
</head>
<body class="bp-preview">
${body}
<script nonce="${n}">${PREVIEW_SCRIPT}</script>
</body>
</html>`;
}

/**
 * The preview follows the VS Code theme (light, dark and both high-contrast
 * themes): every colour comes from a `--vscode-*` theme variable. The paper's
 * own stylesheet (PAPER_CSS, shared with the agenda pack, which keeps its
 * print colours) is overridden here only, under `body.bp-preview`.
 */
const PREVIEW_CSS = `
body.bp-preview { font-family: var(--vscode-font-family, Arial, sans-serif); color: var(--vscode-editor-foreground); background: var(--vscode-editor-background); line-height: 1.5; padding: 0 1.5em 3em; max-width: 60em; }
body.bp-preview a { color: var(--vscode-textLink-foreground); }
body.bp-preview table { border-collapse: collapse; width: 100%; margin: 0.75em 0; }
body.bp-preview th, body.bp-preview td { border: 1px solid var(--vscode-contrastBorder, var(--vscode-panel-border, #8886)); padding: 0.3em 0.5em; vertical-align: top; text-align: left; }
body.bp-preview th { background: var(--vscode-editorWidget-background); color: var(--vscode-editorWidget-foreground, var(--vscode-editor-foreground)); }
body.bp-preview .cover-sheet, body.bp-preview .paper-body { color: var(--vscode-editor-foreground); }
body.bp-preview .cover-sheet th, body.bp-preview .cover-sheet td, body.bp-preview .paper-body th, body.bp-preview .paper-body td { border-color: var(--vscode-contrastBorder, var(--vscode-editorWidget-border, var(--vscode-panel-border, #8886))); }
body.bp-preview .cover-sheet td, body.bp-preview .paper-body td { background: transparent; color: var(--vscode-editor-foreground); }
body.bp-preview .cover-sheet thead th, body.bp-preview .paper-body thead th, body.bp-preview .cover-sheet thead th.cs-caption { background: var(--vscode-editorWidget-background); color: var(--vscode-editorWidget-foreground, var(--vscode-editor-foreground)); border-bottom: 2px solid var(--vscode-textLink-foreground); }
body.bp-preview .cover-sheet tbody th { background: var(--vscode-editorWidget-background); color: var(--vscode-editorWidget-foreground, var(--vscode-editor-foreground)); }
body.bp-preview .cover-sheet .cs-meeting, body.bp-preview .cover-sheet .tick, body.bp-preview .paper-body h1, body.bp-preview .paper-body h2, body.bp-preview .paper-body a { color: var(--vscode-textLink-foreground); }
/* "Not stated" and unknown objectives: text in the theme's foreground (errorForeground is 3.4:1 on Light Modern's white), marked by a wavy error-coloured underline. */
body.bp-preview .cover-sheet .missing, body.bp-preview .paper-body .missing, body.bp-preview .cover-sheet .cs-objectives tr.unknown td { color: var(--vscode-editor-foreground); text-decoration: underline wavy var(--vscode-editorError-foreground); text-decoration-skip-ink: none; }
body.bp-preview .paper-body blockquote { border-left-color: var(--vscode-textBlockQuote-border, var(--vscode-textLink-foreground)); background: var(--vscode-textBlockQuote-background, transparent); color: var(--vscode-editor-foreground); }
body.bp-preview .paper-body code, body.bp-preview .paper-body pre { background: var(--vscode-textCodeBlock-background); color: var(--vscode-editor-foreground); }
body.bp-preview .paper-body .image-omitted { color: var(--vscode-descriptionForeground); }
.bp-cover { border: 2px solid var(--vscode-textLink-foreground); border-radius: 4px; padding: 0.5em 1em 1em; margin: 1em 0 2em; }
.bp-cover h1, .bp-cover h2 { color: var(--vscode-textLink-foreground); }
.bp-tick { font-weight: bold; text-align: center; }
.bp-finding { outline: 2px dotted var(--vscode-editorWarning-foreground); outline-offset: 2px; }
.bp-finding-error { outline-color: var(--vscode-editorError-foreground); }
/* Notes are text: the theme's foreground (warning colours are too light on white); the colour is in the border. */
.bp-finding-note { display: block; font-size: 0.85em; color: var(--vscode-editor-foreground); border-left: 3px solid var(--vscode-editorWarning-foreground); padding-left: 0.5em; margin: 0.2em 0; }
.bp-finding-error > .bp-finding-note, .bp-finding-note.bp-error { border-left-color: var(--vscode-editorError-foreground); }
.bp-findings { border-left: 4px solid var(--vscode-editorWarning-foreground); padding: 0.25em 1em; margin: 1em 0; background: var(--vscode-editorWidget-background); color: var(--vscode-editorWidget-foreground, var(--vscode-editor-foreground)); }
.bp-confidential, body.bp-preview .bp-error { color: var(--vscode-editor-foreground); font-weight: bold; border-left: 3px solid var(--vscode-editorError-foreground); padding-left: 0.4em; }
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
