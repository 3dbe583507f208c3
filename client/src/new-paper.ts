/**
 * `boardPaper.newPaper`: a wizard for folder, meeting, date, title, purpose
 * and strategic objectives, then a new paper from the server's template,
 * written into the chosen folder and opened in a pinned tab. Never
 * overwrites: an existing name gets -2, -3…
 *
 * No answer is lost: every step has Back and keeps what was typed; Escape
 * asks before discarding answers; an empty objectives step says what it
 * needs instead of closing. The folder is the first step (the open paper's
 * folder first) and every later step shows it; the date defaults to the
 * meeting that folder's papers are for, and only real dates are accepted.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { isRealDate } from '../../server/src/core/profile';
import {
  MeetingsRequest,
  NewPaperRequest,
  TemplateInfoRequest,
  type MeetingSummary,
  type NewPaperParams,
  type NewPaperResult,
  type TemplateInfo,
} from '../../server/src/protocol';

export interface NewPaperAnswers {
  folder?: vscode.Uri;
  meeting?: string;
  date?: string;
  title?: string;
  purpose?: string;
  objectives?: string[];
  template?: string;
}

const STANDARD = 'Standard board paper';

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** What a step did: moved on, went back, or the user closed the wizard. */
type Outcome = 'next' | 'back' | 'cancel';

interface Ctx {
  client: LanguageClient;
  a: NewPaperAnswers;
  info?: TemplateInfo;
  infoFor?: string;
  step: number;
  total: number;
  canGoBack: boolean;
  /** The author typed a date: a change of folder or meeting no longer resets it. */
  typedDate?: boolean;
  /** The discard question was just answered Cancel: the step shown next takes the keyboard back. */
  refocus?: boolean;
}

/** Show a step. After the modal discard question, VS Code may hand the focus back to the editor
 *  it had before; a key meant for the wizard would then type into the open paper. */
function showStep(ctx: Ctx, q: vscode.QuickInput): void {
  q.show();
  if (!ctx.refocus) return;
  ctx.refocus = false;
  setTimeout(() => void vscode.commands.executeCommand('workbench.action.focusQuickOpen'), 50);
}

function folderLabel(uri: vscode.Uri): string {
  const root = vscode.workspace.getWorkspaceFolder(uri);
  if (root && root.uri.toString().replace(/\/$/, '') === uri.toString().replace(/\/$/, '')) return `${root.name} (workspace folder)`;
  return vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
}

function title(ctx: Ctx, what: string): string {
  return `New board paper (${ctx.step > ctx.total ? 'last step' : `${ctx.step}/${ctx.total}`}): ${what}${ctx.a.folder ? ` · in ${folderLabel(ctx.a.folder)}` : ''}`;
}

/** One quick pick step; resolves with the picked items, or 'back' / 'cancel'. */
function pickStep<T extends vscode.QuickPickItem>(
  ctx: Ctx,
  o: { title: string; placeholder?: string; items: T[]; active?: T[]; selected?: T[]; many?: boolean; onEmpty?: (qp: vscode.QuickPick<T>) => void },
): Promise<T[] | 'back' | 'cancel'> {
  return new Promise((resolve) => {
    const qp = vscode.window.createQuickPick<T>();
    let done = false;
    const finish = (r: T[] | 'back' | 'cancel') => {
      if (done) return;
      done = true;
      resolve(r);
      qp.dispose();
    };
    qp.title = o.title;
    qp.placeholder = o.placeholder;
    qp.items = o.items;
    qp.canSelectMany = !!o.many;
    qp.matchOnDescription = true;
    qp.ignoreFocusOut = true;
    if (o.selected?.length) qp.selectedItems = o.selected;
    if (o.active?.length) qp.activeItems = o.active;
    qp.buttons = ctx.canGoBack ? [vscode.QuickInputButtons.Back] : [];
    qp.onDidTriggerButton((b) => b === vscode.QuickInputButtons.Back && finish('back'));
    qp.onDidAccept(() => {
      const chosen = o.many ? [...qp.selectedItems] : [...qp.activeItems].slice(0, 1);
      if (!chosen.length) {
        if (o.onEmpty) o.onEmpty(qp);
        return; // stays open
      }
      finish(chosen);
    });
    qp.onDidHide(() => finish('cancel'));
    showStep(ctx, qp);
  });
}

