/**
 * The agenda pack of a realistic meeting (test/fixtures/meeting: an SRTB
 * meeting with papers in Part 1 and Part 2), built by the BUILT CLI as a user
 * would build it, in PDF and HTML, public and private. Checks the order, that
 * the agenda's page numbers are where each paper really starts (pdf.js, page
 * by page), the running header and footer, and the security property: nothing
 * of a confidential paper in the public pack.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parsePaper } from '../../server/src/core/paper';
import { getNode, scalarText } from '../../server/src/core/yaml';
import { DEFAULT_PROFILE } from '../../server/src/core/profile';
import { displayText } from '../../server/src/render/cover';
import { ensureBuilt, flat, meetingFixture, outlineTitles, pdfInfo, pdfPages, pdfText, readPdf, runCli, tempDir } from './helpers';

interface FixturePaper {
  file: string;
  name: string;
  text: string;
  title: string;
  item: string;
  confidential: boolean;
  reason?: string;
  presenter?: string;
  author?: string;
  body: string;
}

function readMeeting(): FixturePaper[] {
  const out: FixturePaper[] = [];
  for (const name of fs.readdirSync(meetingFixture).filter((f) => f.endsWith('.md'))) {
    const file = path.join(meetingFixture, name);
    const text = fs.readFileSync(file, 'utf8');
    const p = parsePaper(text);
    if (scalarText(getNode(p.cover, 'date')) !== '2024-06-18') continue;
    const conf = getNode(p.cover, 'confidential');
    out.push({
      file,
      name,
      text,
      title: displayText(getNode(p.cover, 'title')) ?? '',
      item: scalarText(getNode(p.cover, 'agenda_item')) ?? '',
      confidential: !(conf?.kind === 'scalar' && conf.value === false),
      reason: displayText(getNode(p.cover, 'confidential_reason')),
      presenter: displayText(getNode(p.cover, 'presented_by')),
      author: displayText(getNode(p.cover, 'author')),
      body: text.slice(p.bodyStart),
    });
  }
  return out;
}

/** An oracle independent of the pack's own comparator: Intl's numeric collation. */
const natural = (a: FixturePaper, b: FixturePaper) => a.item.localeCompare(b.item, 'en', { numeric: true }) || a.name.localeCompare(b.name);

/** The agenda rows of the PDF's first pages: item → printed page number. */
function agendaPageNumbers(pages: string[], items: string[]): Map<string, number> {
  const found = new Map<string, number>();
  for (let i = 1; i < pages.length && found.size < items.length; i++) {
    for (const line of pages[i]!.split('\n')) {
      const m = /^\s*(\S+)\s+.*\S\s{2,}(\d+)\s*$/.exec(line);
      if (m && items.includes(m[1]!) && !found.has(m[1]!)) found.set(m[1]!, Number(m[2]));
    }
    if (/Agenda item/.test(pages[i]!)) break;
  }
  return found;
}

/** The first page whose cover-sheet banner names the item. */
function realStart(pages: string[], item: string): number {
  const re = new RegExp(`Agenda item ${item.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+·\\s+Part`);
  return pages.findIndex((t, i) => i > 0 && re.test(t));
}

