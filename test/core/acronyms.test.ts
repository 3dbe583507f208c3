/**
 * core/acronyms.ts: the acronym tokens and definitions shared by the
 * undefined-acronym rule and the hover. The rule's own behaviour is covered
 * by its fixtures (test/fixtures/rules/undefined-acronym); here, the
 * invariant its speed rests on, and the definitions the hover reads.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { capsRuns, definitionInPaper, tokensOf } from '../../server/src/core/acronyms';
import { parsePaper } from '../../server/src/core/paper';

const WORDS = [
  'ICB',
  'ICBs',
  "ICB's",
  'A&E',
  'A&&E',
  'R&D',
  'NHS-E',
  'ICB/ICS',
  'COVID-19',
  'IV',
  'FOR',
  'APPROVAL',
  'NOT',
  'TBC',
  'ABCDEFG',
  "'ICB'",
  'Integrated',
  'Care',
  'Board',
  '(ICB)',
  'the',
  '&',
  'ÉCOLE',
  '𝐀𝐁',
  'GPs',
  'LD&A',
  '-',
  '/',
  '_',
  '(',
  ')',
  '’',
];
const text = fc.oneof(
  fc
    .array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(' ', '', '\t', ', ', '-', '\n')), { maxLength: 30 })
    .map((a) => a.map(([w, s]) => w + s).join('')),
  fc.string({ maxLength: 40 }),
);

function paper(body: string) {
  return parsePaper(`---\ntitle: T\nmeeting: Integrated Care Board\n---\n\n${body}\n`);
}

describe('core acronyms', () => {
  it('every token is one of the capital runs the pre-check sees (so skipping blocks without a new run loses nothing)', () => {
    fc.assert(
      fc.property(text, (t) => {
        const runs = new Map<number, string>();
        capsRuns(t, (key, at) => void runs.set(at, key));
        for (const tok of tokensOf(t)) {
          assert.equal(runs.get(tok.start), tok.key, JSON.stringify(t));
          assert.equal(t.slice(tok.start, tok.start + tok.key.length), tok.key);
        }
      }),
      { numRuns: 3000, seed: 6 },
    );
  });

  it('tokens: plurals, possessives, & inside; not shouting, digits, placeholders or Roman numerals', () => {
    const keys = (t: string) => tokensOf(t).map((x) => `${x.key}${x.plural ? '+s' : ''}`);
    assert.deepEqual(keys("The ICB's plan, two GPs and A&E at NHS-E."), ['ICB', 'GP+s', 'A&E', 'NHS']);
    assert.deepEqual(keys('FOR APPROVAL by the ICB'), ['ICB']);
    assert.deepEqual(keys('COVID-19 and TBC, part IV, do NOT'), []);
    assert.deepEqual(keys('A&&E and ABCDEFG'), []);
  });

  it('finds where the paper spells an acronym out, either way round or in a glossary', () => {
    assert.equal(definitionInPaper(paper('The Integrated Care Board (ICB) met.'), 'ICB')?.expansion, 'Integrated Care Board');
    assert.equal(definitionInPaper(paper('The JFP (Joint Forward Plan) was agreed.'), 'JFP')?.expansion, 'Joint Forward Plan');
    assert.equal(
      definitionInPaper(paper('Voluntary, Community, Faith and Social Enterprise (VCFSE) partners.'), 'VCFSE')?.expansion,
      'Voluntary, Community, Faith and Social Enterprise',
    );
    assert.equal(definitionInPaper(paper('The ICB met.\n\n## Glossary\n\n| ICB | Integrated Care Board |'), 'ICB')?.expansion, 'Integrated Care Board');
    assert.equal(
      definitionInPaper(paper('The ICB met.\n\n## List of abbreviations\n\n- ICB: Integrated Care Board'), 'ICB')?.expansion,
      'Integrated Care Board',
    );
    // Not in code.
    assert.equal(definitionInPaper(paper('`Integrated Care Board (ICB)` and the ICB.'), 'ICB'), null);
    // v2: capitals in brackets straight after words define them, the letters matching or not; (A/B) defines both.
    assert.equal(definitionInPaper(paper('The Board of Trustees (ICB) met.'), 'ICB')?.expansion, 'Board of Trustees');
    assert.equal(definitionInPaper(paper('We met Leeds Teaching Hospitals NHS Trust (LTHT) in May.'), 'LTHT')?.expansion, 'Leeds Teaching Hospitals NHS Trust');
    assert.equal(definitionInPaper(paper('The patient administration system (PAF/PAS) was replaced.'), 'PAS')?.expansion, 'patient administration system');
    assert.equal(definitionInPaper(paper('The patient administration system (PAF/PAS) was replaced.'), 'PAF')?.expansion, 'patient administration system');
    // Not brackets on their own, nor brackets holding other words.
    assert.equal(definitionInPaper(paper('Waiting times rose. (LTHT) reported it.'), 'LTHT'), null);
    assert.equal(definitionInPaper(paper('The trust (LTHT and others) reported it.'), 'LTHT'), null);
  });

  it('takes a definition on the cover sheet, which comes before the body, and only a definition', () => {
    const covered = parsePaper('---\ntitle: T\npresented_by: Jane Smith, Senior Responsible Owner (SRO) for FTSU\n---\n\nThe SRO reported.\n');
    const found = definitionInPaper(covered, 'SRO');
    assert.equal(found?.expansion, 'Senior Responsible Owner');
    assert.equal(covered.text.slice(found!.offset, found!.offset + 3), 'SRO', 'the offset is where the cover sheet writes it');
    assert.equal(definitionInPaper(covered, 'FTSU'), null, 'used on the cover sheet, spelled out nowhere');
    // The body's own definition is preferred: it is where the reader meets it.
    const both = parsePaper('---\ntitle: T\npresented_by: Jane Smith, Senior Responsible Owner (SRO)\n---\n\nThe Senior Responsible Officer (SRO) reported.\n');
    assert.equal(definitionInPaper(both, 'SRO')?.expansion, 'Senior Responsible Officer');
  });
});
