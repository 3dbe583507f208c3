/**
 * The extension in a real VS Code: diagnostics for a defective paper,
 * completion at a cursor, a quick fix, fix all, the template command and the
 * preview. Runs in the extension host against test/vscode/workspace (copied
 * to a temp folder by the runner).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXT_ID = 'boardpaper.boardpaper';

async function waitFor<T>(what: string, fn: () => T | undefined | false | Promise<T | undefined | false>, ms = 30000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

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
  let api: { previews: { htmlFor(uri: vscode.Uri): string | undefined }; client(): { isRunning(): boolean } | undefined; ready: Promise<unknown> };

  before(async () => {
    const ext = vscode.extensions.getExtension(EXT_ID);
    assert.ok(ext, `extension ${EXT_ID} is installed`);
    api = (await ext.activate()) as typeof api;
    // activate() returns at once; the server starts in the background.
    await api.ready;
    assert.equal(api.client()?.isRunning(), true, 'a workspace with papers starts the language server');
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
    const line = ed.document.getText().split(/\r?\n/).findIndex((l) => l.startsWith('purpose:'));
    const pos = new vscode.Position(line, 'purpose: '.length);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', ed.document.uri, pos);
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const p of ['approve', 'decide', 'note', 'assure']) assert.ok(labels.includes(p), `${p} in ${labels.join()}`);
  });

  it('applies a quick fix and the finding goes away', async () => {
    const ed = await open('papers/2024-05-08/defective.md');
    const diag = await waitFor('agenda-item-number', () => vscode.languages.getDiagnostics(ed.document.uri).find((d) => d.code && (d.code as { value: string }).value === 'agenda-item-number'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', ed.document.uri, diag.range, vscode.CodeActionKind.QuickFix.value);
    const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));
    const fix = actions.find((a) => a.kind?.value === 'quickfix' && a.edit && (a.diagnostics ?? []).some((d) => codeOf(d) === 'agenda-item-number')) ?? actions.find((a) => /^Quote the agenda item/.test(a.title) && a.edit);
    assert.ok(fix?.edit, `a quick fix is offered: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(ed.document.getText(), /agenda_item: "10\.10"/);
    await waitFor('the finding to go', () => !codes(ed.document.uri).includes('agenda-item-number'));
  });

  it('fixes every automatically fixable finding with boardPaper.fixAll', async () => {
    const ed = await open('papers/2024-05-08/defective.md');
    await waitFor('unknown-field', () => codes(ed.document.uri).includes('unknown-field'));
    const ok = await vscode.commands.executeCommand<boolean>('boardPaper.fixAll');
    assert.equal(ok, true);
    assert.match(ed.document.getText(), /presented_by: Maggie Oldham/);
    assert.match(ed.document.getText(), /confidential: true/);
    await waitFor('fixed findings to go', () => {
      const c = codes(ed.document.uri);
      return !c.includes('unknown-field') && !c.includes('field-type');
    });
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('creates a new paper from the template that only asks for the sections to be written', async () => {
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
      return x.length >= 3 && x;
    });
    assert.deepEqual([...new Set(c)], ['placeholder-section']);
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
});
