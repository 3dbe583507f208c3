/**
 * Hover, code actions, document symbols, folding ranges and go to
 * definition over the protocol.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, Diagnostic, DocumentSymbol, FoldingRange, Hover, Location, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { cursor, messageOf, TestClient, uri, workspace } from './lsp-client';
import { BODY_2024, CLEAN, paper } from './papers';

function hoverText(h: Hover | null): string {
  if (!h) return '';
  const c = h.contents as { value?: string } | string;
  return typeof c === 'string' ? c : (c.value ?? '');
}

function editsOf(a: CodeAction, u: string): TextEdit[] {
  const e = a.edit!;
  if (e.documentChanges) return (e.documentChanges as TextDocumentEdit[]).filter((d) => d.textDocument.uri === u).flatMap((d) => d.edits as TextEdit[]);
  return e.changes?.[u] ?? [];
}

const PROFILE = `strategic_objectives:
  SO1: Improve quality, including safety, clinical outcomes, and patient experience
  SO2: To equalise opportunities and clinical outcomes across the area
  SO3: Make working in Lancashire and South Cumbria an attractive and desirable option for existing and potential employees
  SO4: Meet financial targets and deliver improved productivity
  SO5: Meet national and locally determined performance standards and targets
  SO6: To develop and implement ambitious, deliverable strategies
committees:
  - name: Integrated Care Board
    aliases: [ICB Board, Board]
  - name: Executive Team
    aliases: [Exec Team, ET]
  - name: System Recovery & Transformation Board
    aliases: [SRTB]
risk_register: register/risks.csv
`;

const REGISTER =
  'id,title,owner,score,description\n"008",System Financial Sustainability,Chief Finance Officer,20,Risk that the system does not deliver its financial plan\n"019",NOF ratings,Chief Executive,16,NHS Oversight Framework segmentation\n';

describe('language server: hover, code actions, symbols, folding, definition', function () {
  this.timeout(30000);
  let dir: string;
  let client: TestClient;

  before(async () => {
    dir = workspace({ '.boardpaper.yaml': PROFILE, 'register/risks.csv': REGISTER });
    client = await TestClient.start({ folders: [dir] });
  });
  after(async () => client?.stop());

  async function hoverAt(name: string, marked: string): Promise<string> {
    const { text, position } = cursor(marked);
    const u = client.open(path.join(dir, 'papers', name), text);
    const h = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: u }, position });
    client.close(u);
    return hoverText(h);
  }

  describe('hover', () => {
    it('a strategic objective code shows its full wording', async () => {
      const t = await hoverAt('h1.md', CLEAN.replace('[SO1, SO2,', '[SO1, S|O2,'));
      assert.match(t, /\*\*SO2\*\* — To equalise opportunities and clinical outcomes across the area/);
      assert.match(t, /equality objective/);
    });

    it('an unknown code says so and lists the codes', async () => {
      const t = await hoverAt('h2.md', CLEAN.replace('[SO1, SO2,', '[SO1, SO|9,'));
      assert.match(t, /SO9.*not a strategic objective/);
      assert.match(t, /SO1, SO2, SO3/);
    });

    it('a risk ID shows its register row', async () => {
      const t = await hoverAt('h3.md', CLEAN.replace('- id: "019"', '- id: "0|19"'));
      assert.match(t, /Risk 019.*NOF ratings/);
      assert.match(t, /owner \| Chief Executive/);
      assert.match(t, /score \| 16/);
    });

    it('a committee name shows its other names and where the history mentions it', async () => {
      const text = CLEAN.replace(
        'date: 2024-03-05\n    outcome: Approved.',
        'date: 2024-03-05\n    outcome: Approved.\n  - meeting: Exec Team\n    date: 2024-03-08\n    outcome: Noted again.',
      );
      const t = await hoverAt('h4.md', text.replace('  - meeting: Executive Team', '  - meeting: Execut|ive Team'));
      assert.match(t, /\*\*Executive Team\*\*/);
      assert.match(t, /Also known as: Exec Team, ET/);
      assert.match(t, /2024-03-08: Noted again\. \(as "Exec Team"\)/);
      assert.doesNotMatch(t, /2024-03-05/, 'not the entry hovered');
    });

    it("the paper's own meeting by an alias", async () => {
      const t = await hoverAt('h5.md', CLEAN.replace('meeting: Integrated Care Board', 'meeting: IC|B Board'));
      assert.match(t, /\*\*Integrated Care Board\*\*/);
      assert.match(t, /Also known as: Integrated Care Board, Board/);
    });

    it('a cover-sheet key shows its meaning', async () => {
      assert.match(await hoverAt('h6.md', CLEAN.replace('agenda_item:', 'agenda_i|tem:')), /agenda_item\*\* \(required\) — Agenda item number/);
      assert.match(await hoverAt('h7.md', CLEAN.replace('  on_register:', '  on_reg|ister:')), /risk register/);
      assert.match(await hoverAt('h8.md', CLEAN.replace('purpose:', 'pur|pose:')), /approve, decide, discuss/);
    });

    it('an acronym shows its expansion, from the paper or the profile', async () => {
      assert.match(
        await hoverAt(
          'h9.md',
          CLEAN.replace("Lancashire & South Cumbria Integrated Care System's (ICS)", "Lancashire & South Cumbria Integrated Care System's (I|CS)"),
        ),
        /ICS\*\* — Integrated Care System/,
      );
      assert.match(await hoverAt('h10.md', CLEAN.replace('One LSC Clinical', 'One L|SC Clinical')), /LSC\*\* — Lancashire and South Cumbria[\s\S]*profile/);
      assert.match(
        await hoverAt('h11.md', CLEAN.replace('that the SRTB considered', 'that the SR|TB considered')),
        /SRTB\*\* — System Recovery & Transformation Board[\s\S]*this paper/,
      );
    });

    it('nothing on ordinary words', async () => {
      assert.equal(await hoverAt('h12.md', CLEAN.replace('focuses on the', 'focu|ses on the')), '');
    });
  });

  describe('code actions', () => {
    async function fixRoundTrip(name: string, text: string, rule: string, pick: (a: CodeAction[]) => CodeAction | undefined) {
      const u = client.open(path.join(dir, 'papers', name), text);
      const d = await client.diagnosticsFor(u, (x) => x.some((y) => y.code === rule));
      const diag = d.find((x) => x.code === rule)!;
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri: u },
        range: diag.range,
        context: { diagnostics: [diag] },
      });
      const a = pick(actions);
      assert.ok(a, `no action in ${JSON.stringify(actions.map((x) => x.title))}`);
      assert.ok(a.diagnostics === undefined || a.diagnostics.length === 0 || a.diagnostics.some((x) => x.code === rule));
      const edits = editsOf(a, u);
      const dc = a.edit!.documentChanges as TextDocumentEdit[] | undefined;
      if (dc) assert.equal(dc[0]!.textDocument.version, client.version(u), 'versioned edit for the current version');
      const after = client.applyEdits(u, edits);
      const d2 = await client.diagnosticsFor(u);
      const still = d2.filter((x) => x.code === rule && x.range.start.line === diag.range.start.line && messageOf(x) === messageOf(diag));
      assert.deepEqual(still, [], `the ${rule} diagnostic is gone`);
      return { u, after, actions, diagnostics: d2, diag };
    }

    it('the quick fix of a fixable diagnostic is preferred, and applying it removes the diagnostic', async () => {
      const { after, actions } = await fixRoundTrip('c1.md', paper({ purpose: 'approval' }), 'field-type', (a) =>
        a.find((x) => x.kind === 'quickfix' && x.isPreferred),
      );
      assert.match(after, /^purpose: approve$/m);
      assert.ok(actions.some((x) => x.title.startsWith('Fix all field-type problems')));
    });

    it('fixes an unknown strategic objective code', async () => {
      const { after } = await fixRoundTrip('c2.md', paper({ strategic_objectives: '[SO1, S01]' }), 'unknown-strategic-objective', (a) =>
        a.find((x) => x.isPreferred),
      );
      assert.match(after, /^strategic_objectives: \[SO1, SO\d\]$/m);
    });

    it('offers suggestions as quick fixes that are not preferred (a missing key)', async () => {
      const text = CLEAN.replace(/^author:.*\n/m, '');
      const { after } = await fixRoundTrip('c3.md', text, 'required-field', (a) => a.find((x) => x.kind === 'quickfix' && !x.isPreferred));
      assert.match(after, /^author: /m);
    });

    it('inserts a missing section from its suggestion', async () => {
      const text = CLEAN.replace('## 5. Recommendations\n\n5.1 The Integrated Care Board is asked to note this update.\n', '');
      const { after, diagnostics } = await fixRoundTrip('c4.md', text, 'missing-section', (a) => a.find((x) => x.kind === 'quickfix'));
      assert.match(after, /^## Recommendations/m);
      assert.ok(!diagnostics.some((x) => x.code === 'missing-section'));
    });

    it('"fix all of this rule" fixes every finding of that rule', async () => {
      const text = paper({ strategic_objectives: '[S01, SO2, so3]' });
      const u = client.open(path.join(dir, 'papers/c5.md'), text);
      const d = await client.diagnosticsFor(u, (x) => x.filter((y) => y.code === 'unknown-strategic-objective').length === 2);
      const diag = d.find((x) => x.code === 'unknown-strategic-objective')!;
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri: u },
        range: diag.range,
        context: { diagnostics: [diag] },
      });
      const all = actions.find((a) => a.title.startsWith('Fix all unknown-strategic-objective'));
      assert.ok(all, JSON.stringify(actions.map((a) => a.title)));
      client.applyEdits(u, editsOf(all, u));
      const d2 = await client.diagnosticsFor(u);
      assert.ok(!d2.some((x) => x.code === 'unknown-strategic-objective'), JSON.stringify(d2.map((x) => x.code)));
      assert.match(client.text(u), /^strategic_objectives: \[SO1, SO2, SO3\]$/m);
    });

    it('source.fixAll.boardpaper applies every automatic fix (fix on save) and nothing else', async () => {
      const text = paper({ purpose: 'approval', agenda_item: '10.10', strategic_objectives: '[SO1, S02]' });
      const u = client.open(path.join(dir, 'papers/c6.md'), text);
      await client.diagnosticsFor(u, (x) => x.length >= 3);
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri: u },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only: ['source.fixAll'], triggerKind: 2 },
      });
      assert.equal(actions.length, 1);
      assert.equal(actions[0]!.kind, 'source.fixAll.boardpaper');
      client.applyEdits(u, editsOf(actions[0]!, u));
      const d2 = await client.diagnosticsFor(u);
      assert.deepEqual(
        d2.filter((x) => (x.data as { fix?: unknown }).fix),
        [],
        'nothing fixable left',
      );
      assert.ok(!d2.some((x) => ['field-type', 'agenda-item-number', 'unknown-strategic-objective'].includes(String(x.code))));
      assert.match(client.text(u), /^agenda_item: "10\.10"$/m);
      // Nothing left to fix: no action.
      const again = await client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri: u },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only: ['source.fixAll.boardpaper'] },
      });
      assert.deepEqual(again, []);
    });

    it('only quick fixes when only quickfix is asked for, and versioned edits only when supported', async () => {
      const text = paper({ purpose: 'approval' });
      const u = client.open(path.join(dir, 'papers/c7.md'), text);
      const d = await client.diagnosticsFor(u, (x) => x.length > 0);
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri: u },
        range: d[0]!.range,
        context: { diagnostics: d, only: ['quickfix'] },
      });
      assert.ok(actions.length > 0 && actions.every((a) => a.kind === 'quickfix'));
    });

    it('a stale diagnostic (from an older version) gets no action that would edit the wrong text', async () => {
      const u = client.open(path.join(dir, 'papers/c8.md'), paper({ purpose: 'approval' }));
      const d = await client.diagnosticsFor(u, (x) => x.length > 0);
      client.change(u, '\n\n' + client.text(u));
      await client.diagnosticsFor(u, (x) => x.length > 0);
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri: u },
        range: d[0]!.range,
        context: { diagnostics: [d[0] as Diagnostic], only: ['quickfix'] },
      });
      assert.deepEqual(actions, []);
    });
  });

  describe('symbols, folding, definition', () => {
    it('document symbols: the cover sheet and its fields, then the sections', async () => {
      const u = client.open(path.join(dir, 'papers/s1.md'), CLEAN);
      const syms = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: u } });
      assert.equal(syms[0]!.name, 'Cover sheet');
      assert.equal(syms[0]!.detail, 'Recovery and Transformation Programmes');
      const fields = syms[0]!.children!.map((c) => c.name);
      assert.deepEqual(fields.slice(0, 4), ['title', 'meeting', 'date', 'agenda_item']);
      assert.ok(fields.includes('impact_assessments'));
      const ia = syms[0]!.children!.find((c) => c.name === 'impact_assessments')!;
      assert.deepEqual(
        ia.children!.map((c) => c.name),
        ['quality', 'equality', 'data_privacy'],
      );
      assert.deepEqual(
        syms.slice(1).map((s) => s.name),
        ['Executive summary', '1. Introduction', '2. Clinical strategy', '3. Transforming care in our hospitals', '4. Resources', '5. Recommendations'],
      );
      const lines = CLEAN.split('\n');
      assert.equal(lines[syms[1]!.selectionRange.start.line], '## Executive summary');
    });

    it('folding ranges: the front-matter and each section', async () => {
      const u = client.open(path.join(dir, 'papers/s2.md'), CLEAN);
      const ranges = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: u } });
      const lines = CLEAN.split('\n');
      const close = lines.indexOf('---', 1);
      assert.ok(
        ranges.some((r) => r.startLine === 0 && r.endLine === close),
        'front-matter',
      );
      const es = lines.indexOf('## Executive summary');
      const intro = lines.indexOf('## 1. Introduction');
      assert.ok(
        ranges.some((r) => r.startLine === es && r.endLine === intro - 2),
        JSON.stringify(ranges),
      );
      const rec = lines.indexOf('## 5. Recommendations');
      assert.ok(ranges.some((r) => r.startLine === rec && r.endLine === rec + 2));
      assert.ok(
        ranges.some((r) => r.startLine === lines.indexOf('risks:')),
        'a many-line field',
      );
    });

    it('go to definition: a risk ID to its register row', async () => {
      const { text, position } = cursor(CLEAN.replace('- id: "019"', '- id: "01|9"'));
      const u = client.open(path.join(dir, 'papers/d1.md'), text);
      const loc = await client.request<Location | null>('textDocument/definition', { textDocument: { uri: u }, position });
      assert.ok(loc);
      assert.equal(loc.uri, uri(path.join(dir, 'register/risks.csv')));
      assert.equal(loc.range.start.line, 2);
    });

    it('go to definition: a committee name (or alias) to the profile entry', async () => {
      const { text, position } = cursor(CLEAN.replace('  - meeting: System Recovery & Transformation Board', '  - meeting: SR|TB'));
      const u = client.open(path.join(dir, 'papers/d2.md'), text);
      const loc = await client.request<Location | null>('textDocument/definition', { textDocument: { uri: u }, position });
      assert.ok(loc);
      assert.equal(loc.uri, uri(path.join(dir, '.boardpaper.yaml')));
      const line = PROFILE.split('\n')[loc.range.start.line]!;
      assert.equal(line.slice(loc.range.start.character, loc.range.end.character), 'System Recovery & Transformation Board');
    });

    it('go to definition with the built-in default profile: nothing', async () => {
      const other = workspace({ 'papers/x.md': CLEAN });
      const c2 = await TestClient.start({ folders: [other] });
      try {
        const { text, position } = cursor(CLEAN.replace('meeting: Integrated Care Board', 'meeting: Integrated Ca|re Board'));
        const u = c2.open(path.join(other, 'papers/x.md'), text);
        assert.equal(await c2.request('textDocument/definition', { textDocument: { uri: u }, position }), null);
      } finally {
        await c2.stop();
      }
    });

    it('symbols of a paper with broken YAML still list the sections', async () => {
      const text = fs.readFileSync(path.join(__dirname, '..', 'fixtures/rules/frontmatter-syntax/broken-yaml.md'), 'utf8');
      const u = client.open(path.join(dir, 'papers/s3.md'), text + BODY_2024);
      const syms = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: u } });
      assert.equal(syms[0]!.name, 'Cover sheet');
      assert.ok(syms.some((s) => s.name === 'Recommendations'));
    });
  });
});

