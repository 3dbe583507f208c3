/**
 * The Meeting view (explorer) and `boardPaper.meetingStatus`: the meetings of
 * the workspace (each agenda.yaml, and each meeting and date the papers name
 * without one) and, under each, its agenda items with their state. Clicking
 * an item opens its paper (or the agenda at the item). The server decides
 * everything (boardPaper/meetingList, boardPaper/meetingStatus): a Part 2
 * item comes without its title, and is shown as "Confidential item".
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  MeetingListRequest,
  MeetingStatusRequest,
  type MeetingEntry,
  type MeetingStatusItem,
  type MeetingStatusParams,
  type MeetingStatusResult,
} from '../../server/src/protocol-meeting';

export const MEETING_VIEW = 'boardPaper.meetings';

type Node =
  | { kind: 'meeting'; meeting: MeetingEntry }
  | { kind: 'item'; meeting: MeetingEntry; status: MeetingStatusResult; item: MeetingStatusItem }
  | { kind: 'note'; label: string; tooltip?: string };

const paramsOf = (m: MeetingEntry): MeetingStatusParams =>
  m.agendaUri ? { agendaUri: m.agendaUri } : { meeting: m.meeting, date: m.date, folderUri: m.folderUri };

/** The icon of an item's state (a theme icon, coloured like the Problems view). */
export function stateIcon(item: Pick<MeetingStatusItem, 'state' | 'kind' | 'errors'>): vscode.ThemeIcon {
  switch (item.state) {
    case 'received':
      return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
    case 'findings':
      return item.errors
        ? new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'))
        : new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
    case 'missing':
      return new vscode.ThemeIcon('circle-large-outline');
    case 'overdue':
      return new vscode.ThemeIcon('clock', new vscode.ThemeColor('problemsErrorIcon.foreground'));
    case 'document':
      return new vscode.ThemeIcon('file');
    default:
      return new vscode.ThemeIcon(item.kind === 'presentation' ? 'device-camera-video' : 'comment');
  }
}

/** How an item reads in the view and the quick pick: "9  2024/25 Financial Plan", "12  Confidential item". */
export function itemLabel(item: MeetingStatusItem): string {
  return `${item.item || '•'}  ${item.title}`;
}

