/**
 * `boardPaper.openExamples`: the first step of the walkthrough. Copies the
 * example meeting shipped with the extension (`examples/`: ten papers for
 * the Integrated Care Board of 8 May 2024, four with the mistakes authors
 * really make) into a folder the user picks, never over anything there, and
 * opens a paper with findings.
 */
import * as vscode from 'vscode';

/** The paper opened after copying: several findings, some fixable. */
export const FIRST_PAPER = ['papers', '2024-05-08', '10.10-virtual-wards.md'];

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/**
 * With a folder (tests, or a link passing one), copies there without asking.
 * Returns the new examples folder, or undefined when the user cancels.
 */
export function registerOpenExamples(context: vscode.ExtensionContext): vscode.Disposable {
  return vscode.commands.registerCommand('boardPaper.openExamples', async (target?: vscode.Uri) => {
    let parent = target instanceof vscode.Uri ? target : undefined;
    if (!parent) {
      const picked = await vscode.window.showOpenDialog({
        canSelectFolders: true,
        canSelectFiles: false,
        canSelectMany: false,
        defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
        openLabel: 'Copy the Examples Here',
        title: 'Where should the example board papers go? (a new folder boardpaper-examples is made there)',
      });
      if (!picked?.[0]) return undefined;
      parent = picked[0];
    }
    let dest = vscode.Uri.joinPath(parent, 'boardpaper-examples');
    for (let n = 2; await exists(dest); n++) dest = vscode.Uri.joinPath(parent, `boardpaper-examples-${n}`);
    await vscode.workspace.fs.copy(vscode.Uri.joinPath(context.extensionUri, 'examples'), dest, { overwrite: false });
    await vscode.window.showTextDocument(vscode.Uri.joinPath(dest, ...FIRST_PAPER), { preview: false });
    if (!vscode.workspace.getWorkspaceFolder(dest)) {
      // Findings work in any open paper; the agenda pack looks for papers in the workspace.
      void vscode.window
        .showInformationMessage(`The example papers are in ${dest.fsPath}. Open that folder to build their agenda pack.`, 'Open Folder')
        .then((choice) => (choice ? vscode.commands.executeCommand('vscode.openFolder', dest) : undefined));
    }
    return dest;
  });
}
