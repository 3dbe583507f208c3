/**
 * The extension's TextMate injection grammars (grammars/, contributed in
 * package.json), tokenized the way VS Code does it: vscode-textmate and
 * vscode-oniguruma at the versions VS Code 1.100 ships, over VS Code's own
 * Markdown and YAML grammars (test/fixtures/grammars/, copied unchanged).
 *
 * The first version of the cover-sheet colouring never showed in the editor:
 * it was a front-matter begin/end rule of our own whose patterns ended in
 * `include: source.yaml`, and once YAML's own regions (meta.stream.yaml,
 * meta.mapping.yaml, ...) had opened, only injections were tried inside them.
 * These tests pin the behaviour that replaced it: colours injected into the
 * built-in front-matter's YAML, YAML's own structure left intact, and the
 * body's Markdown tokenized exactly as without the extension.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import * as tm from 'vscode-textmate';
import * as oniguruma from 'vscode-oniguruma';

const repoRoot = path.join(__dirname, '..', '..');
const vendored = path.join(repoRoot, 'test', 'fixtures', 'grammars');
const papers = path.join(repoRoot, 'examples', 'papers', '2024-05-08');
const MARKDOWN = 'text.html.markdown';

interface Contributed {
  scopeName: string;
  path: string;
  injectTo?: string[];
}

/** The grammar files VS Code would find: the vendored built-ins by scope name, plus ours as package.json contributes them. */
function grammarFiles(): { files: Map<string, string>; injections: Map<string, string[]> } {
  const files = new Map<string, string>();
  for (const f of fs.readdirSync(vendored).filter((f) => f.endsWith('.tmLanguage.json'))) {
    const file = path.join(vendored, f);
    files.set((JSON.parse(fs.readFileSync(file, 'utf8')) as { scopeName: string }).scopeName, file);
  }
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { contributes: { grammars: Contributed[] } };
  const injections = new Map<string, string[]>();
  for (const g of pkg.contributes.grammars) {
    files.set(g.scopeName, path.join(repoRoot, g.path));
    for (const target of g.injectTo ?? []) injections.set(target, [...(injections.get(target) ?? []), g.scopeName]);
  }
  return { files, injections };
}

