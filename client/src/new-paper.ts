/**
 * `boardPaper.newPaper`: quick picks for meeting, date, title, purpose and
 * strategic objectives, then a new paper from the server's template, written
 * next to the chosen folder. Never overwrites: an existing name gets -2, -3…
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { NewPaperRequest, TemplateInfoRequest, type NewPaperParams, type NewPaperResult, type TemplateInfo } from '../../server/src/protocol';

export interface NewPaperAnswers {
  folder?: vscode.Uri;
  meeting?: string;
  date?: string;
  title?: string;
  purpose?: string;
  objectives?: string[];
  template?: string;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function registerNewPaper(client: () => Promise<LanguageClient | undefined>): vscode.Disposable {
  // `answers` lets tests (and other extensions) skip the questions.
  return vscode.commands.registerCommand('boardPaper.newPaper', async (answers: NewPaperAnswers = {}) => {
    const c = await client();
    if (!c) return undefined;
    const folder = answers.folder ?? (await pickFolder());
    if (!folder) return undefined;
    const info = await c.sendRequest<TemplateInfo>(TemplateInfoRequest, { folderUri: folder.toString() });

    const meeting = answers.meeting ?? (await vscode.window.showQuickPick(info.committees, { title: 'New board paper (1/5): meeting', placeHolder: 'The board or committee receiving the paper', ignoreFocusOut: true }));
    if (!meeting) return undefined;
    const known = info.meetingDates.filter((m) => m.meeting === meeting).map((m) => m.date);
    const date =
      answers.date ??
      (await vscode.window.showInputBox({
        title: 'New board paper (2/5): date of the meeting',
        value: known[0] ?? today(),
        prompt: known.length ? `Meetings found in the workspace: ${known.slice(0, 5).join(', ')}` : 'YYYY-MM-DD',
        validateInput: (v) => (ISO.test(v.trim()) ? undefined : 'Write the date as YYYY-MM-DD'),
        ignoreFocusOut: true,
      }));
    if (!date) return undefined;
    const title = answers.title ?? (await vscode.window.showInputBox({ title: 'New board paper (3/5): title', validateInput: (v) => (v.trim() ? undefined : 'A paper needs a title'), ignoreFocusOut: true }));
    if (!title) return undefined;
    const purpose = answers.purpose ?? (await vscode.window.showQuickPick(info.purposes, { title: 'New board paper (4/5): what is the meeting asked to do?', ignoreFocusOut: true }));
    if (!purpose) return undefined;
    let objectives = answers.objectives;
    if (!objectives) {
      const picked = await vscode.window.showQuickPick(
        info.objectives.map((o) => ({ label: o.code, description: o.text })),
        { title: 'New board paper (5/5): strategic objectives it serves', canPickMany: true, ignoreFocusOut: true },
      );
      if (!picked?.length) return undefined;
      objectives = picked.map((p) => p.label);
    }
    let template = answers.template;
    if (template === undefined && info.templates.length && !Object.keys(answers).length) {
      const t = await vscode.window.showQuickPick(['Standard board paper', ...info.templates], { title: 'Template', ignoreFocusOut: true });
      if (!t) return undefined;
      template = t === 'Standard board paper' ? undefined : t;
    }

    const params: NewPaperParams = { folderUri: folder.toString(), title: title.trim(), meeting, date: date.trim(), purpose, objectives, template };
    const result = await c.sendRequest<NewPaperResult>(NewPaperRequest, params);
    const target = await freeName(folder, result.fileName);
    const edit = new vscode.WorkspaceEdit();
    edit.createFile(target, { overwrite: false, ignoreIfExists: false, contents: new TextEncoder().encode(result.text) });
    if (!(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showErrorMessage(`Could not create ${vscode.workspace.asRelativePath(target)}.`);
      return undefined;
    }
    const doc = await vscode.workspace.openTextDocument(target);
    await vscode.window.showTextDocument(doc);
    return target;
  });
}

async function pickFolder(): Promise<vscode.Uri | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active?.scheme === 'file') return vscode.Uri.joinPath(active, '..');
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 1) return folders[0]!.uri;
  const picked = await vscode.window.showOpenDialog({ canSelectFiles: false, canSelectFolders: true, canSelectMany: false, openLabel: 'Create paper here', defaultUri: folders[0]?.uri });
  return picked?.[0];
}

/** `name.md`, or `name-2.md`, `name-3.md`… whichever does not exist yet. */
async function freeName(folder: vscode.Uri, fileName: string): Promise<vscode.Uri> {
  const stem = fileName.replace(/\.md$/, '');
  for (let i = 1; ; i++) {
    const candidate = vscode.Uri.joinPath(folder, i === 1 ? `${stem}.md` : `${stem}-${i}.md`);
    try {
      await vscode.workspace.fs.stat(candidate);
    } catch {
      return candidate;
    }
  }
}