/** One input box step. */
function inputStep(
  ctx: Ctx,
  o: { title: string; value: string; prompt?: string; validate: (v: string) => string | undefined },
): Promise<string | 'back' | 'cancel'> {
  return new Promise((resolve) => {
    const box = vscode.window.createInputBox();
    let done = false;
    const finish = (r: string | 'back' | 'cancel') => {
      if (done) return;
      done = true;
      resolve(r);
      box.dispose();
    };
    box.title = o.title;
    box.value = o.value;
    box.prompt = o.prompt;
    box.ignoreFocusOut = true;
    box.buttons = ctx.canGoBack ? [vscode.QuickInputButtons.Back] : [];
    box.onDidTriggerButton((b) => b === vscode.QuickInputButtons.Back && finish('back'));
    box.onDidChangeValue((v) => (box.validationMessage = v ? o.validate(v) : undefined));
    box.onDidAccept(() => {
      const problem = o.validate(box.value);
      box.validationMessage = problem;
      if (!problem) finish(box.value.trim());
    });
    box.onDidHide(() => finish('cancel'));
    showStep(ctx, box);
  });
}

async function infoFor(ctx: Ctx): Promise<TemplateInfo> {
  const key = ctx.a.folder!.toString();
  if (!ctx.info || ctx.infoFor !== key) {
    ctx.info = await ctx.client.sendRequest<TemplateInfo>(TemplateInfoRequest, { folderUri: key });
    ctx.infoFor = key;
  }
  return ctx.info;
}

/** The date the folder is for: its papers' meeting, else a folder named like a real date. */
function folderDate(ctx: Ctx, info: TemplateInfo, meeting: string | undefined): string | undefined {
  if (info.folderMeeting && (!meeting || info.folderMeeting.meeting === meeting)) return info.folderMeeting.date;
  const name = ctx.a.folder?.path.split('/').filter(Boolean).pop() ?? '';
  return isRealDate(name) ? name : undefined;
}

type StepFn = (ctx: Ctx) => Promise<Outcome>;

/**
 * The paper the author is looking at: the active text editor, or else the
 * active tab (focus may be in the preview or a panel, when VS Code reports no
 * active text editor), or else the one Markdown editor on screen.
 */
function openPaperUri(): vscode.Uri | undefined {
  const activeDoc = vscode.window.activeTextEditor?.document;
  if (activeDoc) return activeDoc.languageId === 'markdown' ? activeDoc.uri : undefined;
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (input instanceof vscode.TabInputText && /\.(md|markdown)$/i.test(input.uri.path)) return input.uri;
  const visible = vscode.window.visibleTextEditors.filter((e) => e.document.languageId === 'markdown');
  return visible.length === 1 ? visible[0]!.document.uri : undefined;
}

const folderStep: StepFn = async (ctx) => {
  type Item = vscode.QuickPickItem & { uri?: vscode.Uri };
  const seen = new Set<string>();
  const items: Item[] = [];
  const add = (uri: vscode.Uri, description: string) => {
    if (seen.has(uri.toString())) return;
    seen.add(uri.toString());
    items.push({ label: `$(folder) ${folderLabel(uri)}`, description, uri });
  };
  if (ctx.a.folder) add(ctx.a.folder, 'chosen before');
  const active = openPaperUri();
  if (active?.scheme === 'file' && vscode.workspace.getWorkspaceFolder(active)) add(vscode.Uri.joinPath(active, '..'), 'folder of the open paper');
  const meetings = await ctx.client.sendRequest<MeetingSummary[]>(MeetingsRequest, {}).catch(() => [] as MeetingSummary[]);
  for (const m of meetings) add(vscode.Uri.parse(m.folderUri), `papers for ${m.meeting}, ${m.date}`);
  for (const f of vscode.workspace.workspaceFolders ?? []) add(f.uri, 'workspace folder');
  const other: Item = { label: '$(folder-opened) Choose another folder…', description: 'pick any folder' };
  const r = await pickStep(ctx, {
    title: title({ ...ctx, a: {} }, 'which folder will the paper go in?'),
    placeholder: 'The new paper is written into this folder',
    items: [...items, other],
    active: items.length ? [items[0]!] : [other],
  });
  if (r === 'back' || r === 'cancel') return r;
  let uri = r[0]!.uri;
  if (!uri) {
    const picked = await vscode.window.showOpenDialog({
      canSelectFiles: false,
      canSelectFolders: true,
      canSelectMany: false,
      openLabel: 'Create Paper Here',
      defaultUri: ctx.a.folder ?? vscode.workspace.workspaceFolders?.[0]?.uri,
    });
    if (!picked?.[0]) return folderStep(ctx); // back to the list, nothing lost
    uri = picked[0];
  }
  if (ctx.a.folder?.toString() !== uri.toString()) {
    ctx.a.folder = uri;
    // The date default follows the folder unless the author typed one.
    if (!ctx.typedDate) ctx.a.date = undefined;
  }
  return 'next';
};

