/**
 * `boardpaper pack` run as a user would run it (the built dist/cli.js), on
 * folders of papers written for each case: selection and natural order,
 * duplicate items, --strict, --part both and the default file names, bad
 * input (exit 2, one line, nothing written), broken cover sheets,
 * confidentiality that fails closed, hostile HTML and images, and characters
 * outside Latin-1 in the PDF.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureBuilt, flat, paperText, pdfImageCount, pdfPages, pdfText, runCli, tempDir, TINY_PNG, writePapers } from './helpers';

const ICB = ['--meeting', 'Integrated Care Board', '--date', '2024-07-10'];

function agendaItems(html: string): string[] {
  return [...html.matchAll(/<td class="item">([^<]*)<\/td>/g)].map((m) => m[1]!).filter(Boolean); // standing items have no number
}

function oneLine(stderr: string): void {
  const lines = stderr.trim().split('\n');
  assert.equal(lines.length, 1, `one line on stderr, got: ${stderr}`);
  assert.match(lines[0]!, /^boardpaper: /);
}

describe('boardpaper pack (CLI)', function () {
  this.timeout(120000);
  const dirs: string[] = [];
  const temp = () => {
    const d = tempDir('boardpaper-pack-');
    dirs.push(d);
    return d;
  };
  before(() => ensureBuilt());
  after(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('takes every paper for the meeting (aliases resolved, subfolders included) in natural agenda order', () => {
    const d = temp();
    writePapers(path.join(d, 'papers'), {
      'a.md': { title: 'Eleven', item: '11' },
      'b.md': { title: 'Two', item: '2' },
      'c.md': { title: 'Ten point ten', item: '10.10', itemRaw: '10.10' },
      'd.md': { title: 'Nine', item: '9' },
      'e.md': { title: 'Ten point two', item: '10.2' },
      'f.md': { title: 'Ten', item: '10', meeting: 'ICB Board' },
      'g.md': { title: 'Ten point one', item: '10.1', meeting: 'integrated care board' },
      'h.md': { title: 'Another committee', item: '3', meeting: 'Quality Committee' },
      'i.md': { title: 'Another date', item: '4', date: '2024-07-11' },
      'sub/j.md': { title: 'Twelve', item: '12' },
      'notes.md': '# Notes\n\nNot a paper.\n',
    });
    const r = runCli(['pack', 'papers', ...ICB, '--out', 'pack.html'], d);
    assert.equal(r.status, 0, r.stderr);
    const html = fs.readFileSync(path.join(d, 'pack.html'), 'utf8');
    assert.deepEqual(agendaItems(html), ['2', '9', '10', '10.1', '10.2', '10.10', '11', '12']);
    assert.ok(!html.includes('Another committee') && !html.includes('Another date'));
    assert.match(r.stdout, /Wrote pack\.html \(public: 8 papers\)/);
  });

  it('reports two papers with the same item (stdout and in the pack), without naming a confidential one in public', () => {
    const d = temp();
    writePapers(d, {
      'a.md': { title: 'First seven', item: '7' },
      'b.md': { title: 'Second seven', item: '7' },
      'c.md': { title: 'Public eight', item: '8' },
      'd.md': { title: 'Hidden Kingfisher Matter', item: '8', confidential: 'true', reason: 'Section 43 FOI Act' },
    });
    const r = runCli(['pack', d, ...ICB, '--part', 'both', '--out', path.join(d, 'pack.html')]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /warning: agenda item 7 is used by 2 papers \(.*a\.md, .*b\.md\)/);
    assert.match(r.stdout, /warning: agenda item 8 is used by 2 papers/);
    const pub = fs.readFileSync(path.join(d, 'pack-public.html'), 'utf8');
    const priv = fs.readFileSync(path.join(d, 'pack-private.html'), 'utf8');
    assert.ok(pub.includes('Agenda item 7 is used by 2 papers (&quot;First seven&quot;, &quot;Second seven&quot;).'), 'public notes name public papers');
    assert.ok(pub.includes('Agenda item 8 is used by more than one paper.'));
    assert.ok(!pub.includes('Kingfisher') && !pub.includes('d.md'));
    assert.ok(priv.includes('d.md'), 'the private pack names the file');
    // The withheld Part 2 item keeps its number in the item column, and nothing else.
    assert.deepEqual(agendaItems(pub), ['7', '7', '8', '8']);
  });

  describe('--strict and findings', () => {
    let d: string;
    before(() => {
      d = temp();
      const broken = paperText({ title: 'Unfinished Public Paper', item: '3' }).replace(/^presented_by: .*\n/m, '');
      const brokenSecret = paperText({ title: 'Osprey Lodge Disposal', item: '9', confidential: 'true', reason: 'Section 43 FOI Act' }).replace(
        /^author: .*\n/m,
        '',
      );
      writePapers(d, { '01-clean.md': { title: 'Clean Paper', item: '1' }, '03-unfinished.md': broken, '09-osprey.md': brokenSecret });
    });

    it('refuses (exit 1) while any paper has errors, naming them on stderr, and writes nothing', () => {
      const out = path.join(d, 'pack.pdf');
      fs.writeFileSync(out, 'the previous pack');
      const r = runCli(['pack', d, ...ICB, '--strict', '--part', 'both', '--out', out]);
      assert.equal(r.status, 1, r.stderr);
      oneLine(r.stderr);
      assert.match(r.stderr, /03-unfinished\.md/);
      assert.match(r.stderr, /09-osprey\.md/);
      assert.ok(!/01-clean/.test(r.stderr));
      assert.ok(!fs.existsSync(path.join(d, 'pack-public.pdf')) && !fs.existsSync(path.join(d, 'pack-private.pdf')));
      assert.equal(fs.readFileSync(out, 'utf8'), 'the previous pack');
    });

    it('without --strict builds (exit 0) and names the papers with findings on the command line, but a final pack carries no findings', async () => {
      const r = runCli(['pack', d, ...ICB, '--part', 'both', '--format', 'html', '--out', path.join(d, 'pack.html')]);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /2 papers have findings/);
      for (const f of ['pack-public.html', 'pack-private.html']) {
        const html = fs.readFileSync(path.join(d, f), 'utf8');
        assert.ok(!html.includes('class="checks'), `${f}: no findings page in a final pack`);
        for (const lint of ['required-field', 'Paper checks', 'error', 'warning', 'DRAFT']) assert.ok(!html.includes(lint), `${f}: "${lint}" in a final pack`);
      }
      const pdf = runCli(['pack', d, ...ICB, '--part', 'both', '--out', path.join(d, 'pack.pdf')]);
      assert.equal(pdf.status, 0, pdf.stderr);
      for (const f of ['pack-public.pdf', 'pack-private.pdf']) {
        const text = await pdfText(path.join(d, f));
        for (const lint of ['required-field', 'Paper checks', 'DRAFT']) assert.ok(!text.includes(lint), `${f}: "${lint}" in a final PDF pack`);
      }
    });

    it('--draft adds the findings page (in full in private, public papers only in public) and DRAFT on every page', async () => {
      const r = runCli(['pack', d, ...ICB, '--draft', '--part', 'both', '--format', 'html', '--out', path.join(d, 'draft.html')]);
      assert.equal(r.status, 0, r.stderr);
      const pub = fs.readFileSync(path.join(d, 'draft-public.html'), 'utf8');
      const priv = fs.readFileSync(path.join(d, 'draft-private.html'), 'utf8');
      const checks = (html: string) => html.slice(html.indexOf('class="checks'), html.indexOf('</section>', html.indexOf('class="checks')));
      assert.ok(checks(pub).includes('Unfinished Public Paper'));
      assert.ok(checks(pub).includes('required-field'));
      assert.ok(!pub.includes('Osprey'), 'a confidential paper is never named in the public pack');
      assert.ok(!checks(pub).includes('03-unfinished.md'), 'the public draft names no files');
      assert.ok(checks(priv).includes('Unfinished Public Paper') && checks(priv).includes('Osprey Lodge Disposal'));
      assert.ok(checks(priv).includes('09-osprey.md') && checks(priv).includes('03-unfinished.md'), 'the private draft gives files and findings in full');
      assert.match(checks(priv), /line \d+: error .*presented_by/);
      assert.ok(pub.includes('DRAFT'));
      const pdf = runCli(['pack', d, ...ICB, '--draft', '--out', path.join(d, 'draft.pdf')]);
      assert.equal(pdf.status, 0, pdf.stderr);
      const pages = await pdfPages(path.join(d, 'draft.pdf'));
      for (let i = 1; i < pages.length; i++) assert.ok(pages[i]!.includes('DRAFT'), `page ${i} says DRAFT`);
      assert.ok(
        pages.some((t) => t.includes('Draft: paper checks') && t.includes('required-field')),
        'the findings page',
      );
    });
  });

  describe('--part, --format and file names', () => {
    let d: string;
    before(() => {
      d = temp();
      writePapers(path.join(d, 'papers'), {
        'a.md': { title: 'Alpha', item: '1' },
        'b.md': { title: 'Bravo Secret', item: '2', confidential: 'true', reason: 'Section 36' },
      });
    });

    it('defaults to a public PDF with a safe name in the current folder', () => {
      const r = runCli(['pack', 'papers', '--meeting', 'ICB Board', '--date', '2024-07-10'], d);
      assert.equal(r.status, 0, r.stderr);
      const f = path.join(d, 'integrated-care-board-2024-07-10-public.pdf');
      assert.ok(fs.existsSync(f), r.stdout);
      assert.equal(fs.readFileSync(f).subarray(0, 5).toString(), '%PDF-');
    });

    it('--part both adds -public and -private before the extension; --part private writes the full pack', () => {
      let r = runCli(['pack', 'papers', ...ICB, '--part', 'both'], d);
      assert.equal(r.status, 0, r.stderr);
      assert.ok(fs.existsSync(path.join(d, 'integrated-care-board-2024-07-10-public.pdf')));
      assert.ok(fs.existsSync(path.join(d, 'integrated-care-board-2024-07-10-private.pdf')));
      r = runCli(['pack', 'papers', ...ICB, '--part', 'both', '--out', 'out/agenda.v2.html'], d);
      assert.notEqual(r.status, 0, 'the out folder does not exist');
      oneLine(r.stderr);
      fs.mkdirSync(path.join(d, 'out'));
      r = runCli(['pack', 'papers', ...ICB, '--part', 'both', '--out', 'out/agenda.v2.html'], d);
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(fs.readdirSync(path.join(d, 'out')).sort(), ['agenda.v2-private.html', 'agenda.v2-public.html']);
      const priv = fs.readFileSync(path.join(d, 'out', 'agenda.v2-private.html'), 'utf8');
      assert.ok(priv.includes('Bravo Secret') && priv.includes('Alpha'));
      assert.ok(!fs.readFileSync(path.join(d, 'out', 'agenda.v2-public.html'), 'utf8').includes('Bravo'));
      r = runCli(['pack', 'papers', ...ICB, '--part', 'private', '--format', 'html'], d);
      assert.equal(r.status, 0, r.stderr);
      assert.ok(fs.readFileSync(path.join(d, 'integrated-care-board-2024-07-10-private.html'), 'utf8').includes('Bravo Secret'));
    });

    it('exits 2 with one line on stderr, writing nothing, for every bad option or input', () => {
      fs.writeFileSync(path.join(d, 'a-file.md'), 'x');
      const cases: [string[], RegExp][] = [
        [['pack', 'papers', '--meeting', 'ICB Board', '--date', '2024-07-11'], /no board papers for Integrated Care Board on 2024-07-11/],
        [['pack', 'papers', '--meeting', 'Quality Committee', '--date', '2024-07-10'], /no board papers/],
        [['pack', 'nowhere', ...ICB], /cannot read nowhere/],
        [['pack', 'a-file.md', ...ICB], /not a folder/],
        [['pack', 'papers', '--date', '2024-07-10'], /--meeting is required/],
        [['pack', 'papers', '--meeting', 'ICB'], /--date is required/],
        [['pack', 'papers', '--meeting', 'ICB', '--date', '10/07/2024'], /--date must be a real date/],
        [['pack', 'papers', '--meeting', 'ICB', '--date', '2024-02-30'], /--date must be a real date/],
        [['pack', 'papers', ...ICB, '--part', 'secret'], /--part must be public, private or both/],
        [['pack', 'papers', ...ICB, '--format', 'docx'], /--format must be pdf or html/],
        [['pack', 'papers', ...ICB, '--format', 'pdf', '--out', 'x.html'], /does not match --format pdf/],
        [['pack', 'papers', ...ICB, '--out', 'papers'], /is a folder/],
        [['pack', 'papers', ...ICB, '--out', 'papers/a.md'], /Markdown file name/],
        [['pack', 'papers', 'more', ...ICB], /one folder/],
        [['pack', 'papers', ...ICB, '--colour'], /Unknown option '--colour'/],
      ];
      const before = fs.readdirSync(d).sort();
      for (const [args, re] of cases) {
        const r = runCli(args, d);
        assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
        oneLine(r.stderr);
        assert.match(r.stderr, re, args.join(' '));
      }
      assert.deepEqual(fs.readdirSync(d).sort(), before, 'nothing written');
    });
  });

  it('exits 2 for a file it cannot read', () => {
    const d = temp();
    writePapers(d, { 'a.md': { title: 'Alpha', item: '1' } });
    const bad = path.join(d, 'b.md');
    if (process.getuid?.() === 0) {
      // root reads any file: make one too large to read as text instead (sparse, no disk used).
      fs.writeFileSync(bad, '');
      fs.truncateSync(bad, 600 * 1024 * 1024);
    } else {
      fs.writeFileSync(bad, paperText({ title: 'Bravo', item: '2' }));
      fs.chmodSync(bad, 0);
    }
    const r = runCli(['pack', d, ...ICB, '--out', path.join(d, 'p.html')]);
    assert.equal(r.status, 2, r.stderr);
    oneLine(r.stderr);
    assert.match(r.stderr, /cannot read .*b\.md/);
    assert.ok(!fs.existsSync(path.join(d, 'p.html')));
  });

  it('refuses (exit 2) when a paper for this meeting has a cover sheet that cannot be read; ignores one plainly for another meeting', () => {
    const d = temp();
    const brokenHere =
      '---\ntitle: Broken Paper\nmeeting: Integrated Care Board\ndate: 2024-07-10\nagenda_item: "4"\nrisks: [unclosed\n---\n\n## Executive summary\n\nText.\n';
    const brokenElsewhere = '---\ntitle: Other Broken Paper\nmeeting: Quality Committee\ndate: 2024-07-10\nagenda_item: "4"\nrisks: [unclosed\n---\n\nText.\n';
    writePapers(d, { 'a.md': { title: 'Alpha', item: '1' }, 'other.md': brokenElsewhere });
    let r = runCli(['pack', d, ...ICB, '--out', path.join(d, 'p.html')]);
    assert.equal(r.status, 0, r.stderr);
    fs.writeFileSync(path.join(d, 'broken.md'), brokenHere);
    fs.rmSync(path.join(d, 'p.html'));
    r = runCli(['pack', d, ...ICB, '--out', path.join(d, 'p.html')]);
    assert.equal(r.status, 2, r.stderr);
    oneLine(r.stderr);
    assert.match(r.stderr, /broken\.md .*cover sheet cannot be read \(line \d+: /);
    assert.ok(!fs.existsSync(path.join(d, 'p.html')));
    fs.writeFileSync(path.join(d, 'broken.md'), '---\ntitle: Unterminated\nmeeting: ICB Board\nagenda_item: "5"\n\nNo closing fence.\n');
    r = runCli(['pack', d, ...ICB, '--out', path.join(d, 'p.html')]);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /no closing "---"/);
  });

  it('keeps a paper out of the public pack unless confidential is exactly false', async () => {
    const d = temp();
    writePapers(d, {
      'a.md': { title: 'Plain Public Paper', item: '1' },
      'b.md': { title: 'Said Yes Heronry', item: '2', confidential: 'yes', reason: 'Section 43' },
      'c.md': { title: 'Quoted False Heronry', item: '3', confidential: '"false"' },
      'd.md': paperText({ title: 'Missing Flag Heronry', item: '4' }).replace(/^confidential: .*\n/m, ''),
    });
    const r = runCli(['pack', d, ...ICB, '--part', 'both', '--out', path.join(d, 'p.pdf')]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal((r.stdout.match(/treated as confidential/g) ?? []).length, 3, r.stdout);
    const pub = flat(await pdfText(path.join(d, 'p-public.pdf')));
    const priv = flat(await pdfText(path.join(d, 'p-private.pdf')));
    assert.ok(pub.includes('plain public paper'));
    assert.ok(!pub.includes('heronry'), 'no fail-closed paper in public');
    for (const i of ['2', '3', '4']) assert.ok(pub.includes(`item ${i} — confidential`), `item ${i} withheld`);
    for (const t of ['said yes heronry', 'quoted false heronry', 'missing flag heronry']) assert.ok(priv.includes(t), t);
  });

  it('builds a public pack for a meeting held wholly in private: the agenda and nothing else', async () => {
    const d = temp();
    writePapers(d, {
      'a.md': { title: 'Heronsgate Alpha', item: '1', confidential: 'true', reason: 'Section 43 FOI Act' },
      'b.md': { title: 'Heronsgate Bravo', item: '2', confidential: 'true' },
    });
    // No standing items either (welcome, apologies… would be public business).
    fs.writeFileSync(path.join(d, '.boardpaper.yaml'), 'standing_items: []\n');
    const r = runCli(['pack', d, ...ICB, '--out', path.join(d, 'p.pdf')]);
    assert.equal(r.status, 0, r.stderr);
    const pages = await pdfPages(path.join(d, 'p.pdf'));
    assert.equal(pages.length - 1, 1, 'one page: the agenda');
    const t = flat(pages[1]!);
    assert.ok(t.includes('no items are to be considered in public'));
    assert.ok(t.includes('item 1 — confidential (section 43 foi act)') && t.includes('item 2 — confidential '));
    assert.ok(!t.includes('heronsgate'));
  });

  it('sanitises hostile HTML, embeds small local images, drops remote ones and files outside the folder', async () => {
    const d = temp();
    const root = path.join(d, 'meeting');
    writePapers(root, {
      'a.md': {
        title: 'Hostile Paper',
        item: '1',
        body: [
          '<script>alert(1)</script><img src=x onerror="alert(2)"><iframe src="https://example.com"></iframe>',
          '',
          '[click](javascript:alert(3)) [secret file](09-part-2.md) <a href="javascript:alert(4)" onclick="x()">raw</a>',
          '',
          '![Chart of waits](img/chart.png)',
          '',
          '![Remote tracker](https://tracker.example.com/pixel.png)',
          '',
          '![Outside](../outside.png)',
          '',
          '| Measure | Value |',
          '|---|--:|',
          '| Waits over 65 weeks | 1,184 |',
          `| ${'A cell with **bold words** and *italic words* that wraps over several lines of the narrow column, '.repeat(3)}closing-words-of-the-cell | 7 |`,
        ].join('\n'),
      },
    });
    fs.mkdirSync(path.join(root, 'img'));
    fs.writeFileSync(path.join(root, 'img', 'chart.png'), TINY_PNG);
    fs.writeFileSync(path.join(d, 'outside.png'), TINY_PNG);
    let r = runCli(['pack', root, ...ICB, '--out', path.join(d, 'p.html')]);
    assert.equal(r.status, 0, r.stderr);
    const html = fs.readFileSync(path.join(d, 'p.html'), 'utf8');
    for (const bad of ['<script', '<iframe', 'onerror', 'onclick', 'javascript:', 'tracker.example.com', '09-part-2.md']) assert.ok(!html.includes(bad), bad);
    assert.equal((html.match(/data:image\/png;base64,/g) ?? []).length, 1, 'only the local image inside the folder is embedded');
    assert.ok(html.includes('[Image: Remote tracker]') && html.includes('[Image: Outside]'));
    assert.match(html, /<td align="right">1,184<\/td>/);
    r = runCli(['pack', root, ...ICB, '--out', path.join(d, 'p.pdf')]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(await pdfImageCount(path.join(d, 'p.pdf')), 1);
    const text = await pdfText(path.join(d, 'p.pdf'));
    assert.ok(text.includes('Waits over 65 weeks') && text.includes('1,184'));
    assert.ok(flat(text).includes('closing-words-of-the-cell'), 'a long mixed-style table cell is drawn in full, not clipped');
    assert.ok(!text.includes('alert('));
  });

  it('draws text beyond Latin-1 in the PDF and keeps every page numbered', async () => {
    const d = temp();
    writePapers(d, {
      'a.md': {
        title: 'Łódź and Ñandú: Access ≥ 95% → Target',
        item: '1',
        presenter: 'Dr Zoë Łukasiewicz, Medical Director',
        body: `${'Long paragraph of text for the page flow. '.repeat(400)}\n\n- Achieved ✓\n- Not achieved ✗\n`,
      },
    });
    const r = runCli(['pack', d, ...ICB, '--out', path.join(d, 'p.pdf')]);
    assert.equal(r.status, 0, r.stderr);
    const pages = await pdfPages(path.join(d, 'p.pdf'));
    assert.ok(pages.length - 1 >= 5, 'a long paper runs over several pages');
    const all = pages.join('\n');
    assert.ok(all.includes('Łódź and Ñandú: Access ≥ 95% → Target'));
    assert.ok(all.includes('Zoë Łukasiewicz'));
    assert.ok(all.includes('Achieved √'), 'a tick the font lacks becomes √, not a blank');
    for (let i = 1; i < pages.length; i++) assert.ok(pages[i]!.includes(`Page ${i} of ${pages.length - 1}`), `page ${i}`);
  });
});
