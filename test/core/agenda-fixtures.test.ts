/**
 * Data-driven agenda tests: every `test/fixtures/rules/**\/agenda.yaml` is
 * checked against the Markdown files in its folder, and its findings are
 * compared exactly with the `# expect: rule-id` comments inside the agenda
 * file. `# today: YYYY-MM-DD` in the file fixes the date that decides
 * missing or overdue.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fg from 'fast-glob';
import { checkAgenda, parseAgenda, AGENDA_RULES } from '../../server/src/core/agenda';
import { filesUnder, readMeetingPapers } from '../../server/src/node/meeting';
import { ProfileResolver } from '../../server/src/node/profile-loader';
import { formatExpected, readExpectations } from '../helpers/expectations';

const root = path.join(__dirname, '..', 'fixtures', 'rules');
const agendas = fg.sync('**/agenda.yaml', { cwd: root }).sort();

describe('agenda fixtures (expected findings written inside each agenda.yaml)', () => {
  const seen = new Set<string>();
  for (const rel of agendas) {
    it(rel, () => {
      const file = path.join(root, rel);
      const folder = path.dirname(file);
      const text = fs.readFileSync(file, 'utf8');
      const today = /#\s*today:\s*(\d{4}-\d{2}-\d{2})/.exec(text)?.[1];
      assert.ok(today, 'the fixture says "# today: YYYY-MM-DD"');
      const resolver = new ProfileResolver({ defaultBaseDir: root });
      const profile = resolver.forFile(file).profile;
      const parsed = parseAgenda(text, profile);
      const papers = readMeetingPapers(folder, resolver);
      const { findings } = checkAgenda(parsed, papers, { profile, today, files: filesUnder(folder), strict: true });
      const expected = readExpectations(text);
      const actual = findings.map((f) => {
        const line = parsed.lines.lineOf(f.range.start) + 1;
        const exp = expected.find((e) => e.rule === f.rule && e.line === line);
        seen.add(f.rule);
        return { rule: f.rule, line, severity: exp?.severity ? f.severity : undefined };
      });
      assert.deepEqual(
        formatExpected(actual),
        formatExpected(expected),
        findings.map((f) => `  ${parsed.lines.lineOf(f.range.start) + 1}: ${f.rule} — ${f.message}`).join('\n'),
      );
      for (const f of findings) {
        assert.ok(f.range.start >= 0 && f.range.end <= text.length && f.range.start <= f.range.end);
        assert.ok(f.message.length > 20, f.message);
      }
    });
  }
  it('every agenda rule fires in some fixture', () => {
    assert.deepEqual(
      AGENDA_RULES.map((m) => m.rule.id).filter((id) => !seen.has(id)),
      [],
    );
  });
});
