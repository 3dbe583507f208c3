/**
 * The pack follows the meeting's agenda (MEETING.md "The published pack"):
 * with an agenda.yaml, every item in its order with time, presenter and kind,
 * verbal items and presentations, a document rendered as it is, the Part 2
 * resolution before the Part 2 band, "Paper to follow" for a missing paper
 * (draft, or --allow-missing; a final pack refuses with exit 1); without one,
 * the profile's standing items (no numbers). Part 2 agenda titles never reach
 * the public pack. Papers that name a near-miss meeting are reported.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureBuilt, flat, outlineTitles, pdfInfo, pdfPages, pdfText, readPdf, runCli, tempDir, writePapers } from './helpers';

const ICB = ['--meeting', 'Integrated Care Board', '--date', '2024-07-10'];

const AGENDA = `meeting: ICB Board
date: 2024-07-10
time: "13:00"
items:
  - item: "1"
    title: Welcome and apologies
    kind: verbal
    presenter: Chair
    time: "13:00"
  - item: "2"
    title: Minutes of the previous meeting
    kind: document
    file: minutes.md
  - item: "3"
    title: Winter plan
    kind: paper
    time: "13:10"
  - item: "4"
    title: Digital strategy
    kind: presentation
    presenter: Chief Digital Officer
  - item: "5"
    title: Quality report
    kind: paper
  - item: "6"
    title: Harrier Valley estates disposal
    kind: paper
    confidential: true
  - item: "7"
    title: Operation Sandpiper briefing
    kind: verbal
    confidential: true
`;

/** Phrases of Part 2 that the public pack must never contain. */
const CONFIDENTIAL = ['Harrier Valley', 'Operation Sandpiper', 'Plover Fields', 'Curlew Holdings', '06-estates'];

