/**
 * `boardpaper init --from FILE.docx` reads a starting profile's objectives,
 * committees and cover-sheet labels from an organisation's real Word paper.
 */
import * as assert from 'node:assert/strict';
import { DEFAULT_PROFILE, mergeProfile } from '../../server/src/core/profile';
import { readWordTemplate } from '../../server/src/word/bundle';
import { fixture } from './helpers';

/** A profile that knows nothing of any organisation: what is read comes from the document. */
const BLANK = mergeProfile(DEFAULT_PROFILE, {});
(BLANK as { strategic_objectives: Record<string, string> }).strategic_objectives = {};
(BLANK as { committees: unknown[] }).committees = [];

describe('init --from a Word paper', function () {
  this.timeout(60000);

  it('LSC (seed 002): all six objectives, ticked or not; the meeting and the committees it went through; the labels in template order', async () => {
    const t = await readWordTemplate(fixture('lsc-seed-002.docx'), BLANK);
    assert.deepEqual(Object.keys(t.strategic_objectives), ['SO1', 'SO2', 'SO3', 'SO4', 'SO5', 'SO6']);
    assert.equal(t.strategic_objectives.SO5, 'Meet national and locally determined performance standards and targets');
    assert.deepEqual(t.committees, ['Integrated Care Board', 'System Recovery & Transformation Board', 'Executive Team']);
    assert.deepEqual(
      t.cover_sheet.map((f) => f.key),
      [
        'date',
        'title',
        'presented_by',
        'author',
        'agenda_item',
        'confidential',
        'strategic_objectives',
        'risks',
        'risks.on_register',
        'financial_implications',
        'committee_history',
        'conflicts_of_interest',
        'impact_assessments.quality',
        'impact_assessments.equality',
        'impact_assessments.data_privacy',
        'authorised_by',
      ],
    );
    assert.equal(t.cover_sheet.find((f) => f.key === 'strategic_objectives')!.label, 'Which Strategic Objective/s does the report relate to');
  });

  it('an NHS trust: its own words for the fields (Lead Director, Paper reference, Link to strategic missions)', async () => {
    const t = await readWordTemplate(fixture('trust-board.docx'), BLANK);
    const label = (k: string) => t.cover_sheet.find((f) => f.key === k)?.label;
    assert.equal(label('presented_by'), 'Lead Director');
    assert.equal(label('agenda_item'), 'Paper reference');
    assert.equal(label('strategic_objectives'), 'Link to strategic missions');
    assert.equal(label('date'), 'Meeting date');
    assert.deepEqual(t.committees, ['Trust Board (Public)', 'Quality Committee']);
  });

  it('a CCG: objectives numbered 1–5 keep their numbers and text', async () => {
    const t = await readWordTemplate(fixture('greenwich-ccg.docx'), BLANK);
    assert.deepEqual(Object.keys(t.strategic_objectives), ['1', '2', '3', '4', '5']);
    assert.match(t.strategic_objectives['4']!, /^Create & optimise a data rich environment/);
  });
});
