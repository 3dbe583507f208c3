/**
 * Export → import gives back the paper: the same front-matter (as data) and
 * the same words, for every example paper; and the exported document is a
 * Word document another reader (python-docx) sees with Word's own heading
 * styles and the cover sheet as a table.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { DEFAULT_PROFILE, mergeProfile } from '../../server/src/core/profile';
import { importDocxBuffer } from '../../server/src/word/docx-file';
import { exportPaper } from '../../server/src/word/export-node';
import { isoDate, purposeOf } from '../../server/src/word/values';
import { bodyWords, missingWords, pythonWithDocx, splitPaper } from './helpers';
import { tempDir } from '../helpers/run-cli';

const EXAMPLES = path.resolve(__dirname, '..', '..', 'examples', 'papers');

function examplePapers(): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.md') && e.name !== 'README.md') out.push(p);
    }
  };
  walk(EXAMPLES);
  return out.sort();
}

/** YAML data with dates as text, as the format compares them. */
function normalise(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (Array.isArray(v)) return v.map(normalise);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalise(x)]));
  return v;
}

/**
 * Some example papers carry the traps FORMAT.md lists, on purpose (they show
 * the checks). A Word cover sheet cannot hold the difference between them and
 * what the author meant, and import reads the Word text the way the template
 * means it: `10.10` as written (not the number 10.1), a date in another form
 * as ISO, Confidential "yes" as true, "approval" as approve. An objective
 * written with its wording (`- SO1: text`, `"SO1: text"`) is ticked as its
 * code (the Word cover sheet prints the profile's wording beside each code),
 * so the code comes back without the paper's wording.
 */