const meetingStep: StepFn = async (ctx) => {
  const info = await infoFor(ctx);
  const names = [...info.committees];
  const preferred = ctx.a.meeting ?? info.folderMeeting?.meeting;
  const items = names.map((n) => ({ label: n, description: n === info.folderMeeting?.meeting ? 'the meeting of the papers in this folder' : undefined }));
  const r = await pickStep(ctx, {
    title: title(ctx, 'meeting'),
    placeholder: 'The board or committee receiving the paper',
    items,
    active: items.filter((i) => i.label === preferred),
  });
  if (r === 'back' || r === 'cancel') return r;
  if (ctx.a.meeting !== r[0]!.label && !ctx.typedDate) ctx.a.date = undefined;
  ctx.a.meeting = r[0]!.label;
  return 'next';
};

const dateStep: StepFn = async (ctx) => {
  const info = await infoFor(ctx);
  const known = info.meetingDates.filter((m) => m.meeting === ctx.a.meeting && isRealDate(m.date)).map((m) => m.date);
  const fromFolder = folderDate(ctx, info, ctx.a.meeting);
  const value = ctx.a.date ?? fromFolder ?? known[0] ?? today();
  const prompt = [
    fromFolder ? `The papers in this folder are for ${fromFolder}.` : '',
    known.length ? `Meetings of ${ctx.a.meeting} found: ${known.slice(0, 5).join(', ')}.` : '',
    'Write the date as YYYY-MM-DD.',
  ]
    .filter(Boolean)
    .join(' ');
  const r = await inputStep(ctx, {
    title: title(ctx, 'date of the meeting'),
    value,
    prompt,
    validate: (v) =>
      isRealDate(v.trim())
        ? undefined
        : /^\d{4}-\d{2}-\d{2}$/.test(v.trim())
          ? `${v.trim()} is not a date in the calendar`
          : 'Write the date as YYYY-MM-DD, for example 2024-05-08',
  });
  if (r === 'back' || r === 'cancel') return r;
  if (r !== value) ctx.typedDate = true;
  ctx.a.date = r;
  return 'next';
};

const titleStep: StepFn = async (ctx) => {
  const r = await inputStep(ctx, {
    title: title(ctx, 'title'),
    value: ctx.a.title ?? '',
    prompt: 'The paper\u2019s title as it will appear on the agenda',
    validate: (v) => (v.trim() ? undefined : 'A paper needs a title'),
  });
  if (r === 'back' || r === 'cancel') return r;
  ctx.a.title = r;
  return 'next';
};

const purposeStep: StepFn = async (ctx) => {
  const info = await infoFor(ctx);
  const items = info.purposes.map((p) => ({ label: p }));
  const r = await pickStep(ctx, { title: title(ctx, 'what is the meeting asked to do?'), items, active: items.filter((i) => i.label === ctx.a.purpose) });
  if (r === 'back' || r === 'cancel') return r;
  ctx.a.purpose = r[0]!.label;
  return 'next';
};

const objectivesStep: StepFn = async (ctx) => {
  const info = await infoFor(ctx);
  if (!info.objectives.length) {
    ctx.a.objectives = [];
    return 'next';
  }
  const items = info.objectives.map((o) => ({ label: o.code, description: o.text }));
  const r = await pickStep(ctx, {
    title: title(ctx, 'strategic objectives it serves'),
    placeholder: 'Tick each objective the paper serves (Space), then press Enter',
    items,
    many: true,
    selected: items.filter((i) => ctx.a.objectives?.includes(i.label)),
    onEmpty: (qp) => {
      qp.title = title(ctx, 'tick at least one objective');
      qp.placeholder =
        'No objective is ticked: the cover sheet must say which strategic objectives the paper serves. Tick one or more with Space, then press Enter.';
    },
  });
  if (r === 'back' || r === 'cancel') return r;
  ctx.a.objectives = r.map((i) => i.label);
  return 'next';
};

