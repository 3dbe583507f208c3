/**
 * Parsing by section (server/src/core/paper.ts, IncrementalParser) gives
 * exactly what parsing the whole text gives: the same tree (positions
 * included), sections, directives, text runs and findings — after every one
 * of a series of random edits, with the parser reusing the sections it kept
 * from the versions before. The edits aim at what could make a section
 * depend on another: `## ` lines, code fences, HTML blocks and comments,
 * link reference definitions, front-matter fences, CRLF and lone CR, a BOM.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import fc from 'fast-check';
import fg from 'fast-glob';
import { analyze } from '../../server/src/core/analyze';
import { IncrementalParser, parsePaper } from '../../server/src/core/paper';
import { DEFAULT_PROFILE } from '../../server/src/core/profile';
import { generatePaper } from '../../bench/corpus';
import { Rng } from '../../bench/lib/prng';

const root = path.resolve(__dirname, '..', '..');
const files = fg.sync(['test/fixtures/rules/**/*.md', 'examples/papers/**/*.md'], { cwd: root }).sort();
const seeds = files.map((f) => fs.readFileSync(path.join(root, f), 'utf8'));
const generated = generatePaper(new Rng(7), {
  title: 'Annual report 2023/24',
  meeting: 'Integrated Care Board',
  date: '2024-06-26',
  agendaItem: '7',
  purpose: 'approve',
  confidential: false,
  targetBytes: 60_000,
  faults: [],
  long: true,
});

/** The incremental parse and analysis of `text` equal the whole ones. */
function assertSame(parser: IncrementalParser, text: string): void {
  const inc = parsePaper(text, { parser });
  const whole = parsePaper(text, { whole: true });
  assert.deepStrictEqual(inc, whole);
  const opts = { strict: true, matchesPaperGlob: true };
  assert.deepStrictEqual(analyze(text, DEFAULT_PROFILE, { ...opts, paper: inc }).findings, analyze(text, DEFAULT_PROFILE, { ...opts, paper: whole }).findings);
}

const INSERTS = [
  'x',
  ' ',
  '\n',
  '\n\n',
  '\r\n',
  '\r',
  '## ',
  '\n## New section\n',
  '\n## Recommendations\n\nThe Board is asked to note (ABC).\n',
  '##',
  '#',
  '```',
  '\n```\n',
  '~~~\n',
  '<div>',
  '\n<div>\n',
  '</div>\n',
  '<!--',
  '-->',
  '<!-- boardpaper-disable -->\n',
  '<script>\n',
  '[x]: /url\n',
  '\n[x]: /url "t"\n',
  '[board]: https://example.org/board\n',
  '\n[Board]: <https://example.org>\n',
  '\n> [board]: /b\n',
  '[x]',
  'see [board] ',
  '---\n',
  '---',
  '===\n',
  '    ',
  '> ',
  '- ',
  '1. ',
  'title: Changed\n',
  'meeting: Board\n',
  '\uFEFF',
  'Integrated Care Board (ICB) and NHSE ',
];

interface Edit {
  at: number;
  lineStart: boolean;
  remove: number;
  insert: string;
}

const edit = fc.record({
  at: fc.nat(),
  lineStart: fc.boolean(),
  remove: fc.oneof(fc.constant(0), fc.nat({ max: 6 }), fc.nat({ max: 400 })),
  insert: fc.oneof(fc.constantFrom(...INSERTS), fc.string({ maxLength: 4 }), fc.constant('')),
});

function apply(text: string, e: Edit): string {
  let at = text.length ? e.at % (text.length + 1) : 0;
  if (e.lineStart) {
    const nl = text.lastIndexOf('\n', at - 1);
    at = nl + 1;
  }
  return text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.remove));
}

