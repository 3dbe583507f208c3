/**
 * The ask of a section (core/queries/ask.ts) and the messages of
 * recommendation-purpose built on it (RULES.md v2: the ask only, a noun is
 * not an ask, grammatical messages naming what was asked and the purpose).
 */
import * as assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/analyze';
import { parsePaper } from '../../server/src/core/paper';
import { DEFAULT_PROFILE } from '../../server/src/core/profile';
import { asksOf, hasCompleteAsk, hasSentence } from '../../server/src/core/queries/ask';
import { recommendationsSection } from '../../server/src/core/queries/sections';

function section(body: string) {
  const paper = parsePaper(`---\ntitle: T\n---\n\n## Recommendations\n\n${body}\n`);
  return recommendationsSection(paper, DEFAULT_PROFILE)!;
}

const labels = (body: string) => asksOf(section(body)).map((a) => a.parts.join(' and '));

function findings(purpose: string, recs: string) {
  const text = [
    '---',
    'title: Quarterly quality report',
    'meeting: Quality Committee',
    'date: 2023-11-01',
    `purpose: ${purpose}`,
    '---',
    '',
    '## Executive summary',
    '',
    'The report sets out the quality position for the quarter and the actions taken where standards were not met.',
    '',
    '## Recommendations',
    '',
    recs,
    '',
  ].join('\n');
  return analyze(text, DEFAULT_PROFILE, { strict: true }).findings.filter((f) => f.rule === 'recommendation-purpose');
}

