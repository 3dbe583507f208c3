/**
 * agenda.yaml in the language server, over stdio: live diagnostics (the same
 * as `boardpaper check`), completion, hover, and the Meeting view's requests.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CompletionList, Hover } from 'vscode-languageserver-protocol';
import type { MeetingEntry, MeetingStatusResult } from '../../server/src/protocol-meeting';
import { cliLines, cursor, diagnosticLines, messageOf, TestClient, uri, workspace } from './lsp-client';
import { BODY_2024, paper } from './papers';

const AGENDA = `meeting: ICB Board
date: 2024-03-13
items:
  - item: "1"
    title: Welcome
    kind: verbal
  - item: "10"
    title: Recovery and Transformation Programmes
    presenter: Deputy Chief Executive
  - item: "11"
    title: Primary care access recovery plan
  - item: "12"
    title: Heronsgate estates disposal
    confidential: true
`;

function meetingFolder(extra: Record<string, string> = {}): string {
  return workspace({
    'meetings/2024-03-13/agenda.yaml': AGENDA,
    'meetings/2024-03-13/10-recovery.md': paper(),
    'meetings/2024-03-13/12-estates.md': paper({
      title: 'Heronsgate estates disposal',
      agenda_item: '"12"',
      confidential: 'true\nconfidential_reason: Commercial interests (s43 FOI Act)',
    }),
    'meetings/2024-03-13/13-finance.md': paper({ title: 'Finance report', agenda_item: '"13"', presented_by: 'Sam Proctor, Chief Finance Officer' }),
    'meetings/2024-03-13/minutes.md': '# Minutes\n\nOf the last meeting.\n',
    ...extra,
  });
}

/** Wait for the end of the first indexing run (hover and completion read the index as it is). */
function indexed(c: TestClient) {
  return c.until(() => c.progress.some((p) => (p as { value: { kind: string } }).value.kind === 'end'), 10000, 'indexing');
}

const labels = (l: CompletionList | null) => (l?.items ?? []).map((i) => i.label);

