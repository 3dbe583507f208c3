/**
 * `boardPaper.fixAll`: apply the server's `source.fixAll.boardpaper` action to
 * the active paper, then say what it changed (which findings went, how many
 * are left for the author) or that nothing could be fixed automatically.
 */
import * as vscode from 'vscode';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('boardpaper');

/** What the command did, as told to the user (and returned, for tests). */
export interface FixAllReport {
  applied: boolean;
  /** Findings fixed, by rule id. */
  fixed: Record<string, number>;
  /** Findings left (they need the author's words). */
  remaining: number;
  message: string;
}

const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'boardpaper');
const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? ''));

function count(ds: vscode.Diagnostic[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const d of ds) m.set(codeOf(d), (m.get(codeOf(d)) ?? 0) + 1);
  return m;
}

const fingerprint = (ds: vscode.Diagnostic[]) =>
  ds
    .map((d) => `${codeOf(d)}@${d.range.start.line}:${d.range.start.character}`)
    .sort()
    .join('|');

/** Resolves when the findings of `uri` differ from `before` (the server re-checked the fixed paper), or after `ms`. */
async function changedDiagnostics(uri: vscode.Uri, before: vscode.Diagnostic[], ms: number): Promise<void> {
  const was = fingerprint(before);
  const end = Date.now() + ms;
  while (Date.now() < end && fingerprint(ours(uri)) === was) await new Promise((r) => setTimeout(r, 100));
}

/** `ready` waits for the language server (it starts in the background): its code actions are what is applied. */
export function registerFixAll(ready: () => Promise<unknown>): vscode.Disposable {
  return vscode.commands.registerCommand('boardPaper.fixAll', async (uri?: vscode.Uri): Promise<FixAllReport | false> => {
    const doc = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
    if (!doc) {
      void vscode.window.showInformationMessage('Open a board paper to fix.');
      return false;
    }
    await ready();
    const name = doc.uri.path.split('/').pop();
    const before = ours(doc.uri);
    const whole = new vscode.Range(0, 0, doc.lineCount, 0);
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, whole, FIX_ALL_KIND.value)) ?? [];
    const action = actions.find((a) => a.kind && FIX_ALL_KIND.contains(a.kind) && a.edit);
    if (!action?.edit) {
      const message = before.length
        ? `Board paper: nothing in ${name} can be fixed automatically. Its ${before.length} finding${before.length === 1 ? ' needs' : 's need'} your words (see Problems).`
        : `Board paper: ${name} has no findings to fix.`;
      void vscode.window.showInformationMessage(message);
      return { applied: false, fixed: {}, remaining: before.length, message };
    }
    const ok = await vscode.workspace.applyEdit(action.edit);
    if (!ok) {
      const message = `Board paper: the fixes could not be applied to ${name} (the file may have changed or be read-only). Nothing was changed.`;
      void vscode.window.showErrorMessage(message);
      return { applied: false, fixed: {}, remaining: before.length, message };
    }
    await changedDiagnostics(doc.uri, before, 4000);
    const after = ours(doc.uri);
    const was = count(before);
    const now = count(after);
    const fixed: Record<string, number> = {};
    for (const [rule, n] of was) if (n > (now.get(rule) ?? 0)) fixed[rule] = n - (now.get(rule) ?? 0);
    const total = Object.values(fixed).reduce((a, b) => a + b, 0);
    const applied = Number(/\((\d+)\)\s*$/.exec(action.title)?.[1] ?? 0);
    const list = Object.entries(fixed)
      .map(([rule, n]) => (n > 1 ? `${rule} ×${n}` : rule))
      .join(', ');
    const what = total ? `fixed ${total} finding${total === 1 ? '' : 's'} (${list})` : `applied ${applied || 'the'} automatic fix${applied === 1 ? '' : 'es'}`;
    const message = `Board paper: ${what} in ${name}. ${after.length ? `${after.length} finding${after.length === 1 ? '' : 's'} left that need${after.length === 1 ? 's' : ''} your words.` : 'No findings left.'} Undo reverts them.`;
    void vscode.window.showInformationMessage(message);
    return { applied: true, fixed, remaining: after.length, message };
  });
}
