/** `boardPaper.fixAll`: apply the server's `source.fixAll.boardpaper` action to the active paper. */
import * as vscode from 'vscode';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('boardpaper');

/** `ready` waits for the language server (it starts in the background): its code actions are what is applied. */
export function registerFixAll(ready: () => Promise<unknown>): vscode.Disposable {
  return vscode.commands.registerCommand('boardPaper.fixAll', async (uri?: vscode.Uri) => {
    const doc = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
    if (!doc) {
      void vscode.window.showInformationMessage('Open a board paper to fix.');
      return false;
    }
    await ready();
    const whole = new vscode.Range(0, 0, doc.lineCount, 0);
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, whole, FIX_ALL_KIND.value)) ?? [];
    const action = actions.find((a) => a.kind && FIX_ALL_KIND.contains(a.kind) && a.edit);
    if (!action?.edit) {
      vscode.window.setStatusBarMessage('Board paper: nothing to fix automatically', 3000);
      return false;
    }
    return vscode.workspace.applyEdit(action.edit);
  });
}
