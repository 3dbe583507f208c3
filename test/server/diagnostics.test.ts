/**
 * Diagnostics over the protocol: the built server, a temp workspace of real
 * papers, a client talking JSON-RPC on stdio.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { cliLines, diagnosticLines, messageOf, TestClient, repoRoot, uri, workspace } from './lsp-client';
import { BODY_2024, CLEAN, paper } from './papers';

const DOCS = 'https://github.com/boardpaper/boardpaper/blob/main/docs/rules/';
const codes = (d: Diagnostic[]) => d.map((x) => x.code).sort();

describe('language server: diagnostics', function () {
  this.timeout(30000);
  let dir: string;
  let client: TestClient;

  before(async () => {
    dir = workspace({
      'papers/clean.md': CLEAN,
      'papers/problems.md': paper({ purpose: 'approval', agenda_item: '10.10', date: '2024-05-08', strategic_objectives: '[SO1, SO7]' }),
      'papers/broken.md': fs.readFileSync(path.join(repoRoot, 'test/fixtures/rules/frontmatter-syntax/broken-yaml.md'), 'utf8'),
      'papers/no-cover.md': '# Notes for the meeting\n\nSome text without a cover sheet.\n',
      'README.md': '# Read me\n\nThis folder holds the board papers.\n',
      'papers/burst.md': paper({ date: '2024-05-08' }, BODY_2024),
    });
    client = await TestClient.start({ folders: [dir] });
  });
  after(async () => client?.stop());

  it('publishes the findings of a paper on open, with code, source, docs link, severity, version and fix data', async () => {
    const u = client.open(path.join(dir, 'papers/problems.md'));
    const d = await client.diagnosticsFor(u, (x) => x.length > 0);
    assert.deepEqual(codes(d), ['agenda-item-number', 'field-type', 'missing-health-inequalities-section', 'unknown-strategic-objective']);
    for (const x of d) {
      assert.equal(x.source, 'boardpaper');
      assert.equal(x.codeDescription?.href, `${DOCS}${x.code}.md`);
      assert.equal((x.data as { version: number }).version, 1);
    }
    assert.equal(client.latest(u)!.version, 1);
    const ft = d.find((x) => x.code === 'field-type')!;
    assert.equal(ft.severity, 1, 'error → Error');
    assert.equal(d.find((x) => x.code === 'agenda-item-number')!.severity, 2, 'warning → Warning');
    // Exact range: the value `approval` on the purpose line.
    const line = client.text(u).split('\n')[ft.range.start.line]!;
    assert.equal(line.slice(ft.range.start.character, ft.range.end.character), 'approval');
    const data = ft.data as { fix?: { title: string; edits: { newText: string }[] } };
    assert.equal(data.fix?.edits[0]?.newText, 'approve');
  });

  it('maps info findings to Information', async () => {
    const u = client.open(path.join(dir, 'papers/info.md'), paper({ meeting: 'Exec Team' }));
    const d = await client.diagnosticsFor(u, (x) => x.length > 0);
    const uc = d.find((x) => x.code === 'unknown-committee');
    assert.ok(uc, JSON.stringify(d));
    assert.equal(uc.severity, 3);
    client.close(u);
  });

  it('reports every paper exactly as `boardpaper check` does (rule, position, severity, message)', async () => {
    const examples = path.join(repoRoot, 'examples', 'papers');
    const ws = workspace({});
    fs.cpSync(examples, path.join(ws, 'papers'), { recursive: true });
    const expected = cliLines(ws, ['papers']);
    assert.ok(expected.size >= 5);
    const c2 = await TestClient.start({ folders: [ws] });
    try {
      // Wait for the workspace index so that across-papers findings are in too.
      await c2.until(() => c2.progress.some((p) => (p as { value: { kind: string } }).value.kind === 'end'), 10000, 'indexing');
      for (const [file, want] of expected) {
        const u = c2.open(path.join(ws, file));
        const got = await c2.diagnosticsFor(u, (d) => d.length === want.length, 5000).catch(() => c2.latest(u)?.diagnostics ?? []);
        assert.deepEqual(diagnosticLines(got), want, file);
      }
    } finally {
      await c2.stop();
    }
  });

  it('reports broken YAML at the offending position', async () => {
    const u = client.open(path.join(dir, 'papers/broken.md'));
    const d = await client.diagnosticsFor(u, (x) => x.some((y) => y.code === 'frontmatter-syntax'));
    const fs_ = d.find((x) => x.code === 'frontmatter-syntax')!;
    assert.equal(fs_.range.start.line, 5, 'on the line after the unclosed flow list, where js-yaml fails');
    assert.equal(fs_.severity, 1);
  });

  it('reports frontmatter-missing for a file under papers/ with no cover sheet', async () => {
    const u = client.open(path.join(dir, 'papers/no-cover.md'));
    const d = await client.diagnosticsFor(u, (x) => x.length > 0);
    assert.ok(codes(d).includes('frontmatter-missing'), JSON.stringify(codes(d)));
    assert.equal(d.find((x) => x.code === 'frontmatter-missing')!.range.start.line, 0);
  });

  it('publishes nothing for Markdown that is not a board paper', async () => {
    const u = client.open(path.join(dir, 'README.md'));
    const d = await client.diagnosticsFor(u);
    assert.deepEqual(d, []);
  });

  it('a clean paper gets an empty set', async () => {
    const u = client.open(path.join(dir, 'papers/clean.md'));
    assert.deepEqual(await client.diagnosticsFor(u), []);
  });

  it('clears the diagnostics of a closed document', async () => {
    const u = client.open(path.join(dir, 'papers/closing.md'), paper({ purpose: 'approval' }));
    await client.diagnosticsFor(u, (x) => x.length > 0);
    const n = client.diagnostics.get(u)!.length;
    client.close(u);
    await client.until(() => (client.diagnostics.get(u)!.length > n ? true : undefined), 5000, 'clearing');
    assert.deepEqual(client.latest(u)!.diagnostics, []);
  });

  it('after a burst of edits the last set published is for the final text, and no set is stale', async () => {
    const file = path.join(dir, 'papers/burst.md');
    const base = fs.readFileSync(file, 'utf8');
    const u = client.open(file);
    await client.diagnosticsFor(u);
    const before = client.diagnostics.get(u)!.length;
    // Version v has an unknown key named after it: every set published must name its own version's key.
    for (let v = 2; v <= 21; v++) client.change(u, base.replace('title:', `extra_key_${v}: x\ntitle:`));
    const d = await client.diagnosticsFor(u, (x) => x.some((y) => messageOf(y).includes('extra_key_21')));
    assert.equal(client.latest(u)!.version, 21);
    assert.deepEqual(codes(d), ['unknown-field']);
    await new Promise((r) => setTimeout(r, 400));
    const after = client.diagnostics.get(u)!.slice(before);
    assert.ok(after.length >= 1 && after.length < 20, `debounced: ${after.length} sets for 20 edits`);
    for (const p of after) {
      assert.ok(
        p.diagnostics.some((x) => messageOf(x).includes(`extra_key_${p.version}`)),
        `set for version ${p.version} matches its text`,
      );
    }
    assert.equal(after.at(-1)!.version, 21, 'nothing published after the final version');
  });

  it('stays up whatever it is sent, and one bad document never stops the others', async () => {
    const weird = [
      '',
      '---',
      '---\n---\n',
      '\uFEFF---\ntitle: x\nmeeting: y\n---\n',
      '---\ntitle: &a [*a, *a]\nmeeting: x\n---\n',
      '---\n' + 'a: '.repeat(1) + '['.repeat(5000) + '\n---\n',
      '---\ntitle: T\nmeeting: M\nrisks: [1, {a: b}]\nimpact_assessments: 7\ncommittee_history: {x: 1}\nstrategic_objectives: {SO1: x}\n---\n## \n##\n',
      '\u0000\u0001\uFFFF\uD800 binary ' + 'x'.repeat(200000),
      '---\ntitle: "a\r\nmeeting: b\r---\r\r\n## Recommendations\r',
    ];
    const uris = weird.map((t, i) => client.open(path.join(dir, `papers/weird-${i}.md`), t));
    for (const u of uris) await client.diagnosticsFor(u, () => true, 10000);
    for (const u of uris) {
      await client.request('textDocument/hover', { textDocument: { uri: u }, position: { line: 1, character: 3 } });
      await client.request('textDocument/completion', { textDocument: { uri: u }, position: { line: 1, character: 3 } });
      await client.request('textDocument/documentSymbol', { textDocument: { uri: u } });
      await client.request('textDocument/foldingRange', { textDocument: { uri: u } });
      await client.request('textDocument/codeAction', {
        textDocument: { uri: u },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [] },
      });
    }
    const ok = client.open(path.join(dir, 'papers/after-weird.md'), paper({ purpose: 'approval', agenda_item: '"99"' }));
    assert.deepEqual(codes(await client.diagnosticsFor(ok, (x) => x.length > 0)), ['field-type']);
    assert.ok(client.alive());
  });

  it('answers an unknown request with an error and keeps answering', async () => {
    await assert.rejects(client.request('boardpaper/noSuchThing', {}), (e: { code?: number }) => e.code === -32601);
    client.notify('boardpaper/noSuchNotification', { x: 1 });
    const u = uri(path.join(dir, 'papers/problems.md'));
    const hover = await client.request('textDocument/hover', { textDocument: { uri: u }, position: { line: 0, character: 0 } });
    assert.ok(hover === null || typeof hover === 'object');
    assert.ok(client.alive());
  });

  it('returns null or empty results for documents that are not open', async () => {
    const u = uri(path.join(dir, 'papers/never-opened.md'));
    const pos = { line: 1, character: 1 };
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri: u }, position: pos }), null);
    assert.equal(await client.request('textDocument/completion', { textDocument: { uri: u }, position: pos }), null);
    assert.equal(await client.request('textDocument/definition', { textDocument: { uri: u }, position: pos }), null);
    assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument: { uri: u } }), []);
    assert.deepEqual(await client.request('textDocument/foldingRange', { textDocument: { uri: u } }), []);
    assert.deepEqual(
      await client.request('textDocument/codeAction', { textDocument: { uri: u }, range: { start: pos, end: pos }, context: { diagnostics: [] } }),
      [],
    );
  });
});

describe('language server: settings', function () {
  this.timeout(30000);

  it('applies boardPaper.rules from workspace/configuration and re-reads it on didChangeConfiguration', async () => {
    const dir = workspace({ 'papers/p.md': paper({ purpose: 'approval', agenda_item: '10.10' }) });
    const client = await TestClient.start({ folders: [dir], settings: { rules: { 'agenda-item-number': 'off', 'field-type': 'info' } } });
    try {
      const u = client.open(path.join(dir, 'papers/p.md'));
      const d = await client.diagnosticsFor(u, (x) => x.length > 0);
      assert.deepEqual(codes(d), ['field-type']);
      assert.equal(d[0]!.severity, 3);
      assert.ok(client.configurationRequests.length >= 1);
      client.settings = { rules: { 'field-type': 'warning' } };
      client.notify('workspace/didChangeConfiguration', { settings: null });
      const d2 = await client.diagnosticsFor(u, (x) => x.length === 2);
      assert.deepEqual(codes(d2), ['agenda-item-number', 'field-type']);
      assert.equal(d2.find((x) => x.code === 'field-type')!.severity, 2);
    } finally {
      await client.stop();
    }
  });

  it('uses boardPaper.profile (relative to the workspace folder) for every paper', async () => {
    const dir = workspace({
      'profiles/org.yaml': 'strategic_objectives:\n  P1: Patients first\n  P2: People\n',
      'papers/p.md': paper({ strategic_objectives: '[P1, SO1]' }),
    });
    const client = await TestClient.start({ folders: [dir], settings: { profile: 'profiles/org.yaml' } });
    try {
      const u = client.open(path.join(dir, 'papers/p.md'));
      const d = await client.diagnosticsFor(u, (x) => x.length > 0);
      const so = d.filter((x) => x.code === 'unknown-strategic-objective');
      assert.equal(so.length, 1, JSON.stringify(d));
      assert.match(messageOf(so[0]!), /SO1/);
    } finally {
      await client.stop();
    }
  });

  it('works with a client that has no workspace/configuration (settings from initializationOptions)', async () => {
    const dir = workspace({ 'papers/p.md': paper({ purpose: 'approval', agenda_item: '10.10' }) });
    const client = await TestClient.start({
      folders: [dir],
      capabilities: { textDocument: { publishDiagnostics: {} } },
      initializationOptions: { boardPaper: { rules: { 'field-type': 'off' } } },
    });
    try {
      const u = client.open(path.join(dir, 'papers/p.md'));
      assert.deepEqual(codes(await client.diagnosticsFor(u, (x) => x.length > 0)), ['agenda-item-number']);
      // Flat symbols for a client without hierarchical support.
      const syms = await client.request<{ name: string; location?: unknown }[]>('textDocument/documentSymbol', { textDocument: { uri: u } });
      assert.ok(syms.length > 0 && syms.every((s) => s.location));
    } finally {
      await client.stop();
    }
  });
});
