/**
 * A second real client: Neovim's built-in LSP client (0.7 API, as Debian 12
 * ships it) runs test/neovim/diagnostics.lua against the built server.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { repoRoot, serverPath, workspace } from './lsp-client';
import { paper } from './papers';

function nvimVersion(): string | null {
  const r = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? (r.stdout.split('\n')[0] ?? 'nvim') : null;
}

describe('language server: Neovim', function () {
  this.timeout(60000);

  it('delivers the rule diagnostics to Neovim, and answers its hover', function () {
    const version = nvimVersion();
    if (!version) {
      // CI (.ci/run) installs Neovim and sets BOARDPAPER_CI=1: there a missing nvim is a failure, not a skip.
      if (process.env.BOARDPAPER_CI === '1') assert.fail('nvim is not installed, and BOARDPAPER_CI=1 says every suite must run (apt-get install -y neovim)');
      console.log('      (SKIPPED: nvim is not installed — `apt-get install -y neovim` to run this test)');
      this.skip();
    }
    const dir = workspace({ 'papers/p.md': paper({ purpose: 'approval', agenda_item: '10.10', strategic_objectives: '[SO1, SO9]' }) });
    const r = spawnSync('nvim', ['--headless', '--clean', '-i', 'NONE', '-u', 'NONE', '-c', `luafile ${path.join(repoRoot, 'test/neovim/diagnostics.lua')}`], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 45000,
      env: { ...process.env, BOARDPAPER_SERVER: serverPath, BOARDPAPER_FILE: path.join(dir, 'papers/p.md'), BOARDPAPER_ROOT: dir },
    });
    const line = r.stdout.split('\n').find((l) => l.startsWith('{'));
    assert.ok(line, `${version}: no JSON from nvim (status ${r.status}):\n${r.stdout}\n${r.stderr}`);
    const out = JSON.parse(line!) as { diagnostics: { code: string; source: string; severity: number; lnum: number }[]; hover?: string; error?: string };
    assert.equal(out.error, undefined, String(out.error));
    assert.deepEqual(out.diagnostics.map((d) => d.code).sort(), ['agenda-item-number', 'field-type', 'unknown-strategic-objective']);
    for (const d of out.diagnostics) assert.equal(d.source, 'boardpaper');
    const ft = out.diagnostics.find((d) => d.code === 'field-type')!;
    assert.equal(ft.severity, 1, 'vim.diagnostic.severity.ERROR');
    assert.equal(ft.lnum, 8, 'on the purpose line');
    assert.match(out.hover ?? '', /SO1\*\* — Improve quality/);
    assert.equal(r.status, 0);
  });
});
