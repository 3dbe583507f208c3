/**
 * Fixes never lose text: for random papers with the faults authors make,
 * applying every fix keeps every word of the body and every cover-sheet
 * value that was not itself the fault; fixing again changes nothing.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze } from '../../server/src/core/analyze';
import { fixAll } from '../../server/src/core/fix-all';
import { DEFAULT_PROFILE } from '../../server/src/core/profile';

const FAULTS: Record<string, [string, string]> = {
  agenda: ['agenda_item: "10"', 'agenda_item: 10.10'],
  confidential: ['confidential: false', 'confidential: yes'],
  purpose: ['purpose: note', 'purpose: noting'],
  date: ['date: 2024-03-13', 'date: 13/03/2024'],
  presenter: ['presented_by: Maggie Oldham', 'presenter: Maggie Oldham'],
  objective: ['strategic_objectives: [SO1, SO2]', 'strategic_objectives: [S01, SO2, SO2]'],
  history: ['  - meeting: Executive Team\n    date: 2024-03-05', '  - meeting: Exec Team\n    date: 2024-01-05'],
};

function paper(faults: string[], body: string): string {
  let t = `---
title: Recovery and Transformation Programmes
meeting: Integrated Care Board
date: 2024-03-13
agenda_item: "10"
presented_by: Maggie Oldham
author: Terry Whalley
confidential: false
purpose: note
strategic_objectives: [SO1, SO2]
risks:
  status: no
  comment: None identified
financial_implications:
  status: no
  comment: None
committee_history:
  - meeting: System Recovery & Transformation Board
    date: 2024-02-20
    outcome: Noted.
  - meeting: Executive Team
    date: 2024-03-05
    outcome: Approved.
conflicts_of_interest: Not applicable
impact_assessments:
  quality: { status: n/a, comment: Not needed }
  equality: { status: n/a, comment: Not needed }
  data_privacy: { status: n/a, comment: Not needed }
authorised_by: Maggie Oldham
---
`;
  for (const f of faults) t = t.replace(FAULTS[f]![0], FAULTS[f]![1]);
  return t + body;
}

const words = (t: string) => t.split(/\s+/).filter(Boolean).sort();
const bodyOf = (t: string) => t.slice(t.indexOf('\n---\n', 4) + 5);

const prose = fc.array(fc.constantFrom('The', 'Board', 'is', 'asked', 'to', 'note', 'ICB', 'UDAs', 'SO7', 'A&E', 'deprivation', '10.10', 'yes', '5.1', '£300m', 'Core20PLUS5', 'TBC'), { minLength: 3, maxLength: 40 }).map((w) => w.join(' '));
const body = fc.tuple(prose, prose, prose, fc.boolean()).map(([a, b, c, crlf]) => {
  const t = `\n## Executive summary\n\n${a}\n\n## Background\n\n${b}\n\n## Recommendations\n\n${c}\n`;
  return crlf ? t.replace(/\n/g, '\r\n') : t;
});

describe('robustness: fixes never lose text', function () {
  this.timeout(120000);
  it('keeps every body word and every value that was not the fault; fixing twice changes nothing', () => {
    fc.assert(
      fc.property(fc.subarray(Object.keys(FAULTS)), body, (faults, b) => {
        const text = paper(faults, b);
        const fixed = fixAll(text, DEFAULT_PROFILE).text;
        assert.deepEqual(words(bodyOf(fixed)), words(bodyOf(text)), 'body words kept');
        for (const keep of ['Recovery and Transformation Programmes', 'Terry Whalley', 'Maggie Oldham', 'None identified', 'System Recovery & Transformation Board', 'Noted.', 'Approved.', 'Not needed', 'Not applicable']) {
          assert.ok(fixed.includes(keep), `kept: ${keep}`);
        }
        assert.equal(fixAll(fixed, DEFAULT_PROFILE).text, fixed, 'idempotent');
        const after = analyze(fixed, DEFAULT_PROFILE, { strict: true });
        assert.ok(!after.findings.some((f) => f.fix), 'nothing fixable left');
      }),
      { numRuns: 150, seed: 42 },
    );
  });
});