export class MeetingTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subs: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The last answers, for tests and the status command. */
  readonly statuses = new Map<string, MeetingStatusResult>();
  meetings: MeetingEntry[] = [];
  /** The view showing this tree. */
  view?: vscode.TreeView<Node>;

  constructor(readonly needClient: () => Promise<LanguageClient | undefined>) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/{*.md,agenda.yaml,.boardpaper.yaml}');
    const later = () => this.refreshSoon();
    this.subs.push(
      watcher,
      watcher.onDidChange(later),
      watcher.onDidCreate(later),
      watcher.onDidDelete(later),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.languageId === 'markdown' || /(^|\/)agenda\.yaml$/.test(e.document.uri.path)) later();
      }),
      this.changed,
    );
  }

  /** Refresh after a pause (typing, a burst of file events). */
  refreshSoon(ms = 600): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.refresh();
    }, ms);
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'note') {
      const t = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
      t.tooltip = node.tooltip;
      t.iconPath = new vscode.ThemeIcon('info');
      return t;
    }
    if (node.kind === 'meeting') {
      const m = node.meeting;
      const t = new vscode.TreeItem(m.label, vscode.TreeItemCollapsibleState.Expanded);
      t.id = `meeting:${m.agendaUri ?? `${m.meeting}|${m.date}`}`;
      t.contextValue = 'meeting';
      t.iconPath = new vscode.ThemeIcon(m.agendaUri ? 'calendar' : 'folder');
      const s = this.statuses.get(t.id);
      if (s) t.description = summary(s);
      if (m.agendaUri) t.resourceUri = vscode.Uri.parse(m.agendaUri);
      t.tooltip = m.agendaUri ? `${m.label}: agenda ${vscode.Uri.parse(m.agendaUri).fsPath}` : `${m.label}: no agenda.yaml, the papers and the standing items`;
      return t;
    }
    const { item, status } = node;
    const t = new vscode.TreeItem(itemLabel(item), vscode.TreeItemCollapsibleState.None);
    t.id = `item:${node.meeting.agendaUri ?? `${node.meeting.meeting}|${node.meeting.date}`}:${item.part}:${item.item}:${item.title}:${item.file ?? ''}`;
    t.description = [item.part === 2 ? 'Part 2' : '', item.kind === 'paper' ? '' : item.kind, item.stateText].filter(Boolean).join(' · ');
    t.iconPath = stateIcon(item);
    t.contextValue = `agendaItem.${item.state}`;
    // Nothing of a Part 2 item beyond what the server sent (no title, no presenter).
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown(`**Item ${item.item || '(standing)'}** · ${item.kind} · ${item.stateText}${item.part === 2 ? ' · Part 2 (confidential)' : ''}`);
    if (item.presenter) md.appendMarkdown(`\n\n${escape(item.presenter)}`);
    if (item.file) md.appendMarkdown(`\n\n\`${item.file}\``);
    t.tooltip = md;
    if (item.uri) t.command = { command: 'vscode.open', title: 'Open the paper', arguments: [vscode.Uri.parse(item.uri)] };
    else if (status.agendaUri && item.line !== undefined) {
      t.command = {
        command: 'vscode.open',
        title: 'Open the agenda at the item',
        arguments: [vscode.Uri.parse(status.agendaUri), { selection: new vscode.Range(item.line, 0, item.line, 0) }],
      };
    }
    return t;
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) {
      const meetings = await vscode.window.withProgress({ location: { viewId: MEETING_VIEW } }, async () => {
        const client = await this.needClient();
        return client ? await client.sendRequest<MeetingEntry[]>(MeetingListRequest, {}) : [];
      });
      this.meetings = meetings;
      if (!meetings.length)
        return [
          { kind: 'note', label: 'No meetings found', tooltip: 'Board papers with a meeting and date, or an agenda.yaml in a meeting folder, appear here.' },
        ];
      return meetings.map((meeting) => ({ kind: 'meeting', meeting }));
    }
    if (node.kind !== 'meeting') return [];
    const status = await vscode.window.withProgress({ location: { viewId: MEETING_VIEW } }, () => this.status(node.meeting));
    const items: Node[] = status.items.map((item) => ({ kind: 'item', meeting: node.meeting, status, item }));
    const notes: Node[] = [
      ...status.notOnAgenda.map((f): Node => ({
        kind: 'note',
        label: `Not on the agenda: ${f}`,
        tooltip: 'A paper for this meeting whose agenda item the agenda does not list (paper-not-on-agenda).',
      })),
      ...status.nearMisses.map((n): Node => ({
        kind: 'note',
        label: `Left out: ${n.file} ("${n.meeting}")`,
        tooltip: 'A paper dated this day whose meeting name is close to, but not, this one (meeting-name-near-miss).',
      })),
    ];
    return [...items, ...notes];
  }

  /** One meeting's readiness (kept for the meeting's description). */
  async status(meeting: MeetingEntry): Promise<MeetingStatusResult> {
    const client = await this.needClient();
    if (!client) throw new Error('the language server is not running');
    const s = await client.sendRequest<MeetingStatusResult>(MeetingStatusRequest, paramsOf(meeting));
    const id = `meeting:${meeting.agendaUri ?? `${meeting.meeting}|${meeting.date}`}`;
    const before = this.statuses.get(id);
    this.statuses.set(id, s);
    if (!before || summary(before) !== summary(s)) this.changed.fire({ kind: 'meeting', meeting });
    return s;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const s of this.subs) s.dispose();
  }
}

function summary(s: MeetingStatusResult): string {
  const papers = s.items.filter((i) => i.kind === 'paper');
  const received = papers.filter((i) => i.state === 'received' || i.state === 'findings').length;
  return `${received} of ${papers.length} papers${s.ready ? ' · ready' : ''}`;
}

