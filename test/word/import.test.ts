/**
 * `boardpaper import` on Word papers made by python-docx (test/word/fixtures/
 * make-fixtures.py), modelled on three organisations' templates: the cover
 * sheet's fields land in the front-matter, the body's headings, lists, tables,
 * links and images in Markdown, and no word of the document is lost.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { DEFAULT_PROFILE, mergeProfile } from '../../server/src/core/profile';
import { analyze } from '../../server/src/core/analyze';
import { importDocxBuffer } from '../../server/src/word/docx-file';
import { importHtml } from '../../server/src/word/import-html';
import { BUILT_IN_LABELS } from '../../server/src/word/labels';
import { isoDate } from '../../server/src/word/values';
import { parseLooseDate } from '../../server/src/core/queries/dates';
import { bodyWords, fixture, missingWords, pythonDocxText, pythonWithDocx, splitPaper, words } from './helpers';

async function importFixture(name: string, profile = DEFAULT_PROFILE) {
  const buf = fs.readFileSync(fixture(name));
  return importDocxBuffer(buf, fixture(name), profile, name.replace(/\.docx$/, ''));
}

/** Words a cover sheet prints that are template, not the author's: labels, column heads, ticks, dates' month names. */
const TEMPLATE_WORDS = new Set([
  ...Object.values(BUILT_IN_LABELS).flat().flatMap(words),
  ...[
    'yes',
    'no',
    'n',
    'a',
    'comments',
    'tick',
    'x',
    'meeting',
    'date',
    'outcomes',
    'implications',
    'impact',
    'assessments',
    'completed',
    'list',
    'other',
    'committees',
    'forums',
    'that',
    'have',
    'discussed',
    'this',
    'paper',
    'report',
    'does',
    'relate',
    'to',
    's',
    'the',
    'by',
    'supported',
    'summary',
    'of',
  ],
  ...[
    'january',
    'february',
    'march',
    'april',
    'may',
    'june',
    'july',
    'august',
    'september',
    'october',
    'november',
    'december',
    'monday',
    'tuesday',
    'wednesday',
    'thursday',
    'friday',
  ],
  ...['approval', 'assurance', 'discussion', 'information', 'for', 'public'],
  // The profile's own objectives: a row of the objectives table prints the profile's text.
  ...Object.values(DEFAULT_PROFILE.strategic_objectives).flatMap(words),
  ...Object.keys(DEFAULT_PROFILE.strategic_objectives).flatMap(words),
]);
const templateWord = (w: string) => TEMPLATE_WORDS.has(w) || /^\d{1,2}(st|nd|rd|th)$/.test(w) || /^\d{1,2}$/.test(w);

