/**
 * The pack's and the preview's cover sheet of every real paper (test/real)
 * follows its organisation's template: a field shown as not stated is one
 * the template lists (a field the template never had is never drawn empty);
 * the committee history has an Outcomes column only where the template
 * records outcomes; an objective is drawn as "not in the organisation
 * profile" only when the checks also say the paper's objectives are wrong;
 * and every objective the paper ticks is ticked.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fg from 'fast-glob';
import { checkFile, ProfileResolver } from '../../server/src/node/check-files';
import { coverSheetModel } from '../../server/src/render/cover';
import { coverSheetLayout } from '../../server/src/render/cover-layout';
import { coverSheetFields } from '../../server/src/core/template-fields';
import { objectiveEntries } from '../../server/src/core/queries/objectives';

const REAL = __dirname;
const papers = fg.sync('*/papers/**/*.md', { cwd: REAL }).sort();

describe('real papers: the cover sheet follows the template', () => {
  it('has the real papers', () => assert.ok(papers.length >= 20, `${papers.length}`));

  for (const rel of papers) {
    it(rel, () => {
      const file = path.join(REAL, rel);
      const org = rel.split('/')[0]!;
      const c = checkFile(file, new ProfileResolver({ defaultBaseDir: path.join(REAL, org) }))!;
      assert.ok(c, 'a board paper');
      const profile = c.loaded.profile;
      const listed = new Map(coverSheetFields(profile).map((f) => [f.key, f]));
      const layout = coverSheetLayout(coverSheetModel(c.analysis.paper, profile));
      for (const b of layout.blocks) {
        if (b.kind === 'facts')
          for (const r of b.rows)
            if (r.value === undefined) assert.ok(listed.get(r.key)?.listed, `"${r.label}" drawn empty, but the template has no such field`);
        if (b.kind === 'text' && b.value === undefined) assert.ok(listed.get(b.key)?.listed, `"${b.label}" drawn empty, but the template has no such field`);
        if (b.kind === 'history') assert.equal(b.outcomes, listed.get('committee_history')?.outcome !== false, 'Outcomes column as the template has it');
        if (b.kind === 'objectives') {
          const ticked = b.objectives.filter((o) => o.ticked).map((o) => o.code);
          for (const e of objectiveEntries(c.analysis.paper)?.entries ?? [])
            assert.ok(
              ticked.some((t) => t.toUpperCase() === e.code.toUpperCase()),
              `"${e.code}" is ticked`,
            );
          if (b.objectives.some((o) => !o.known))
            assert.ok(
              c.findings.some((f) => f.rule === 'unknown-strategic-objective' || f.rule === 'field-type'),
              `an objective drawn as unknown (${b.objectives.filter((o) => !o.known).map((o) => o.code)}) with no finding saying so`,
            );
        }
      }
      assert.ok(fs.existsSync(file));
    });
  }
});