const templateStep: StepFn = async (ctx) => {
  const info = await infoFor(ctx);
  if (!info.templates.length) {
    ctx.a.template = undefined;
    return 'next';
  }
  const items = [STANDARD, ...info.templates].map((t) => ({ label: t }));
  const r = await pickStep(ctx, { title: title(ctx, 'template'), items, active: items.filter((i) => i.label === (ctx.a.template ?? STANDARD)) });
  if (r === 'back' || r === 'cancel') return r;
  ctx.a.template = r[0]!.label === STANDARD ? undefined : r[0]!.label;
  return 'next';
};

/** Something was answered that a cancel would lose. */
function hasAnswers(ctx: Ctx, given: NewPaperAnswers): boolean {
  const a = ctx.a;
  return (['meeting', 'date', 'title', 'purpose', 'objectives'] as const).some((k) => a[k] !== undefined && a[k] !== given[k]);
}

export function registerNewPaper(client: () => Promise<LanguageClient | undefined>): vscode.Disposable {
  // `answers` lets tests (and other extensions) skip the questions they answer.
  return vscode.commands.registerCommand('boardPaper.newPaper', async (given: NewPaperAnswers = {}) => {
    const c = await client();
    if (!c) return undefined;
    const ctx: Ctx = { client: c, a: { ...given }, step: 0, total: 0, canGoBack: false };
    const steps: { fn: StepFn; answered: boolean }[] = [
      { fn: folderStep, answered: !!given.folder },
      { fn: meetingStep, answered: !!given.meeting },
      { fn: dateStep, answered: !!given.date },
      { fn: titleStep, answered: !!given.title },
      { fn: purposeStep, answered: !!given.purpose },
      { fn: objectivesStep, answered: !!given.objectives },
      // Asked only when the wizard asks anything and the folder has templates.
      { fn: templateStep, answered: given.template !== undefined || Object.keys(given).length > 0 },
    ];
    const asked = steps.filter((s) => !s.answered);
    // The template step is asked only when the folder has templates: it is not counted in "n of N".
    const counted = asked.filter((s) => s.fn !== templateStep).length;
    let i = 0;
    while (i < asked.length) {
      ctx.step = i + 1;
      ctx.total = counted;
      ctx.canGoBack = i > 0;
      const r = await asked[i]!.fn(ctx);
      if (r === 'next') i++;
      else if (r === 'back') i = Math.max(0, i - 1);
      else {
        if (!hasAnswers(ctx, given)) return undefined;
        const discard = 'Discard';
        const a = await vscode.window.showWarningMessage(
          'Discard this new board paper?',
          { modal: true, detail: 'Your answers so far (meeting, date, title…) will be lost. Choose Cancel to go on where you were.' },
          discard,
        );
        if (a === discard) return undefined;
        ctx.refocus = true;
      }
    }
    const a = ctx.a;
    if (!a.folder || !a.meeting || !a.date || !a.title || !a.purpose || !a.objectives) return undefined;
    const params: NewPaperParams = {
      folderUri: a.folder.toString(),
      title: a.title.trim(),
      meeting: a.meeting,
      date: a.date.trim(),
      purpose: a.purpose,
      objectives: a.objectives,
      template: a.template,
    };
    let result: NewPaperResult;
    try {
      result = await c.sendRequest<NewPaperResult>(NewPaperRequest, params);
    } catch (e) {
      void vscode.window.showErrorMessage(`The new paper was not created: ${(e as Error).message}.`);
      return undefined;
    }
    const target = await freeName(a.folder, result.fileName);
    const edit = new vscode.WorkspaceEdit();
    edit.createFile(target, { overwrite: false, ignoreIfExists: false, contents: new TextEncoder().encode(result.text) });
    if (!(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showErrorMessage(`Could not create ${vscode.workspace.asRelativePath(target)}: check that the folder can be written to.`);
      return undefined;
    }
    const doc = await vscode.workspace.openTextDocument(target);
    // A pinned tab: the next file opened does not replace the new paper.
    await vscode.window.showTextDocument(doc, { preview: false });
    return target;
  });
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