describe('boardpaper pack follows the agenda', function () {
  this.timeout(240000);
  let dir: string;
  let root: string;

  before(() => {
    ensureBuilt();
    dir = tempDir('boardpaper-agenda-pack-');
    root = path.join(dir, 'meeting');
    writePapers(root, {
      '03-winter.md': { title: 'Winter Plan 2024/25', item: '3', presenter: 'Director of Operations' },
      '06-estates.md': {
        title: 'Plover Fields Site Sale',
        item: '6',
        confidential: 'true',
        reason: 'Section 43 FOI Act',
        body: 'The preferred bidder is Curlew Holdings.',
      },
      // Agenda item 5 (Quality report) has no paper yet.
    });
    fs.writeFileSync(
      path.join(root, 'minutes.md'),
      '# Minutes of the meeting held on 12 June 2024\n\n## Present\n\n- The Chair\n- Members of the Board\n\nThe Board approved the Peregrine Ward business case.\n',
    );
    fs.writeFileSync(path.join(root, 'agenda.yaml'), AGENDA);
  });

  after(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a final pack while a paper item has no paper (exit 1, nothing written), unless --allow-missing', () => {
    const out = path.join(dir, 'refused.pdf');
    const r = runCli(['pack', root, ...ICB, '--out', out]);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /item 5 "Quality report"/);
    assert.equal(r.stderr.trim().split('\n').length, 1, 'one line');
    assert.ok(!fs.existsSync(out));
    const ok = runCli(['pack', root, ...ICB, '--allow-missing', '--out', out]);
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /no paper yet/);
  });

  it('lists every item in agenda order with time, presenter, kind and the page it starts on; the resolution before Part 2', async () => {
    const out = path.join(dir, 'p.pdf');
    const r = runCli(['pack', root, ...ICB, '--draft', '--part', 'private', '--out', out]);
    assert.equal(r.status, 0, r.stderr);
    const pages = await pdfPages(out);
    const front = flat(pages[1]!);
    const order = [
      'welcome and apologies',
      'minutes of the previous meeting',
      'winter plan 2024/25',
      'digital strategy',
      'quality report',
      'resolution to exclude the press and public',
      'part 2: items to be considered in private',
      'plover fields site sale',
      'operation sandpiper briefing',
    ];
    let at = -1;
    for (const o of order) {
      const i = front.indexOf(o, at + 1);
      assert.ok(i > at, `"${o}" after the previous item on the agenda page: ${front}`);
      at = i;
    }
    for (const s of ['13:00', '13:10', 'chair', 'chief digital officer', 'verbal', 'presentation', 'document', 'paper to follow', 'to note'])
      assert.ok(front.includes(s), `agenda shows "${s}"`);
    // The page numbers printed are the pages the items start on.
    const startOf = (re: RegExp) => pages.findIndex((t, i) => i > 1 && re.test(t));
    const winter = startOf(/Agenda item 3\s+·\s+Part 1/);
    const minutes = startOf(/Agenda item 2\s+·\s+Part 1/);
    assert.ok(winter > 1 && minutes > 1);
    assert.match(pages[1]!, new RegExp(`Winter Plan 2024/25.*\\s${winter}\\s*$`, 'm'));
    assert.match(pages[1]!, new RegExp(`Minutes of the previous meeting.*\\s${minutes}\\s*$`, 'm'));
    // The document is rendered as it is.
    assert.ok(flat(pages[minutes]!).includes('the board approved the peregrine ward business case'));
    const titles = outlineTitles((await readPdf(out)).outline);
    for (const t of ['Agenda', '2  Minutes of the previous meeting', '3  Winter Plan 2024/25', '6  Plover Fields Site Sale'])
      assert.ok(titles.includes(t), `bookmark "${t}": ${titles.join(' | ')}`);
  });

  it('in HTML too: kinds, times, "Paper to follow", the resolution before the Part 2 band', () => {
    const out = path.join(dir, 'p.html');
    const r = runCli(['pack', root, ...ICB, '--draft', '--part', 'private', '--out', out]);
    assert.equal(r.status, 0, r.stderr);
    const html = fs.readFileSync(out, 'utf8');
    assert.ok(html.indexOf('Resolution to exclude the press and public') < html.indexOf('Part 2: items to be considered in private'));
    for (const s of ['Verbal', 'Presentation', 'Document', 'Paper to follow', '13:10', 'Peregrine Ward']) assert.ok(html.includes(s), s);
  });

  it('keeps every Part 2 agenda title, paper and phrase out of the public pack (HTML, PDF text, metadata, outline)', async () => {
    const r1 = runCli(['pack', root, ...ICB, '--allow-missing', '--out', path.join(dir, 'pub.pdf')]);
    const r2 = runCli(['pack', root, ...ICB, '--allow-missing', '--out', path.join(dir, 'pub.html')]);
    const r3 = runCli(['pack', root, ...ICB, '--draft', '--out', path.join(dir, 'pub-draft.html')]);
    for (const r of [r1, r2, r3]) assert.equal(r.status, 0, r.stderr);
    const html = fs.readFileSync(path.join(dir, 'pub.html'), 'utf8') + fs.readFileSync(path.join(dir, 'pub-draft.html'), 'utf8');
    const text = await pdfText(path.join(dir, 'pub.pdf'));
    const info = await pdfInfo(path.join(dir, 'pub.pdf'));
    const outline = outlineTitles((await readPdf(path.join(dir, 'pub.pdf'))).outline).join('\n');
    for (const phrase of CONFIDENTIAL) {
      for (const [where, hay] of [
        ['HTML', html],
        ['PDF text', text],
        ['PDF metadata', info],
        ['PDF outline', outline],
      ] as const) {
        assert.ok(!flat(hay).includes(flat(phrase)), `"${phrase}" in the public ${where}`);
      }
    }
    // What the public pack does say of Part 2: the numbers, and the paper's reason.
    assert.ok(flat(text).includes('item 6 — confidential (section 43 foi act)'));
    assert.ok(flat(text).includes('item 7 — confidential'));
    assert.ok(flat(text).includes('resolution to exclude the press and public'));
  });

  it("without an agenda file: the profile's standing items, unnumbered, around the papers", async () => {
    const d = path.join(dir, 'no-agenda');
    writePapers(d, { '01-a.md': { title: 'Annual Report', item: '4' }, '02-b.md': { title: 'Kestrel Contract', item: '9', confidential: 'true' } });
    const out = path.join(d, 'p.pdf');
    const r = runCli(['pack', d, ...ICB, '--out', out]);
    assert.equal(r.status, 0, r.stderr);
    const front = flat((await pdfPages(out))[1]!);
    const order = [
      "welcome, introductions and chair's remarks",
      'apologies for absence',
      'declarations of interest',
      'annual report',
      'any other business',
      'date, time and venue of the next meeting',
      'resolution to exclude',
      'item 9 — confidential',
    ];
    let at = -1;
    for (const o of order) {
      const i = front.indexOf(o, at + 1);
      assert.ok(i > at, `"${o}" in order on the agenda page: ${front}`);
      at = i;
    }
    assert.ok(front.includes('standing item'));
    assert.ok(!front.includes('kestrel'));
  });

  it('reports papers dated the same day whose meeting is a near miss, naming the paper and suggesting an alias', () => {
    const d = path.join(dir, 'near');
    writePapers(d, {
      '01-a.md': { title: 'Annual Report', item: '4' },
      '02-b.md': { title: 'Misspelt Meeting Paper', item: '5', meeting: 'Integrated Care Bord' },
    });
    const r = runCli(['pack', d, ...ICB, '--out', path.join(d, 'p.html')]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /02-b\.md.*"Integrated Care Bord".*not in the pack.*alias/);
    assert.ok(!fs.readFileSync(path.join(d, 'p.html'), 'utf8').includes('Misspelt Meeting Paper'));
  });
});