describe('Word import: cover sheets', function () {
  this.timeout(60000);

  it('reads the LSC cover sheet (seed 002): facts, ticked objectives, Yes/No/N/A implications, risk register items, history rows, impact assessments, merged cells', async () => {
    const r = await importFixture('lsc-seed-002.docx');
    const { data } = splitPaper(r.text);
    assert.equal(data.title, 'Recovery and Transformation Programmes');
    assert.equal(data.meeting, 'Integrated Care Board');
    assert.equal(data.date, '2024-03-13');
    assert.equal(data.agenda_item, '10', 'agenda items are quoted strings');
    assert.match(r.text, /^agenda_item: "10"$/m);
    assert.equal(data.confidential, false, 'Confidential: No → false');
    assert.deepEqual(data.strategic_objectives, ['SO1', 'SO2', 'SO3', 'SO4', 'SO6'], 'SO5 has no tick');
    assert.deepEqual(data.risks, {
      status: 'yes',
      comment: 'Detailed risk registers will be maintained by each programme in scope of recovery & transformation',
      on_register: 'yes',
      items: [
        { id: '019', title: 'NOF ratings' },
        { id: '008', title: 'System Financial Sustainability' },
      ],
    });
    assert.deepEqual(data.financial_implications, {
      status: 'yes',
      comment: 'The benefits delivered by the recovery & transformation programme are an essential contribution to our 3-year financial recovery plan',
    });
    assert.deepEqual(data.committee_history, [
      { meeting: 'System Recovery & Transformation Board', date: '2024-02-20', outcome: 'The paper was noted and the proposals within endorsed.' },
      { meeting: 'Executive Team', date: '2024-03-05', outcome: 'Approved.' },
    ]);
    assert.equal(data.conflicts_of_interest, 'Not applicable');
    const ia = data.impact_assessments as Record<string, { status: string; comment: string }>;
    assert.deepEqual(Object.keys(ia), ['quality', 'equality', 'data_privacy']);
    assert.ok(Object.values(ia).every((a) => a.status === 'n/a' && a.comment.length > 20));
    assert.equal(data.authorised_by, 'Maggie Oldham, ICB Deputy CEO and Chief of Recovery & Transformation.');
    assert.equal(data.purpose, undefined, 'the seed cover sheet has no purpose row, and import does not invent one');
    assert.deepEqual(r.notes, [], 'everything on this cover sheet has a place');
  });

  it("the LSC body: the cover sheet's executive summary and recommendations rows become sections, bold numbered paragraphs become ## headings, lists, a GFM table, bold, italic, a link and an image with its alt text", async () => {
    const r = await importFixture('lsc-seed-002.docx');
    const { body } = splitPaper(r.text);
    const headings = [...body.matchAll(/^(#{1,6}) (.*)$/gm)].map((m) => `${m[1]} ${m[2]}`);
    assert.deepEqual(headings, [
      '## Executive summary',
      '## Recommendations',
      '## 1. Introduction',
      '## 2. Clinical Strategy',
      '## 3. Transforming Care in our Hospitals',
      '## 4. Health inequalities and unwarranted variation',
      '## 5. Recommendations',
    ]);
    assert.match(body, /^- improve outcomes in population health and healthcare,$/m);
    assert.match(body, /^- \*\*Transforming Care in the Community\*\*, following/m);
    assert.match(body, /\*\*safe, effective, affordable\*\*/);
    assert.match(body, /\[ICB website\]\(https:\/\/www\.lancashireandsouthcumbria\.icb\.nhs\.uk\/\)/);
    assert.match(body, /\*full strategy\*/);
    assert.match(body, /^\| \*\*Programme\*\* +\| \*\*Services\*\* +\| \*\*Target year\*\* \|$/m, 'the first row is the GFM header');
    assert.match(body, /^\| Fragile services +\| haematology, orthodontics, gastroenterology \| 2024\/25 +\|$/m);
    assert.match(body, /!\[Delivery roadmap for the clinical configuration blueprint\]\(lsc-seed-002-image-1\.png\)/);
    assert.equal(r.images.length, 1);
    assert.equal(r.images[0]!.name, 'lsc-seed-002-image-1.png');
    assert.deepEqual([...r.images[0]!.data.subarray(1, 4)], [...Buffer.from('PNG')]);
    // The imported paper is a board paper the checks read: its sections are found.
    const a = analyze(r.text, DEFAULT_PROFILE);
    assert.ok(a.isPaper);
    assert.deepEqual(
      a.findings.map((f) => f.rule),
      ['required-field'],
      'the one finding is the purpose the seed cover sheet does not state',
    );
  });

  it('reads a CCG governing body sheet: Label: value lines, Enclosure kept as a note, objectives numbered 1–5 with an x, Word heading styles', async () => {
    const r = await importFixture('greenwich-ccg.docx');
    const { data, body } = splitPaper(r.text);
    assert.equal(data.title, 'NHS Greenwich CCG Quality Strategy and Annual Work Programme 2014/15');
    assert.equal(data.date, '2014-09-24', 'September 24th 2014');
    assert.equal(data.agenda_item, '8iii');
    assert.equal(data.presented_by, 'Nicola Moore, Director of Integrated Governance');
    assert.equal(data.author, 'Maggie Aiken, AD Governance & Quality', 'Prepared by');
    assert.equal(data.purpose, 'approve', 'For approval');
    assert.equal(data.meeting, 'GOVERNING BODY MEETING');
    assert.deepEqual(data.strategic_objectives, ['1', '2', '3', '5']);
    assert.equal(data.conflicts_of_interest, 'None identified');
    assert.ok(r.notes.includes('Above the cover sheet: Enclosure: H'), r.notes.join('\n'));
    // Objectives the LSC profile does not know keep their words in the notes.
    assert.ok(r.notes.some((n) => n.includes('Create & optimise a data rich environment')));
    assert.deepEqual(
      [...body.matchAll(/^(#{2,6}) (.*)$/gm)].map((m) => `${m[1]} ${m[2]}`),
      ['## Executive summary', '## Background', '### Priorities for 2014/15', '## Recommendations', '## Import notes'],
    );
    assert.match(body, /^1\. Patient safety and learning from incidents$/m);
    assert.match(body, /^3\. Patient experience and the Friends and Family Test$/m);
  });

  it('reads an NHS trust template: two label/value pairs a row, purpose check boxes, Yes – comment values, history in one cell, a boxed Executive comment', async () => {
    const r = await importFixture('trust-board.docx');
    const { data, body } = splitPaper(r.text);
    assert.equal(data.date, '2024-06-06', 'Thursday 6 June 2024');
    assert.equal(data.agenda_item, 'TB/24/061', 'Paper reference');
    assert.equal(data.presented_by, 'Jane Doe, Chief Nurse', 'Lead Director');
    assert.equal(data.author, 'Sam Patel, Director of Midwifery');
    assert.equal(data.purpose, 'assure', 'Assurance ☒');
    assert.equal(data.assurance, 'reasonable');
    assert.equal(data.confidential, false);
    assert.deepEqual(data.strategic_objectives, ['M1', 'M3']);
    assert.deepEqual(data.risks, { status: 'yes', comment: 'BAF risk 2: failure to deliver safe maternity care' });
    assert.deepEqual(data.financial_implications, { status: 'no', comment: 'the actions are funded within the maternity budget' });
    assert.deepEqual(data.impact_assessments, { equality: { status: 'n/a', comment: 'no service change is proposed' } });
    assert.deepEqual(data.committee_history, [{ meeting: 'Quality Committee', date: '2024-05-21' }], 'no outcome written: committee-outcome-missing says so');
    assert.equal(data.authorised_by, 'Jane Doe, Chief Nurse');
    // The LSC profile has no "CQC domain": kept word for word in the notes.
    assert.deepEqual(r.notes, ['Cover sheet: CQC domain | Safe, Well-led']);
    assert.match(body, /^## Executive comment\n\nMaternity services met eight/m);
    assert.match(body, /^## Action required by the Board$/m);
    assert.match(body, /^### Staffing$/m);
  });

  it("with the organisation's profile, its own labels and fields are recognised (cover_sheet labels and aliases)", async () => {
    const profile = mergeProfile(DEFAULT_PROFILE, {
      strategic_objectives: { M1: 'Outstanding care', M2: 'Great place to work', M3: 'Healthy communities' },
      cover_sheet: [
        { key: 'cqc_domains', label: 'CQC domain', type: 'list', values: ['Safe', 'Effective', 'Caring', 'Responsive', 'Well-led'] },
        { key: 'presented_by', label: 'Lead Director', aliases: ['Report from'] },
        { key: 'date', label: 'Meeting date' },
        { key: 'title', label: 'Title of paper' },
      ],
    });
    assert.ok(profile.cover_sheet?.length, 'the profile has its own cover sheet');
    const r = await importFixture('trust-board.docx', profile);
    const { data } = splitPaper(r.text);
    assert.deepEqual(data.cqc_domains, ['Safe', 'Well-led'], 'a list field is read as a list');
    assert.deepEqual(r.notes, []);
  });

  it("keeps every word of each document: body words exactly, cover-sheet words except the template's own labels (python-docx reads the source)", async function () {
    if (!pythonWithDocx()) this.skip();
    for (const name of ['lsc-seed-002.docx', 'greenwich-ccg.docx', 'trust-board.docx']) {
      const r = await importFixture(name);
      const src = pythonDocxText(fixture(name));
      const got = words(r.text);
      // Top-level paragraphs (the body, and lines above the cover sheet): every word, as often as written,
      // but for the labels of `Label: value` lines.
      const paraMissing = missingWords(src.paragraphs.flatMap(words), got).filter((w) => !templateWord(w));
      assert.deepEqual(paraMissing, [], `${name}: body words lost`);
      // Table cells: only template words may go (labels, Yes/No/N/A heads, ticks, dates become ISO).
      const cellMissing = missingWords(src.cells.flatMap(words), got).filter((w) => !templateWord(w));
      assert.deepEqual(cellMissing, [], `${name}: cover-sheet words lost`);
    }
  });
});

describe('Word import: pieces', () => {
  it('dates to ISO in the ways templates write them', () => {
    assert.equal(isoDate('13 March 2024'), '2024-03-13');
    assert.equal(isoDate('Wednesday 13th March 2024'), '2024-03-13');
    assert.equal(isoDate('September 24th 2014'), '2014-09-24');
    assert.equal(isoDate('13/03/2024'), '2024-03-13');
    assert.equal(isoDate('5 Mar 24'), '2024-03-05');
    assert.equal(isoDate('31 February 2024'), undefined, 'not a real date: kept as written');
    assert.equal(isoDate('TBC'), undefined);
    assert.equal(isoDate('13/03/24'), '2024-03-13');
    assert.equal(isoDate('Wednesday, 13 March 2024'), '2024-03-13');
    assert.equal(isoDate('Thursday 13 March 2024'), undefined, 'the weekday disagrees with the date: kept as written, for invalid-date to report');
    // The linter's own fix reads the same way but does not guess a two-digit year.
    assert.equal(parseLooseDate('Thursday 13 March 2024'), undefined);
    assert.equal(parseLooseDate('13/03/24'), undefined);
    assert.equal(parseLooseDate('13/03/2024'), '2024-03-13');
  });

  it('a cover sheet in a table with Label: value cells and a Yes/No/N/A header without a Comments column', () => {
    const html =
      '<table><tr><td><p>Title of paper: Winter plan</p></td></tr><tr><td><p>Meeting date: 1 October 2024</p></td></tr>' +
      '<tr><td></td><td>Yes</td><td>No</td><td>N/A</td></tr><tr><td>Financial implications</td><td></td><td>✓</td><td></td></tr></table>' +
      '<h2>Executive summary</h2><p>Words.</p>';
    const r = importHtml(html, DEFAULT_PROFILE);
    const { data } = splitPaper(r.text);
    assert.equal(data.title, 'Winter plan');
    assert.equal(data.date, '2024-10-01');
    assert.deepEqual(data.financial_implications, { status: 'no' });
  });

  it('a row it cannot place goes to Import notes, with all its words', () => {
    const html =
      '<table><tr><td>Title of paper</td><td>A</td></tr><tr><td>Author</td><td>B</td></tr><tr><td>Freedom to Speak Up guardian consulted</td><td>Yes, on 3 May</td></tr></table><p>Body.</p>';
    const r = importHtml(html, DEFAULT_PROFILE);
    assert.match(r.text, /## Import notes[\s\S]*- Cover sheet: Freedom to Speak Up guardian consulted \| Yes, on 3 May/);
    assert.deepEqual(missingWords(words('Freedom to Speak Up guardian consulted Yes, on 3 May Body'), bodyWords(r.text)), []);
  });

  it('a second, different value for a field is kept as a note, not overwritten', () => {
    const html = '<table><tr><td>Title of paper</td><td>A</td></tr><tr><td>Report title</td><td>B</td></tr><tr><td>Author</td><td>C</td></tr></table>';
    const r = importHtml(html, DEFAULT_PROFILE);
    assert.equal(splitPaper(r.text).data.title, 'A');
    assert.ok(r.notes.some((n) => n.includes('B')));
  });

  it('a document with no cover sheet at all: everything is body, nothing invented', () => {
    const r = importHtml('<h3>Notes of a meeting</h3><p>Some text.</p>', DEFAULT_PROFILE);
    assert.equal(r.text, '---\n---\n\n## Notes of a meeting\n\nSome text.\n');
  });
});
