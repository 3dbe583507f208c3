/**
 * The extension in a real VS Code: diagnostics for a defective paper,
 * completion at a cursor, a quick fix, fix all, the template command and the
 * preview. Runs in the extension host against test/vscode/workspace (copied
 * to a temp folder by the runner).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { EXT_ID, waitFor } from './helpers';
import { page } from '../../../client/src/preview';

function folder(): vscode.Uri {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'a workspace folder is open');
  return f.uri;
}

async function open(rel: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder(), rel));
  return vscode.window.showTextDocument(doc);
}

const codes = (uri: vscode.Uri) =>
  vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'boardpaper')
    .map((d) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code)));

describe('boardpaper in VS Code', function () {
  this.timeout(90000);
  let api: {
    previews: { htmlFor(uri: vscode.Uri): string | undefined; pageFor(uri: vscode.Uri): string | undefined };
    client(): { isRunning(): boolean } | undefined;
    ready: Promise<unknown>;
  };

  before(async () => {
    const ext = vscode.extensions.getExtension(EXT_ID);
    assert.ok(ext, `extension ${EXT_ID} is installed`);
    api = (await ext.activate()) as typeof api;
    // activate() returns at once; the server starts in the background.
    await api.ready;
    assert.equal(api.client()?.isRunning(), true, 'a workspace with papers starts the language server');
  });

  it("the walkthrough's first step: boardPaper.openExamples copies the shipped examples beside, never over, and opens a paper with its findings", async () => {
    const target = vscode.Uri.file(fs.mkdtempSync(path.join(os.tmpdir(), 'boardpaper-examples-')));
    try {
      const first = await vscode.commands.executeCommand<vscode.Uri>('boardPaper.openExamples', target);
      assert.equal(first?.fsPath, path.join(target.fsPath, 'boardpaper-examples'));
      assert.equal(fs.readdirSync(path.join(first.fsPath, 'papers', '2024-05-08')).length, 10);
      const ed = vscode.window.activeTextEditor;
      assert.equal(ed?.document.uri.fsPath, path.join(first.fsPath, 'papers', '2024-05-08', '10.10-virtual-wards.md'));
      await waitFor('findings in the example paper', () => codes(ed!.document.uri).includes('agenda-item-number'));
      const second = await vscode.commands.executeCommand<vscode.Uri>('boardPaper.openExamples', target);
      assert.equal(second?.fsPath, path.join(target.fsPath, 'boardpaper-examples-2'), 'a second copy goes beside the first');
      const walkthroughs = vscode.extensions.getExtension(EXT_ID)!.packageJSON.contributes.walkthroughs as { steps: { media: { markdown: string } }[] }[];
      for (const step of walkthroughs[0]!.steps)
        assert.ok(fs.existsSync(path.join(vscode.extensions.getExtension(EXT_ID)!.extensionPath, step.media.markdown)), step.media.markdown);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      fs.rmSync(target.fsPath, { recursive: true, force: true });
    }
  });

  it('shows the findings of a defective paper, with rule codes and docs links', async () => {
    const ed = await open('papers/2024-05-08/defective.md');
    const list = await waitFor('diagnostics', () => {
      const c = codes(ed.document.uri);
      return c.includes('agenda-item-number') && c;
    });
    assert.ok(list.includes('unknown-field'), list.join());
    const d = vscode.languages.getDiagnostics(ed.document.uri).find((x) => x.source === 'boardpaper')!;
    assert.ok(typeof d.code === 'object' && /docs\/rules\//.test(d.code.target.toString()));
  });

  it('gives no findings for a README', async () => {
    const ed = await open('README.md');
    await new Promise((r) => setTimeout(r, 1500));
    assert.deepEqual(codes(ed.document.uri), []);
  });

  it('completes purpose values at the cursor', async () => {
    const ed = await open('papers/2024-05-08/defective.md');
    const line = ed.document
      .getText()
      .split(/\r?\n/)
      .findIndex((l) => l.startsWith('purpose:'));
    const pos = new vscode.Position(line, 'purpose: '.length);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', ed.document.uri, pos);
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const p of ['approve', 'decide', 'note', 'assure']) assert.ok(labels.includes(p), `${p} in ${labels.join()}`);
  });

  it('applies a quick fix and the finding goes away', async () => {
    const ed = await open('papers/2024-05-08/defective.md');
    const diag = await waitFor('agenda-item-number', () =>
      vscode.languages.getDiagnostics(ed.document.uri).find((d) => d.code && (d.code as { value: string }).value === 'agenda-item-number'),
    );
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      ed.document.uri,
      diag.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));
    const fix =
      actions.find((a) => a.kind?.value === 'quickfix' && a.edit && (a.diagnostics ?? []).some((d) => codeOf(d) === 'agenda-item-number')) ??
      actions.find((a) => /^Quote the agenda item/.test(a.title) && a.edit);
    assert.ok(fix?.edit, `a quick fix is offered: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(ed.document.getText(), /agenda_item: "10\.10"/);
    await waitFor('the finding to go', () => !codes(ed.document.uri).includes('agenda-item-number'));
  });

  it('fixes every automatically fixable finding with boardPaper.fixAll', async () => {
    const ed = await open('papers/2024-05-08/defective.md');
    await waitFor('unknown-field', () => codes(ed.document.uri).includes('unknown-field'));
    const ok = await vscode.commands.executeCommand<{ applied: boolean }>('boardPaper.fixAll');
    assert.equal(ok && ok.applied, true);
    assert.match(ed.document.getText(), /presented_by: Maggie Oldham/);
    assert.match(ed.document.getText(), /confidential: true/);
    await waitFor('fixed findings to go', () => {
      const c = codes(ed.document.uri);
      return !c.includes('unknown-field') && !c.includes('field-type');
    });
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('creates a new paper from the template that only asks for the sections and the cover sheet\u2019s placeholders to be written', async () => {
    const target = await vscode.commands.executeCommand<vscode.Uri>('boardPaper.newPaper', {
      folder: vscode.Uri.joinPath(folder(), 'papers', '2024-05-08'),
      meeting: 'Integrated Care Board',
      date: '2024-05-08',
      title: 'Winter Plan 2024/25',
      purpose: 'approve',
      objectives: ['SO1', 'SO2'],
    });
    assert.ok(target, 'a file was created');
    assert.match(target.path, /winter-plan-2024-25\.md$/);
    const c = await waitFor('placeholder findings', () => {
      const x = codes(target);
      return x.length >= 12 && x;
    });
    // Three sections to write (placeholder-section) and nine cover-sheet values still "TBC (…)" (placeholder-field).
    assert.deepEqual([...new Set(c)].sort(), ['placeholder-field', 'placeholder-section']);
    const again = await vscode.commands.executeCommand<vscode.Uri>('boardPaper.newPaper', {
      folder: vscode.Uri.joinPath(folder(), 'papers', '2024-05-08'),
      meeting: 'Integrated Care Board',
      date: '2024-05-08',
      title: 'Winter Plan 2024/25',
      purpose: 'approve',
      objectives: ['SO1'],
    });
    assert.notEqual(again.toString(), target.toString(), 'never overwrites: a second paper gets another name');
  });

  it('imports a Word paper beside it (boardPaper.importWord) with its findings, and exports a paper as Word (boardPaper.exportWord)', async () => {
    const docx = vscode.Uri.joinPath(folder(), 'word', 'recovery-programmes.docx');
    const r = await vscode.commands.executeCommand<{ paperUri: string; images: string[]; notes: string[] }>('boardPaper.importWord', {
      docxUri: docx.toString(),
      quiet: true,
    });
    assert.ok(r, 'the import ran');
    const paper = vscode.Uri.parse(r.paperUri);
    assert.match(paper.path, /word\/recovery-programmes\.md$/);
    assert.equal(r.images.length, 1);
    const doc = await vscode.workspace.openTextDocument(paper);
    await vscode.window.showTextDocument(doc);
    assert.match(doc.getText(), /^title: Recovery and Transformation Programmes$/m);
    const c = await waitFor("the imported paper's findings", () => codes(paper).includes('required-field') && codes(paper));
    assert.ok(c.includes('required-field'), 'the seed cover sheet has no purpose');
    const out = vscode.Uri.joinPath(folder(), 'word', 'exported.docx');
    const e = await vscode.commands.executeCommand<{ docxUri: string; missingImages: string[] }>('boardPaper.exportWord', {
      uri: paper.toString(),
      outUri: out.toString(),
      quiet: true,
    });
    assert.ok(e, 'the export ran');
    assert.deepEqual(e.missingImages, [], 'the imported image is embedded again');
    const bytes = await vscode.workspace.fs.readFile(out);
    assert.equal(Buffer.from(bytes.subarray(0, 2)).toString(), 'PK');
  });

  it('opens the preview with the cover sheet and updates it as the author types', async () => {
    const ed = await open('papers/2024-05-08/clean.md');
    await vscode.commands.executeCommand('boardPaper.showPreviewToSide');
    const html = await waitFor('preview html', () => api.previews.htmlFor(ed.document.uri));
    assert.match(html, /Recovery and Transformation Programmes/);
    assert.match(html, /SO1/);
    await vscode.window.showTextDocument(ed.document);
    const end = ed.document.lineAt(ed.document.lineCount - 1).range.end;
    await ed.edit((e) => e.insert(end, '\n\nA sentence typed just now about Morecambe Bay.\n'));
    await waitFor('updated preview', () => /Morecambe Bay/.test(api.previews.htmlFor(ed.document.uri) ?? ''));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('previews a hostile paper sanitised, in a page with a strict CSP and a nonce on every script and style', async () => {
    const hostile = vscode.Uri.joinPath(folder(), 'papers', '2024-09-11', 'hostile.md');
    const clean = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder(), 'papers', '2024-05-08', 'clean.md')));
    const text =
      clean.replace(/^date: .*$/m, 'date: 2024-09-11').replace(/^title: .*$/m, 'title: "<script>alert(1)</script> Hostile"') +
      [
        '\n## Background',
        '<script>alert(2)</script>',
        '<img src=x onerror="alert(3)">',
        '[x](javascript:alert(4))',
        '<iframe src="https://example.com"></iframe>',
        '<svg onload="alert(5)"><script>alert(6)</script></svg>',
        '<div style="background:url(https://tracker.example/x)">styled</div>',
        '![p](https://tracker.example/p.png)\n',
      ].join('\n\n');
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(hostile, '..'));
    await vscode.workspace.fs.writeFile(hostile, new TextEncoder().encode(text));
    const ed = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(hostile));
    await vscode.commands.executeCommand('boardPaper.showPreview');
    const pageHtml = await waitFor('preview page', () =>
      /Hostile/.test(api.previews.htmlFor(ed.document.uri) ?? '') ? api.previews.pageFor(ed.document.uri) : undefined,
    );
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(pageHtml)?.[1];
    assert.ok(csp, 'a CSP meta element');
    const nonce = /script-src 'nonce-([A-Za-z0-9]+)'/.exec(csp)?.[1];
    assert.ok(nonce && nonce.length >= 16, csp);
    for (const d of ["default-src 'none'", `style-src 'nonce-${nonce}'`, "connect-src 'none'", "frame-src 'none'", "form-action 'none'", "base-uri 'none'"])
      assert.ok(csp.includes(d), `${d} in ${csp}`);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    // Only images may come from anywhere but the page itself: the webview's own resources (its cspSource) and data: URIs.
    const probePanel = vscode.window.createWebviewPanel('boardPaper.cspSource', 'cspSource', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {});
    const cspSource = probePanel.webview.cspSource;
    probePanel.dispose();
    for (const directive of csp.split(';').map((d) => d.trim())) {
      if (directive.startsWith('img-src ')) assert.equal(directive, `img-src ${cspSource} data:`);
      else assert.doesNotMatch(directive, /https?:|\*|data:/, directive);
    }
    const scripts = pageHtml.match(/<script\b[^>]*>/gi) ?? [];
    assert.deepEqual(scripts, [`<script nonce="${nonce}">`], 'one script, ours');
    for (const st of pageHtml.match(/<style\b[^>]*>/gi) ?? [])
      assert.equal(st, `<style nonce="${nonce}">`, 'no style without the nonce (the paper\u2019s own styles are stripped)');
    const body = api.previews.htmlFor(ed.document.uri)!;
    assert.doesNotMatch(body, /<script|<iframe|<[^>]*\s(on[a-z]+|style)\s*=|=\s*["']?\s*javascript:|tracker\.example/i);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it("the webview's CSP holds in a real webview: what runs and loads without it (control) does neither with it", async () => {
    const hits: string[] = [];
    const server = http.createServer((req, res) => {
      hits.push(req.url ?? '');
      res.writeHead(200, { 'Access-Control-Allow-Origin': '*' });
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // What a paper might carry if the sanitiser ever let it through.
    const hostile = (tag: string) => `
<script>window.ran = (window.ran || []).concat('inline')</script>
<img src="x" onerror="window.ran = (window.ran || []).concat('onerror')">
<img src="${base}/${tag}/img">
<div style="background-image:url(${base}/${tag}/css)">styled</div>
<link rel="stylesheet" href="${base}/${tag}/link">
<iframe src="${base}/${tag}/frame"></iframe>
<svg width="10" height="10"><image href="${base}/${tag}/svg" width="10" height="10"/></svg>
<svg onload="window.ran = (window.ran || []).concat('svgonload')"></svg>
<script src="${base}/${tag}/script.js"></script>`;
    // A probe with the page's nonce: it runs in both, reports what else ran, and tries to send something out.
    const probe = (n: string, tag: string) => `<script nonce="${n}">
const api = acquireVsCodeApi();
fetch('${base}/${tag}/fetch').catch(() => {});
setTimeout(() => api.postMessage({ type: 'probe', ran: window.ran || [] }), 2500);
</script>`;
    const run = async (tag: string, withCsp: boolean) => {
      const panel = vscode.window.createWebviewPanel('boardPaper.cspTest', `CSP ${tag}`, vscode.ViewColumn.One, {
        enableScripts: true,
        enableCommandUris: false,
        localResourceRoots: [folder()],
      });
      try {
        const got = new Promise<{ ran: string[] }>((resolve) =>
          panel.webview.onDidReceiveMessage((m: { type: string; ran: string[] }) => m.type === 'probe' && resolve(m)),
        );
        const n = 'TestNonce0123456789abcdefABCDEF';
        let html = page(panel.webview, hostile(tag) + probe(n, tag), n);
        if (!withCsp) html = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
        assert.equal(/Content-Security-Policy/.test(html), withCsp);
        panel.webview.html = html;
        const r = await Promise.race([got, new Promise<never>((_, j) => setTimeout(() => j(new Error(`no probe from the ${tag} webview`)), 30000))]);
        await new Promise((res) => setTimeout(res, 1000));
        return { ran: r.ran, hits: hits.filter((h) => h.startsWith(`/${tag}/`)) };
      } finally {
        panel.dispose();
      }
    };
    try {
      const control = await run('control', false);
      const guarded = await run('csp', true);
      console.log(
        `CSP test: control ran ${JSON.stringify(control.ran)}, loaded ${JSON.stringify(control.hits)}; with CSP ran ${JSON.stringify(guarded.ran)}, loaded ${JSON.stringify(guarded.hits)}`,
      );
      assert.ok(control.ran.includes('inline') && control.hits.length > 0, 'the control shows the test can see scripts run and loads happen');
      assert.deepEqual(guarded.ran, [], 'no script or handler ran');
      assert.deepEqual(guarded.hits, [], 'nothing was loaded or sent');
    } finally {
      server.close();
    }
  });
});