function asImportReadsIt(data: Record<string, unknown>, text: string): Record<string, unknown> {
  const out = { ...data };
  const raw = /^agenda_item:\s*(.*)$/m
    .exec(text)?.[1]
    ?.trim()
    .replace(/^["']|["']$/g, '');
  if (raw !== undefined) out.agenda_item = raw;
  if (out.confidential === 'yes' || out.confidential === 'no') out.confidential = out.confidential === 'yes';
  if (typeof out.purpose === 'string') out.purpose = purposeOf(out.purpose) ?? out.purpose;
  if (Array.isArray(out.strategic_objectives))
    out.strategic_objectives = out.strategic_objectives.map((c: unknown) =>
      typeof c === 'string' ? c.split(':')[0]!.trim() : c && typeof c === 'object' ? Object.keys(c)[0] : c,
    );
  if (Array.isArray(out.committee_history))
    out.committee_history = out.committee_history.map((h: Record<string, unknown>) => ({
      ...h,
      date: typeof h.date === 'string' ? (isoDate(h.date) ?? h.date) : h.date,
    }));
  return out;
}

async function roundTrip(text: string, dir: string) {
  const exported = await exportPaper(text, DEFAULT_PROFILE, dir);
  const back = await importDocxBuffer(exported.buffer, 'paper.docx', DEFAULT_PROFILE, 'paper');
  return { exported, back };
}

describe('Word export → import round trip', function () {
  this.timeout(120000);
  const papers = examplePapers();

  it('finds the example papers', () => assert.ok(papers.length >= 5, papers.join(', ')));

  for (const file of papers) {
    it(`${path.relative(EXAMPLES, file)}: same front-matter, same words, no import notes`, async () => {
      const text = fs.readFileSync(file, 'utf8');
      const { back } = await roundTrip(text, path.dirname(file));
      const a = splitPaper(text);
      const b = splitPaper(back.text);
      assert.deepEqual(normalise(b.data), normalise(asImportReadsIt(a.data, text)));
      const wa = bodyWords(a.body);
      const wb = bodyWords(b.body);
      assert.deepEqual(missingWords(wa, wb), [], 'words lost');
      assert.deepEqual(missingWords(wb, wa), [], 'words added');
      assert.deepEqual(back.notes, []);
    });
  }

  it("in an organisation's own template (profile cover_sheet): its labels in the Word table, its own fields by their type, and back", async function () {
    const profile = mergeProfile(DEFAULT_PROFILE, {
      cover_sheet: [
        { key: 'date', label: 'Meeting date' },
        { key: 'title', label: 'Title of paper' },
        { key: 'presented_by', label: 'Lead Director', aliases: ['Report from'] },
        { key: 'agenda_item', label: 'Paper reference' },
        { key: 'purpose' },
        { key: 'strategic_objectives', label: 'Link to strategic missions' },
        { key: 'cqc_domains', label: 'CQC domain', type: 'list', values: ['Safe', 'Effective', 'Caring', 'Responsive', 'Well-led'], required: true },
        { key: 'risks', label: 'Link to strategic risks' },
        { key: 'impact_assessments.equality', label: 'Equality impact assessment' },
      ],
    });
    const file = path.join(EXAMPLES, '2024-05-08', '09-financial-plan-2024-25.md');
    const text = fs.readFileSync(file, 'utf8').replace(/^purpose: approve$/m, 'purpose: approve\ncqc_domains: [Safe, Well-led]');
    const exported = await exportPaper(text, profile, path.dirname(file));
    const html = (await import('mammoth')).convertToHtml({ buffer: exported.buffer });
    const cells = [...(await html).value.matchAll(/<td[^>]*><p>(?:<strong>)?([^<]*)/g)].map((m) => m[1]);
    for (const label of [
      'Meeting date',
      'Lead Director',
      'Paper reference',
      'Link to strategic missions',
      'CQC domain',
      'Link to strategic risks',
      'Equality impact assessment',
    ])
      assert.ok(cells.includes(label), `${label} in ${cells.join(' | ')}`);
    assert.ok(!cells.includes('Date of meeting'));
    const back = await importDocxBuffer(exported.buffer, 'paper.docx', profile, 'paper');
    assert.deepEqual(normalise(splitPaper(back.text).data), normalise(splitPaper(text).data));
    assert.deepEqual(back.notes, []);
  });

  it('objectives the template names (one with a comma) and a history without outcomes come back as they were', async () => {
    const profile = mergeProfile(DEFAULT_PROFILE, {
      strategic_objectives: {
        'The best for patient safety, quality and experience': 'The best for patient safety, quality and experience',
        'The best place to work': 'The best place to work',
        'Financial sustainability': 'Financial sustainability',
      },
      cover_sheet: [
        { key: 'title' },
        { key: 'meeting' },
        { key: 'date' },
        { key: 'strategic_objectives', label: 'Trust Goals' },
        { key: 'committee_history', label: 'Previous committees', outcome: false },
      ],
      required_sections: ['Key points'],
    });
    const text = [
      '---',
      'title: Our People',
      'meeting: Integrated Care Board',
      'date: 2018-03-29',
      'strategic_objectives:',
      '  - The best for patient safety, quality and experience',
      '  - Financial sustainability',
      'committee_history:',
      '  - meeting: Workforce Committee',
      '    date: 2018-03-01',
      '---',
      '',
      '## Key points',
      '',
      'This paper presents an update on the key deliverables of the People Strategy.',
      '',
    ].join('\n');
    const exported = await exportPaper(text, profile, tempDir('boardpaper-word-'));
    const back = await importDocxBuffer(exported.buffer, 'paper.docx', profile, 'paper');
    const data = splitPaper(back.text).data as Record<string, unknown>;
    assert.deepEqual(data.strategic_objectives, ['The best for patient safety, quality and experience', 'Financial sustainability']);
    assert.deepEqual(normalise(data.committee_history), [{ meeting: 'Workforce Committee', date: '2018-03-01' }]);
  });

  it('a box of one or more dates (type dates) goes out as written-out dates and comes back as the list', async () => {
    const profile = mergeProfile(DEFAULT_PROFILE, {
      cover_sheet: [{ key: 'title' }, { key: 'meeting' }, { key: 'date' }, { key: 'committee_date', label: 'Committee Date', type: 'dates' }],
      required_sections: [],
    });
    const text = (dates: string) =>
      [
        '---',
        'title: People Committee Assurance Report',
        'meeting: Integrated Care Board',
        'date: 2025-07-10',
        `committee_date: ${dates}`,
        '---',
        '',
        'The committee met.',
        '',
      ].join('\n');
    for (const [written, back] of [
      ['[2025-04-30, 2025-05-14]', ['2025-04-30', '2025-05-14']],
      ['2025-06-25', '2025-06-25'],
    ] as const) {
      const exported = await exportPaper(text(written), profile, tempDir('boardpaper-word-'));
      const html = (await (await import('mammoth')).convertToHtml({ buffer: exported.buffer })).value;
      if (Array.isArray(back)) assert.ok(html.includes('30 April 2025 and 14 May 2025'), html);
      const data = splitPaper((await importDocxBuffer(exported.buffer, 'paper.docx', profile, 'paper')).text).data as Record<string, unknown>;
      assert.deepEqual(data.committee_date, back);
    }
  });

  it('several purposes, where the template allows them, come back as the list', async () => {
    const profile = mergeProfile(DEFAULT_PROFILE, {
      cover_sheet: [{ key: 'title' }, { key: 'meeting' }, { key: 'date' }, { key: 'purpose', label: 'For', type: 'list' }],
    });
    const text =
      '---\ntitle: Board Assurance Framework\nmeeting: Integrated Care Board\ndate: 2015-07-29\npurpose: [assure, approve]\n---\n\n## Executive summary\n\nThe framework.\n\n## Recommendations\n\nThe Board is asked to approve the framework.\n';
    const exported = await exportPaper(text, profile, tempDir('boardpaper-word-'));
    const back = await importDocxBuffer(exported.buffer, 'paper.docx', profile, 'paper');
    assert.deepEqual((splitPaper(back.text).data as Record<string, unknown>).purpose, ['assure', 'approve']);
    // Under a template with one purpose the same words stay one value (and field-type says so).
    const one = await importDocxBuffer(exported.buffer, 'paper.docx', DEFAULT_PROFILE, 'paper');
    assert.ok(!Array.isArray((splitPaper(one.text).data as Record<string, unknown>).purpose));
  });

  it('an image beside the paper goes into the document with its alt text and comes back as a file with the same bytes', async () => {
    const dir = tempDir('boardpaper-word-');
    try {
      const png = fs.readFileSync(path.join(__dirname, 'fixtures', 'lsc-seed-002.docx'));
      // Take the PNG out of the fixture through the importer, then use it in a paper.
      const img = (await importDocxBuffer(png, 'x.docx', DEFAULT_PROFILE, 'x')).images[0]!;
      fs.writeFileSync(path.join(dir, 'chart.png'), img.data);
      const text =
        fs.readFileSync(path.join(EXAMPLES, '2024-05-08', '05-chief-executive-report.md'), 'utf8') + '\n![Waiting list by deprivation quintile](chart.png)\n';
      const { exported, back } = await roundTrip(text, dir);
      assert.deepEqual(exported.missingImages, []);
      assert.equal(back.images.length, 1);
      assert.deepEqual(Buffer.from(back.images[0]!.data), Buffer.from(img.data));
      assert.match(back.text, /!\[Waiting list by deprivation quintile\]\(paper-image-1\.png\)/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("never reads an image outside the paper's folder", async () => {
    const text =
      fs.readFileSync(path.join(EXAMPLES, '2024-05-08', '05-chief-executive-report.md'), 'utf8') +
      '\n![secret](../../../../etc/hostname) ![abs](/etc/hostname)\n';
    const { exported } = await roundTrip(text, path.join(EXAMPLES, '2024-05-08'));
    assert.deepEqual(exported.missingImages.sort(), ['../../../../etc/hostname', '/etc/hostname'].sort());
  });

  it("python-docx reads the export: the cover sheet is a table, the sections use Word's Heading 1 and lists use list numbering", async function () {
    const py = pythonWithDocx();
    if (!py) this.skip();
    const dir = tempDir('boardpaper-word-');
    try {
      const file = path.join(EXAMPLES, '2024-05-08', '10-recovery-and-transformation.md');
      const { exported } = await roundTrip(fs.readFileSync(file, 'utf8'), path.dirname(file));
      const out = path.join(dir, 'p.docx');
      fs.writeFileSync(out, exported.buffer);
      const script = [
        'import docx, json, sys',
        'd = docx.Document(sys.argv[1])',
        'print(json.dumps({"styles": [[p.style.name, p.text] for p in d.paragraphs], "table": [c.text for c in d.tables[0].rows[0].cells]}))',
      ].join('\n');
      const r = spawnSync(py!, ['-c', script, out], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      const got = JSON.parse(r.stdout) as { styles: [string, string][]; table: string[] };
      assert.equal(got.table[0], 'Date of meeting');
      assert.ok(
        got.styles.some(([s, t]) => s === 'Heading 1' && t === 'Executive summary'),
        JSON.stringify(got.styles.slice(0, 8)),
      );
      assert.ok(got.styles.some(([s]) => s === 'List Paragraph'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
