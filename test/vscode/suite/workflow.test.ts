/**
 * Issue 16 in a real VS Code (extension host in code-server): pack file names
 * that say the part, draft/final sent to the server, failures as sentences,
 * the pinned new paper and the folder's meeting date, one preview that follows
 * the active paper, Fix All's report, the status tooltip for info findings,
 * and one outline level. Workspace: test/vscode/workspace (a temp copy).
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXT_ID, waitFor, root } from './helpers';

const at = (...p: string[]) => vscode.Uri.joinPath(root(), ...p);
const read = async (u: vscode.Uri) => new TextDecoder().decode(await vscode.workspace.fs.readFile(u));
const write = (u: vscode.Uri, text: string) => vscode.workspace.fs.writeFile(u, new TextEncoder().encode(text));
const exists = async (u: vscode.Uri) =>
  vscode.workspace.fs.stat(u).then(
    () => true,
    () => false,
  );
const codes = (uri: vscode.Uri) =>
  vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'boardpaper')
    .map((d) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code)));

interface Api {
  client(): { sendRequest<R>(method: string, params: unknown): Promise<R> } | undefined;
  ready: Promise<unknown>;
  previews: { htmlFor(uri: vscode.Uri): string | undefined; state(): { open: number; uri?: string } };
  status: { state(): { text: string; tooltip: string } };
}

describe('issue 16: the extension as people use it', function () {
  this.timeout(120000);
  let api: Api;
  const sent: { method: string; params: Record<string, unknown> }[] = [];

  before(async () => {
    api = (await vscode.extensions.getExtension(EXT_ID)!.activate()) as Api;
    await api.ready;
    // Record what the extension asks the server (the draft flag is checked below).
    const c = api.client() as unknown as { sendRequest: (...a: unknown[]) => Promise<unknown> };
    const orig = c.sendRequest.bind(c);
    c.sendRequest = (...a: unknown[]) => {
      if (typeof a[0] === 'string') sent.push({ method: a[0], params: a[1] as Record<string, unknown> });
      return orig(...a);
    };
    await waitFor('the 2024-07-10 meeting to be indexed', async () => {
      const ms = await api.client()!.sendRequest<{ meeting: string; date: string }[]>('boardPaper/meetings', {});
      return ms.some((m) => m.date === '2024-07-10');
    });
  });

  it('2: names each pack by its part, never replaces the other part, and the private pack says confidential on its first page', async () => {
    const pub = (await vscode.commands.executeCommand<{ files: string[] }>('boardPaper.generatePack', {
      meeting: 'Integrated Care Board',
      date: '2024-07-10',
      part: 'public',
      draft: false,
      format: 'pdf',
      quiet: true,
    }))!;
    assert.deepEqual(
      pub.files.map((f) => f.split('/').pop()),
      ['integrated-care-board-2024-07-10-public.pdf'],
    );
    const publicBytes = await vscode.workspace.fs.readFile(vscode.Uri.parse(pub.files[0]!));
    // A second part must not ask "Replace?" (a modal would hang this test) nor touch the public file.
    const priv = (await vscode.commands.executeCommand<{ files: string[] }>('boardPaper.generatePack', {
      meeting: 'Integrated Care Board',
      date: '2024-07-10',
      part: 'private',
      draft: false,
      format: 'pdf',
      quiet: true,
    }))!;
    assert.deepEqual(
      priv.files.map((f) => f.split('/').pop()),
      ['integrated-care-board-2024-07-10-private.pdf'],
    );
    assert.deepEqual(
      Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.parse(pub.files[0]!))),
      Buffer.from(publicBytes),
      'the public pack is untouched',
    );
    // Page 1's text through pdf.js (scripts/pdf-page-text.ts), run from the repository (this file is bundled into out/vscode-test).
    const repo = path.resolve(__dirname, '..', '..');
    const firstPage = (f: string) =>
      execFileSync('node', ['--import=tsx', path.join(repo, 'scripts', 'pdf-page-text.ts'), vscode.Uri.parse(f).fsPath, '1'], { cwd: repo, encoding: 'utf8' });
    assert.match(firstPage(priv.files[0]!), /confidential/i, 'the private pack says confidential on its first page');
    assert.match(firstPage(priv.files[0]!), /private/i);
    // Both parts: two files, each named by its part.
    const both = (await vscode.commands.executeCommand<{ files: string[] }>('boardPaper.generatePack', {
      meeting: 'Integrated Care Board',
      date: '2024-07-10',
      part: 'both',
      draft: false,
      format: 'html',
      quiet: true,
    }))!;
    assert.deepEqual(
      both.files.map((f) => f.split('/').pop()),
      ['integrated-care-board-2024-07-10-public.html', 'integrated-care-board-2024-07-10-private.html'],
    );
    assert.doesNotMatch(await read(vscode.Uri.parse(both.files[0]!)), /Heronsgate/, 'nothing confidential in the public pack');
    for (const f of [...pub.files, ...priv.files, ...both.files]) await vscode.workspace.fs.delete(vscode.Uri.parse(f));
  });

  it('5 and #12: sends draft true/false; a paper whose cover sheet does not parse is named with its line and the fix (final), or left out and listed (draft); papers left out say why', async () => {
    const broken = at('meetings', '2024-07-10', '13-broken-title.md');
    const good = await read(at('meetings', '2024-07-10', '10-winter-plan.md'));
    await write(broken, good.replace(/^title: .*$/m, 'title: Winter: the plan for the coast').replace(/^agenda_item: .*$/m, 'agenda_item: "13"'));
    try {
      sent.length = 0;
      const final = await vscode.commands.executeCommand<{ error?: string }>('boardPaper.generatePack', {
        meeting: 'Integrated Care Board',
        date: '2024-07-10',
        part: 'public',
        draft: false,
        format: 'html',
        quiet: true,
      });
      assert.equal(sent.find((s) => s.method === 'boardPaper/buildPack')?.params.draft, false, 'draft: false is sent');
      assert.ok(final?.error, 'the final pack is refused');
      assert.doesNotMatch(final.error, /Request boardPaper\/buildPack failed/);
      assert.match(final.error, /13-broken-title\.md/, `names the paper: ${final.error}`);
      assert.doesNotMatch(final.error, new RegExp(`${root().fsPath}/`), `paths relative to the workspace: ${final.error}`);
      assert.match(final.error, /line 2/, 'which line');
      assert.match(final.error, /put the whole value in quotes: title: "Winter: the plan for the coast"/, 'what to do');
      assert.match(final.error, /draft/);
      sent.length = 0;
      const draft = await vscode.commands.executeCommand<{ files?: string[]; warnings: string[]; message: string; error?: string }>('boardPaper.generatePack', {
        meeting: 'Integrated Care Board',
        date: '2024-07-10',
        part: 'public',
        draft: true,
        format: 'html',
        quiet: true,
      });
      assert.equal(sent.find((s) => s.method === 'boardPaper/buildPack')?.params.draft, true, 'draft: true is sent');
      assert.ok(draft?.files?.length, `a draft is built: ${draft?.error}`);
      assert.ok(
        draft.warnings.some((w) => /13-broken-title\.md is left out: its cover sheet cannot be read \(line 2:/.test(w)),
        draft.warnings.join('\n'),
      );
      const html = await read(vscode.Uri.parse(draft.files[0]!));
      if (!/DRAFT/.test(html)) console.log('note: this server build does not mark drafts yet (branch pdf)');
      assert.match(draft.message, /left out/);
      assert.ok(
        draft.warnings.some((w) => /11-estates-date-in-words\.md is left out: .*"10 July 2024" is not written YYYY-MM-DD/.test(w)),
        'a paper dated in words is listed with why',
      );
      assert.ok(draft.warnings.some((w) => /07-digital-impossible-date\.md is left out: .*"2024-02-30" is not a date in the calendar/.test(w)));
    } finally {
      await vscode.workspace.fs.delete(broken);
    }
  });

  it('4: a new paper opens in a pinned tab; the server offers only real dates and the meeting of the folder', async () => {
    // A folder whose papers are for an older meeting than the newest one in the workspace.
    const old = at('meetings', '2024-01-17', '05-old-meeting.md');
    await write(old, (await read(at('meetings', '2024-07-10', '10-winter-plan.md'))).replace(/^date: .*$/m, 'date: 2024-01-17'));
    type Info = { meetingDates: { date: string }[]; folderMeeting?: { meeting: string; date: string } };
    const info = await waitFor('the folder to be indexed', async () => {
      const i = await api.client()!.sendRequest<Info>('boardPaper/templateInfo', { folderUri: at('meetings', '2024-01-17').toString() });
      return i.folderMeeting && i;
    });
    assert.ok(
      info.meetingDates.some((m) => m.date === '2024-07-10'),
      'a later meeting exists',
    );
    assert.ok(!info.meetingDates.some((m) => m.date === '2024-02-30'), 'no impossible date offered');
    assert.deepEqual(info.folderMeeting, { meeting: 'Integrated Care Board', date: '2024-01-17' }, 'the folder\u2019s papers are for 17 January');
    await vscode.workspace.fs.delete(old);
    const target = await vscode.commands.executeCommand<vscode.Uri>('boardPaper.newPaper', {
      folder: at('meetings', '2024-07-10'),
      meeting: 'Integrated Care Board',
      date: '2024-07-10',
      title: 'Pinned Tab Paper',
      purpose: 'note',
      objectives: ['SO1'],
    });
    assert.ok(target && (await exists(target)));
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab!;
    assert.equal((tab.input as vscode.TabInputText).uri.toString(), target.toString());
    assert.equal(tab.isPreview, false, 'pinned, not a preview tab');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await vscode.workspace.fs.delete(target);
  });

  it('6: one preview, which follows the active paper', async () => {
    const a = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(at('meetings', '2024-07-10', '10-winter-plan.md')));
    await vscode.commands.executeCommand('boardPaper.showPreviewToSide');
    await waitFor('preview of the winter plan', () => /Winter Plan/.test(api.previews.htmlFor(a.document.uri) ?? ''));
    const b = await vscode.window.showTextDocument(
      await vscode.workspace.openTextDocument(at('meetings', '2024-07-10', '12-heronsgate.md')),
      vscode.ViewColumn.One,
    );
    await waitFor('the preview to follow to Heronsgate', () => /Heronsgate/.test(api.previews.htmlFor(b.document.uri) ?? ''));
    await vscode.commands.executeCommand('boardPaper.showPreviewToSide');
    assert.equal(api.previews.state().open, 1, 'a second Open Preview to the Side reuses the preview');
    const webviewTabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview);
    assert.equal(webviewTabs.length, 1, webviewTabs.map((t) => t.label).join());
    await vscode.window.showTextDocument(a.document, vscode.ViewColumn.One);
    await waitFor('the preview to follow back', () => /Winter Plan/.test(api.previews.htmlFor(a.document.uri) ?? ''));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('6: Fix All says what it changed, and says so when nothing is fixable', async () => {
    const ed = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(at('papers', '2024-05-08', 'defective.md')));
    await waitFor('unknown-field', () => codes(ed.document.uri).includes('unknown-field'));
    const r = await vscode.commands.executeCommand<{ applied: boolean; fixed: Record<string, number>; remaining: number; message: string }>(
      'boardPaper.fixAll',
    );
    assert.ok(r && r.applied);
    assert.ok(r.fixed['unknown-field'], JSON.stringify(r));
    assert.match(r.message, /fixed \d+ findings? \(.*unknown-field/);
    assert.match(r.message, /left that need|No findings left/);
    const again = await vscode.commands.executeCommand<{ applied: boolean; message: string }>('boardPaper.fixAll');
    assert.equal(again.applied, false);
    assert.match(again.message, /nothing in defective\.md can be fixed automatically/);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('6: the status bar tooltip says when info findings remain behind the tick', async () => {
    const u = at('meetings', '2024-03-27', 'info-only.md');
    await write(u, (await read(at('papers', '2024-05-08', 'clean.md'))).replace(/^date: .*$/m, 'date: 2024-03-27') + '\nThe QXZR board will meet again.\n');
    const ed = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(u));
    await waitFor('the info finding', () => codes(ed.document.uri).includes('undefined-acronym'));
    const s = await waitFor('status', () => (/info/.test(api.status.state().tooltip) ? api.status.state() : undefined), 5000).catch(() => api.status.state());
    const sev = vscode.languages
      .getDiagnostics(ed.document.uri)
      .map((d) => `${codes(ed.document.uri)[0]}:${d.severity}`)
      .join();
    assert.match(s.text, /check/, `no errors or warnings: the tick (${s.text}; ${sev})`);
    assert.match(s.tooltip, /1 info finding/, s.tooltip);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await vscode.workspace.fs.delete(u);
  });

  it('6: the outline has one level: no "Board papers (NHS)" group, each heading once', async () => {
    const doc = await vscode.workspace.openTextDocument(at('papers', '2024-05-08', 'clean.md'));
    await vscode.window.showTextDocument(doc);
    await waitFor('diagnostics (the server has the paper)', () => vscode.languages.getDiagnostics(doc.uri) && true);
    await new Promise((r) => setTimeout(r, 1500));
    const symbols = (await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri)) ?? [];
    const names: string[] = [];
    const walk = (ss: vscode.DocumentSymbol[]) => ss.forEach((s) => (names.push(s.name), walk(s.children ?? [])));
    walk(symbols);
    assert.ok(
      names.some((n) => /Executive summary/.test(n)),
      names.join(' | '),
    );
    const counts = new Map<string, number>();
    for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
    assert.deepEqual(
      [...counts].filter(([, k]) => k > 1),
      [],
      `each heading once: ${names.join(' | ')}`,
    );
    assert.ok(!names.includes('Cover sheet'), 'one provider only (the second one is what VS Code groups under "Board papers (NHS)")');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
