/**
 * Shared questions about a paper (core/queries/): which section is which
 * under the built-in and the profile's accepted headings, the template's name
 * in messages, and the one long date.
 */
import * as assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/fix';
import { parsePaper } from '../../server/src/core/paper';
import { DEFAULT_PROFILE, type Profile } from '../../server/src/core/profile';
import { longDate } from '../../server/src/core/queries/dates';
import { acceptedHeadings, executiveSummarySection, headingKey, recommendationsSection, templateName } from '../../server/src/core/queries/sections';
import { longDate as renderLongDate } from '../../server/src/render/cover';

const nlag: Profile = {
  ...DEFAULT_PROFILE,
  sections: { executive_summary: ['Executive comment'], recommendations: ['Action required by the Board', 'Recommendations'] },
};

const body = (...headings: string[]) => parsePaper(`---\ntitle: T\n---\n\n${headings.map((h) => `${h}\n\nSome text of the section.\n`).join('\n')}`);

describe('sections under their accepted headings', () => {
  it('reads a plural written (s) as the plural, punctuation and clause numbers ignored', () => {
    assert.equal(headingKey('Recommendation(s)'), 'recommendations');
    assert.equal(headingKey('5. RECOMMENDATION(S):'), 'recommendations');
    assert.equal(headingKey('Risk(s) and issue(s)'), 'risks and issues');
  });

  it('accepts Recommendation, Recommendation(s) and Summary by default', () => {
    for (const h of ['## Recommendation', '## 4. Recommendation(s)', '## Recommendations:']) {
      assert.ok(recommendationsSection(body('## Summary', h), DEFAULT_PROFILE), h);
    }
    assert.ok(executiveSummarySection(body('## Summary', '## Recommendations'), DEFAULT_PROFILE));
    assert.equal(recommendationsSection(body('## Next steps'), DEFAULT_PROFILE), undefined);
  });

  it("replaces a section's accepted names with the profile's", () => {
    assert.deepEqual(acceptedHeadings(nlag, 'Executive summary'), ['Executive comment']);
    assert.deepEqual(acceptedHeadings(nlag, 'Background'), ['Background']);
    assert.equal(executiveSummarySection(body('## Executive summary'), nlag), undefined);
    assert.ok(executiveSummarySection(body('## Executive comment'), nlag));
    assert.ok(recommendationsSection(body('## 6. Action required by the Board'), nlag));
    assert.equal(templateName(nlag, 'Recommendations'), 'Action required by the Board');
    assert.equal(templateName(DEFAULT_PROFILE, 'Recommendations'), 'Recommendations');
  });

  it("missing-section names the section as the organisation's template does", () => {
    const text =
      '---\ntitle: T\nmeeting: Trust Board\ndate: 2023-05-01\n---\n\n## Executive summary\n\nThe summary of the paper for the Board to read first.\n';
    const messages = analyze(text, nlag, { strict: true })
      .findings.filter((f) => f.rule === 'missing-section')
      .map((f) => f.message);
    assert.equal(messages.length, 2);
    assert.match(messages[0]!, /no "Executive comment" section/);
    assert.match(messages[1]!, /no "Action required by the Board" section.*"## Action required by the Board"/);
  });

  it('missing-section on Recommendations says where the ask is when another section asks the meeting (Oxford Health, 2015)', () => {
    const head = '---\ntitle: T\nmeeting: Trust Board\ndate: 2023-05-01\n---\n\n## Executive summary\n\n';
    const recs = (summary: string) =>
      analyze(head + summary, DEFAULT_PROFILE, { strict: true }).findings.filter((f) => f.rule === 'missing-section' && /Recommendations/.test(f.message));
    const asked = recs('The programme has run for a year and this report sets out what it achieved. The Board is asked to note the report.\n');
    assert.equal(asked.length, 1, 'still an error: the template gives the ask its own section');
    assert.equal(asked[0]!.severity, 'error');
    assert.match(asked[0]!.message, /Its ask is in "Executive summary" \(the meeting is asked to note the report\)/);
    assert.doesNotMatch(asked[0]!.message, /not told what it is asked/);
    // The ask is quoted as the paper writes it: names keep their capitals (NHS England, July 2024).
    const named = recs('Board members are asked to note and discuss progress made by the National Guardian’s Office and its priorities.\n');
    assert.match(named[0]!.message, /\(the meeting is asked to note and discuss progress made by the National Guardian’s Office and its priorities\)/);
    // "required to support" and a sentence opening "To improve …" are not asks outside the Recommendations.
    const notAsked = recs('Resources will be required to support the agreed priority areas. To improve access, clinics open later.\n');
    assert.equal(notAsked.length, 1);
    assert.match(notAsked[0]!.message, /without it the meeting is not told what it is asked to decide or note/);
  });

  it('missing-section advises the labelled paragraph where the template puts the ask in one (NHS Highland, "The Board is asked to:")', () => {
    const highland: Profile = { ...DEFAULT_PROFILE, required_sections: ['Recommendations'], recommendations: { labels: ['The Board is asked to'] } };
    const head = '---\ntitle: T\nmeeting: Trust Board\ndate: 2023-05-01\n---\n\n';
    const recs = (text: string) => analyze(head + text, highland, { strict: true }).findings.filter((f) => f.rule === 'missing-section');
    // The ask is written in a section, not in the labelled paragraph: the advice names the template's paragraph.
    const elsewhere = recs('## 2. Annual report\n\nThe Board is invited to approve the draft annual report.\n');
    assert.equal(elsewhere.length, 1);
    assert.match(elsewhere[0]!.message, /Its ask is in "Annual report"/);
    assert.match(elsewhere[0]!.message, /the template gives the ask a paragraph of its own opening "The Board is asked to:"/);
    assert.match(
      elsewhere[0]!.message,
      /Add a paragraph opening "The Board is asked to:" at the end of the paper \(or a level-2 heading "## Recommendations"\) and move the ask there\./,
    );
    // No ask at all: the quick fix inserts the labelled paragraph, which the rule then accepts (placeholder-section asks for words).
    const none = recs('## 2. Annual report\n\nThe annual report covers the year.\n');
    assert.match(
      none[0]!.message,
      /nor a paragraph opening "The Board is asked to:".*Add a paragraph opening "The Board is asked to:" at the end of the paper .*and write the ask\./,
    );
    const suggestion = none[0]!.suggestions?.[0];
    assert.equal(suggestion?.title, 'Insert a "The Board is asked to:" paragraph');
    const fixed = applyEdits(head + '## 2. Annual report\n\nThe annual report covers the year.\n', suggestion!.edits);
    assert.match(fixed, /\n\nThe Board is asked to: <!-- What the meeting is asked to do/);
    const after = analyze(fixed, highland, { strict: true }).findings.map((f) => f.rule);
    assert.ok(!after.includes('missing-section'), after.join());
    // Without labels the advice is the heading, as before.
    const plain = analyze(
      head + '## 2. Annual report\n\nThe annual report covers the year.\n',
      { ...DEFAULT_PROFILE, required_sections: ['Recommendations'] },
      { strict: true },
    ).findings.filter((f) => f.rule === 'missing-section');
    assert.match(plain[0]!.message, /Add a level-2 heading "## Recommendations" at the end of the paper and write the section\./);
    assert.equal(plain[0]!.suggestions?.[0]?.title, 'Insert the "Recommendations" section');
  });
});

describe('one long date', () => {
  it('writes real dates long and returns anything else as written', () => {
    assert.equal(longDate('2024-04-01'), '1 April 2024');
    assert.equal(longDate('2024-06-18', true), 'Tuesday 18 June 2024');
    assert.equal(longDate('2024-02-29'), '29 February 2024');
    assert.equal(longDate('2024-02-31'), '2024-02-31');
    assert.equal(longDate('13/03/2024'), '13/03/2024');
  });

  it('is the one the preview and the pack use', () => {
    assert.equal(renderLongDate, longDate);
  });
});
