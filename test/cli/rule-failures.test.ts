/**
 * A rule that throws is never silent (markdownlint's handleRuleFailures): the
 * core returns the failure, the CLI exits 2 naming the rule and the paper, the
 * server logs it with the rule id and the document. Fault injection:
 * BOARDPAPER_FAIL_RULE (server/src/node/rule-set.ts).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../server/src/core/analyze';
import { DEFAULT_PROFILE } from '../../server/src/core/profile';
import { RULES } from '../../server/src/core/rules';
import { defineRule } from '../../server/src/core/rule';
import { rulesFromEnvironment } from '../../server/src/node/rule-set';
import { repoRoot, runCli, tempDir } from '../helpers/run-cli';
import { TestClient, uri } from '../server/lsp-client';

const EXAMPLE = path.join(repoRoot, 'examples/papers/2024-05-08');

function firstExamplePaper(): string {
  const f = fs
    .readdirSync(EXAMPLE)
    .filter((n) => n.endsWith('.md'))
    .sort()[0]!;
  return path.join(EXAMPLE, f);
}

describe('rule failures are reported, never silent', function () {
  this.timeout(30000);

  it('core: analyze returns the failure and the other rules still run', () => {
    const boom = defineRule({
      id: 'missing-section',
      severity: 'error',
      description: 'throws',
      fixable: false,
      check() {
        throw new Error('boom');
      },
    });
    const text = fs.readFileSync(firstExamplePaper(), 'utf8');
    const normal = analyze(text, DEFAULT_PROFILE);
    assert.deepEqual(normal.ruleFailures, []);
    const a = analyze(text, DEFAULT_PROFILE, { rules: RULES.map((r) => (r.id === 'missing-section' ? boom : r)) });
    assert.deepEqual(a.ruleFailures, [{ rule: 'missing-section', message: 'boom' }]);
    assert.throws(() => analyze(text, DEFAULT_PROFILE, { strict: true, rules: [boom] }), /rule missing-section failed: Error: boom/);
  });

  it('core: under strict, a fix from a rule not declared fixable fails', () => {
    const sneaky = defineRule({
      id: 'executive-summary-length',
      severity: 'info',
      description: 'fixes without saying so',
      fixable: false,
      check({ paper, report }) {
        report({ message: 'x', range: paper.anchor, fix: { title: 'Do it', edits: [{ ...paper.anchor, newText: 'title' }] } });
      },
    });
    const text = fs.readFileSync(firstExamplePaper(), 'utf8');
    assert.throws(() => analyze(text, DEFAULT_PROFILE, { strict: true, rules: [sneaky] }), /not declared fixable but returned a fix/);
  });

  it('fault injection replaces only the named rule', () => {
    assert.equal(rulesFromEnvironment({}), undefined);
    const rules = rulesFromEnvironment({ BOARDPAPER_FAIL_RULE: 'unknown-committee' })!;
    assert.equal(rules.length, RULES.length);
    assert.notEqual(rules.find((r) => r.id === 'unknown-committee')!.check, RULES.find((r) => r.id === 'unknown-committee')!.check);
    assert.equal(rules.find((r) => r.id === 'missing-section')!.check, RULES.find((r) => r.id === 'missing-section')!.check);
  });

  it('CLI: exits 2 with one line naming the rule and the paper', () => {
    const file = firstExamplePaper();
    const ok = runCli(['check', '--format', 'json', file]);
    assert.notEqual(ok.status, 2, ok.stderr);
    const r = spawnCli(['check', '--format', 'json', file], { BOARDPAPER_FAIL_RULE: 'unknown-committee' });
    assert.equal(r.status, 2, r.stdout + r.stderr);
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0]!, /rule unknown-committee failed on .*\.md/);
    assert.match(lines[0]!, /injected failure/);
  });

  it('server: logs the failure with the rule id and the document, and keeps serving the other rules', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'papers', 'p.md');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.copyFileSync(firstExamplePaper(), file);
    const client = await TestClient.start({ folders: [dir], env: { BOARDPAPER_FAIL_RULE: 'unknown-committee' } });
    try {
      const u = client.open(file);
      await client.diagnosticsFor(u, () => true);
      const line = await client.until(() => client.logs.find((l) => l.includes('rule unknown-committee failed')), 8000, 'the failure in the log');
      assert.ok(line.includes(uri(file)), line);
    } finally {
      await client.stop();
    }
  });
});

function spawnCli(args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'dist/cli.js'), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
