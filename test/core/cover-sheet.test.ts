/**
 * The cover-sheet fast path (core/cover-sheet.ts): reading only the
 * front-matter gives the same facts as the full paper model, for every
 * fixture and example paper, for generated front-matter shapes (fences with
 * blanks, tabs, `----`, CR/CRLF/LF, a BOM, no closing fence, broken YAML),
 * and the result keeps no reference to the text.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import fc from 'fast-check';
import fg from 'fast-glob';
import { coverSheetOf, readCoverSheet } from '../../server/src/core/cover-sheet';
import { parsePaper } from '../../server/src/core/paper';

const root = path.resolve(__dirname, '..', '..');
const files = fg.sync(['test/fixtures/**/*.md', 'examples/**/*.md', 'test/vscode/workspace/**/*.md'], { cwd: root }).sort();

/** The full model's facts, as plain data (what the fast path returns). */
const full = (text: string) => JSON.parse(JSON.stringify(coverSheetOf(parsePaper(text))));

describe('readCoverSheet (front-matter only) equals the full model', function () {
  this.timeout(120000);
  it('finds the fixture and example papers', () => assert.ok(files.length > 100, String(files.length)));

  it('for every fixture and example paper', () => {
    for (const f of files) {
      const text = fs.readFileSync(path.join(root, f), 'utf8');
      assert.deepStrictEqual(readCoverSheet(text), full(text), f);
    }
  });

  it('gives the facts the workspace uses', () => {
    const text = [
      '\uFEFF---',
      'title: "  Winter Plan 2024/25 "',
      'meeting: ICB Board',
      'date: 2024-05-08',
      'agenda_item: "10.1"',
      'confidential: true',
      'committee_history:',
      '  - meeting: Finance and Performance Committee',
      '    date: 2024-04-10',
      '    outcome: Supported',
      '  - just a note',
      '---',
      '',
      '## Executive summary',
      '',
      '<!-- boardpaper-disable duplicate-agenda-item -->',
    ].join('\r\n');
    const c = readCoverSheet(text);
    assert.equal(c.looksLikePaper, true);
    assert.equal(c.title, 'Winter Plan 2024/25');
    assert.equal(c.meeting, 'ICB Board');
    assert.equal(c.date, '2024-05-08');
    assert.equal(c.meetingDate, '2024-05-08');
    assert.equal(c.agendaItem, '10.1');
    assert.equal(c.confidential, true);
    assert.deepEqual(c.history, [{ meeting: 'Finance and Performance Committee', date: '2024-04-10', outcome: 'Supported' }, {}]);
    assert.equal(text.slice(c.anchor.start, c.anchor.end), 'title');
    assert.deepStrictEqual(c, full(text));
  });

  it('tells invalid dates, missing and non-boolean confidentiality apart', () => {
    const c = readCoverSheet('---\ntitle: A\nmeeting: Board\ndate: 2024-02-30\nconfidential: yes\n---\n');
    assert.equal(c.date, '2024-02-30');
    assert.equal(c.meetingDate, undefined);
    assert.equal(c.confidential, null, '"yes" is a string in the core schema');
    assert.equal(readCoverSheet('---\ntitle: A\nmeeting: Board\n---\n').confidential, null);
    assert.equal(readCoverSheet('---\ntitle: A\nmeeting: Board\nconfidential: false\n---\n').confidential, false);
  });

  it('for generated front-matter shapes', () => {
    const line = fc.constantFrom(
      '---',
      '--- ',
      '---\t',
      '----',
      ' ---',
      '--- x',
      '...',
      '',
      '   ',
      'title: A paper',
      'title: [broken',
      'meeting: ICB Board',
      'agenda_item: "7"',
      'agenda_item: 7',
      'date: 2024-05-08',
      'date: "2024-05-08"',
      'date: 2024-13-01',
      'confidential: true',
      'confidential: no',
      'committee_history:',
      '  - meeting: Quality Committee',
      '    date: 2024-04-01',
      '  - x',
      '- a list item',
      'key: "unclosed',
      '## Heading',
      '<!-- boardpaper-disable -->',
      'body text',
    );
    const eol = fc.constantFrom('\n', '\r\n', '\r');
    const doc = fc.record({
      bom: fc.boolean(),
      lines: fc.array(fc.tuple(line, eol), { maxLength: 14 }),
      end: fc.boolean(),
    });
    fc.assert(
      fc.property(doc, ({ bom, lines, end }) => {
        let text = (bom ? '\uFEFF' : '') + lines.map(([l, e]) => l + e).join('');
        if (!end && text.endsWith('\n')) text = text.slice(0, -1);
        assert.deepStrictEqual(readCoverSheet(text), full(text), JSON.stringify(text));
      }),
      { numRuns: 2000, seed: 20240508 },
    );
  });

  it('for random text that starts like front-matter', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('-', '-', '-', ' ', '\t', '\n', '\r', 'a', ':', '"', '[', 't', '\uFEFF'), maxLength: 40 }), (tail) => {
        const text = '---' + tail;
        assert.deepStrictEqual(readCoverSheet(text), full(text), JSON.stringify(text));
      }),
      { numRuns: 2000, seed: 7 },
    );
  });

  it('keeps no reference to the text it read (an index of cover sheets does not hold the papers)', () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const body = (i: number) => `\n## Executive summary\n\n${`Paper ${i} says something about the winter plan. `.repeat(8000)}\n`;
    const make = (i: number) =>
      `---\ntitle: The Winter Plan for the Lancashire and South Cumbria system, number ${i}\nmeeting: Integrated Care Board meeting in public\ndate: 2024-05-08\nagenda_item: "${i}.1"\ncommittee_history:\n  - meeting: Finance and Performance Committee\n    date: 2024-04-10\n    outcome: Supported for approval by the Board\n---\n${body(i)}`;
    gc();
    const before = process.memoryUsage().heapUsed;
    const kept = [];
    let bytes = 0;
    for (let i = 0; i < 60; i++) {
      const text = make(i);
      bytes += text.length;
      kept.push(readCoverSheet(text));
    }
    gc();
    const grown = process.memoryUsage().heapUsed - before;
    assert.equal(kept.length, 60);
    assert.ok(bytes > 20e6, String(bytes));
    assert.ok(grown < 4e6, `${(grown / 1e6).toFixed(1)} MB kept for 60 cover sheets read from ${(bytes / 1e6).toFixed(0)} MB of text`);
  });
});
