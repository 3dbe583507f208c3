/**
 * Data-driven core tests: every `test/fixtures/rules/**.md` paper is analysed
 * and its findings compared exactly with the `expect:` comments inside it.
 * Where `NAME.fixed.md` sits beside `NAME.md`, applying every fix (until none
 * is left) must give exactly that text, which is then checked again with its
 * own expectations, and fixing it once more must change nothing.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fg from 'fast-glob';
import { analyze } from '../../server/src/core/analyze';
import { fixAll } from '../../server/src/core/fix-all';
import { ProfileResolver, matchesPaperGlobs } from '../../server/src/node/profile-loader';
import { readExpectations, formatExpected } from '../helpers/expectations';

const root = path.join(__dirname, '..', 'fixtures', 'rules');
const files = fg.sync('**/*.md', { cwd: root, ignore: ['**/*.fixed.md'], dot: false }).sort();

function check(file: string, text: string) {
  const resolver = new ProfileResolver({ defaultBaseDir: root });
  const loaded = resolver.forFile(file);
  const result = analyze(text, loaded.profile, { matchesPaperGlob: matchesPaperGlobs(file, loaded), strict: true });
  const wantsSeverity = readExpectations(text);
  const actual = result.findings.map((f) => {
    const line = result.paper.lines.lineOf(f.range.start) + 1;
    const exp = wantsSeverity.find((e) => e.rule === f.rule && e.line === line);
    return { rule: f.rule, line, severity: exp?.severity ? f.severity : undefined };
  });
  return { result, loaded, actual, expected: wantsSeverity };
}

describe('rule fixtures (expected findings written inside each paper)', () => {
  it('finds fixture papers', () => assert.ok(files.length > 0));
  for (const rel of files) {
    const file = path.join(root, rel);
    describe(rel, () => {
      const text = fs.readFileSync(file, 'utf8');
      it('reports exactly the expected findings', () => {
        const { actual, expected, result } = check(file, text);
        assert.deepEqual(
          formatExpected(actual),
          formatExpected(expected),
          `findings:\n${result.findings.map((f) => `  ${result.paper.lines.lineOf(f.range.start) + 1}: ${f.rule} — ${f.message}`).join('\n')}`,
        );
        for (const f of result.findings) {
          assert.ok(f.range.start >= 0 && f.range.end <= text.length && f.range.start <= f.range.end, `${f.rule} range inside the text`);
          assert.ok(f.message.length > 20, `${f.rule} message says what is wrong: ${f.message}`);
        }
      });
      const fixedFile = file.replace(/\.md$/, '.fixed.md');
      if (fs.existsSync(fixedFile)) {
        it('fixes to exactly the .fixed.md text, which then checks as expected and fixes to itself', () => {
          const { loaded } = check(file, text);
          const fixed = fixAll(text, loaded.profile, { matchesPaperGlob: matchesPaperGlobs(file, loaded) }).text;
          const want = fs.readFileSync(fixedFile, 'utf8');
          assert.equal(fixed, want);
          // Fixes keep comments, so the fixed text still carries the original's
          // `expect:` comments; the findings the fixes resolved (directly, or
          // as a knock-on: a renamed key is no longer missing) go unmet. Every
          // finding left must still be expected.
          const again = check(file, fixed);
          const left = [...formatExpected(again.expected)];
          const unexpected: string[] = [];
          for (const a of formatExpected(again.actual)) {
            const i = left.indexOf(a);
            if (i === -1) unexpected.push(a);
            else left.splice(i, 1);
          }
          assert.deepEqual(unexpected, [], 'every finding left after fixing is expected');
          assert.ok(
            again.result.findings.every((f) => !f.fix),
            'no fixable finding is left',
          );
          assert.equal(fixAll(fixed, loaded.profile).text, fixed, 'fixing again changes nothing');
        });
      }
    });
  }
});