describe('parsing by section (incremental)', function () {
  this.timeout(300_000);

  it('equals the whole parse on every paper as written', () => {
    for (const [i, text] of seeds.entries()) {
      try {
        assertSame(new IncrementalParser(), text);
        assertSame(new IncrementalParser(), text.replace(/\n/g, '\r\n'));
        assertSame(new IncrementalParser(), `\uFEFF${text}`);
      } catch (e) {
        throw new Error(`${files[i]}: ${(e as Error).message.slice(0, 2000)}`);
      }
    }
    assertSame(new IncrementalParser(), generated);
  });

  it('equals the whole parse once only, for a long paper (by section from 100 KB)', () => {
    const long = generatePaper(new Rng(9), {
      title: 'Annual report',
      meeting: 'Integrated Care Board',
      date: '2024-06-26',
      agendaItem: '7',
      purpose: 'note',
      confidential: false,
      targetBytes: 150_000,
      faults: [],
      long: true,
    });
    const mid = long.indexOf('\n## ', long.length >> 1) + 1;
    for (const text of [long, `${long.slice(0, mid)}\`\`\`\n${long.slice(mid)}`, `${long.slice(0, mid)}<div>\n${long.slice(mid)}`]) {
      assert.deepStrictEqual(parsePaper(text), parsePaper(text, { whole: true }));
    }
  });

  it('equals the whole parse after random edits', () => {
    // Papers with references in every section: a definition added anywhere changes them all.
    const withReferences = [generated, seeds[0]!].map((t) => t.replace(/\n## /g, '\nSee the [board] and [x][].\n\n## '));
    const bases = [...seeds, generated, ...withReferences, ...withReferences];
    fc.assert(
      fc.property(fc.nat({ max: bases.length - 1 }), fc.boolean(), fc.array(edit, { minLength: 1, maxLength: 8 }), (which, crlf, edits) => {
        let text = bases[which]!;
        if (crlf) text = text.replace(/\n/g, '\r\n');
        const parser = new IncrementalParser();
        assertSame(parser, text);
        for (const e of edits) {
          text = apply(text, e);
          assertSame(parser, text);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('re-parses only the section a keystroke touches', () => {
    const parser = new IncrementalParser();
    parsePaper(generated, { parser });
    assert.equal(parser.last.whole, false);
    const chunks = parser.last.parsed;
    assert.ok(chunks > 20, `${chunks} sections`);
    const at = generated.indexOf('\n## ', generated.length >> 1) - 3;
    const edited = generated.slice(0, at) + 'x' + generated.slice(at);
    const p = parsePaper(edited, { parser });
    assert.deepEqual(parser.last, { parsed: 1, reused: chunks - 1, whole: false });
    assert.deepStrictEqual(p, parsePaper(edited, { whole: true }));
  });

  it('parses whole when a link reference definition could reach into another section', () => {
    const paper = '---\ntitle: T\nmeeting: Board\n---\n# T\n\n## One\n\nSee [x].\n\n## Two\n\n';
    const parser = new IncrementalParser();
    assertSame(parser, `${paper}[x]: /url\n`);
    assert.equal(parser.last.whole, true);
    for (const [text, why] of [
      [paper, 'plain'],
      [paper.replace('---\n# T', '## a YAML comment\n---\n# T'), 'a `## ` line inside the front-matter'],
      [paper.replace('## One', '```\n## One'), 'an unclosed fence'],
      [paper.replace('## One', '<div>\n## One'), 'an HTML block running into a heading line'],
      [paper.replace('## One', '<!--\n## One'), 'an unclosed comment'],
    ] as const) {
      const p = new IncrementalParser();
      assertSame(p, text);
      assert.equal(p.last.whole, false, why);
    }
  });

  it('parses an unclosed fence with the sections after it, and keeps them for the next keystroke', () => {
    const parser = new IncrementalParser();
    parsePaper(generated, { parser });
    const sections = parser.last.parsed;
    const at = generated.indexOf('\n## ', generated.length >> 2) + 1;
    let text = `${generated.slice(0, at)}\`\`\`\n${generated.slice(at)}`;
    assertSame(parser, text);
    assert.equal(parser.last.whole, false);
    // A keystroke before the fence: one section parsed, the rest (merged or not) kept.
    const early = generated.indexOf('\n## ', 200) + 6; // in the first section's heading
    text = `${text.slice(0, early)}x${text.slice(early)}`;
    assertSame(parser, text);
    assert.equal(parser.last.parsed, 1);
    // Closing the fence at the end of the same section brings the old sections back.
    const close = text.indexOf('\n## ', at + 5) + 1;
    text = `${text.slice(0, close)}\`\`\`\n${text.slice(close)}`;
    assertSame(parser, text);
    assert.ok(parser.last.parsed <= 2, `${parser.last.parsed} of ${sections} sections parsed`);
  });

  it('keeps no earlier version of the document alive', () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const big = generatePaper(new Rng(8), {
      title: 'Annual report',
      meeting: 'Integrated Care Board',
      date: '2024-06-26',
      agendaItem: '7',
      purpose: 'note',
      confidential: false,
      targetBytes: 400_000,
      faults: [],
      long: true,
    });
    const parser = new IncrementalParser();
    let text = big;
    let paper = parsePaper(text, { parser });
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 60; i++) {
      const at = Math.floor((((i * 7919) % 997) / 997) * text.length);
      text = text.slice(0, at) + 'x' + text.slice(at);
      paper = parsePaper(text, { parser });
    }
    gc();
    const grown = process.memoryUsage().heapUsed - before;
    // Each section re-parsed from a view into its version would keep that 400 KB version alive (~24 MB).
    assert.ok(grown < 8e6, `heap grew ${(grown / 1e6).toFixed(1)} MB`);
    assert.equal(paper.text, text);
  });
});
