/**
 * The catalogue checks itself (in the manner of ESLint's checkRuleFiles):
 * every rule in `RULES` has its docs page, its rows in the two rule tables,
 * fixtures (with a `.fixed.md` when it is `fixable`), its setting and schema
 * entries (generated: `npm run catalogue`) and a SARIF entry. Adding a rule
 * is one module, one docs page and fixtures; this test names anything
 * forgotten.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../../server/src/core/rules';
import { sarif } from '../../server/src/cli/output';
import { GENERATED, root } from '../../scripts/catalogue';

const DOCS_BASE = 'https://github.com/boardpaper/boardpaper/blob/main/docs/rules/';
/** Rules about several papers at once, whose findings a single-paper fixture cannot show: the test that holds them instead. */
const TESTED_ELSEWHERE: Record<string, string> = { 'duplicate-agenda-item': 'test/core/across.test.ts' };
const read = (f: string) => fs.readFileSync(path.join(root, f), 'utf8');

describe('the rule catalogue', () => {
  const readme = read('README.md');
  const rulesReadme = read('docs/rules/README.md');

  it('ids are unique kebab-case, each with a one-sentence description and its docs link', () => {
    const ids = RULES.map((r) => r.id);
    assert.deepEqual(ids, [...new Set(ids)], 'duplicate ids');
    for (const r of RULES) {
      assert.match(r.id, /^[a-z0-9]+(-[a-z0-9]+)*$/, r.id);
      assert.ok(['error', 'warning', 'info'].includes(r.severity), `${r.id}: severity ${r.severity}`);
      assert.match(r.description, /^[A-Z].*\.$/, `${r.id}: description should be one sentence`);
      assert.equal(r.docs, `${DOCS_BASE}${r.id}.md`, `${r.id}: docs link`);
      assert.equal(typeof r.fixable, 'boolean', `${r.id}: fixable`);
    }
  });

  for (const r of RULES) {
    describe(r.id, () => {
      it('has docs/rules/<id>.md naming it', () => {
        const f = `docs/rules/${r.id}.md`;
        assert.ok(fs.existsSync(path.join(root, f)), `${f} is missing`);
        assert.ok(read(f).includes(r.id), `${f} does not name the rule`);
      });
      it('has a row in the README and in docs/rules/README.md with its default severity', () => {
        const row = readme.split('\n').find((l) => l.startsWith(`| [${r.id}](docs/rules/${r.id}.md)`));
        assert.ok(row, `README.md has no row for ${r.id}`);
        assert.ok(row.includes(r.severity), `README.md row for ${r.id} does not say ${r.severity}`);
        const row2 = rulesReadme.split('\n').find((l) => l.startsWith(`| [${r.id}](${r.id}.md)`));
        assert.ok(row2, `docs/rules/README.md has no row for ${r.id}`);
        assert.ok(row2.includes(r.severity), `docs/rules/README.md row for ${r.id} does not say ${r.severity}`);
      });
      it('has fixtures that expect it (and a .fixed.md when fixable)', () => {
        const dir = path.join(root, 'test/fixtures/rules', r.id);
        assert.ok(fs.existsSync(dir), `test/fixtures/rules/${r.id}/ is missing`);
        const files = fs.readdirSync(dir, { recursive: true }).map(String);
        const elsewhere = TESTED_ELSEWHERE[r.id];
        if (elsewhere) assert.ok(read(elsewhere).includes(r.id), `${elsewhere} does not test ${r.id}`);
        else {
          const inputs = files.filter((f) => /\.(md|ya?ml)$/.test(f) && !f.endsWith('.fixed.md'));
          assert.ok(
            inputs.some((f) => fs.readFileSync(path.join(dir, f), 'utf8').includes(`expect: ${r.id}`)),
            `no fixture in test/fixtures/rules/${r.id}/ expects ${r.id}`,
          );
        }
        if (r.fixable)
          assert.ok(
            files.some((f) => f.endsWith('.fixed.md')),
            `${r.id} is fixable but has no .fixed.md fixture`,
          );
      });
    });
  }

  it('the generated places (package.json setting, profile schema) match RULES — else run `npm run catalogue`', () => {
    for (const [file, make] of Object.entries(GENERATED)) assert.equal(read(file), make(), `${file} is out of date: run npm run catalogue`);
  });

  it('SARIF lists every rule with its help URI', () => {
    const log = JSON.parse(sarif([], '0.0.0'));
    const rules = log.runs[0].tool.driver.rules as { id: string; helpUri: string }[];
    assert.deepEqual(
      rules.map((x) => x.id),
      RULES.map((x) => x.id),
    );
    for (const x of rules) assert.equal(x.helpUri, `${DOCS_BASE}${x.id}.md`);
  });

  it('no docs page or fixture folder names a rule that does not exist', () => {
    const ids = new Set(RULES.map((r) => r.id));
    const pages = fs.readdirSync(path.join(root, 'docs/rules')).filter((f) => f.endsWith('.md') && f !== 'README.md');
    for (const p of pages) assert.ok(ids.has(p.replace(/\.md$/, '')), `docs/rules/${p} names no rule`);
    for (const d of fs
      .readdirSync(path.join(root, 'test/fixtures/rules'), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name))
      assert.ok(ids.has(d), `test/fixtures/rules/${d} names no rule`);
  });
});
