/**
 * Dates as papers write them (core/queries/dates.ts) and what invalid-date
 * says of each: a month without its day is named as such, with the month
 * kept, and gets no fix (only the author knows the day).
 */
import * as assert from 'node:assert/strict';
import { monthWithoutDay, parseLooseDate } from '../../server/src/core/queries/dates';
import { analyze } from '../../server/src/core/analyze';
import { DEFAULT_PROFILE } from '../../server/src/core/profile';

const paper = (date: string) => `---\ntitle: A paper\nmeeting: Trust Board\ndate: ${date}\n---\n\n## Executive summary\n\nText.\n`;
const dateFindings = (date: string) => analyze(paper(date), DEFAULT_PROFILE).findings.filter((f) => f.rule === 'invalid-date');

describe('monthWithoutDay', () => {
  for (const [text, want] of [
    ['March 2025', '2025-03'],
    ['Sept 2024', '2024-09'],
    ['May 2024', '2024-05'],
    ['january, 2025', '2025-01'],
    ['2025-3', '2025-03'],
    ['2025-12', '2025-12'],
  ] as const) {
    it(`reads "${text}" as ${want}`, () => assert.equal(monthWithoutDay(text), want));
  }
  for (const text of ['13 March 2025', 'Spring 2025', '2025-13', '2025', 'March', 'Board 2025', '2025-03-12']) {
    it(`does not read "${text}" as a month`, () => assert.equal(monthWithoutDay(text), undefined));
  }
});

describe('invalid-date on a month without its day', () => {
  it('names the month and asks for the day, with no fix', () => {
    const [f, ...rest] = dateFindings('March 2025');
    assert.equal(rest.length, 0);
    assert.match(f!.message, /"March 2025" gives the month but not the day\./);
    assert.match(f!.message, /Add the day, written YYYY-MM-DD: 2025-03-DD\.$/);
    assert.equal(f!.fix, undefined);
  });

  it('still offers the ISO date for a whole date written out', () => {
    assert.equal(parseLooseDate('13 March 2025'), '2025-03-13');
    const [f] = dateFindings('13 March 2025');
    assert.match(f!.message, /is not a date written YYYY-MM-DD\. .* Write it as 2025-03-13\.$/);
    assert.ok(f!.fix);
  });

  it('still says "no such day" of an impossible ISO date', () => {
    const [f] = dateFindings('2025-02-30');
    assert.match(f!.message, /there is no such day/);
  });
});
