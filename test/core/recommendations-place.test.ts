/**
 * Where a paper's Recommendations are when the template has no heading for
 * them (profile `recommendations`: labels, cover_field): the labelled
 * paragraph or the cover-sheet field is found, read as the ask, and never
 * found where there is no label.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parsePaper } from '../../server/src/core/paper';
import { DEFAULT_PROFILE, mergeProfile } from '../../server/src/core/profile';
import { recommendationsAsk, placeName } from '../../server/src/core/queries/recommendations';
import { asksOf } from '../../server/src/core/queries/ask';
import { ProfileResolver } from '../../server/src/node/profile-loader';

const profile = mergeProfile(DEFAULT_PROFILE, {
  recommendations: { labels: ['Recommendation', 'Action required'] },
});
const cover = '---\ntitle: Estates strategy\n---\n\n';

function ask(body: string, p = profile) {
  const s = recommendationsAsk(parsePaper(cover + body), p);
  return s && { place: s.place, name: placeName(s), words: s.words.join(' '), asks: asksOf(s).map((a) => a.parts.join(' and ')) };
}

describe('the Recommendations where the template puts them (profile recommendations)', () => {
  const cases: [string, string, string | undefined][] = [
    ['plain label and colon', 'Recommendation: The Board is asked to approve the strategy.\n', 'The Board is asked to approve the strategy.'],
    ['numbered point', '1. Background.\n2. Recommendation: The Board is asked to note the report.\n', 'The Board is asked to note the report.'],
    ['bold label with its colon inside', '**Recommendation:** The Board is asked to approve the strategy.\n', 'The Board is asked to approve the strategy.'],
    ['bold label, colon after', '**Recommendation**: The Board is asked to approve the strategy.\n', 'The Board is asked to approve the strategy.'],
    ['label and a dash', 'Action required – the Board is asked to approve the strategy.\n', 'the Board is asked to approve the strategy.'],
    ['label in capitals', 'RECOMMENDATION: The Board is asked to approve the strategy.\n', 'The Board is asked to approve the strategy.'],
    [
      'a list after a label ending in a colon',
      'Recommendation: the Board is asked to:\n\n- approve the strategy;\n- note the plan.\n',
      'the Board is asked to: approve the strategy; note the plan.',
    ],
    ['the word without a separator', 'Recommendations from the review were taken into account.\n', undefined],
    ['a bold word without a separator', '**Recommendation** of the working group was to consult.\n', undefined],
    ['the label later in a paragraph', 'The Board made a Recommendation: to consult.\n', undefined],
  ];
  for (const [name, body, words] of cases)
    it(name, () => {
      const got = ask(body);
      if (words === undefined) return assert.equal(got, undefined);
      assert.equal(got?.place, 'paragraph');
      assert.equal(got?.words.replace(/\s+/g, ' '), words);
    });

  it('a section under an accepted heading comes first', () => {
    const got = ask('Recommendation: the Board is asked to note.\n\n## Recommendations\n\nThe Board is asked to approve the strategy.\n');
    assert.equal(got?.place, undefined);
    assert.equal(got?.name, 'the "Recommendations" section');
  });

  it('does not change the tree it reads', () => {
    const paper = parsePaper(cover + '**Recommendation:** The Board is asked to approve the strategy.\n');
    const before = JSON.stringify(paper.mdast);
    recommendationsAsk(paper, profile);
    assert.equal(JSON.stringify(paper.mdast), before);
  });

  it('without labels in the profile nothing but a section counts', () => {
    assert.equal(ask('Recommendation: The Board is asked to approve the strategy.\n', DEFAULT_PROFILE), undefined);
  });

  it('a cover-sheet field, named by its label', () => {
    const p = mergeProfile(DEFAULT_PROFILE, {
      cover_sheet: [{ key: 'title' }, { key: 'action', label: 'Action required', type: 'text' }],
      recommendations: { cover_field: 'action' },
    });
    const s = recommendationsAsk(parsePaper('---\ntitle: CEO report\naction: The Board is asked to note the report.\n---\n\nText.\n'), p);
    assert.equal(s?.place, 'cover field');
    assert.equal(placeName(s!), `the cover sheet's "Action required"`);
    assert.deepEqual(
      asksOf(s!).map((a) => a.parts.join(' and ')),
      ['note'],
    );
  });

  it('reads the ask where three real templates put it (test/real)', () => {
    const real = path.join(__dirname, '..', 'real');
    const want: [string, string, RegExp][] = [
      ['oxford-university-hospitals', 'paragraph', /^The Board is asked to note the contents of this paper/],
      ['birmingham-solihull-mental-health', 'cover field', /^This is the CEO.s briefing/],
      ['barnet-enfield-haringey-mental-health', 'cover field', /The Trust Board is asked to note the following updates/],
    ];
    for (const [org, place, words] of want) {
      const dir = path.join(real, org, 'papers');
      const file = path.join(
        dir,
        fs.readdirSync(dir).find((f) => f.endsWith('.md'))!,
      );
      const p = new ProfileResolver({ defaultBaseDir: path.join(real, org) }).forFile(file).profile;
      const s = recommendationsAsk(parsePaper(fs.readFileSync(file, 'utf8')), p);
      assert.equal(s?.place, place, org);
      assert.match(s!.words.join(' '), words, org);
    }
  });
});
