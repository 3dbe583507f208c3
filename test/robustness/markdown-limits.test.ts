/**
 * The bounds on the Markdown parser (server/src/core/markdown-limits.ts):
 * they change nothing for real papers, they apply where micromark would be
 * super-linear, and no word is lost where they do.
 */
import * as assert from 'node:assert/strict';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import type { Root } from 'mdast';
import { boundedMarkdown, markdownLimits, MAX_CONTAINER_DEPTH, MAX_INLINE_MARKERS, type MarkdownLimits } from '../../server/src/core/markdown-limits';
import { eachNode, parsePaper } from '../../server/src/core/paper';
import { BoundedRunner, SEEDS, analyzeWithin, wordsOf } from './harness';

const plain = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']);
const bounded = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(boundedMarkdown);
const limitsOf = (tree: Root) => (tree.data as { markdownLimits?: MarkdownLimits } | undefined)?.markdownLimits;

/** Deepest nesting of lists and block quotes. */
function depth(tree: Root): number {
  let max = 0;
  const walk: [unknown, number][] = [[tree, 0]];
  while (walk.length) {
    const [n, d] = walk.pop()! as [{ type: string; children?: unknown[] }, number];
    const here = n.type === 'list' || n.type === 'blockquote' ? d + 1 : d;
    max = Math.max(max, here);
    for (const c of n.children ?? []) walk.push([c, here]);
  }
  return max;
}

describe('robustness: the Markdown parser is bounded', function () {
  this.timeout(60000);

  it('every real paper parses to the same tree with and without the bounds', () => {
    for (const s of SEEDS) {
      const a = bounded.parse(s);
      assert.equal(limitsOf(a), undefined);
      assert.deepEqual(a, plain.parse(s));
    }
  });

  it('ordinary Markdown is untouched: lists with siblings, lazy quotes, emphasis, links, tables, 30-deep nesting', () => {
    const nested = Array.from({ length: 30 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n');
    for (const s of [
      '- a\n- b\n  - c\n- d',
      '> a\n> b\nlazy',
      '1. one\n2. two\n\n   para',
      '*em* **strong** _u_ [link](http://x) ![i](a.png) [ref][r]\n\n[r]: http://y',
      '| a | b |\n|---|---|\n| **x** | [y](z) |',
      nested,
      '> > > - 1. deep',
    ]) {
      assert.deepEqual(bounded.parse(s), plain.parse(s), s);
    }
    assert.equal(depth(bounded.parse(nested)), 30);
  });

  it(`a run of lines with more than ${MAX_INLINE_MARKERS} emphasis or link markers keeps every word, as plain text`, () => {
    const para = Array.from({ length: 600 }, (_, i) => `*w${i}* [l${i}](u)`).join(' ');
    const text = `Before *kept* here.\n\n${para}\n\nAfter *kept* too.\n`;
    const tree = bounded.parse(text);
    const lim = limitsOf(tree)!;
    assert.equal(lim.plainInline.length, 1);
    assert.equal(text.slice(lim.plainInline[0]!.start, lim.plainInline[0]!.end), para);
    // Emphasis outside the run is still emphasis; inside, the markers are text.
    const types = tree.children.map((p) => (p as { children: { type: string }[] }).children.map((c) => c.type));
    assert.ok(types[0]!.includes('emphasis') && types[2]!.includes('emphasis'));
    assert.deepEqual([...new Set(types[1])], ['text']);
    const words = parsePaper(text).textRuns.flatMap((r) => wordsOf(r.value));
    for (const w of wordsOf(para)) assert.ok(words.includes(w), w);
  });

  it(`no list item or block quote starts past depth ${MAX_CONTAINER_DEPTH}; the deeper lines stay as text`, () => {
    const lines = Array.from({ length: 200 }, (_, i) => `${'  '.repeat(i)}- item${i}`);
    const tree = bounded.parse(lines.join('\n'));
    assert.ok(depth(tree) <= MAX_CONTAINER_DEPTH, `depth ${depth(tree)}`);
    assert.ok(depth(tree) >= MAX_CONTAINER_DEPTH - 1, `depth ${depth(tree)}`);
    const text: string[] = [];
    eachNode([tree], (n) => void (n.type === 'text' && text.push(n.value)));
    for (let i = 0; i < 200; i++) assert.ok(text.join(' ').includes(`item${i}`), `item${i}`);
    assert.ok(depth(bounded.parse('> '.repeat(500) + 'x')) <= MAX_CONTAINER_DEPTH);
    assert.ok(depth(bounded.parse('1. '.repeat(500) + 'x')) <= MAX_CONTAINER_DEPTH);
  });

  it('markdownLimits counts only: a line at depth 32 is fine, 33 is cut at its marker', () => {
    assert.deepEqual(markdownLimits('- '.repeat(32) + 'x').noContainers, []);
    const s = '- '.repeat(33) + 'x';
    assert.deepEqual(markdownLimits(s).noContainers, [{ start: 64, end: s.length }]);
    // 1,000 markers are allowed, 1,001 are not.
    assert.deepEqual(markdownLimits(`${'*a'.repeat(1000)}\n\n${'*a'.repeat(1001)}`).plainInline, [{ start: 2002, end: 4004 }]);
  });

  describe('inputs micromark alone is super-linear on, analysed in a worker (< 3 s)', () => {
    const runner = new BoundedRunner();
    before(async () => runner.warm());
    after(() => runner.kill());
    const head = '---\ntitle: T\nmeeting: Integrated Care Board\n---\n## Executive summary\n\n';
    const cases: [string, string][] = [
      ['"1. " 30,000 times on one line (ordered lists nested on one line)', '1. '.repeat(30_000) + 'x'],
      ['"> " 50,000 times on one line', '> '.repeat(50_000) + 'x'],
      ['"a* " 33,000 times (closers only)', 'a* '.repeat(33_000)],
      ['"**a" 33,000 times', '**a'.repeat(33_000)],
      ['"![a](" 20,000 times', '![a]('.repeat(20_000)],
      [
        `100 KB of paragraphs each just under the inline bound (${MAX_INLINE_MARKERS - 1} markers)`,
        Array.from({ length: 50 }, () => '*a'.repeat((MAX_INLINE_MARKERS - 1) >> 1)).join('\n\n'),
      ],
      ['2,000 lines quoted 31 deep with a list item', Array.from({ length: 2000 }, () => '> '.repeat(31) + '- x').join('\n')],
    ];
    for (const [name, body] of cases) {
      it(name, async () => {
        await analyzeWithin(runner, head + body + '\n', 3000, { matchesPaperGlob: true });
      });
    }
    // The preview and pack parse with remark-gfm, bounded the same way.
    for (const [name, body] of [
      ['"*a" 50,000 times', '*a'.repeat(50_000)],
      ['"~a" 50,000 times (strikethrough)', '~a'.repeat(50_000)],
      ['"[^a]" 25,000 times (footnote calls)', '[^a]'.repeat(25_000)],
      ['a list nested 1,000 deep by indentation', Array.from({ length: 1000 }, (_, i) => `${'  '.repeat(i)}- item`).join('\n')],
    ] as const) {
      it(`the preview HTML of ${name} (< 10 s)`, async () => {
        const r = await runner.run<{ ms: number; length: number }>('render', { text: head + body + '\n' }, 10_000);
        assert.ok(r.length > 0 && r.ms < 10_000, `${Math.round(r.ms)} ms`);
      });
    }
  });
});
