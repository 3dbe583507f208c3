/**
 * `boardPaper.importWord` and `boardPaper.exportWord`. The conversion runs in
 * the language server (which loads its Word code, dist/word.js, on the first
 * request): nothing of mammoth or docx is loaded when the extension starts.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  ExportWordRequest,
  ImportWordRequest,
  type ExportWordParams,
  type ExportWordResult,
  type ImportWordParams,
  type ImportWordResult,
} from '../../server/src/protocol';

export interface ImportWordAnswers {
  /** The .docx (a file URI); asked for when missing. */
  docxUri?: string;
  /** Where to write the paper; default: beside the .docx, same name, .md. */
  outUri?: string;
  /** Do not open the paper or show messages (tests). */
  quiet?: boolean;
}

export interface ExportWordAnswers {
  /** The paper (default: the active editor's). */
  uri?: string;
  outUri?: string;
  /** Replace an existing .docx without asking (tests). */
  replace?: boolean;
  quiet?: boolean;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

export function registerImportWord(client: () => Promise<LanguageClient | undefined>): vscode.Disposable {
  return vscode.commands.registerCommand('boardPaper.importWord', async (arg: ImportWordAnswers | vscode.Uri = {}) => {
    // From the explorer's context menu: the .docx clicked.
    const answers: ImportWordAnswers = arg instanceof vscode.Uri ? { docxUri: arg.toString() } : arg;
    let docx = answers.docxUri ? vscode.Uri.parse(answers.docxUri) : undefined;
    if (!docx) {
      const picked = await vscode.window.showOpenDialog({
        canSelectMany: false,
        filters: { 'Word documents': ['docx'] },
        openLabel: 'Import Word paper',
        title: 'Import a Word board paper',
      });
      docx = picked?.[0];
    }
    if (!docx) return undefined;
    let out = answers.outUri ? vscode.Uri.parse(answers.outUri) : docx.with({ path: docx.path.replace(/\.(docx|docm)$/i, '') + '.md' });
    if (!answers.outUri && (await exists(out))) {
      // Never overwritten: the author chooses another name.
      const chosen = await vscode.window.showSaveDialog({
        defaultUri: out,
        filters: { 'Board paper': ['md'] },
        title: `${vscode.workspace.asRelativePath(out)} exists: save the imported paper as…`,
      });
      if (!chosen || (await exists(chosen))) {
        if (chosen) void vscode.window.showErrorMessage(`${vscode.workspace.asRelativePath(chosen)} already exists; an import never overwrites a paper.`);
        return undefined;
      }
      out = chosen;
    }
    const c = await client();
    if (!c) return undefined;
    const params: ImportWordParams = { docxUri: docx.toString(), outUri: out.toString() };
    let result: ImportWordResult;
    try {
      result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Importing ${docx.path.split('/').pop()}…`, cancellable: false },
        () => c.sendRequest<ImportWordResult>(ImportWordRequest, params),
      );
    } catch (e) {
      if (!answers.quiet) void vscode.window.showErrorMessage(`The Word paper was not imported: ${(e as Error).message}`);
      if (answers.quiet) throw e;
      return undefined;
    }
    if (!answers.quiet) {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(result.paperUri));
      await vscode.window.showTextDocument(doc);
      const notes = result.notes.length ? ` ${result.notes.length} thing(s) could not be placed: see "Import notes" at the end.` : '';
      void vscode.window.showInformationMessage(
        `Imported ${vscode.workspace.asRelativePath(doc.uri)}${result.images.length ? ` with ${result.images.length} image(s)` : ''}. Its findings are in the Problems panel.${notes}`,
      );
    }
    return result;
  });
}

export function registerExportWord(client: () => Promise<LanguageClient | undefined>): vscode.Disposable {
  return vscode.commands.registerCommand('boardPaper.exportWord', async (arg: ExportWordAnswers | vscode.Uri = {}) => {
    const answers: ExportWordAnswers = arg instanceof vscode.Uri ? { uri: arg.toString() } : arg;
    const uri = answers.uri ? vscode.Uri.parse(answers.uri) : vscode.window.activeTextEditor?.document.uri;
    if (!uri || uri.scheme !== 'file') {
      if (!answers.quiet) void vscode.window.showWarningMessage('Open a board paper (a Markdown file on disk) to export it as Word.');
      return undefined;
    }
    const doc = await vscode.workspace.openTextDocument(uri);
    const out = answers.outUri ? vscode.Uri.parse(answers.outUri) : uri.with({ path: uri.path.replace(/\.md$/i, '') + '.docx' });
    let replace = !!answers.replace;
    if (!replace && (await exists(out))) {
      const yes = 'Replace';
      const a = await vscode.window.showWarningMessage(`${vscode.workspace.asRelativePath(out)} already exists. Replace it?`, { modal: true }, yes);
      if (a !== yes) return undefined;
      replace = true;
    }
    const c = await client();
    if (!c) return undefined;
    const params: ExportWordParams = { uri: uri.toString(), text: doc.getText(), outUri: out.toString(), replace };
    let result: ExportWordResult;
    try {
      result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Exporting ${uri.path.split('/').pop()} as Word…`, cancellable: false },
        () => c.sendRequest<ExportWordResult>(ExportWordRequest, params),
      );
    } catch (e) {
      if (!answers.quiet) void vscode.window.showErrorMessage(`The paper was not exported: ${(e as Error).message}`);
      if (answers.quiet) throw e;
      return undefined;
    }
    if (!answers.quiet) {
      const missing = result.missingImages.length ? ` ${result.missingImages.length} image(s) could not be embedded: ${result.missingImages.join(', ')}.` : '';
      const reveal = process.platform === 'darwin' ? 'Reveal in Finder' : 'Reveal in Explorer';
      void vscode.window.showInformationMessage(`Wrote ${vscode.workspace.asRelativePath(vscode.Uri.parse(result.docxUri))}.${missing}`, reveal).then((a) => {
        if (a === reveal) void vscode.commands.executeCommand('revealFileInOS', vscode.Uri.parse(result.docxUri));
      });
    }
    return result;
  });
}