describe('language server: agenda.yaml', function () {
  this.timeout(40000);

  it('publishes the agenda rules live, as boardpaper check reports them, and follows edits to the agenda and to papers', async () => {
    const dir = meetingFolder();
    const file = path.join(dir, 'meetings/2024-03-13/agenda.yaml');
    const c = await TestClient.start({ folders: [dir] });
    try {
      const u = c.open(file, AGENDA, 'yaml');
      const d = await c.diagnosticsFor(u, (x) => x.length > 0);
      assert.deepEqual(
        d.map((x) => `${x.range.start.line + 1} ${x.code}`),
        ['3 paper-not-on-agenda', '10 agenda-paper-missing'],
      );
      assert.match(messageOf(d[0]!), /"13-finance\.md" is a paper for this meeting/);
      assert.equal(d[1]!.codeDescription?.href.endsWith('docs/rules/agenda-paper-missing.md'), true);
      // The same findings as the CLI, line for line.
      const cli = cliLines(dir, ['meetings']).get('meetings/2024-03-13/agenda.yaml');
      assert.deepEqual(diagnosticLines(d), cli);

      // Edit the agenda: list 13, drop 11.
      c.change(
        u,
        AGENDA.replace('  - item: "11"\n    title: Primary care access recovery plan\n', '  - item: "13"\n    title: Finance report\n    kind: paper\n'),
      );
      assert.deepEqual(await c.diagnosticsFor(u), []);

      // A paper that changes its item in the editor: the agenda's findings follow.
      const p = c.open(path.join(dir, 'meetings/2024-03-13/13-finance.md'));
      c.change(p, c.text(p).replace('agenda_item: "13"', 'agenda_item: "14"'));
      const again = await c.diagnosticsFor(u, (x) => x.length === 2);
      assert.deepEqual(again.map((x) => x.code).sort(), ['agenda-paper-missing', 'paper-not-on-agenda']);
    } finally {
      await c.stop();
    }
  });

  it('never crashes on an agenda that is not YAML, and reports agenda-syntax', async () => {
    const dir = meetingFolder();
    const c = await TestClient.start({ folders: [dir] });
    try {
      const u = c.open(path.join(dir, 'meetings/2024-03-13/agenda.yaml'), 'meeting: [\n  - : :\n\u0000', 'yaml');
      const d = await c.diagnosticsFor(u, (x) => x.length > 0);
      assert.deepEqual(
        d.map((x) => x.code),
        ['agenda-syntax'],
      );
      c.change(u, '');
      assert.ok((await c.diagnosticsFor(u, (x) => x.length > 0)).every((x) => x.code === 'agenda-syntax'));
      assert.ok(c.alive());
    } finally {
      await c.stop();
    }
  });

  it('completes kinds, presenters, paper files, item numbers and whole items', async () => {
    const dir = meetingFolder();
    const file = path.join(dir, 'meetings/2024-03-13/agenda.yaml');
    const c = await TestClient.start({ folders: [dir] });
    try {
      await indexed(c);
      const at = async (marked: string) => {
        const { text, position } = cursor(marked);
        const u = uri(file);
        if (c.diagnostics.has(u) || (c as unknown as { versions: Map<string, number> }).versions.has(u)) c.change(u, text);
        else c.open(file, text, 'yaml');
        return c.request<CompletionList | null>('textDocument/completion', { textDocument: { uri: u }, position });
      };
      assert.deepEqual(labels(await at(AGENDA.replace('kind: verbal', 'kind: |'))), ['paper', 'verbal', 'presentation', 'document']);
      const presenters = labels(await at(AGENDA.replace('presenter: Deputy Chief Executive', 'presenter: |')));
      assert.equal(presenters[0], 'Maggie Oldham, Deputy Chief Executive/Chief of Recovery and Transformation', "this item's paper first");
      assert.ok(presenters.includes('Sam Proctor, Chief Finance Officer'));
      const files = await at(AGENDA + '  - item: "4"\n    title: Minutes\n    kind: document\n    file: |');
      assert.deepEqual(labels(files), ['10-recovery.md', '12-estates.md', '13-finance.md', 'minutes.md']);
      assert.equal(files!.items[3]!.detail, 'document');
      assert.deepEqual(labels(await at(AGENDA + '  - item: |')), ['13']);
      const whole = await at(AGENDA + '  - |');
      const item13 = whole!.items.find((i) => i.label === 'item 13: 13-finance.md');
      assert.ok(item13, labels(whole).join(', '));
      assert.equal(
        (item13.textEdit as { newText: string }).newText,
        'item: "13"\n    title: Finance report\n    kind: paper\n    presenter: Sam Proctor, Chief Finance Officer',
      );
      assert.ok(labels(await at('|')).includes('papers_due'));
    } finally {
      await c.stop();
    }
  });

  it('hovers an item with its paper and state, or says it has none', async () => {
    const dir = meetingFolder();
    const file = path.join(dir, 'meetings/2024-03-13/agenda.yaml');
    const c = await TestClient.start({ folders: [dir] });
    try {
      await indexed(c);
      const u = c.open(file, AGENDA, 'yaml');
      const hover = (line: number) => c.request<Hover | null>('textDocument/hover', { textDocument: { uri: u }, position: { line, character: 6 } });
      const ten = (await hover(7))!.contents as { value: string };
      assert.match(ten.value, /\*\*Item 10\*\* · paper · received/);
      assert.match(ten.value, /Paper: `10-recovery\.md`/);
      assert.match(ten.value, /0 errors, 0 warnings/);
      const eleven = (await hover(9))!.contents as { value: string };
      assert.match(eleven.value, /\*\*Item 11\*\* · paper · (missing|overdue by \d+ working days?)/);
      assert.match(eleven.value, /No paper yet/);
      assert.equal(await hover(0).then((h) => !!h), true, 'the meeting line');
    } finally {
      await c.stop();
    }
  });

  it("lists the meetings of the workspace and gives a meeting's readiness without Part 2 titles", async () => {
    const dir = meetingFolder({ 'other/2024-05-08/09-plan.md': paper({ date: '2024-05-08', agenda_item: '"9"', title: 'Plan' }, BODY_2024) });
    const c = await TestClient.start({ folders: [dir] });
    try {
      const list = await c.request<MeetingEntry[]>('boardPaper/meetingList', {});
      assert.deepEqual(
        list.map((m) => [m.meeting, m.date, !!m.agendaUri]),
        [
          ['Integrated Care Board', '2024-05-08', false],
          ['Integrated Care Board', '2024-03-13', true],
        ],
      );
      const s = await c.request<MeetingStatusResult>('boardPaper/meetingStatus', { agendaUri: list[1]!.agendaUri, today: '2024-03-12' });
      assert.deepEqual(
        s.items.map((i) => [i.item, i.state, i.part, i.title]),
        [
          ['1', 'verbal', 1, 'Welcome'],
          ['10', 'received', 1, 'Recovery and Transformation Programmes'],
          ['11', 'overdue', 1, 'Primary care access recovery plan'],
          ['12', 'received', 2, 'Confidential item'],
        ],
      );
      assert.equal(s.items[3]!.uri, uri(path.join(dir, 'meetings/2024-03-13/12-estates.md')));
      assert.equal(s.items[1]!.line, 6);
      assert.ok(
        !JSON.stringify(s).toLowerCase().includes('estates disposal') && !JSON.stringify(s).includes('Heronsgate'),
        "no Part 2 title, the agenda's or the paper's",
      );
      assert.deepEqual(s.notOnAgenda, ['13-finance.md']);
      assert.equal(s.ready, false);
      const none = await c.request<MeetingStatusResult>('boardPaper/meetingStatus', {
        meeting: 'Integrated Care Board',
        date: '2024-05-08',
        folderUri: list[0]!.folderUri,
      });
      assert.deepEqual(
        none.items.filter((i) => !i.standing).map((i) => [i.item, i.state, i.file]),
        [['9', 'received', '09-plan.md']],
      );
      assert.ok(none.items.some((i) => i.standing));
      // The paper changes on disk: the readiness follows.
      fs.writeFileSync(
        path.join(dir, 'other/2024-05-08/09-plan.md'),
        paper({ date: '2024-05-08', agenda_item: '"9"', title: 'Plan', purpose: 'approval' }, BODY_2024),
      );
      c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(path.join(dir, 'other/2024-05-08/09-plan.md')), type: 2 }] });
      await new Promise((r) => setTimeout(r, 300));
      const changed = await c.request<MeetingStatusResult>('boardPaper/meetingStatus', {
        meeting: 'Integrated Care Board',
        date: '2024-05-08',
        folderUri: list[0]!.folderUri,
      });
      assert.equal(changed.items.find((i) => i.item === '9')!.state, 'findings');
    } finally {
      await c.stop();
    }
  });
});
