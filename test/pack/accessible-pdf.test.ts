/**
 * The PDF pack is tagged PDF/UA-1 (MEETING.md "The published pack"), checked
 * through pdf.js alone: MarkInfo, /Lang, DisplayDocTitle, XMP pdfuaid, a
 * structure tree under Document with headings in order, paragraphs, lists,
 * tables with header cells, links and figures with alt text; the running
 * header and footer as artifacts; every font embedded; bookmarks for the
 * agenda and each item.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureBuilt, outlineTitles, pdfMarkedText, readPdf, runCli, tempDir, TINY_PNG, writePapers, type StructNode } from './helpers';

const ICB = ['--meeting', 'Integrated Care Board', '--date', '2024-07-10'];

function roles(n: StructNode | null | undefined): StructNode[] {
  if (!n || !('role' in n)) return [];
  return [n, ...(n.children ?? []).flatMap((c) => roles(c as StructNode))];
}

describe('boardpaper pack: the PDF is tagged (PDF/UA-1)', function () {
  this.timeout(180000);
  let dir: string;
  let file: string;

  before(() => {
    ensureBuilt();
    dir = tempDir('boardpaper-pdfua-');
    const root = path.join(dir, 'meeting');
    writePapers(root, {
      '01-plan.md': {
        title: 'Winter Plan',
        item: '1',
        body: [
          '### Background', // deeper than the paper's others: still no level skipped
          '',
          'See the [national guidance](https://www.england.nhs.uk/) for details.',
          '',
          '## Actions',
          '',
          '- First action',
          '- Second action',
          '',
          '| Measure | Value |',
          '|---|--:|',
          '| Beds open | 120 |',
          '',
          '![Bar chart of bed occupancy by week](chart.png)',
        ].join('\n'),
      },
      '02-risk.md': { title: 'Risk Report', item: '2' },
      '03-secret.md': { title: 'Heronsgate Estates', item: '3', confidential: 'true', reason: 'Section 43 FOI Act' },
    });
    fs.writeFileSync(path.join(root, 'chart.png'), TINY_PNG);
    file = path.join(dir, 'pack.pdf');
    const r = runCli(['pack', root, ...ICB, '--part', 'private', '--out', file]);
    assert.equal(r.status, 0, r.stderr);
  });

  after(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is marked, in British English, shows its title and declares PDF/UA-1 in XMP', async () => {
    const r = await readPdf(file);
    assert.equal(r.markInfo?.Marked, true);
    assert.equal(r.info.Language, 'en-GB');
    assert.equal(r.viewerPreferences?.DisplayDocTitle, true);
    assert.match(String(r.info.Title), /Integrated Care Board, 10 July 2024: agenda pack/);
    assert.match(r.xmp, /<pdfuaid:part>1<\/pdfuaid:part>/);
    assert.match(r.xmp, /<dc:title>/);
  });

  it('has one structure tree under Document on every page, with the elements the content needs', async () => {
    const r = await readPdf(file);
    const all: StructNode[] = [];
    for (let i = 1; i <= r.pages; i++) {
      const t = r.structTrees[i];
      assert.ok(t, `page ${i} has a structure tree`);
      const top = (t!.children ?? []).filter((c) => 'role' in c) as StructNode[];
      assert.deepEqual(
        top.map((c) => c.role),
        ['Document'],
        `page ${i}: one Document root`,
      );
      all.push(...roles(t));
    }
    const have = new Set(all.map((n) => n.role));
    for (const role of ['H1', 'H2', 'H3', 'P', 'L', 'LI', 'Lbl', 'LBody', 'Table', 'TR', 'TH', 'TD', 'Link', 'Figure', 'Sect'])
      assert.ok(have.has(role), `no ${role} element`);
    const figures = all.filter((n) => n.role === 'Figure');
    assert.ok(
      figures.some((f) => f.alt === 'Bar chart of bed occupancy by week'),
      'the figure carries the image alt text',
    );
    const raw = fs.readFileSync(file).toString('latin1');
    assert.ok(/\/S \/TH[\s\S]{0,200}?\/Scope \/Column/.test(raw), 'column header cells have a scope');
    assert.ok(/\/Scope \/Row/.test(raw), 'row header cells have a scope');
  });

  it('runs headings H1, H2, H3 in order, never skipping a level', async () => {
    const r = await readPdf(file);
    const seq: string[] = [];
    for (let i = 1; i <= r.pages; i++) {
      for (const n of roles(r.structTrees[i])) if (/^H[1-6]$/.test(n.role)) seq.push(n.role);
    }
    assert.equal(seq[0], 'H1');
    let prev = 1;
    for (const h of seq) {
      const level = Number(h.slice(1));
      assert.ok(level <= prev + 1, `heading ${h} after H${prev}: ${seq.join(' ')}`);
      prev = level;
    }
    assert.ok(seq.includes('H3'), "the papers' own headings are tagged");
  });

  it('draws the running header and footer as artifacts, and the content inside structure elements', async () => {
    const r = await readPdf(file);
    for (let i = 1; i <= r.pages; i++) {
      const marked = await pdfMarkedText(file, i);
      const footer = marked.find((m) => m.text.includes(`Page ${i} of ${r.pages}`));
      assert.equal(footer?.tag, 'Artifact', `page ${i}: the footer is an artifact`);
      const header = marked.find((m) => m.text.startsWith('PRIVATE ·'));
      assert.equal(header?.tag, 'Artifact', `page ${i}: the marking is an artifact`);
      const untagged = marked.filter((m) => m.tag === '');
      assert.deepEqual(untagged, [], `page ${i}: no text outside marked content`);
    }
    const front = await pdfMarkedText(file, 1);
    assert.equal(front.find((m) => m.text.includes('Winter Plan'))?.tag, 'Link', 'the agenda title links to the paper');
  });

  it('embeds every font it uses (no standard-14 fonts)', () => {
    const raw = fs.readFileSync(file).toString('latin1');
    const descriptors = (raw.match(/\/Type \/FontDescriptor/g) ?? []).length;
    const embedded = (raw.match(/\/FontFile2 /g) ?? []).length;
    assert.ok(descriptors >= 2);
    assert.equal(embedded, descriptors, 'every font descriptor has its font file');
    assert.ok(!/\/Subtype \/Type1/.test(raw), 'no unembedded Type 1 font');
  });

  it('has bookmarks for the agenda and for every item', async () => {
    const r = await readPdf(file);
    const titles = outlineTitles(r.outline);
    assert.equal(titles[0], 'Agenda');
    for (const t of ['1  Winter Plan', '2  Risk Report', '3  Heronsgate Estates']) assert.ok(titles.includes(t), `bookmark ${t}: ${titles.join(' | ')}`);
  });
});