const escape = (s: string) => s.replace(/[\\`*_{}[\]<>#|]/g, (c) => `\\${c}`);

/** What `boardPaper.meetingStatus` shows (returned too, for tests and other extensions). */
export interface MeetingStatusShown {
  status: MeetingStatusResult;
  title: string;
  items: string[];
}

/** Register the view, its refresh command and `boardPaper.meetingStatus`. */
export function registerMeetingView(context: vscode.ExtensionContext, needClient: () => Promise<LanguageClient | undefined>): MeetingTree {
  const tree = new MeetingTree(needClient);
  const view = vscode.window.createTreeView(MEETING_VIEW, { treeDataProvider: tree, showCollapseAll: true });
  tree.view = view;
  context.subscriptions.push(
    tree,
    view,
    vscode.commands.registerCommand('boardPaper.refreshMeetings', () => tree.refresh()),
    vscode.commands.registerCommand('boardPaper.meetingStatus', (arg?: unknown) => meetingStatus(tree, arg)),
    // agenda.yaml is for the language server too (it starts on a board paper otherwise).
    vscode.workspace.onDidOpenTextDocument((d) => {
      if (/(^|\/)agenda\.yaml$/.test(d.uri.path)) void needClient().catch(() => undefined);
    }),
  );
  // Show the view where there are meetings to show.
  void vscode.workspace.findFiles('{**/agenda.yaml,**/papers/**/*.md,**/*.paper.md,**/.boardpaper.yaml}', '**/node_modules/**', 1).then(
    (found) => vscode.commands.executeCommand('setContext', 'boardPaper.showMeetings', found.length > 0),
    () => undefined,
  );
  if (vscode.workspace.textDocuments.some((d) => /(^|\/)agenda\.yaml$/.test(d.uri.path))) void needClient().catch(() => undefined);
  return tree;
}

/**
 * The readiness of a meeting in a quick pick: each item with its state;
 * choosing one opens its paper. The meeting: the argument (a view node, a
 * MeetingEntry, or `{ agendaUri }`), else the agenda open in the editor,
 * else the one meeting of the workspace, else one the user picks.
 */
async function meetingStatus(tree: MeetingTree, arg?: unknown): Promise<MeetingStatusShown | undefined> {
  let meeting: MeetingEntry | undefined;
  const a = arg as (Partial<Node> & Partial<MeetingEntry> & { agendaUri?: string }) | undefined;
  if (a && 'kind' in a && a.kind === 'meeting' && a.meeting) meeting = a.meeting;
  else if (a && typeof a.agendaUri === 'string')
    meeting = { meeting: a.meeting ?? '', date: a.date ?? '', agendaUri: a.agendaUri, folderUri: a.folderUri ?? '', label: a.label ?? '' };
  else if (a && typeof a.meeting === 'string' && typeof a.date === 'string')
    meeting = { meeting: a.meeting, date: a.date, folderUri: a.folderUri ?? '', label: `${a.meeting} — ${a.date}` };
  if (!meeting) {
    const list = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Board paper: finding meetings' }, async () => {
      const client = await tree.needClient();
      return client ? await client.sendRequest<MeetingEntry[]>(MeetingListRequest, {}) : [];
    });
    const active = vscode.window.activeTextEditor?.document.uri.toString();
    meeting = list.find((m) => m.agendaUri && m.agendaUri === active) ?? (list.length === 1 ? list[0] : undefined);
    if (!meeting) {
      if (!list.length) {
        void vscode.window.showInformationMessage('Board paper: no meetings in this workspace (board papers with a meeting and date, or an agenda.yaml).');
        return undefined;
      }
      const pick = await vscode.window.showQuickPick(
        list.map((m) => ({ label: m.label, meeting: m })),
        { title: 'Meeting readiness', placeHolder: 'Which meeting?' },
      );
      if (!pick) return undefined;
      meeting = pick.meeting;
    }
  }
  const status = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Board paper: checking the papers for ${meeting.label || meeting.meeting}` },
    () => tree.status(meeting!),
  );
  const papers = status.items.filter((i) => i.kind === 'paper');
  const received = papers.filter((i) => i.state === 'received' || i.state === 'findings').length;
  const title = `${status.meeting}${status.date ? ` — ${status.date}` : ''}: ${received} of ${papers.length} papers received${status.papersDue ? ` (due ${status.papersDue})` : ''}; ${status.ready ? 'ready' : 'not ready'}`;
  type Pick = vscode.QuickPickItem & { item?: MeetingStatusItem };
  const picks: Pick[] = [];
  let part = 0;
  for (const item of status.items) {
    if (item.part !== part) {
      part = item.part;
      picks.push({ label: part === 1 ? 'Part 1' : 'Part 2 (confidential)', kind: vscode.QuickPickItemKind.Separator });
    }
    picks.push({ label: `$(${stateIcon(item).id}) ${itemLabel(item)}`, description: item.stateText, detail: item.file, item });
  }
  for (const f of status.notOnAgenda) picks.push({ label: `$(info) Not on the agenda: ${f}` });
  for (const n of status.nearMisses) picks.push({ label: `$(info) Left out: ${n.file} ("${n.meeting}")` });
  const qp = vscode.window.createQuickPick<Pick>();
  qp.title = title;
  qp.placeholder = 'Choose an item to open its paper';
  qp.items = picks;
  qp.matchOnDescription = true;
  qp.onDidAccept(() => {
    const item = qp.selectedItems[0]?.item;
    qp.hide();
    if (item?.uri) void vscode.commands.executeCommand('vscode.open', vscode.Uri.parse(item.uri));
    else if (item && status.agendaUri && item.line !== undefined)
      void vscode.window.showTextDocument(vscode.Uri.parse(status.agendaUri), { selection: new vscode.Range(item.line, 0, item.line, 0) });
  });
  qp.onDidHide(() => qp.dispose());
  qp.show();
  return { status, title, items: picks.filter((p) => p.kind !== vscode.QuickPickItemKind.Separator).map((p) => p.label) };
}