describe('boardpaper pack: a realistic meeting (built CLI)', function () {
  this.timeout(180000);
  const papers = fs.existsSync(meetingFixture) ? readMeeting() : [];
  const publicPapers = papers.filter((p) => !p.confidential).sort(natural);
  const privatePapers = papers.filter((p) => p.confidential).sort(natural);
  let dir: string;
  let pubPdf: string, privPdf: string, pubHtml: string, privHtml: string;
  let pubPages: string[], privPages: string[];
  /** The public HTML pack of the public papers alone: the words a public pack may use. */
  let referenceHtml = '';
  let runs: { status: number | null; stdout: string; stderr: string }[];

  before(async function () {
    if (papers.length < 8) this.skip();
    ensureBuilt();
    dir = tempDir('boardpaper-pack-');
    runs = [
      runCli(['pack', meetingFixture, '--meeting', 'SRTB', '--date', '2024-06-18', '--part', 'both', '--out', path.join(dir, 'srtb.pdf')]),
      runCli([
        'pack',
        meetingFixture,
        '--meeting',
        'System Recovery and Transformation Board',
        '--date',
        '2024-06-18',
        '--part',
        'both',
        '--format',
        'html',
        '--out',
        path.join(dir, 'srtb.html'),
      ]),
    ];
    pubPdf = path.join(dir, 'srtb-public.pdf');
    privPdf = path.join(dir, 'srtb-private.pdf');
    pubHtml = path.join(dir, 'srtb-public.html');
    privHtml = path.join(dir, 'srtb-private.html');
    if (fs.existsSync(pubPdf)) pubPages = await pdfPages(pubPdf);
    const refDir = path.join(dir, 'reference');
    fs.mkdirSync(refDir);
    for (const p of publicPapers) fs.copyFileSync(p.file, path.join(refDir, p.name));
    const ref = runCli(['pack', refDir, '--meeting', 'SRTB', '--date', '2024-06-18', '--format', 'html', '--out', path.join(dir, 'reference.html')]);
    if (ref.status === 0) referenceHtml = fs.readFileSync(path.join(dir, 'reference.html'), 'utf8');
    if (fs.existsSync(privPdf)) privPages = await pdfPages(privPdf);
  });

  after(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('builds a meeting of 8 to 12 papers, some confidential, with exit 0 and four files', () => {
    assert.ok(papers.length >= 8 && papers.length <= 12, `${papers.length} papers`);
    assert.ok(privatePapers.length >= 2, 'the fixture has confidential papers');
    for (const r of runs) assert.equal(r.status, 0, r.stderr);
    for (const f of [pubPdf, privPdf, pubHtml, privHtml]) assert.ok(fs.statSync(f).size > 1000, f);
    assert.match(runs[0]!.stdout, /srtb-public\.pdf/);
    assert.match(runs[0]!.stdout, /srtb-private\.pdf/);
    assert.equal(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')).length, 0, 'no temporary files left');
  });

  it('orders the agenda naturally, Part 1 then Part 2 (private) and lists Part 2 only as "Item N — confidential (reason)" (public)', () => {
    const priv = agendaPageNumbers(
      privPages,
      papers.map((p) => p.item),
    );
    const privOrder = [...priv.keys()];
    assert.deepEqual(
      privOrder,
      [...publicPapers, ...privatePapers].map((p) => p.item),
    );
    const pub = agendaPageNumbers(
      pubPages,
      publicPapers.map((p) => p.item),
    );
    assert.deepEqual(
      [...pub.keys()],
      publicPapers.map((p) => p.item),
    );
    const agenda = flat(pubPages.slice(1, 3).join('\n'));
    for (const p of privatePapers) {
      const expected = flat(`Item ${p.item} — confidential${p.reason ? ` (${p.reason})` : ''}`);
      assert.ok(agenda.includes(expected), `public agenda lacks "${expected}"`);
    }
    // The HTML agenda, in the same order.
    const html = fs.readFileSync(privHtml, 'utf8');
    const items = [...html.matchAll(/<td class="item">([^<]*)<\/td>/g)].map((m) => m[1]).filter(Boolean); // standing items have no number
    assert.deepEqual(
      items,
      [...publicPapers, ...privatePapers].map((p) => p.item),
    );
  });

  it('prints in the agenda the page on which each paper really starts (public and private PDF)', () => {
    for (const [pages, list] of [
      [pubPages, publicPapers],
      [privPages, [...publicPapers, ...privatePapers]],
    ] as const) {
      const printed = agendaPageNumbers(
        pages,
        list.map((p) => p.item),
      );
      for (const p of list) {
        const real = realStart(pages, p.item);
        assert.ok(real > 1, `item ${p.item} not found in the PDF`);
        assert.equal(printed.get(p.item), real, `item ${p.item}: the agenda says page ${printed.get(p.item)}, it starts on page ${real}`);
        assert.ok(flat(pages[real]!).includes(flat(p.title).slice(0, 40)), `page ${real} shows the cover sheet of item ${p.item}`);
      }
    }
  });

  it('puts the meeting, the date, the marking and "Page N of M" on every page', () => {
    for (const [pages, marking] of [
      [pubPages, 'PUBLIC'],
      [privPages, 'PRIVATE'],
    ] as const) {
      const total = pages.length - 1;
      for (let i = 1; i <= total; i++) {
        const t = pages[i]!;
        assert.ok(t.includes('System Recovery & Transformation Board'), `page ${i}: meeting`);
        assert.ok(t.includes('18 June 2024'), `page ${i}: date`);
        assert.ok(t.includes(marking), `page ${i}: ${marking}`);
        assert.ok(t.includes(`Page ${i} of ${total}`), `page ${i}: page number`);
      }
    }
    // Part 2 pages of the private pack say so.
    const firstPart2 = realStart(privPages, privatePapers[0]!.item);
    assert.ok(privPages[firstPart2]!.includes('PART 2'));
  });

  it('keeps every confidential paper whole in the private pack', async () => {
    const text = flat(await pdfText(privPdf));
    const html = flat(fs.readFileSync(privHtml, 'utf8'));
    for (const p of privatePapers) {
      assert.ok(text.includes(flat(p.title).slice(0, 40)), p.title);
      assert.ok(html.includes(flat(p.title).replace(/&/g, '&amp;').slice(0, 40)), p.title);
      const lastWords = flat(
        p.body
          .trim()
          .split('\n')
          .filter((l) => /\w{4}/.test(l))
          .at(-1)!
          .replace(/[*_#>`]/g, ''),
      ).slice(-40);
      assert.ok(text.includes(lastWords) || html.includes(lastWords), `end of ${p.name}: "${lastWords}"`);
    }
  });

  describe('confidentiality: nothing of a confidential paper in the public pack', () => {
    /** Every phrase that must not appear, per confidential paper. */
    function forbidden(): { file: string; phrase: string }[] {
      const listed: Record<string, string[]> = fs.existsSync(path.join(meetingFixture, 'CONFIDENTIAL_PHRASES.json'))
        ? JSON.parse(fs.readFileSync(path.join(meetingFixture, 'CONFIDENTIAL_PHRASES.json'), 'utf8'))
        : {};
      const publicText = flat(publicPapers.map((p) => p.text).join('\n'));
      // What a public pack legitimately says: the public papers, the profile, the pack's own words and the Part 2 reasons.
      assert.ok(referenceHtml, 'the reference pack (public papers only) was built');
      // The Part 2 resolution is read in public, so its words are the pack's own too.
      const allowed = flat(
        [publicText, referenceHtml.replace(/<[^>]+>/g, ' '), DEFAULT_PROFILE.part2_resolution, ...privatePapers.map((p) => p.reason ?? '')].join(' '),
      );
      const out: { file: string; phrase: string }[] = [];
      for (const p of privatePapers) {
        for (const phrase of listed[p.name] ?? []) out.push({ file: p.name, phrase });
        out.push({ file: p.name, phrase: p.name }, { file: p.name, phrase: p.name.replace(/\.md$/, '') }, { file: p.name, phrase: p.title });
        for (const who of [p.presenter, p.author]) if (who && !publicText.includes(flat(who))) out.push({ file: p.name, phrase: who });
        // Long distinctive words of the body: in this paper, in no public paper, not the pack's own words.
        const words = new Set((p.body.match(/[A-Za-z][A-Za-z-]{8,}/g) ?? []).map((w) => w.toLowerCase()));
        for (const w of words) if (!allowed.includes(w)) out.push({ file: p.name, phrase: w });
      }
      return out;
    }

    /** The PDF's strings as written in the file (metadata, outline), literal and UTF-16BE hex. */
    function rawPdf(file: string): string {
      return fs.readFileSync(file).toString('latin1');
    }
    function utf16Hex(s: string): string {
      return Buffer.from(s, 'utf16le').swap16().toString('hex');
    }

    it('derives a meaningful list of phrases to look for', () => {
      const f = forbidden();
      assert.ok(f.length >= privatePapers.length * 6, `${f.length} phrases`);
    });

    it('none appears in the public HTML (text, attributes, comments, title)', () => {
      const html = fs.readFileSync(pubHtml, 'utf8');
      const hay = flat(html);
      const decoded = flat(
        html
          .replace(/&amp;/g, '&')
          .replace(/&#39;/g, "'")
          .replace(/&quot;/g, '"'),
      );
      const leaks = forbidden().filter(({ phrase }) => hay.includes(flat(phrase)) || decoded.includes(flat(phrase)));
      assert.deepEqual(leaks, []);
      assert.ok(!html.includes('<!--'), 'no HTML comments at all');
    });

    it('none appears in the public PDF (page text, metadata, outline)', async () => {
      const text = flat(await pdfText(pubPdf));
      const info = flat(await pdfInfo(pubPdf));
      const outline = flat(outlineTitles((await readPdf(pubPdf)).outline).join('\n'));
      const raw = rawPdf(pubPdf).toLowerCase();
      const leaks = forbidden().filter(({ phrase }) => {
        const f = flat(phrase);
        return text.includes(f) || info.includes(f) || outline.includes(f) || raw.includes(f) || raw.includes(utf16Hex(phrase).toLowerCase());
      });
      assert.deepEqual(leaks, []);
    });

    it('the public pack does not count or name Part 2 papers among the papers with findings', () => {
      const html = fs.readFileSync(pubHtml, 'utf8');
      const checks = html.slice(html.indexOf('class="checks"'), html.indexOf('</section>', html.indexOf('class="checks"')));
      for (const p of privatePapers) assert.ok(!checks.includes(p.item === '' ? '\u0000' : `<td>${p.item}</td>`), `item ${p.item} in the public checks`);
    });
  });
});
