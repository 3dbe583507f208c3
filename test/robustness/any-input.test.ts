/**
 * Any text in, a result out: random and mutated papers never make the core
 * throw (strict mode re-throws rule failures), every range lies inside the
 * text, every rule id is a catalogue id, and the same input always gives the
 * same findings.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import fg from 'fast-glob';
import { analyze } from '../../server/src/core/analyze';
import { DEFAULT_PROFILE } from '../../server/src/core/profile';
import { RULE_IDS } from '../../server/src/core/rules';

const root = path.resolve(__dirname, '..', '..');
const seeds = fg
  .sync(['test/fixtures/rules/**/*.md', 'examples/papers/**/*.md'], { cwd: root })
  .sort()
  .map((f) => fs.readFileSync(path.join(root, f), 'utf8'));

export function checkInvariants(text: string): void {
  const a = analyze(text, DEFAULT_PROFILE, { strict: true, matchesPaperGlob: true });
  for (const f of a.findings) {
    assert.ok(RULE_IDS.includes(f.rule), f.rule);
    assert.ok(f.range.start >= 0 && f.range.start <= f.range.end && f.range.end <= text.length, `${f.rule} range ${f.range.start}-${f.range.end} of ${text.length}`);
    for (const fix of [f.fix, ...(f.suggestions ?? [])]) for (const e of fix?.edits ?? []) assert.ok(e.start >= 0 && e.start <= e.end && e.end <= text.length, `${f.rule} edit inside the text`);
  }
  const again = analyze(text, DEFAULT_PROFILE, { strict: true, matchesPaperGlob: true });
  assert.deepEqual(JSON.stringify(again.findings), JSON.stringify(a.findings), 'deterministic');
}

/** A mutation of a real paper: slices deleted, duplicated, replaced, line endings changed. */
const mutated = fc
  .tuple(
    fc.constantFrom(...seeds),
    fc.array(
      fc.tuple(
        fc.nat(),
        fc.nat({ max: 200 }),
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'grapheme' }),
          fc.string({ unit: 'binary' }),
          fc.constantFrom('\r\n', '\r', '\t', '---\n', '\n---', ': ', '- ', '[', ']', '{', '}', '&a ', '*a ', '!!binary ', '## ', '<!--', '-->', '\uD800', '\uDC00', '😀', '\0', '|\n', '>-\n', '"', "'"),
        ),
      ),
      { maxLength: 6 },
    ),
  )
  .map(([seed, edits]) => {
    let t = seed;
    for (const [at, len, ins] of edits) {
      const s = t.length ? at % t.length : 0;
      t = t.slice(0, s) + ins + t.slice(s + len);
    }
    return t;
  });

describe('robustness: any input gives a result', function () {
  this.timeout(120000);

  it('mutated real papers', () => {
    fc.assert(fc.property(mutated, (t) => checkInvariants(t)), { numRuns: 250, seed: 20241123 });
  });

  it('arbitrary strings, with and without a cover-sheet fence', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), fc.boolean(), (s, fence) => checkInvariants(fence ? `---\n${s}\n---\n${s}` : s)),
      { numRuns: 300, seed: 7 },
    );
  });

  const extremes: [string, () => string][] = [
    ['unterminated front-matter', () => seeds[0]!.replace(/\n---\n/, '\n')],
    ['1 MB single line', () => seeds[0]! + '\n' + 'word '.repeat(200_000)],
    // remark's own parse time grows faster than linearly with list depth
    // (400 levels ≈ 4 s on these machines): 250 levels keeps the suite quick.
    ['deeply nested list (250 levels)', () => seeds[0]! + '\n' + Array.from({ length: 250 }, (_, i) => `${'  '.repeat(i)}- item`).join('\n')],
    ['1,000 sibling list items nested 3 deep', () => seeds[0]! + '\n' + Array.from({ length: 1000 }, (_, i) => `${'  '.repeat(i % 3)}- item ${i}`).join('\n')],
    ['thousands of headings', () => seeds[0]! + '\n' + Array.from({ length: 5000 }, (_, i) => `## Heading ${i}\n\ntext`).join('\n')],
    ['mixed line endings', () => seeds[0]!.split('\n').map((l, i) => l + ['\n', '\r\n', '\r'][i % 3]).join('')],
    ['surrogate pairs and lone surrogates', () => seeds[0]!.replace(/e/g, '😀').replace(/a/g, '\uD800')],
    ['binary bytes', () => seeds[0]! + '\0\u0001\u0002\uFFFE\uFFFF'],
    ['huge flow sequence', () => seeds[0]!.replace(/strategic_objectives: .*/, `strategic_objectives: [${Array.from({ length: 20000 }, () => 'SO1').join(', ')}]`)],
    ['CRLF and BOM', () => '\uFEFF' + seeds[0]!.replace(/\n/g, '\r\n')],
    // Regression: the model's tree walks used to recurse per level and
    // overflowed the stack here (found by fast-check).
    ['a blockquote nested 10,000 deep', () => seeds[0]! + '\n' + '>'.repeat(10_000) + ' deep\n'],
    ['the same with a BOM (positions shifted through the whole tree)', () => '\uFEFF' + seeds[0]! + '\n' + '>'.repeat(10_000) + ' deep\n'],
  ];
  for (const [name, make] of extremes) {
    it(name, () => {
      const t0 = Date.now();
      checkInvariants(make());
      assert.ok(Date.now() - t0 < 20000, `${name} within 20 s`);
    });
  }
});