describe('language server: one analysis per document version', function () {
  this.timeout(30000);

  it('every feature reads the cached model: a version is analysed once', async () => {
    const dir = workspace({});
    const client = await TestClient.start({ folders: [dir], settings: { trace: { server: 'verbose' } } });
    try {
      const u = client.open(path.join(dir, 'papers/p.md'), paper({ purpose: 'approval' }));
      const d = await client.diagnosticsFor(u, (x) => x.length > 0);
      const doc = { textDocument: { uri: u } };
      const pos = { line: 8, character: 10 };
      for (let i = 0; i < 3; i++) {
        await client.request('textDocument/hover', { ...doc, position: pos });
        await client.request('textDocument/completion', { ...doc, position: pos });
        await client.request('textDocument/documentSymbol', doc);
        await client.request('textDocument/foldingRange', doc);
        await client.request('textDocument/definition', { ...doc, position: pos });
        await client.request('textDocument/codeAction', { ...doc, range: d[0]!.range, context: { diagnostics: d } });
      }
      const analysed = (v: number) => client.logs.filter((l) => l.startsWith(`analysed ${u} v${v} `)).length;
      assert.equal(analysed(1), 1, client.logs.join('\n'));
      client.change(u, client.text(u).replace('approval', 'approve'));
      await client.diagnosticsFor(u, (x) => !x.some((y) => y.code === 'field-type'));
      await client.request('textDocument/hover', { ...doc, position: pos });
      assert.equal(analysed(2), 1);
    } finally {
      await client.stop();
    }
  });
});