describe('the ask of a section', () => {
  it('reads "is asked to", "are invited to", "is recommended to", "is requested to"', () => {
    assert.deepEqual(labels('The Board is asked to note the report.'), ['note']);
    assert.deepEqual(labels('Members are invited to comment on the draft.'), ['comment']);
    assert.deepEqual(labels('The Committee is recommended to approve the policy.'), ['approve']);
    assert.deepEqual(labels('The Board is requested to ratify the decision.'), ['ratify']);
    assert.deepEqual(labels('5.1 The Board is therefore asked to formally approve the plan.'), ['approve']);
    // "is to", with the meeting as the subject (Northern Lincolnshire and Goole, 2016); not with any other subject.
    assert.deepEqual(labels('The Board is to approve the report'), ['approve']);
    assert.deepEqual(labels('The Governing Body is to note the update and approve the policy.'), ['note and approve']);
    assert.ok(hasCompleteAsk(section('The Board is to approve the report')));
    assert.deepEqual(labels('The purpose of this paper is to provide an update on the programme.'), []);
    assert.deepEqual(labels('The aim is to approve all business cases by March.'), []);
    // The past tells what happened; it asks nothing (OUH, 2014).
    assert.deepEqual(labels('In this audit Trusts were asked to assess themselves against the Core Standards.'), []);
    assert.deepEqual(labels('The Committee was asked to note the report in March.'), []);
    assert.deepEqual(labels('The Board will be asked to approve the plan.'), ['approve']);
    // "It is recommended that" names the meeting: the ask is plainly the meeting's (cue "that").
    const cues = (body: string) => asksOf(section(body)).map((a) => a.cue);
    assert.deepEqual(cues('It is recommended that Trust Board accepts and endorses the statement of compliance.'), ['that']);
    assert.deepEqual(cues('The review recommended that the Trust adopts a new plan.'), [undefined]);
  });

  it('reads ", to …" as another ask after "… to note", but not after a bare verb, where it says what the thing asked for is for (Bexley CCG, 2016)', () => {
    assert.deepEqual(labels('The Board is asked to note the report, to approve the plan and to endorse the strategy.'), ['note and approve and endorse']);
    assert.deepEqual(labels('To note the report, to approve the plan.'), ['note and approve']);
    const bare = asksOf(
      section(
        '1. Note and Approve the need for additional estates support to help finalise the Strategy, to submit Primary Care Transformation Fund bids by 28th February.',
      ),
    );
    assert.deepEqual(
      bare.map((a) => a.parts),
      [['note', 'approve']],
    );
  });

  it('names each verb asked for once in the message, across list items', () => {
    const [f] = findings(
      'discuss',
      'That the Committee:\n\n1. Note the progress to date on the strategy;\n2. Note the fund criteria and the intention to submit bids;\n3. Note and Approve the need for additional support to help finalise the strategy, to submit bids by 28th February.',
    );
    assert.ok(f);
    assert.match(f.message, /asks the meeting to note and approve, but the cover sheet's purpose is discuss\./);
    assert.equal(f.severity, 'warning', 'approve is a decision: not the discuss / note info case');
  });

  it('reads "The recommendation is for the Board to …", "… is to …" and "… is that the Committee …"', () => {
    assert.deepEqual(labels('The recommendation is for Trust Board to recognise the compliments to complaint ratio and how learning can be used.'), [
      'recognise',
    ]);
    assert.deepEqual(labels('The recommendation is for the Audit and Risk Committee to approve the revised terms of reference.'), ['approve']);
    assert.deepEqual(labels('The recommendation is to note the position.'), ['note']);
    assert.deepEqual(labels('The recommendation is that the Committee notes the report.'), ['notes']);
    assert.deepEqual(labels('The recommendation is for information.'), [], 'no verb asked for');
    assert.deepEqual(labels('The recommendations from the review are set out in section 4.'), [], 'a noun, not an ask');
  });

  it('joins verbs asked together and keeps "take assurance" and "be assured" whole', () => {
    assert.deepEqual(labels('The Board is asked to consider and endorse the priorities.'), ['consider and endorse']);
    assert.deepEqual(labels('The Board is asked to receive this report, noting the risks.'), ['receive and noting']);
    assert.deepEqual(labels('The Committee is asked to take assurance from the progress made.'), ['take assurance']);
    assert.deepEqual(labels('The Committee is asked to gain a reasonable level of assurance on the plan.'), ['gain assurance']);
    assert.deepEqual(labels('The Committee is asked to be assured by the progress.'), ['be assured']);
  });

  it('reads list items that begin with a verb, and "To note …"', () => {
    assert.deepEqual(labels('The Board is asked to:\n\n- note the update;\n- approve the plan.'), ['note', 'approve']);
    assert.deepEqual(labels('To note the report.'), ['note']);
    assert.deepEqual(labels('It is recommended that the Board approves the plan.'), ['approves']);
    assert.deepEqual(labels("The Board's approval is sought for the plan."), ['give its approval']);
  });

  it('does not read a noun as an ask', () => {
    assert.deepEqual(labels('Check and challenge of assurance sources continues, as set out in the Board Assurance Statement.'), []);
    assert.deepEqual(asksOf(section('The Board is asked to note the Board Assurance Statement.'))[0]!.terms, ['note']);
  });

  it('tells a complete ask from a fragment, and a sentence from a placeholder', () => {
    assert.equal(hasCompleteAsk(section('Board members are asked to note the report.')), true);
    assert.equal(hasCompleteAsk(section('The Board is asked to note.')), true);
    assert.equal(hasCompleteAsk(section('The Board is asked to:\n\n- note;\n- the update.')), false);
    assert.equal(hasCompleteAsk(section('The Board is asked to TBC')), false);
    assert.equal(hasCompleteAsk(section('The Board is asked to approve TBC.')), false);
    assert.equal(hasSentence(section('Board members are asked to note the report.')), true);
    assert.equal(hasSentence(section('Summary to be added.')), false);
    assert.equal(hasSentence(section('5.1 Update on the nine programmes')), false);
  });
});

describe('recommendation-purpose messages', () => {
  it('names what was asked and what the purpose is, in plain English', () => {
    const [f] = findings('assure', 'The Committee is asked to note the report and the assurance sources it lists.');
    assert.ok(f, 'a finding');
    assert.match(f.message, /asks the meeting to note, but the cover sheet's purpose is assure\./);
    assert.match(f.message, /asked to take assurance or to note/);
    assert.doesNotMatch(f.message, /to assurance/);
  });

  it('accepts the real asks of purpose assure', () => {
    assert.deepEqual(findings('assure', 'The Committee is asked to take assurance from the actions set out in section 3.'), []);
    assert.deepEqual(findings('assure', 'The Committee is asked to gain assurance from the actions set out in section 3.'), []);
    assert.deepEqual(findings('assure', 'The Committee is asked to be assured by the actions set out in section 3.'), []);
  });

  it('does not count the noun "assurance" as the ask', () => {
    assert.equal(findings('assure', 'The Committee is asked to note the Board Assurance Statement and its assurance sources.').length, 1);
    assert.deepEqual(findings('note', 'The Committee is asked to note the Board Assurance Statement and its assurance sources.'), []);
  });

  it('says so when no sentence asks the meeting to act', () => {
    const [f] = findings('approve', 'This is not a notable change and the Board has no notion of further work.');
    assert.ok(f);
    assert.match(f.message, /does not say what the meeting is asked to do: the cover sheet's purpose is approve, but no sentence asks the meeting to act/);
  });

  it('names the ask of "The recommendation is for the Board to …" (EEAST\'s patient story, November 2025)', () => {
    const recs = 'The recommendation is for Trust Board to recognise the compliments to complaint ratio.';
    const [f] = findings('discuss', recs);
    assert.ok(f);
    assert.match(f.message, /asks the meeting to recognise, but the cover sheet's purpose is discuss/);
    assert.deepEqual(findings('note', 'The recommendation is for the Committee to note the report.'), []);
  });
});
