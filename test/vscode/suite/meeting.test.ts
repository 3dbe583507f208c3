/**
 * The Meeting view and boardPaper.meetingStatus in a real VS Code, and
 * agenda.yaml checked live. Workspace: test/vscode/workspace/meeting/2024-03-13
 * (item 20 received, item 21 with no paper, item 22 in Part 2).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXT_ID, waitFor, root } from './helpers';

const SECRET = 'Heronsgate';

const meetingDir = () => vscode.Uri.joinPath(root(), 'meeting', '2024-03-13');

interface Tree {
  getChildren(node?: unknown): Promise<{ kind: string; meeting?: { label: string; agendaUri?: string }; item?: { item: string; state: string } }[]>;
  getTreeItem(node: unknown): vscode.TreeItem;
  onDidChangeTreeData: vscode.Event<unknown>;
  view?: vscode.TreeView<unknown>;
  meetings?: unknown[];
}

describe('the Meeting view', function () {
  this.timeout(120000);
  let tree: Tree;

  before(async () => {
    const api = (await vscode.extensions.getExtension(EXT_ID)!.activate()) as { ready: Promise<unknown>; meetings?: Tree };
    await api.ready;
    assert.ok(api.meetings, 'the extension has a Meeting view');
    tree = api.meetings;
  });

  async function itemsOf(label: RegExp) {
    const meetings = await tree.getChildren();
    const m = meetings.find((n) => n.kind === 'meeting' && label.test(n.meeting!.label));
    assert.ok(m, `meetings: ${meetings.map((n) => n.meeting?.label).join(', ')}`);
    return { meeting: m, items: await tree.getChildren(m) };
  }

  it('is contributed to the explorer and can be shown', async () => {
    const ext = vscode.extensions.getExtension(EXT_ID)!;
    const views = (ext.packageJSON.contributes.views.explorer as { id: string; name: string }[]).map((v) => `${v.id}:${v.name}`);
    assert.ok(views.includes('boardPaper.meetings:Meeting'));
    await vscode.commands.executeCommand('boardPaper.meetings.focus');
    // VS Code itself shows the view and asks the tree for its meetings.
    await waitFor('the view to be visible', () => tree.view?.visible);
    await waitFor('VS Code to ask for the meetings', () => (tree.meetings ?? []).length > 0);
  });

  it('lists the meeting and its agenda items with state icons, Part 2 without its title', async () => {
    const { meeting, items } = await itemsOf(/^Integrated Care Board — 2024-03-13$/);
    const rows = items
      .filter((n) => n.kind === 'item')
      .map((n) => {
        const t = tree.getTreeItem(n);
        return [t.label, (t.iconPath as vscode.ThemeIcon).id, String(t.description)];
      });
    assert.deepEqual(
      rows.map((r) => [r[0], r[1]]),
      [
        ["1  Welcome, introductions and chair's remarks", 'comment'],
        ['20  Recovery and Transformation Programmes', 'pass'],
        ['21  Primary care access recovery plan', 'clock'],
        ['22  Confidential item', 'pass'],
      ],
    );
    assert.match(String(rows[2]![2]), /overdue by \d+ working days/);
    assert.match(String(rows[3]![2]), /^Part 2 · received$/);
    const meetingItem = tree.getTreeItem(meeting);
    assert.match(String(meetingItem.description), /^2 of 3 papers$/);
    for (const n of items) {
      const t = tree.getTreeItem(n);
      const text = JSON.stringify({
        label: t.label,
        description: t.description,
        tooltip: t.tooltip instanceof vscode.MarkdownString ? t.tooltip.value : t.tooltip,
      });
      assert.ok(!text.includes(SECRET), `no Part 2 title in the view: ${text}`);
    }
  });

  it('opens the paper on click', async () => {
    const { items } = await itemsOf(/2024-03-13/);
    const ten = items.find((n) => n.item?.item === '20')!;
    const cmd = tree.getTreeItem(ten).command!;
    assert.equal(cmd.command, 'vscode.open');
    await vscode.commands.executeCommand(cmd.command, ...(cmd.arguments ?? []));
    await waitFor('the paper in the editor', () => vscode.window.activeTextEditor?.document.uri.path.endsWith('/meeting/2024-03-13/20-recovery.md'));
  });

  it('refreshes as papers change: a paper for item 21 arrives', async () => {
    const changed = new Promise<void>((r) => {
      const sub = tree.onDidChangeTreeData(() => {
        sub.dispose();
        r();
      });
    });
    const ten = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(meetingDir(), '20-recovery.md')));
    const eleven = ten
      .replace('title: Recovery and Transformation Programmes', 'title: Primary care access recovery plan')
      .replace('agenda_item: "20"', 'agenda_item: "21"');
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(meetingDir(), '21-primary-care.md'), new TextEncoder().encode(eleven));
    await waitFor('the view to refresh', () => Promise.race([changed.then(() => true), new Promise<false>((r) => setTimeout(() => r(false), 500))]), 30000);
    const state = await waitFor('item 21 received', async () => {
      const { items } = await itemsOf(/2024-03-13/);
      const s = items.find((n) => n.item?.item === '21')?.item?.state;
      return s === 'received' && s;
    });
    assert.equal(state, 'received');
  });

  it('boardPaper.meetingStatus shows the readiness of the meeting', async () => {
    const agendaUri = vscode.Uri.joinPath(meetingDir(), 'agenda.yaml').toString();
    const shown = (await vscode.commands.executeCommand('boardPaper.meetingStatus', { agendaUri })) as {
      title: string;
      items: string[];
      status: { ready: boolean };
    };
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.match(shown.title, /^Integrated Care Board — 2024-03-13: 3 of 3 papers received \(due 2024-03-04\); ready$/);
    assert.equal(shown.status.ready, true);
    assert.ok(
      shown.items.some((l) => /^\$\(pass\) 22 {2}Confidential item$/.test(l)),
      shown.items.join('\n'),
    );
    assert.ok(!JSON.stringify(shown).includes(SECRET));
  });

  it('checks agenda.yaml live in the editor', async () => {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(meetingDir(), 'agenda.yaml'));
    const ed = await vscode.window.showTextDocument(doc);
    await ed.edit((e) => e.insert(new vscode.Position(doc.lineCount - 1, 0), '  - item: "23"\n    title: A paper nobody has written\n'));
    const codes = await waitFor('agenda diagnostics', () => {
      const c = vscode.languages
        .getDiagnostics(doc.uri)
        .filter((d) => d.source === 'boardpaper')
        .map((d) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code)));
      return c.includes('agenda-paper-missing') && c;
    });
    assert.deepEqual(codes, ['agenda-paper-missing']);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
