/**
 * The extension's own requests over the real protocol: the preview (cover
 * sheet, findings in place, nothing executable from the paper), the
 * template generator, meetings found in the workspace, and the agenda pack.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TestClient, workspace } from './lsp-client';
import { CLEAN, paper } from './papers';
import type { BuildPackResult, MeetingSummary, NewPaperResult, PreviewResult, TemplateInfo } from '../../server/src/protocol';

const HOSTILE = `

## Background

<script>window.pwned = 1</script>
<img src="x" onerror="alert(1)">
<iframe src="https://example.com"></iframe>

[click](javascript:alert(1)) and <a href="javascript:alert(3)">this</a>

<svg><script>alert(2)</script></svg>
<div style="background:url(https://tracker.example/x.png)">styled</div>

![remote](https://tracker.example/pixel.png)
`;

describe('extension requests (boardPaper/*) over the protocol', function () {
  this.timeout(30000);
  let client: TestClient;
  let dir: string;

  before(async () => {
    dir = workspace({
      'papers/2024-03-13/10-recovery.md': CLEAN,
      'papers/2024-03-13/11-other.md': paper({ agenda_item: '"11"', title: 'Quality Report' }),
      'papers/2024-03-13/12-secret.md': paper({
        agenda_item: '"12"',
        title: 'Heronsgate Acquisition',
        confidential: 'true\nconfidential_reason: Section 43 FOI Act',
      }),
    });
    client = await TestClient.start({ folders: [dir] });
  });
  after(async () => client?.stop());

  it('previews a paper: the cover sheet, the body, and findings marked in place', async () => {
    const text = CLEAN.replace('purpose: note', 'purpose: approval');
    const u = client.open(path.join(dir, 'papers/2024-03-13/10-recovery.md'), text);
    await client.diagnosticsFor(u, (d) => d.length > 0);
    const r = await client.request<PreviewResult>('boardPaper/preview', { uri: u });
    assert.equal(r.isPaper, true);
    assert.equal(r.title, 'Recovery and Transformation Programmes');
    assert.match(r.html, /Maggie Oldham/);
    assert.match(r.html, /Improve quality, including safety/);
    assert.match(r.html, /field-type/, 'the finding is shown');
    assert.match(r.html, /data-line="\d+"/, 'sections carry their source line for scroll sync');
    client.close(u);
  });

  it('previews nothing executable from the paper: no script, handlers, javascript: links, iframes or remote loads', async () => {
    const u = client.open(path.join(dir, 'papers/2024-03-13/10-recovery.md'), CLEAN + HOSTILE);
    await client.diagnosticsFor(u);
    const { html } = await client.request<PreviewResult>('boardPaper/preview', { uri: u });
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /\son[a-z]+\s*=/i);
    assert.doesNotMatch(html, /=\s*["']?\s*javascript:/i, 'no javascript: in any attribute');
    assert.match(html, /<a>click<\/a>/, 'the link keeps its words, not its target');
    assert.doesNotMatch(html, /<iframe/i);
    assert.doesNotMatch(html, /<img[^>]*tracker\.example/i, 'no remote image is loaded');
    assert.doesNotMatch(html, /style\s*=/i, 'no inline style from the paper (CSS url() loads)');
    assert.match(html, /styled/, 'the words are kept');
    client.close(u);
  });

  it('offers the profile and workspace to the template generator, and makes a paper', async () => {
    const folderUri = pathToFileURL(path.join(dir, 'papers', '2024-03-13')).toString();
    const info = await client.request<TemplateInfo>('boardPaper/templateInfo', { folderUri });
    assert.ok(info.committees.includes('Integrated Care Board'));
    assert.deepEqual(
      info.objectives.map((o) => o.code),
      ['SO1', 'SO2', 'SO3', 'SO4', 'SO5', 'SO6'],
    );
    assert.ok(info.meetingDates.some((m) => m.meeting === 'Integrated Care Board' && m.date === '2024-03-13'));
    const r = await client.request<NewPaperResult>('boardPaper/newPaper', {
      folderUri,
      title: '../../Winter Plan',
      meeting: 'ICB Board',
      date: '2024-11-13',
      purpose: 'approve',
      objectives: ['SO2'],
    });
    assert.equal(r.fileName, 'winter-plan.md', 'a plain file name, whatever the title');
    assert.match(r.text, /^meeting: Integrated Care Board$/m);
    assert.match(r.text, /## Health inequalities and unwarranted variation/);
    await assert.rejects(
      client.request('boardPaper/newPaper', { folderUri, title: 'X', meeting: 'Integrated Care Board', date: '2024-02-30', purpose: 'note', objectives: [] }),
      /date/,
    );
  });

  it('reads the new paper\u2019s folder from disk, without waiting for the editor\u2019s file watcher', async () => {
    // Written after the server indexed the workspace, and no didChangeWatchedFiles is sent.
    const folder = path.join(dir, 'papers', '2024-01-17');
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, '05-old.md'), paper({ agenda_item: '"5"', title: 'Old Meeting Paper', date: '2024-01-17' }));
    const folderUri = pathToFileURL(folder).toString();
    try {
      const info = await client.request<TemplateInfo>('boardPaper/templateInfo', { folderUri });
      assert.deepEqual(info.folderMeeting, { meeting: 'Integrated Care Board', date: '2024-01-17' });
      assert.ok(
        info.meetingDates.some((m) => m.date === '2024-03-13'),
        'the other folders are still known',
      );
      fs.rmSync(path.join(folder, '05-old.md'));
      const after = await client.request<TemplateInfo>('boardPaper/templateInfo', { folderUri });
      assert.equal(after.folderMeeting, undefined, 'a paper deleted from the folder no longer sets its meeting');
      assert.ok(!after.meetingDates.some((m) => m.date === '2024-01-17'));
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('lists the meetings found in the workspace and builds their agenda pack', async () => {
    const meetings = await client.request<MeetingSummary[]>('boardPaper/meetings', {});
    const m = meetings.find((x) => x.meeting === 'Integrated Care Board' && x.date === '2024-03-13');
    assert.ok(m, JSON.stringify(meetings));
    assert.equal(m.papers, 3);
    assert.equal(m.confidential, 1);
    const out = path.join(dir, 'pack.html');
    const r = await client.request<BuildPackResult>('boardPaper/buildPack', {
      folderUri: m.folderUri,
      meeting: m.meeting,
      date: m.date,
      part: 'public',
      format: 'html',
      outUri: pathToFileURL(out).toString(),
    });
    assert.deepEqual(r.files, [pathToFileURL(out).toString()]);
    const html = fs.readFileSync(out, 'utf8');
    assert.match(html, /Quality Report/);
    assert.doesNotMatch(html, /Heronsgate/, 'the confidential paper stays out of the public pack');
  });

  it('names a paper whose cover sheet does not parse, with the line and the fix, in one sentence; a draft leaves it out and lists it; only real dates are offered', async () => {
    const d = workspace({
      'm/10-good.md': paper({ agenda_item: '"10"', title: 'Quality Report', date: '2024-03-13' }),
      'm/11-colon.md': paper({ agenda_item: '"11"', title: 'Winter: the plan', date: '2024-03-13' }),
      'm/12-words.md': paper({ agenda_item: '"12"', title: 'Estates', date: '13 March 2024' }),
      'm/13-impossible.md': paper({ agenda_item: '"13"', title: 'Digital', date: '2024-02-30' }),
    });
    const c = await TestClient.start({ folders: [d] });
    try {
      const base = {
        folderUri: pathToFileURL(path.join(d, 'm')).toString(),
        meeting: 'Integrated Care Board',
        date: '2024-03-13',
        part: 'public',
        format: 'html',
      };
      const err = await c.request('boardPaper/buildPack', { ...base, outUri: pathToFileURL(path.join(d, 'final.html')).toString(), draft: false }).then(
        () => assert.fail('a final pack must be refused'),
        (e: { message: string; data?: { kind: string; file: string; line: number } }) => e,
      );
      assert.doesNotMatch(err.message, /^Request .* failed with message/);
      assert.match(
        err.message,
        /11-colon\.md may be a paper for this meeting but its cover sheet cannot be read \(line 2: the value of "title" contains ": ".*put the whole value in quotes: title: "Winter: the plan"\).*build a draft, which leaves it out/,
      );
      assert.equal(err.data?.kind, 'unreadable-cover-sheet');
      assert.equal(err.data?.line, 2);
      assert.ok(!fs.existsSync(path.join(d, 'final.html')));
      const r = await c.request<BuildPackResult>('boardPaper/buildPack', {
        ...base,
        outUri: pathToFileURL(path.join(d, 'draft.html')).toString(),
        draft: true,
      });
      assert.ok(fs.existsSync(path.join(d, 'draft.html')));
      assert.ok(
        r.warnings.some((w) => /11-colon\.md is left out: its cover sheet cannot be read \(line 2: /.test(w)),
        r.warnings.join('\n'),
      );
      assert.ok(
        r.warnings.some((w) => /12-words\.md is left out: .*"13 March 2024" is not written YYYY-MM-DD/.test(w)),
        r.warnings.join('\n'),
      );
      assert.ok(
        r.warnings.some((w) => /13-impossible\.md is left out: .*"2024-02-30" is not a date in the calendar/.test(w)),
        r.warnings.join('\n'),
      );
      const info = await c.request<TemplateInfo>('boardPaper/templateInfo', { folderUri: base.folderUri });
      assert.ok(!info.meetingDates.some((m) => m.date === '2024-02-30'), JSON.stringify(info.meetingDates));
      assert.deepEqual(info.folderMeeting, { meeting: 'Integrated Care Board', date: '2024-03-13' });
    } finally {
      await c.stop();
    }
  });
});
