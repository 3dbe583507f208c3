/**
 * Workspace awareness: the index of unopened papers (duplicate agenda items,
 * committees), watched files, profiles on disk and in the editor.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CompletionList, Diagnostic } from 'vscode-languageserver-protocol';
import { cursor, messageOf, TestClient, uri, workspace } from './lsp-client';
import { BODY_2024, paper } from './papers';
import type { MeetingSummary } from '../../server/src/protocol';

const codes = (d: Diagnostic[]) => d.map((x) => x.code).sort();
const CREATED = 1;
const CHANGED = 2;
const DELETED = 3;

function indexed(c: TestClient, n = 1) {
  return c.until(() => c.progress.filter((p) => (p as { value: { kind: string } }).value.kind === 'end').length >= n, 10000, 'indexing');
}

describe('language server: workspace', function () {
  this.timeout(30000);

  it('reports indexing progress with window/workDoneProgress', async () => {
    const dir = workspace({ 'papers/a.md': paper(), 'papers/b.md': paper({ agenda_item: '"11"' }) });
    const c = await TestClient.start({ folders: [dir] });
    try {
      await indexed(c);
      const kinds = c.progress.map((p) => (p as { value: { kind: string } }).value.kind);
      assert.equal(kinds[0], 'begin');
      assert.equal(kinds.at(-1), 'end');
      const begin = c.progress[0] as { value: { title: string } };
      assert.match(begin.value.title, /index/i);
    } finally {
      await c.stop();
    }
  });

  it('duplicate-agenda-item across an opened and an unopened paper, and gone when the item changes', async () => {
    const dir = workspace({
      'papers/2024-05-08/10-recovery.md': paper({ date: '2024-05-08' }, BODY_2024),
      'papers/2024-05-08/10-virtual-wards.md': paper({ date: '2024-05-08', title: 'Virtual wards', meeting: 'ICB Board' }, BODY_2024),
      'papers/2024-05-08/11-dental.md': paper({ date: '2024-05-08', title: 'Dental', agenda_item: '"11"' }, BODY_2024),
    });
    const c = await TestClient.start({ folders: [dir] });
    try {
      await indexed(c);
      const u = c.open(path.join(dir, 'papers/2024-05-08/10-virtual-wards.md'));
      const d = await c.diagnosticsFor(u, (x) => x.length > 0);
      assert.deepEqual(codes(d), ['duplicate-agenda-item']);
      assert.match(messageOf(d[0]!), /papers\/2024-05-08\/10-recovery\.md/);
      assert.equal(d[0]!.range.start.line, 1, 'on the title: line');
      // Renumber the open paper: the clash is gone.
      c.change(u, c.text(u).replace('agenda_item: "10"', 'agenda_item: "10.1"'));
      assert.deepEqual(await c.diagnosticsFor(u), []);
    } finally {
      await c.stop();
    }
  });

  it('a change in one open paper re-checks the other open papers', async () => {
    const dir = workspace({
      'papers/a.md': paper({ date: '2024-05-08', agenda_item: '"5"' }, BODY_2024),
      'papers/b.md': paper({ date: '2024-05-08', agenda_item: '"6"', title: 'B' }, BODY_2024),
    });
    const c = await TestClient.start({ folders: [dir] });
    try {
      await indexed(c);
      const a = c.open(path.join(dir, 'papers/a.md'));
      const b = c.open(path.join(dir, 'papers/b.md'));
      assert.deepEqual(await c.diagnosticsFor(a), []);
      assert.deepEqual(await c.diagnosticsFor(b), []);
      c.change(b, c.text(b).replace('agenda_item: "6"', 'agenda_item: "5"'));
      assert.deepEqual(codes(await c.diagnosticsFor(b, (x) => x.length > 0)), ['duplicate-agenda-item']);
      const da = await c.diagnosticsFor(a, (x) => x.length > 0);
      assert.deepEqual(codes(da), ['duplicate-agenda-item']);
      assert.match(messageOf(da[0]!), /papers\/b\.md/);
      // Closing b: a is compared with b on disk (item 6) again.
      c.close(b);
      await c.diagnosticsFor(a, (x) => x.length === 0);
    } finally {
      await c.stop();
    }
  });

  it('files created, changed and deleted on disk (workspace/didChangeWatchedFiles)', async () => {
    const dir = workspace({ 'papers/a.md': paper({ date: '2024-05-08', agenda_item: '"8"' }, BODY_2024) });
    const c = await TestClient.start({ folders: [dir] });
    try {
      await indexed(c);
      const a = c.open(path.join(dir, 'papers/a.md'));
      assert.deepEqual(await c.diagnosticsFor(a), []);
      const other = path.join(dir, 'papers/new.md');
      fs.writeFileSync(other, paper({ date: '2024-05-08', agenda_item: '"8"', title: 'New', meeting: 'Lancashire Place Board' }, BODY_2024));
      c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(other), type: CREATED }] });
      // Different meeting: no clash, but its committee is now offered.
      const { text, position } = cursor(paper({ meeting: '|' }));
      const u = c.open(path.join(dir, 'papers/draft.md'), text);
      const list = await c.request<CompletionList>('textDocument/completion', { textDocument: { uri: u }, position });
      assert.ok(
        list.items.some((i) => i.label === 'Lancashire Place Board'),
        JSON.stringify(list.items.map((i) => i.label)),
      );
      c.close(u);
      fs.writeFileSync(other, paper({ date: '2024-05-08', agenda_item: '"8"', title: 'New' }, BODY_2024));
      c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(other), type: CHANGED }] });
      assert.deepEqual(codes(await c.diagnosticsFor(a, (x) => x.length > 0)), ['duplicate-agenda-item']);
      fs.rmSync(other);
      c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(other), type: DELETED }] });
      await c.diagnosticsFor(a, (x) => x.length === 0);
    } finally {
      await c.stop();
    }
  });

  it('an invalid profile: errors on the profile file at the problem line, no rule diagnostics for its papers, no crash', async () => {
    const dir = workspace({
      '.boardpaper.yaml': 'organisation: Test ICB\nexecutive_summary_words: lots\nrules:\n  field-type: loud\n',
      'papers/p.md': paper({ purpose: 'approval' }),
      'other/.boardpaper.yaml': 'organisation: Fine\n',
      'other/q.md': paper({ purpose: 'approval', agenda_item: '"12"' }),
    });
    const c = await TestClient.start({ folders: [dir] });
    try {
      const profileUri = uri(path.join(dir, '.boardpaper.yaml'));
      const p = c.open(path.join(dir, 'papers/p.md'));
      assert.deepEqual(await c.diagnosticsFor(p), []);
      const pd = await c.until(() => (c.latest(profileUri)?.diagnostics.length ? c.latest(profileUri)!.diagnostics : undefined), 8000, 'profile diagnostics');
      const lines = pd.map((d) => d.range.start.line).sort();
      assert.deepEqual(lines, [1, 3]);
      for (const d of pd) {
        assert.equal(d.severity, 1);
        assert.equal(d.source, 'boardpaper');
      }
      assert.match(messageOf(pd.find((d) => d.range.start.line === 1)!), /executive_summary_words/);
      // The author is told once why the paper shows nothing.
      await c.until(() => c.messages.some((m) => m.type === 2 && /profile/.test(m.message)), 5000, 'a warning message');
      // A paper under another, valid profile is still checked.
      const q = c.open(path.join(dir, 'other/q.md'));
      assert.deepEqual(codes(await c.diagnosticsFor(q, (x) => x.length > 0)), ['field-type']);
      assert.ok(c.alive());

      // Correct the profile on disk: its errors go and the paper is checked again.
      fs.writeFileSync(path.join(dir, '.boardpaper.yaml'), 'organisation: Test ICB\nexecutive_summary_words: 300\n');
      c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: profileUri, type: CHANGED }] });
      assert.deepEqual(codes(await c.diagnosticsFor(p, (x) => x.length > 0)), ['field-type']);
      await c.until(() => c.latest(profileUri)?.diagnostics.length === 0, 8000, 'profile diagnostics cleared');
    } finally {
      await c.stop();
    }
  });

  it('a profile open in the editor: unsaved edits re-check the open papers and show its own errors', async () => {
    const dir = workspace({ '.boardpaper.yaml': 'organisation: Test ICB\n', 'papers/p.md': paper({ purpose: 'approval', agenda_item: '10.10' }) });
    const c = await TestClient.start({ folders: [dir] });
    try {
      const p = c.open(path.join(dir, 'papers/p.md'));
      assert.deepEqual(codes(await c.diagnosticsFor(p, (x) => x.length > 0)), ['agenda-item-number', 'field-type']);
      const prof = c.open(path.join(dir, '.boardpaper.yaml'), undefined, 'yaml');
      c.change(prof, 'organisation: Test ICB\nrules:\n  field-type: "off"\n');
      assert.deepEqual(codes(await c.diagnosticsFor(p, (x) => x.length === 1)), ['agenda-item-number']);
      c.change(prof, 'organisation: Test ICB\nrules:\n  field-type: "off"\npapers: 7\n');
      const pd = await c.until(() => (c.latest(prof)?.diagnostics.length ? c.latest(prof)!.diagnostics : undefined), 8000, 'profile diagnostics');
      assert.equal(pd[0]!.range.start.line, 3);
      assert.match(messageOf(pd[0]!), /papers/);
      await c.diagnosticsFor(p, (x) => x.length === 0);
      // Closing it without saving: back to the file on disk.
      c.close(prof);
      assert.deepEqual(codes(await c.diagnosticsFor(p, (x) => x.length === 2)), ['agenda-item-number', 'field-type']);
    } finally {
      await c.stop();
    }
  });

  it('editing the risk register re-checks the open papers', async () => {
    const dir = workspace({
      '.boardpaper.yaml': 'risk_register: risks.csv\n',
      'risks.csv': 'id,title\n"008",System Financial Sustainability\n',
      'papers/p.md': paper(),
    });
    const c = await TestClient.start({ folders: [dir] });
    try {
      const p = c.open(path.join(dir, 'papers/p.md'));
      const d = await c.diagnosticsFor(p, (x) => x.length > 0);
      assert.deepEqual(codes(d), ['unknown-risk']);
      fs.appendFileSync(path.join(dir, 'risks.csv'), '"019",NOF ratings\n');
      c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(path.join(dir, 'risks.csv')), type: CHANGED }] });
      assert.deepEqual(await c.diagnosticsFor(p, (x) => x.length === 0), []);
    } finally {
      await c.stop();
    }
  });

  it('a workspace folder added later is indexed (workspace/didChangeWorkspaceFolders)', async () => {
    const first = workspace({ 'papers/a.md': paper({ date: '2024-05-08', agenda_item: '"3"' }, BODY_2024) });
    const second = workspace({ 'papers/b.md': paper({ date: '2024-05-08', agenda_item: '"3"', title: 'B' }, BODY_2024) });
    const c = await TestClient.start({ folders: [first] });
    try {
      await indexed(c);
      const a = c.open(path.join(first, 'papers/a.md'));
      assert.deepEqual(await c.diagnosticsFor(a), []);
      c.notify('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: uri(second), name: 'second' }], removed: [] } });
      const d = await c.diagnosticsFor(a, (x) => x.length > 0);
      assert.deepEqual(codes(d), ['duplicate-agenda-item']);
      assert.match(messageOf(d[0]!), /second\/papers\/b\.md/, 'named with its folder when there are several');
      c.notify('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [{ uri: uri(second), name: 'second' }] } });
      await c.diagnosticsFor(a, (x) => x.length === 0);
    } finally {
      await c.stop();
    }
  });
  it('knows unopened papers by their cover sheets, and a request sent at once waits for the whole index', async () => {
    const files: Record<string, string> = {};
    for (let i = 1; i <= 400; i++) {
      const item = `"${i}"`;
      const conf = i % 4 === 0 ? 'true\nconfidential_reason: Section 43 FOI Act' : i % 4 === 1 ? 'false' : i % 4 === 2 ? 'yes' : 'false';
      files[`papers/2024-05-08/${String(i).padStart(3, '0')}.md`] = paper(
        { date: '2024-05-08', agenda_item: item, title: `Paper ${i}`, confidential: conf },
        BODY_2024,
      );
    }
    files['papers/2024-05-08/notes.md'] = '# Notes\n\nNot a board paper.\n';
    const dir = workspace(files);
    const c = await TestClient.start({ folders: [dir] });
    try {
      // No wait for the indexing progress: the answer must still count every paper.
      const meetings = await c.request<MeetingSummary[]>('boardPaper/meetings', {});
      assert.deepEqual(
        meetings.map((m) => [m.meeting, m.date, m.papers, m.confidential]),
        [['Integrated Care Board', '2024-05-08', 400, 200]],
        'confidential as the pack decides: true and "yes" (not a boolean) go to Part 2',
      );
      await indexed(c);
      // An unopened paper with the same item as an open one: the clash is seen from its cover sheet.
      const u = c.open(path.join(dir, 'papers/2024-05-08/new.md'), paper({ date: '2024-05-08', agenda_item: '"7"', title: 'New' }, BODY_2024));
      const d = await c.diagnosticsFor(u, (x) => x.length > 0);
      assert.deepEqual(codes(d), ['duplicate-agenda-item']);
      assert.match(messageOf(d[0]!), /papers\/2024-05-08\/007\.md/);
    } finally {
      await c.stop();
    }
  });
});
