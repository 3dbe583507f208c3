/**
 * bodyTreeFrom (server/src/render/markdown.ts): the pack's GFM body tree built
 * from the paper's CommonMark tree must be exactly bodyTree's, on every paper
 * in the repository, on edge cases where GFM and CommonMark part ways, and on
 * random papers made of such pieces.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parsePaper } from '../../server/src/core/paper';
import { bodyTree, bodyTreeFrom } from '../../server/src/render/markdown';
import { packBodyHtml } from '../../server/src/pack/html';
import { repoRoot } from './helpers';

function same(text: string, label = JSON.stringify(text.slice(0, 80))): void {
  const plain = parsePaper(text).mdast;
  assert.deepStrictEqual(bodyTreeFrom(text, plain), bodyTree(text), label);
}

function markdownFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...markdownFiles(p));
    else if (/\.(md|markdown)$/i.test(e.name)) out.push(p);
  }
  return out;
}

const COVER = '---\ntitle: T\nmeeting: Integrated Care Board\n---\n';

const CASES: Record<string, string> = {
  'table after a blank line': '# A\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nafter\n',
  'table right after a heading': '## Finance\n| a | b |\n| - | - |\n| 1 | 2 |\n\ntext\n',
  'table without pipes': 'intro\n\na\n:-\nb\n\nafter\n',
  'delimiter with the colon last': 'a\n-:\n',
  'table then a line without pipes (a row)': '| a | b |\n|---|---|\nmore\n# heading\n',
  'table then a list': '| a |\n|---|\n- item\n- item\n\nafter\n',
  'table in a list': '- one\n\n  | a | b |\n  |---|---|\n  | 1 | 2 |\n- two\n\npara\n',
  'table in a quote': '> | a | b |\n> |---|---|\n> | 1 | 2 |\n\nafter\n',
  'paragraph then pipes (one paragraph in CommonMark)': 'some words\n| a | b |\n|---|---|\n\nafter\n',
  'task list': '- [ ] to do\n- [x] done\n- [X] done too\n-\t[\t] tab\n\nafter\n',
  strikethrough: 'plain\n\n~~gone~~ and ~one~\n\nplain again\n',
  'tilde fence': 'x\n\n~~~\ncode | with pipes\n~~~\n\ny\n',
  'autolink literals': 'see www.england.nhs.uk and https://example.org/a?b=c, or HTTP://X.ORG\n\nmail board@nhs.net now\n\nWWW.CAPS.COM\n',
  'autolinks next to plain blocks': 'one\n\ntwo https://a.b\nthree\n\nfour\n',
  footnotes: 'text[^1] more\n\n[^1]: the note\n\n    continued\n',
  'definition in a list': '- [x]: https://example.org\n\n[x]\n',
  'definition at the top': '[ref]: https://example.org\n\nsee [ref] and www.x.org\n',
  'html with an address': '<!-- contact a@b.org -->\n\n<div>\nwww.x.org\n</div>\n\nafter\n',
  'indented code with a url': 'para\n\n    http://example.org | x\n\nnext\n',
  'CRLF lines': 'a | b\r\n--|--\r\n1 | 2\r\n\r\nplain\r\n\r\nwww.x.org\r\n',
  'CR lines': 'a | b\r--|--\r1 | 2\r\rplain\r',
  'tabs before a block': '\t\n  | a |\n  |---|\n\nplain\n',
  'indented paragraph with a table': '   x | y\n   --|--\n\nz\n',
  'setext heading then table': 'Title\n=====\n| a |\n|---|\n\n',
  'list continuing past a blank line': '- a | b\n\n  c www.x.org\n\n- d\n\nend\n',
  'nested list with autolink': '1. one\n   - two http://x.y\n     three\n\n2. four\n\nfive\n',
  'byte order mark': '\ufeff| a |\n|---|\n\nplain\n',
  'no trailing newline': 'plain\n\n| a |\n|---|\n| 1 |',
  'only blank lines after': 'x www.y.z\n\n\n\n',
  'html block type 7 then table': '<custom-tag>\n| a |\n|---|\n\nafter\n',
  'unclosed fence': 'x\n\n```\n| a |\n|---|\n',
  'thematic breaks and setext': 'a\n---\n\n---\n\nb | c\n---\n',
  // Where a trigger is in syntax, not text (bodyTreeFrom reads a block's text).
  'link to a www address (parsed once)': 'Read [the plan](https://www.example.org/plan) first.\n\nafter\n',
  'pipe only in a link destination, then a delimiter row': '[a](x|y)\n---\n\n[a](x|y)\n-|-\n\n[a](x|y) b\n:--\n\nafter\n',
  'pipe only in a link title, then a delimiter row': '[a](x "t|u")\n---\n\n[b](y "|")\n|-|-|\n\nafter\n',
  'strikethrough and addresses in image alt text': '![~~old~~ plan www.x.org](p.png)\n\n![a | b](q.png)\n---\n\nafter\n',
  'escaped and encoded pipes': 'a \\| b\n--|--\n\na &#124; b\n--|--\n\nc &vert; d\n-|-\n',
  'pipes inside code spans': '`a|b`\n---\n\n`a|b` | c\n--|--\n\n| `x|y` |\n|---|\n',
  'an address in an autolink': '<https://www.x.org> and <a@b.org>\n\nafter\n',
  'pipe in raw html': '<b title="|">a</b>\n---\n\n<i>a</i> | b\n--|--\n',
  // A piece with a table and nothing else of GFM's is parsed with GFM's tables alone.
  'addresses in table cells': '| who | contact |\n|---|---|\n| a | board@nhs.net |\n| b | www.x.org |\n| c | HTTPS://Y.ORG |\n\nafter\n',
  "a cell split out of a link's destination": '| [a](https://www.x.org|b) |\n|---|\n\nafter\n',
  'a cell split out of a code span, with an encoded at sign':
    '`x|a&#64;b.com`\n--|--\n\n`x|www&#46;y.org`\n--|--\n\n`x|a&commat;b.com`\n--|--\n\n`x|a&#x40;b.com`\n--|--\n\nafter\n',
  'A&E in a table': '| A&E | waits |\n|---|---|\n| A&E; | 4 h |\n\nafter\n',
  'strikethrough and a task box in table cells': '| ~~a~~ | [ ] b |\n|---|---|\n| ~c~ | [x] |\n\nafter\n',
  'an escaped at sign in a table cell': '| a\\@b.com | c\\~d~ |\n|---|---|\n\nafter\n',
  'a table with nothing else of GFM': '| a | b |\n|:--|--:|\n| *1* | `2` |\n| [l](x) | <b>h</b> |\n\nafter\n',
};

describe('pack: body tree from the analysis tree (bodyTreeFrom)', () => {
  it('is bodyTree on every Markdown file of the repository (fixtures, examples, docs)', function () {
    this.timeout(120_000);
    const files = ['test', 'examples', 'docs'].flatMap((d) => markdownFiles(path.join(repoRoot, d)));
    assert.ok(files.length > 100, `found ${files.length} files`);
    for (const f of files) same(fs.readFileSync(f, 'utf8'), path.relative(repoRoot, f));
  });

  for (const [name, body] of Object.entries(CASES)) {
    it(`is bodyTree: ${name}`, () => {
      same(body, name);
      same(COVER + body, `${name}, after a cover sheet`);
    });
  }

  it('keeps the blocks GFM cannot change (the same nodes), parsing only the others again', () => {
    const text = `${COVER}# Heading\n\nA plain paragraph.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nAnother plain one.\n`;
    const plain = parsePaper(text).mdast;
    const tree = bodyTreeFrom(text, plain);
    const kept = plain.children.filter((n) => n.type !== 'yaml');
    assert.equal(tree.children[0], kept[0]);
    assert.equal(tree.children[1], kept[1]);
    assert.equal(tree.children[2]!.type, 'table');
    assert.equal(tree.children[3], kept[3]);
  });

  it("renders the paper's headings under the pack's without changing the analysis tree it shares nodes with", () => {
    const text = `${COVER}# Summary\n\nText.\n\n## Detail\n\n| a |\n|---|\n| 1 |\n\n#### Deeper\n`;
    const plain = parsePaper(text).mdast;
    const before = JSON.stringify(plain);
    const html = packBodyHtml(bodyTreeFrom(text, plain), 'item-1', repoRoot, repoRoot);
    assert.match(html, /<h4>Summary<\/h4>[\s\S]*<h5>Detail<\/h5>[\s\S]*<table>[\s\S]*<h6>Deeper<\/h6>/);
    assert.equal(JSON.stringify(plain), before, 'the analysis tree is as parsed');
    // Rendering twice (the public and the private pack) gives the same HTML.
    assert.equal(packBodyHtml(bodyTreeFrom(text, plain), 'item-1', repoRoot, repoRoot), html);
  });

  it("reads a block's text, not its source: a link to a www address is kept, an address in the text is parsed again", () => {
    const text = `${COVER}Read [the plan](https://www.example.org/plan) first.\n\nOr www.example.org itself.\n`;
    const plain = parsePaper(text).mdast;
    const tree = bodyTreeFrom(text, plain);
    const kept = plain.children.filter((n) => n.type !== 'yaml');
    assert.equal(tree.children[0], kept[0]);
    assert.notEqual(tree.children[1], kept[1]);
    assert.ok(JSON.stringify(tree.children[1]).includes('"type":"link"'));
  });

  it('is bodyTree on random papers made of blocks where GFM differs', function () {
    this.timeout(60_000);
    const pieces = [
      ...Object.values(CASES),
      'plain words\n',
      '\n',
      '## Section\n',
      '- item\n',
      '  indented\n',
      '> quote\n',
      '| x |\n',
      '|---|\n',
      ':-\n',
      '```\n',
      '<!-- note -->\n',
      'www.a.org\n',
      '~~s~~\n',
      '    code\n',
      '---\n',
      '1. one\n',
      '[ ] box\n',
      '\t- tab item\n',
      '| a@b.org | www.c.d |\n',
      '`x|a&#64;b.c`\n',
    ];
    let seed = 20240710;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let k = 0; k < 400; k++) {
      let text = rand(2) ? COVER : '';
      const count = 2 + rand(12);
      for (let i = 0; i < count; i++) text += pieces[rand(pieces.length)]!;
      same(text, `random paper ${k}: ${JSON.stringify(text)}`);
    }
  });
});

describe('bodyTreeFrom under the Markdown bounds (core/markdown-limits.ts)', function () {
  this.timeout(60000);

  it('"|" then 64 KB of "*a": in linear time, and the same tree as bodyTree', () => {
    for (const [label, body] of [
      ['the flood alone', `|${'*a'.repeat(32768)}`],
      ['a table, then the flood in the same run of lines', `| a | b |\n|---|---|\n| 1 | 2 |\n${'*a'.repeat(32768)}`],
      ['the flood split across a heading and a table (bounds count the whole run)', `## ${'*a'.repeat(600)}\n| ${'*a'.repeat(600)} |\n|---|\n\nafter *kept*\n`],
    ] as const) {
      const text = `${COVER}\n${body}\n`;
      const plain = parsePaper(text).mdast;
      const t0 = performance.now();
      const tree = bodyTreeFrom(text, plain);
      const ms = performance.now() - t0;
      assert.ok(ms < 5000, `${label}: ${ms.toFixed(0)} ms`);
      assert.deepStrictEqual(tree, bodyTree(text), label);
    }
  });
});
