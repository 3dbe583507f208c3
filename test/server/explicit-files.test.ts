/**
 * The language server judges a paper opened from outside its workspace
 * folders as `boardpaper check` does (INTERFACES.md v2): the built-in
 * profile's `papers` globs relative to the paper's project folder (nearest
 * `.git`, `package.json` or `.boardpaper.yaml`), else its own folder. Inside a
 * workspace folder they stay relative to the workspace folder.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cliLines, diagnosticLines, TestClient, workspace } from './lsp-client';

const UNCLOSED = '---\ntitle: Winter plan\nmeeting: Integrated Care Board\n\n## Executive summary\n\nThe plan.\n';

function hasMarkerAbove(dir: string): boolean {
  for (let d = path.dirname(dir); ; d = path.dirname(d)) {
    if (['.git', 'package.json', '.boardpaper.yaml'].some((m) => fs.existsSync(path.join(d, m)))) return true;
    if (path.dirname(d) === d) return false;
  }
}

describe('language server: papers outside the workspace folders', function () {
  this.timeout(30000);

  for (const folders of ['an unrelated workspace folder', 'no workspace folder'] as const) {
    it(`a paper in a git project, front-matter never closed, opened with ${folders}: the CLI's findings`, async () => {
      const project = workspace({ '.git/HEAD': 'ref: refs/heads/main\n', 'papers/2024-05-08/x.md': UNCLOSED });
      const other = workspace({ 'notes.md': '# Notes\n' }, { project: false });
      const file = path.join(project, 'papers/2024-05-08/x.md');
      const cli = cliLines(os.tmpdir(), [file]).get(file);
      assert.ok(
        cli?.some((l) => l.startsWith('frontmatter-syntax ')),
        `the CLI reports it: ${cli}`,
      );
      const c = await TestClient.start({ folders: folders === 'no workspace folder' ? [] : [other] });
      try {
        const d = await c.diagnosticsFor(c.open(file), (x) => x.length > 0);
        assert.deepEqual(diagnosticLines(d), cli);
      } finally {
        await c.stop();
      }
    });
  }

  it('with no project marker, the paper’s own folder: x.paper.md is a paper, papers/x.md is not (as the CLI)', async function () {
    const dir = workspace({ 'notes/x.paper.md': UNCLOSED, 'papers/x.md': UNCLOSED }, { project: false });
    if (hasMarkerAbove(dir)) this.skip();
    const paper = path.join(dir, 'notes/x.paper.md');
    const notPaper = path.join(dir, 'papers/x.md');
    const cli = cliLines(dir, [paper, notPaper]);
    assert.deepEqual([...cli.keys()], [paper]);
    const c = await TestClient.start({ folders: [] });
    try {
      assert.deepEqual(diagnosticLines(await c.diagnosticsFor(c.open(paper), (x) => x.length > 0)), cli.get(paper));
      const u = c.open(notPaper);
      await c.until(() => c.latest(u), 8000, 'diagnostics for papers/x.md');
      assert.deepEqual(c.latest(u)!.diagnostics, []);
    } finally {
      await c.stop();
    }
  });

  it('inside a workspace folder the globs stay relative to the workspace folder', async function () {
    const dir = workspace({ 'papers/x.md': UNCLOSED }, { project: false });
    if (hasMarkerAbove(dir)) this.skip();
    const c = await TestClient.start({ folders: [dir] });
    try {
      const d = await c.diagnosticsFor(c.open(path.join(dir, 'papers/x.md')), (x) => x.length > 0);
      assert.ok(d.some((x) => x.code === 'frontmatter-syntax'));
    } finally {
      await c.stop();
    }
  });
});
