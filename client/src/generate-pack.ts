/**
 * `boardPaper.generatePack`: pick a meeting and date found in the workspace,
 * the part (public/private/both) and final or draft; the server builds the
 * pack with progress shown here; then open or reveal the result.
 *
 * File names always say the part (`…-public.pdf`, `…-private.pdf`), as the
 * CLI's do, so a private pack never replaces (or is mistaken for) the public
 * one. Opening and revealing use VS Code's own commands (`vscode.open`,
 * `revealInExplorer`), which work in desktop VS Code and in the browser.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { trimEndChars } from '../../server/src/core/text';
import { BuildPackRequest, MeetingsRequest, type BuildPackParams, type BuildPackResult, type MeetingSummary } from '../../server/src/protocol';

export interface PackAnswers {
  meeting?: string;
  date?: string;
  part?: 'public' | 'private' | 'both';
  /** A draft pack (findings page, DRAFT on every page; papers whose cover sheet cannot be read are left out). Default: final. */
  draft?: boolean;
  format?: 'html' | 'pdf';
  outUri?: string;
  folderUri?: string;
  /** Do not open the result or show notifications that wait for an answer (tests). */
  quiet?: boolean;
}

/** What the command returns: the server's result, or why no pack was written. */
export type PackOutcome = (BuildPackResult & { message: string }) | { error: string; files?: undefined };

const PART_WORDS: Record<'public' | 'private' | 'both', string> = {
  public: 'the public agenda pack',
  private: 'the private (confidential) agenda pack',
  both: 'the public and private agenda packs',
};

/** `integrated-care-board-2024-05-08`: the start of every pack file name. */
export function packSlug(meeting: string, date: string): string {
  return `${meeting}-${date}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** The files a part writes from `base` (a URI ending `.pdf`/`.html` with no part in it). */
export function packTargets(base: string, part: 'public' | 'private' | 'both', format: string): string[] {
  const stem = base.slice(0, -`.${format}`.length);
  return (part === 'both' ? ['public', 'private'] : [part]).map((s) => `${stem}-${s}.${format}`);
}

export function longDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  const dt = new Date(Date.UTC(y!, m! - 1, d!));
  if (Number.isNaN(dt.getTime())) return iso;
  return dt.toLocaleDateString('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** The server's text with the workspace's absolute paths made relative (the names a user sees in the Explorer). */
function relativePaths(text: string): string {
  let out = text;
  for (const f of vscode.workspace.workspaceFolders ?? []) {
    const root = trimEndChars(f.uri.fsPath, '/\\');
    out = out.split(`${root}/`).join('').split(`${root}\\`).join('');
  }
  return out;
}

let details: vscode.OutputChannel | undefined;
function showDetails(lines: string[]): void {
  details ??= vscode.window.createOutputChannel('Board paper: agenda pack');
  details.clear();
  for (const l of lines) details.appendLine(l);
  details.show(true);
}

export function registerGeneratePack(client: () => Promise<LanguageClient | undefined>): vscode.Disposable {
  const run = async (answers: PackAnswers = {}): Promise<PackOutcome | undefined> => {
    const c = await client();
    if (!c) return undefined;
    const meetings = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Finding meetings…' }, () =>
      c.sendRequest<MeetingSummary[]>(MeetingsRequest, {}),
    );
    let chosen: MeetingSummary | undefined;
    if (answers.meeting && answers.date) chosen = meetings.find((m) => m.meeting === answers.meeting && m.date === answers.date);
    else {
      if (!meetings.length) {
        void vscode.window.showWarningMessage('No board papers with a meeting and a date written YYYY-MM-DD were found in this workspace.');
        return undefined;
      }
      // The label is what the filter matches: "Integrated Care Board 2024-05-08" finds it.
      const pick = await vscode.window.showQuickPick(
        meetings.map((m) => ({
          label: `${m.meeting} ${m.date}`,
          description: `${longDate(m.date)} · ${m.papers} paper${m.papers === 1 ? '' : 's'}${m.confidential ? `, ${m.confidential} confidential` : ''}`,
          m,
        })),
        {
          title: 'Agenda pack (1/3): which meeting?',
          placeHolder: 'Type the meeting or the date (YYYY-MM-DD)',
          matchOnDescription: true,
          ignoreFocusOut: true,
        },
      );
      chosen = pick?.m;
    }
    if (!chosen) {
      if (answers.meeting) {
        const error = `No papers were found for ${answers.meeting} on ${answers.date}: check the meeting and date on the papers' cover sheets.`;
        void vscode.window.showErrorMessage(error);
        return { error };
      }
      return undefined;
    }
    const part =
      answers.part ??
      ((
        await vscode.window.showQuickPick(
          [
            { label: 'public', description: 'Part 1 only: confidential items listed as "confidential"' },
            { label: 'private', description: 'Part 1 and Part 2, confidential: for members only' },
            { label: 'both', description: 'Two files: public and private' },
          ],
          { title: 'Agenda pack (2/3): which part?', ignoreFocusOut: true },
        )
      )?.label as PackAnswers['part']);
    if (!part) return undefined;
    let draft = answers.draft;
    if (draft === undefined) {
      const kind = await vscode.window.showQuickPick(
        [
          { label: 'Final', description: 'To publish or send: no findings page', draft: false },
          { label: 'Draft', description: 'To review: a findings page and DRAFT on every page; papers that cannot be read are left out', draft: true },
        ],
        { title: 'Agenda pack (3/3): final or draft?', ignoreFocusOut: true },
      );
      if (!kind) return undefined;
      draft = kind.draft;
    }
    return build(c, chosen, part, draft, answers);
  };
  return vscode.commands.registerCommand('boardPaper.generatePack', run);
}

