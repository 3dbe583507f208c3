/**
 * The language service in-process (no server, no protocol): data-driven, in
 * the manner of rust-analyzer's tests. Each case under test/fixtures/service/
 * <feature>/ is a paper `NAME.md` with the cursor written `$0`, and
 * `NAME.expected.txt`, the feature's answer there rendered as plain text.
 * The protocol tests (test/server/*.test.ts) check the same service through
 * the built server over stdio.
 *
 * To accept changed answers after a deliberate change, run
 * `UPDATE_EXPECT=1 npm run test:one -- test/server/service.test.ts` and read
 * the diff before committing it.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CompletionItem, DocumentSymbol, Hover, MarkupContent } from 'vscode-languageserver';
import { LanguageService, type OpenDocument } from '../../server/src/server/service/language-service';

const ROOT = path.join(__dirname, '..', 'fixtures', 'service');
const CURSOR = '$0';
const FIXED_CLOCK = () => new Date('2024-04-20T09:00:00Z');

function serviceFor(file: string, text: string): { service: LanguageService; doc: OpenDocument } {
  const doc: OpenDocument = { uri: pathToFileURL(file).href, version: 1, languageId: 'markdown', getText: () => text };
  const store = { get: (u: string) => (u === doc.uri ? doc : undefined), all: () => [doc] };
  const errors: string[] = [];
  const service = new LanguageService(store, { log: () => {}, error: (m) => errors.push(m) }, FIXED_CLOCK);
  const folder = path.dirname(file);
  service.configure([{ uri: pathToFileURL(folder).href, path: folder, name: path.basename(folder) }]);
  service.opened(doc);
  return { service, doc };
}

function positionOf(text: string, offset: number) {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before.at(-1)!.length };
}

function completionText(items: CompletionItem[]): string {
  return [...items]
    .sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label) || a.label.localeCompare(b.label))
    .map((i) => `${i.label}${i.detail ? ` — ${i.detail}` : ''}`)
    .join('\n');
}

function hoverText(h: Hover | null): string {
  if (!h) return '(no hover)';
  const c = h.contents as MarkupContent | string;
  return typeof c === 'string' ? c : 'value' in c ? c.value : JSON.stringify(c);
}

function symbolText(symbols: DocumentSymbol[], depth = 0): string {
  return symbols
    .map((s) => `${'  '.repeat(depth)}${s.name}${s.detail ? ` (${s.detail})` : ''}\n${s.children ? symbolText(s.children, depth + 1) : ''}`)
    .join('');
}

const FEATURES: Record<string, (service: LanguageService, doc: OpenDocument, position: { line: number; character: number }) => string> = {
  completion: (s, d, p) => completionText(s.complete(d, p, { snippets: true, asIs: true })?.items ?? []),
  hover: (s, d, p) => hoverText(s.hover(d, p)),
  definition: (s, d, p) => {
    const loc = s.definition(d, p);
    return loc ? `${path.relative(ROOT, new URL(loc.uri).pathname)}:${loc.range.start.line + 1}:${loc.range.start.character + 1}` : '(no definition)';
  },
  symbols: (s, d) => symbolText(s.documentSymbols(d)),
};

describe('language service in-process (cases with a $0 cursor)', () => {
  for (const feature of Object.keys(FEATURES)) {
    const dir = path.join(ROOT, feature);
    if (!fs.existsSync(dir)) continue;
    for (const name of fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.md'))
      .sort()) {
      it(`${feature}: ${name}`, () => {
        const file = path.join(dir, name);
        const marked = fs.readFileSync(file, 'utf8');
        const at = marked.indexOf(CURSOR);
        const text = at < 0 ? marked : marked.slice(0, at) + marked.slice(at + CURSOR.length);
        const { service, doc } = serviceFor(file, text);
        const got = FEATURES[feature]!(service, doc, positionOf(text, Math.max(at, 0))).trimEnd() + '\n';
        const expectedFile = file.replace(/\.md$/, '.expected.txt');
        if (process.env.UPDATE_EXPECT) fs.writeFileSync(expectedFile, got);
        assert.ok(fs.existsSync(expectedFile), `${path.relative(ROOT, expectedFile)} is missing (UPDATE_EXPECT=1 writes it)`);
        assert.equal(got, fs.readFileSync(expectedFile, 'utf8'));
      });
    }
  }
});
