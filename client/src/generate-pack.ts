/**
 * `boardPaper.generatePack`: pick a meeting and date found in the workspace
 * and the part (public/private/both); the server builds the pack with
 * progress shown here; then open or reveal the result.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { BuildPackRequest, MeetingsRequest, type BuildPackParams, type BuildPackResult, type MeetingSummary } from '../../server/src/protocol';

export interface PackAnswers {
  meeting?: string;
  date?: string;
  part?: 'public' | 'private' | 'both';
  format?: 'html' | 'pdf';
  outUri?: string;
  folderUri?: string;
  /** Do not open the result (tests). */
  quiet?: boolean;
}

export function registerGeneratePack(client: () => Promise<LanguageClient | undefined>): vscode.Disposable {
  return vscode.commands.registerCommand('boardPaper.generatePack', async (answers: PackAnswers = {}) => {
    const c = await client();
    if (!c) return undefined;
    const meetings = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Finding meetings…' }, () => c.sendRequest<MeetingSummary[]>(MeetingsRequest, {}));
    let chosen: MeetingSummary | undefined;
    if (answers.meeting && answers.date) chosen = meetings.find((m) => m.meeting === answers.meeting && m.date === answers.date);
    else {
      if (!meetings.length) {
        void vscode.window.showWarningMessage('No board papers with a meeting and date were found in this workspace.');
        return undefined;
      }
      const pick = await vscode.window.showQuickPick(
        meetings.map((m) => ({ label: `${m.meeting} — ${m.date}`, description: `${m.papers} paper${m.papers === 1 ? '' : 's'}${m.confidential ? `, ${m.confidential} confidential` : ''}`, m })),
        { title: 'Agenda pack (1/2): which meeting?', ignoreFocusOut: true },
      );
      chosen = pick?.m;
    }
    if (!chosen) {
      if (answers.meeting) void vscode.window.showErrorMessage(`No papers found for ${answers.meeting} on ${answers.date}.`);
      return undefined;
    }
    const part =
      answers.part ??
      ((
        await vscode.window.showQuickPick(
          [
            { label: 'public', description: 'Part 1 only: confidential items listed as "confidential"' },
            { label: 'private', description: 'Part 1 and Part 2, for members' },
            { label: 'both', description: 'Two files: public and private' },
          ],
          { title: 'Agenda pack (2/2): which part?', ignoreFocusOut: true },
        )
      )?.label as PackAnswers['part']);
    if (!part) return undefined;
    const format = answers.format ?? vscode.workspace.getConfiguration('boardPaper').get<'pdf' | 'html'>('pack.format', 'pdf');
    const folderUri = answers.folderUri ?? chosen.folderUri;
    const slug = `${chosen.meeting}-${chosen.date}`.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
    const outUri = answers.outUri ?? vscode.Uri.joinPath(vscode.Uri.parse(folderUri), `${slug}-pack.${format}`).toString();
    // A pack written before (perhaps annotated since) is replaced only if the user says so.
    // (An outUri passed in by a caller is that caller's choice.)
    if (!answers.outUri) {
      const targets = part === 'both' ? ['public', 'private'].map((s) => `${outUri.slice(0, -`.${format}`.length)}-${s}.${format}`) : [outUri];
      const existing: string[] = [];
      for (const t of targets) {
        try {
          await vscode.workspace.fs.stat(vscode.Uri.parse(t));
          existing.push(vscode.workspace.asRelativePath(vscode.Uri.parse(t)));
        } catch {
          /* free */
        }
      }
      if (existing.length) {
        const replace = 'Replace';
        const a = await vscode.window.showWarningMessage(`${existing.join(' and ')} already exist${existing.length === 1 ? 's' : ''}. Replace ${existing.length === 1 ? 'it' : 'them'} with a new pack?`, { modal: true }, replace);
        if (a !== replace) return undefined;
      }
    }
    const params: BuildPackParams = { folderUri, meeting: chosen.meeting, date: chosen.date, part, format, outUri };
    let result: BuildPackResult;
    try {
      result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Building the ${part} agenda pack for ${chosen.meeting}, ${chosen.date}`, cancellable: false },
        () => c.sendRequest<BuildPackResult>(BuildPackRequest, params),
      );
    } catch (e) {
      void vscode.window.showErrorMessage(`The agenda pack was not built: ${(e as Error).message}`);
      return undefined;
    }
    const withProblems = result.problems.filter((p) => p.errors || p.warnings);
    const summary = `Agenda pack written: ${result.files.map((f) => vscode.workspace.asRelativePath(vscode.Uri.parse(f))).join(', ')}${withProblems.length ? ` — ${withProblems.length} paper(s) still have findings` : ''}`;
    if (!answers.quiet) {
      const open = 'Open';
      const reveal = process.platform === 'darwin' ? 'Reveal in Finder' : 'Reveal in Explorer';
      void vscode.window.showInformationMessage(summary, open, reveal).then((a) => {
        const first = vscode.Uri.parse(result.files[0]!);
        if (a === open) void vscode.env.openExternal(first);
        else if (a === reveal) void vscode.commands.executeCommand('revealFileInOS', first);
      });
    }
    return result;
  });
}