async function build(
  c: LanguageClient,
  chosen: MeetingSummary,
  part: 'public' | 'private' | 'both',
  draft: boolean,
  answers: PackAnswers,
): Promise<PackOutcome | undefined> {
  const format = answers.format ?? vscode.workspace.getConfiguration('boardPaper').get<'pdf' | 'html'>('pack.format', 'pdf');
  const folderUri = answers.folderUri ?? chosen.folderUri;
  // The server adds -public / -private to this name for `both`; for one part the name says the part itself.
  const base = vscode.Uri.joinPath(vscode.Uri.parse(folderUri), `${packSlug(chosen.meeting, chosen.date)}.${format}`).toString();
  const outUri = answers.outUri ?? (part === 'both' ? base : packTargets(base, part, format)[0]!);
  // A pack written before (perhaps annotated since) is replaced only if the user says so; the
  // names differ by part, so this only ever asks about a pack of the same part.
  // (An outUri passed in by a caller is that caller's choice.)
  if (!answers.outUri) {
    const existing: string[] = [];
    for (const t of packTargets(base, part, format)) {
      try {
        await vscode.workspace.fs.stat(vscode.Uri.parse(t));
        existing.push(vscode.workspace.asRelativePath(vscode.Uri.parse(t)));
      } catch {
        /* free */
      }
    }
    if (existing.length) {
      const replace = 'Replace';
      const a = await vscode.window.showWarningMessage(
        `${existing.join(' and ')} already exist${existing.length === 1 ? 's' : ''}. Replace ${existing.length === 1 ? 'it' : 'them'} with a new pack?`,
        { modal: true },
        replace,
      );
      if (a !== replace) return undefined;
    }
  }
  const params: BuildPackParams = { folderUri, meeting: chosen.meeting, date: chosen.date, part, format, outUri, draft };
  let result: BuildPackResult;
  try {
    result = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `Building ${draft ? `a draft of ${PART_WORDS[part]}` : PART_WORDS[part]} for ${chosen.meeting}, ${longDate(chosen.date)}`,
        cancellable: false,
      },
      () => c.sendRequest<BuildPackResult>(BuildPackRequest, params),
    );
  } catch (e) {
    const reason = relativePaths(String((e as Error).message ?? e)).replace(/^cannot build the pack:\s*/, '');
    const error = `The agenda pack was not built: ${reason.charAt(0).toUpperCase()}${reason.slice(1)}${/[.!?]$/.test(reason) ? '' : '.'}`;
    // A paper whose cover sheet cannot be read stops a final pack; a draft leaves it out.
    const unreadable = (e as { data?: { kind?: string } }).data?.kind === 'unreadable-cover-sheet';
    if (!answers.quiet && unreadable && !draft) {
      const asDraft = 'Build a Draft Without It';
      void vscode.window.showErrorMessage(error, asDraft).then((a) => {
        if (a === asDraft) void build(c, chosen, part, true, answers);
      });
    } else void vscode.window.showErrorMessage(error);
    return { error };
  }
  const names = result.files.map((f) => vscode.workspace.asRelativePath(vscode.Uri.parse(f)));
  const withProblems = result.problems.filter((p) => p.errors || p.warnings);
  const notes = result.warnings.map(relativePaths);
  const leftOut = notes.filter((w) => /\bis left out\b|\bnot in the pack\b/.test(w));
  let message = `${draft ? 'Draft agenda pack' : 'Agenda pack'} written: ${names.join(' and ')}.`;
  if (leftOut.length) message += ` ${leftOut.length === 1 ? `Left out: ${leftOut[0]}` : `${leftOut.length} papers left out (see details).`}`;
  if (withProblems.length) message += ` ${withProblems.length} paper${withProblems.length === 1 ? ' still has' : 's still have'} findings.`;
  if (!answers.quiet) {
    const open = 'Open';
    const reveal = 'Reveal in Explorer';
    const more = 'Show Details';
    const actions = notes.length ? [open, reveal, more] : [open, reveal];
    void vscode.window.showInformationMessage(message, ...actions).then(async (a) => {
      const first = vscode.Uri.parse(result.files[0]!);
      if (a === open) await vscode.commands.executeCommand('vscode.open', first);
      else if (a === reveal) await vscode.commands.executeCommand('revealInExplorer', first);
      else if (a === more) showDetails([message, '', ...notes]);
    });
  }
  return { ...result, message };
}
