/**
 * Confidential stays confidential, beyond the pack (test/pack/meeting.test.ts):
 *
 * - `boardpaper check` output (stylish, json, sarif) is a report for people who
 *   can already read the folder. It names files, positions, rules and
 *   messages; a message quotes at most the short value it is about (a
 *   field's value, an acronym). It never copies a paper's text: no titles,
 *   names or sentences, and SARIF carries no snippets. So the output of a
 *   folder with confidential papers holds none of their words beyond such values.
 * - The preview (boardPaper/preview) stays in the editor: the webview loads
 *   nothing remote and can send nothing out (its CSP: test/vscode/suite), and
 *   the paper's own HTML cannot load anything either (test/server/extension-requests.test.ts).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli, tempDir } from '../helpers/run-cli';

const CLEAN = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'rules', 'clean-example.md'), 'utf8');

/** Words of the confidential paper that must not leave it. */
const SECRETS = ['Heronsgate', 'Ulverston', 'Quayside Holdings', '12.4m', 'Priya Raman', 'Oliver Tran', 'Commercially sensitive negotiation'];

const CONFIDENTIAL =
  CLEAN.replace('title: Recovery and Transformation Programmes', 'title: Heronsgate Acquisition')
    .replace(/^presented_by: .*$/m, 'presented_by: Priya Raman, Director of Estates')
    .replace(/^author: .*$/m, 'author: Oliver Tran, Estates Lead')
    .replace('confidential: false', 'confidential: true\nconfidential_reason: Commercial interests, s43 FOI Act')
    .replace('purpose: note', 'purpose: approval') // a finding that quotes a value
    .replace('agenda_item: "10"', 'agenda_item: 10.10')
    .replace(/^strategic_objectives: .*$/m, 'strategic_objectives: [SO1, SO9]') +
  '\n## Background\n\nCommercially sensitive negotiation: the HGX team will buy the Heronsgate site at Ulverston for £12.4m from Quayside Holdings.\n\n## Heronsgate next steps\n\nTBC\n';

describe('confidential papers in `boardpaper check` output', function () {
  this.timeout(30000);
  let dir: string;

  before(() => {
    dir = tempDir();
    fs.mkdirSync(path.join(dir, 'papers'));
    fs.writeFileSync(path.join(dir, 'papers', '10-public.md'), CLEAN);
    fs.writeFileSync(path.join(dir, 'papers', '12-acquisition.md'), CONFIDENTIAL);
  });

  for (const format of ['stylish', 'json', 'sarif']) {
    it(`${format}: reports the confidential paper's findings without any of its words beyond the values at fault`, () => {
      const r = runCli(['check', '--format', format, 'papers'], dir);
      assert.equal(r.status, 1, r.stderr);
      assert.match(r.stdout, /12-acquisition\.md/, 'the paper is reported');
      assert.match(r.stdout, /field-type/);
      assert.match(r.stdout, /undefined-acronym/);
      assert.match(r.stdout, /HGX/, 'the value at fault may be quoted');
      for (const s of SECRETS) assert.ok(!r.stdout.includes(s) && !r.stderr.includes(s), `${format} output contains "${s}"`);
      if (format === 'sarif') {
        const sarif = JSON.parse(r.stdout);
        const results = sarif.runs[0].results as { locations: { physicalLocation: { region: Record<string, unknown>; contextRegion?: unknown } }[] }[];
        assert.ok(results.length >= 3);
        for (const x of results) {
          for (const l of x.locations) {
            assert.equal(l.physicalLocation.region.snippet, undefined, 'no snippet of the paper');
            assert.equal(l.physicalLocation.contextRegion, undefined);
          }
        }
      }
    });
  }
});