let onigLib: Promise<tm.IOnigLib> | undefined;
function onig(): Promise<tm.IOnigLib> {
  onigLib ??= (async () => {
    const wasm = fs.readFileSync(path.join(path.dirname(createRequire(__filename).resolve('vscode-oniguruma')), 'onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
    return {
      createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    };
  })();
  return onigLib;
}

async function markdownGrammar(withExtension: boolean): Promise<tm.IGrammar> {
  const { files, injections } = grammarFiles();
  const registry = new tm.Registry({
    onigLib: onig(),
    // Other languages embedded in fenced code are not needed here: VS Code too tokenizes without a grammar it cannot find.
    loadGrammar: async (scope) => {
      const file = files.get(scope);
      return file ? tm.parseRawGrammar(fs.readFileSync(file, 'utf8'), file) : null;
    },
    getInjections: (scope) => (withExtension ? injections.get(scope) : undefined),
  });
  const grammar = await registry.loadGrammar(MARKDOWN);
  assert.ok(grammar, 'the Markdown grammar loads');
  return grammar;
}

interface Token {
  line: number;
  text: string;
  scopes: string[];
}
interface Tokenized {
  lines: string[];
  tokens: Token[];
  charScopes: string[][][];
}

function tokenize(grammar: tm.IGrammar, text: string): Tokenized {
  const lines = text.split(/\r?\n/);
  const tokens: Token[] = [];
  const charScopes: string[][][] = [];
  let state = tm.INITIAL;
  lines.forEach((line, n) => {
    const r = grammar.tokenizeLine(line, state);
    state = r.ruleStack;
    const perChar: string[][] = [];
    for (const t of r.tokens) {
      const end = Math.min(t.endIndex, line.length);
      tokens.push({ line: n, text: line.slice(t.startIndex, end), scopes: t.scopes });
      for (let i = t.startIndex; i < end; i++) perChar[i] = t.scopes;
    }
    charScopes.push(perChar);
  });
  return { lines, tokens, charScopes };
}

/** The tokens whose text is `text`, on lines matching `line` (a regular expression or the line's exact text). */
function find(t: Tokenized, line: RegExp | string, text: string): Token[] {
  const found = t.tokens.filter((k) => k.text === text && (typeof line === 'string' ? t.lines[k.line] === line : line.test(t.lines[k.line]!)));
  assert.ok(found.length > 0, `no token ${JSON.stringify(text)} on a line ${String(line)}`);
  return found;
}

function assertScope(t: Tokenized, line: RegExp | string, text: string, scope: string) {
  for (const k of find(t, line, text))
    assert.ok(k.scopes.includes(scope), `${JSON.stringify(text)} on line ${k.line + 1} (${t.lines[k.line]}) should have ${scope}; has ${k.scopes.join(' ')}`);
}

function assertNoBoardpaperScope(t: Tokenized, line: RegExp | string, text: string) {
  for (const k of find(t, line, text))
    assert.ok(
      !k.scopes.some((s) => s.endsWith('.boardpaper')),
      `${JSON.stringify(text)} on line ${k.line + 1} should keep its plain scopes; has ${k.scopes.join(' ')}`,
    );
}

/** Index of the line that closes the front-matter. */
function frontMatterEnd(t: Tokenized): number {
  const end = t.lines.findIndex((l, i) => i > 0 && /^---\s*$/.test(l));
  assert.ok(end > 0);
  return end;
}

const read = (name: string) => fs.readFileSync(path.join(papers, name), 'utf8');

describe('TextMate injection grammars (VS Code 1.100 Markdown + YAML grammars)', function () {
  let plain: tm.IGrammar;
  let ours: tm.IGrammar;

  before(async () => {
    plain = await markdownGrammar(false);
    ours = await markdownGrammar(true);
  });

  it('colours the cover sheet of a real paper: keys, codes, dates, statuses and the confidential flag', () => {
    const t = tokenize(ours, read('09-financial-plan-2024-25.md'));
    const key = 'support.type.property-name.cover-sheet.boardpaper';
    for (const k of [
      'title',
      'meeting',
      'date',
      'agenda_item',
      'presented_by',
      'author',
      'confidential',
      'purpose',
      'strategic_objectives',
      'risks',
      'financial_implications',
      'committee_history',
      'conflicts_of_interest',
      'impact_assessments',
      'authorised_by',
    ]) {
      assertScope(t, new RegExp(`^${k}:`), k, key);
    }
    for (const k of ['status', 'comment', 'on_register', 'items', 'quality', 'equality', 'data_privacy']) assertScope(t, new RegExp(`^ +${k}:`), k, key);
    assertScope(t, /^ +- meeting:/, 'meeting', key);
    assertScope(t, /^ +- id:/, 'id', key);
    // The key keeps YAML's own scopes; ours is the innermost, so themes colour it by ours.
    const purpose = find(t, /^purpose:/, 'purpose')[0]!;
    assert.deepEqual(purpose.scopes.slice(-4), ['meta.map.key.yaml', 'string.unquoted.plain.yaml', 'entity.name.tag.yaml', key]);

    for (const so of ['SO4', 'SO5', 'SO6']) assertScope(t, /^strategic_objectives:/, so, 'variable.other.enummember.strategic-objective.boardpaper');
    assertScope(t, 'date: 2024-05-08', '2024-05-08', 'constant.numeric.date.boardpaper');
    assertScope(t, /^ +date: 2024-04-22/, '2024-04-22', 'constant.numeric.date.boardpaper');
    assertScope(t, 'confidential: false', 'false', 'constant.language.boolean.boardpaper');
    assertScope(t, /^ +status: yes/, 'yes', 'constant.language.status.boardpaper');
    assertScope(t, /^ +on_register: yes/, 'yes', 'constant.language.status.boardpaper');
    assertScope(t, /^ +status: n\/a/, 'n/a', 'constant.language.status.boardpaper');
    // Everything between the fences is the built-in embedded-YAML block (so VS Code still treats it as YAML).
    const end = frontMatterEnd(t);
    for (const k of t.tokens.filter((k) => k.line > 0 && k.line < end)) assert.ok(k.scopes.includes('meta.embedded.block.frontmatter'), `line ${k.line + 1}`);
  });

  it('colours codes written as keys (`- SO1: wording`) and leaves wrong values (`confidential: yes`, `approval`) uncoloured', () => {
    const t = tokenize(ours, read('10.1-fragile-services-wave-1.md'));
    assertScope(t, /^ +- SO1: To equalise/, 'SO1', 'variable.other.enummember.strategic-objective.boardpaper');
    assertScope(t, /^ +- SO1: To equalise/, 'SO1', 'meta.map.key.yaml');
    assertScope(t, /^ +- SO5: Meet/, 'SO5', 'variable.other.enummember.strategic-objective.boardpaper');
    assertScope(t, /^ +- SO6$/, 'SO6', 'variable.other.enummember.strategic-objective.boardpaper');
    assertNoBoardpaperScope(t, 'purpose: approval', 'approval');
    const t15 = tokenize(ours, read('15-patient-transport-contract-extension.md'));
    assertNoBoardpaperScope(t15, 'confidential: yes', 'yes');
  });

  it('handles quoted statuses, comments and keys that are not cover-sheet fields', () => {
    const text = [
      '---',
      'title: Quoting',
      'date: "2024-05-08" # moved from 2024-05-01',
      'confidential: true',
      'risks:',
      '  status: "N/A"',
      "  on_register: 'no'",
      'notes: SO3 and 2024-05-08',
      '---',
      '',
      '# Body',
    ].join('\n');
    const t = tokenize(ours, text);
    assertScope(t, /^date:/, '2024-05-08', 'constant.numeric.date.boardpaper');
    assertScope(t, /^date:/, '2024-05-08', 'string.quoted.double.yaml');
    assertNoBoardpaperScope(t, /^date:/, ' moved from 2024-05-01');
    assertScope(t, /^date:/, ' moved from 2024-05-01', 'comment.line.number-sign.yaml');
    assertScope(t, 'confidential: true', 'true', 'constant.language.boolean.boardpaper');
    assertScope(t, /^ +status:/, 'N/A', 'constant.language.status.boardpaper');
    assertScope(t, /^ +on_register:/, 'no', 'constant.language.status.boardpaper');
    assertNoBoardpaperScope(t, /^notes:/, 'notes');
    assertScope(t, /^notes:/, 'notes', 'entity.name.tag.yaml');
    // Codes and dates are coloured wherever they appear in a value.
    assertScope(t, /^notes:/, 'SO3', 'variable.other.enummember.strategic-objective.boardpaper');
    assertScope(t, /^notes:/, '2024-05-08', 'constant.numeric.date.boardpaper');
    assertScope(t, '# Body', 'Body', 'markup.heading.markdown');
  });

  it('leaves the YAML structure as the built-in grammars parse it, with no tokens marked invalid', () => {
    for (const name of fs.readdirSync(papers).filter((f) => f.endsWith('.md'))) {
      const with_ = tokenize(ours, read(name));
      const without = tokenize(plain, read(name));
      const end = frontMatterEnd(with_);
      for (let line = 0; line <= end; line++) {
        const structure = (s: string[] | undefined) => (s ?? []).filter((x) => x.startsWith('meta.')).join(' ');
        const a = with_.charScopes[line]!;
        const b = without.charScopes[line]!;
        for (let i = 0; i < with_.lines[line]!.length; i++) {
          assert.equal(structure(a[i]), structure(b[i]), `${name} line ${line + 1} column ${i + 1}: ${with_.lines[line]}`);
        }
      }
      const invalid = with_.tokens.filter((k) => k.scopes.some((s) => s.startsWith('invalid.')));
      assert.deepEqual(
        invalid.filter((k) => !without.tokens.some((b) => b.line === k.line && b.scopes.some((s) => s.startsWith('invalid.')))),
        [],
        name,
      );
    }
  });

  it('tokenizes the body exactly as VS Code does without the extension (headings, lists, tables, dates in prose)', () => {
    for (const name of fs.readdirSync(papers).filter((f) => f.endsWith('.md'))) {
      const with_ = tokenize(ours, read(name));
      const without = tokenize(plain, read(name));
      const end = frontMatterEnd(with_);
      for (let line = end + 1; line < with_.lines.length; line++) {
        if (/boardpaper-(disable|enable)/.test(with_.lines[line]!)) continue;
        assert.deepEqual(with_.charScopes[line], without.charScopes[line], `${name} line ${line + 1}: ${with_.lines[line]}`);
      }
    }
    const t = tokenize(ours, read('09-financial-plan-2024-25.md'));
    assertScope(t, '## Executive summary', 'Executive summary', 'markup.heading.markdown');
    assertScope(t, '## Executive summary', 'Executive summary', 'entity.name.section.markdown');
  });

  it('colours directive comments in the body, but not in code or in the front-matter', () => {
    const text = [
      '---',
      'title: Directives',
      'comment: <!-- boardpaper-disable unknown-field -->',
      '---',
      '',
      '## Executive summary',
      '',
      '<!-- boardpaper-disable-next-line placeholder-section -->',
      '- a list item on 2024-05-08 for SO1',
      '',
      'Text <!-- boardpaper-enable --> inline.',
      '',
      '```html',
      '<!-- boardpaper-disable -->',
      '```',
      '',
      'See `<!-- boardpaper-disable -->` above.',
    ].join('\n');
    const t = tokenize(ours, text);
    const directive = '<!-- boardpaper-disable-next-line placeholder-section -->';
    assertScope(t, directive, 'boardpaper-disable-next-line', 'keyword.control.directive.boardpaper');
    assertScope(t, directive, ' placeholder-section ', 'variable.parameter.rule-id.boardpaper');
    assertScope(t, directive, '<!--', 'comment.block.directive.boardpaper');
    assertScope(t, /^Text /, 'boardpaper-enable', 'keyword.control.directive.boardpaper');
    assertScope(t, '- a list item on 2024-05-08 for SO1', '-', 'punctuation.definition.list.begin.markdown');
    // Dates and codes in the body are prose: the cover-sheet colours stay in the front-matter.
    for (const k of t.tokens.filter((k) => k.line === 8))
      assert.ok(!k.scopes.some((s) => s.endsWith('.boardpaper')), `${JSON.stringify(k.text)}: ${k.scopes.join(' ')}`);
    const notDirective = (line: number) => {
      const toks = t.tokens.filter((k) => k.line === line);
      assert.ok(toks.length > 0);
      for (const k of toks)
        assert.ok(!k.scopes.includes('keyword.control.directive.boardpaper'), `line ${line + 1}: ${t.lines[line]} has ${k.scopes.join(' ')}`);
    };
    notDirective(2); // front-matter value
    notDirective(13); // fenced code
    notDirective(16); // inline code
    assertScope(t, '<!-- boardpaper-disable -->', '<!-- boardpaper-disable -->', 'markup.fenced_code.block.markdown');
  });
});
