/**
 * YAML attacks, in a paper's cover sheet and in an organisation profile:
 * alias bombs ("billion laughs"), huge anchors, 10,000-deep nesting, unknown
 * and language-specific tags, merge-key bombs. Each must come back within a
 * bounded time (2 s) with bounded memory (heap growth under 200 MB), either
 * reported (`frontmatter-syntax`, `ProfileError`) or handled without ever
 * expanding an alias or constructing anything but plain data.
 *
 * Every attack runs first in a worker with a time bound and a capped heap (a
 * hang or a memory bomb fails the test there, not the suite), then in this
 * process, where the heap growth and the findings are checked.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze } from '../../server/src/core/analyze';
import { DEFAULT_PROFILE } from '../../server/src/core/profile';
import type { YNode } from '../../server/src/core/yaml';
import { loadProfileFile, loadRiskRegister, ProfileError } from '../../server/src/node/profile-loader';
import { BoundedRunner, TimeoutError, analyzeWithin } from './harness';

const LIMIT_MS = 2000;
const HEAP_LIMIT = 200 * 1024 * 1024;

/** 9 levels of 9 aliases: 9^9 = 387 million "lol"s if expanded. */
function billionLaughs(indent = ''): string {
  const lines = [`${indent}a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]`];
  for (let i = 1; i < 9; i++) {
    const prev = String.fromCharCode(96 + i);
    const cur = String.fromCharCode(97 + i);
    lines.push(`${indent}${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(', ')}]`);
  }
  return lines.join('\n');
}

/** `levels` levels of 2 aliases: 2 × levels aliases (24 levels: 48, under js-yaml's cap of 50), 2^levels leaves if expanded. */
function doublingBomb(indent = '', levels = 24): string {
  const lines = [`${indent}d0: &d0 [lol, lol]`];
  for (let i = 1; i <= levels; i++) lines.push(`${indent}d${i}: &d${i} [*d${i - 1}, *d${i - 1}]`);
  return lines.join('\n');
}

/** [[[[…]]]] and friends. */
const deep = (open: string, close: string, n: number) => open.repeat(n) + close.repeat(n);

interface Attack {
  name: string;
  yaml: string;
  /** Must be reported as frontmatter-syntax (else: handled, with no alias expanded). */
  reported: boolean;
}

const COVER_ATTACKS: Attack[] = [
  { name: 'billion laughs: 9 levels of 9 aliases', yaml: billionLaughs(), reported: true },
  { name: 'billion laughs as the value of a known key', yaml: `strategic_objectives:\n${billionLaughs('  ')}`, reported: true },
  { name: 'doubling bomb under the alias cap: 24 levels of 2 aliases (2^24 if expanded)', yaml: doublingBomb(), reported: false },
  {
    name: 'doubling bomb (2^20) used by the keys the rules read',
    yaml: `${doublingBomb('', 20)}\nstrategic_objectives: *d20\ncommittee_history: *d20\nrisks: {status: yes, items: *d20}\nimpact_assessments: {quality: *d20, equality: *d20}`,
    reported: false,
  },
  {
    name: 'a 1 MB anchored value aliased 40 times',
    yaml: `big: &big "${'x'.repeat(1_000_000)}"\n${Array.from({ length: 40 }, (_, i) => `c${i}: *big`).join('\n')}`,
    reported: false,
  },
  { name: 'a 100 KB anchor name', yaml: `a: &${'n'.repeat(100_000)} value\nb: *${'n'.repeat(100_000)}`, reported: false },
  { name: '10,000-deep flow sequences [[[[…]]]]', yaml: `deep: ${deep('[', ']', 10_000)}`, reported: true },
  { name: '10,000-deep flow sequences, never closed', yaml: `deep: ${'['.repeat(10_000)}`, reported: true },
  { name: '10,000-deep flow mappings {a: {a: …}}', yaml: `deep: ${deep('{a: ', '}', 10_000)}`, reported: true },
  { name: '100,000-deep flow sequences as strategic_objectives', yaml: `strategic_objectives: ${deep('[', ']', 100_000)}`, reported: true },
  { name: '2,000-deep block nesting', yaml: Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n'), reported: true },
  { name: '1,000-deep block sequences "- - - …"', yaml: `x:\n  ${'- '.repeat(1000)}v`, reported: true },
  { name: 'unknown tag !!python/object', yaml: 'x: !!python/object:os.system ["rm -rf /"]', reported: true },
  { name: 'unknown tag !!python/object/apply as the title', yaml: 'title2: !!python/object/apply:subprocess.check_output [["id"]]', reported: true },
  {
    name: 'js function tag !<tag:yaml.org,2002:js/function>',
    yaml: 'x: !<tag:yaml.org,2002:js/function> "function(){ return process.exit(1) }"',
    reported: true,
  },
  { name: 'js regexp and undefined tags', yaml: 'x: !!js/regexp /(a+)+$/\ny: !!js/undefined ~', reported: true },
  { name: 'a local tag !evil', yaml: 'x: !evil payload', reported: true },
  { name: 'a 1 MB !!binary', yaml: `x: !!binary ${'QUJD'.repeat(250_000)}`, reported: true },
  {
    name: 'merge-key bomb: 48 maps each merging a 1,000-key map',
    yaml: `base: &b {${Array.from({ length: 1000 }, (_, i) => `k${i}: ${i}`).join(', ')}}\n${Array.from({ length: 48 }, (_, i) => `m${i}: {<<: *b}`).join('\n')}`,
    reported: false,
  },
  { name: 'merge-key bomb: billion laughs through <<', yaml: `${billionLaughs()}\nm:\n  <<: [*i, *i, *i]`, reported: true },
  { name: '10,000 anchors', yaml: Array.from({ length: 10_000 }, (_, i) => `k${i}: &a${i} v`).join('\n'), reported: false },
  { name: '10,000 duplicated keys', yaml: Array.from({ length: 10_000 }, () => 'author: v').join('\n'), reported: true },
  { name: 'a 1 MB single-quoted value full of escapes', yaml: `author: '${"it''s ".repeat(170_000)}'`, reported: false },
  { name: 'a 1 MB double-quoted value full of escapes', yaml: `author: "${'\\u00e9\\n\\x41'.repeat(80_000)}"`, reported: false },
  { name: 'complex keys', yaml: '? [a, b]\n: c\n? {x: *y}\n: z', reported: true },
];

function coverPaper(yaml: string): string {
  return `---\ntitle: Attack\nmeeting: Integrated Care Board\n${yaml}\n---\n\n## Executive summary\n\nText.\n`;
}

/** Every node of the cover sheet, iteratively (a tree walk must not itself overflow). */
function nodes(root: YNode | null | undefined): YNode[] {
  const out: YNode[] = [];
  const stack = root ? [root] : [];
  while (stack.length) {
    const n = stack.pop()!;
    out.push(n);
    if (n.kind === 'map') for (const p of n.pairs) stack.push(p.key, p.value);
    if (n.kind === 'seq') stack.push(...n.items);
  }
  return out;
}

describe('robustness: YAML attacks are bounded', function () {
  this.timeout(60000);
  const runner = new BoundedRunner({ maxHeapMb: 512 });
  before(async () => runner.warm());
  after(() => runner.kill());

  describe("in a paper's cover sheet", () => {
    for (const attack of COVER_ATTACKS) {
      it(`${attack.name}: within ${LIMIT_MS / 1000} s and 200 MB, ${attack.reported ? 'reported as frontmatter-syntax' : 'no alias expanded'}`, async () => {
        const text = coverPaper(attack.yaml);
        const bounded = await analyzeWithin(runner, text, LIMIT_MS);
        assert.ok(bounded.heapGrowth < HEAP_LIMIT, `heap grew ${Math.round(bounded.heapGrowth / 1e6)} MB in the worker`);

        const heap0 = process.memoryUsage().heapUsed;
        const a = analyze(text, DEFAULT_PROFILE, { strict: true });
        const growth = process.memoryUsage().heapUsed - heap0;
        assert.ok(growth < HEAP_LIMIT, `heap grew ${Math.round(growth / 1e6)} MB`);

        const syntax = a.findings.filter((f) => f.rule === 'frontmatter-syntax');
        if (attack.reported) {
          assert.equal(syntax.length, 1, `one frontmatter-syntax finding (rules: ${bounded.rules.join(', ')})`);
          const fm = a.paper.frontmatter!;
          assert.ok(syntax[0]!.range.start >= fm.content.start && syntax[0]!.range.end <= fm.block.end, 'the finding is inside the cover sheet');
          assert.equal(a.paper.cover, null, 'no cover-sheet model is built from YAML that was refused');
        } else {
          assert.ok(a.paper.cover, 'the cover sheet is read');
          const all = nodes(a.paper.cover);
          assert.ok(all.length < text.length / 2 + 100, `${all.length} nodes for ${text.length} characters: aliases are not expanded`);
          for (const n of all) {
            if (n.kind === 'scalar')
              assert.ok(n.value === null || ['string', 'number', 'boolean'].includes(typeof n.value), `a scalar loads as plain data, not ${typeof n.value}`);
          }
          if (/alias|bomb/.test(attack.name))
            assert.ok(
              all.some((n) => n.kind === 'alias'),
              'aliases stay alias nodes',
            );
        }
      });
    }
  });

  describe('in an organisation profile (.boardpaper.yaml)', () => {
    let dir: string;
    before(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'boardpaper-yaml-attacks-'));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    const PROFILE_ATTACKS: [string, string][] = [
      ['billion laughs at the top level', billionLaughs()],
      ['billion laughs under acronyms', `acronyms:\n${billionLaughs('  ')}`],
      ['a doubling bomb under the alias cap, under acronyms', `acronyms:\n${doublingBomb('  ')}`],
      ['a doubling bomb as the committees list', `${doublingBomb().replace(/^d/gm, 'x_d')}\ncommittees: *d24`],
      ['10,000-deep flow nesting', `papers: ${deep('[', ']', 10_000)}`],
      ['100,000-deep flow nesting, never closed', `papers: ${'['.repeat(100_000)}`],
      ['!!python/object', 'organisation: !!python/object:os.system ["id"]'],
      ['!<tag:yaml.org,2002:js/function>', 'organisation: !<tag:yaml.org,2002:js/function> "function(){}"'],
      ['a merge-key bomb', `${billionLaughs().replace(/^([a-i]):/gm, 'x_$1:')}\nacronyms:\n  <<: [*i, *i]`],
    ];
    for (const [name, yaml] of PROFILE_ATTACKS) {
      it(`${name}: a ProfileError within ${LIMIT_MS / 1000} s, not a hang`, async () => {
        const file = path.join(dir, `${name.replace(/\W+/g, '-')}.boardpaper.yaml`);
        fs.writeFileSync(file, `${yaml}\n`);
        let r: { ms: number; heapGrowth: number; error: string | null; errorName: string | null };
        try {
          r = await runner.run('loadProfileFile', { file }, LIMIT_MS);
        } catch (e) {
          if (e instanceof TimeoutError) assert.fail(`loadProfileFile did not return within ${LIMIT_MS} ms`);
          throw e;
        }
        assert.ok(r.ms < LIMIT_MS, `${Math.round(r.ms)} ms`);
        assert.ok(r.heapGrowth < HEAP_LIMIT, `heap grew ${Math.round(r.heapGrowth / 1e6)} MB`);
        assert.equal(r.errorName, 'ProfileError', `a ProfileError, got ${r.errorName}: ${r.error}`);
        // And in this process: the error names the file.
        assert.throws(
          () => loadProfileFile(file),
          (e: unknown) => e instanceof ProfileError && e.file === path.resolve(file),
        );
      });
    }

    it('a YAML risk register with an alias or 10,000-deep nesting is refused quickly, naming the problem', async () => {
      for (const [n, yaml] of [
        ['alias', '- &r {id: "001", title: A}\n- *r'],
        ['bomb', `${billionLaughs().replace(/^([a-i]):/gm, '- $1:')}`],
        ['deep', deep('[', ']', 10_000)],
      ] as const) {
        const file = path.join(dir, `register-${n}.yaml`);
        fs.writeFileSync(file, `${yaml}\n`);
        const r = await runner.run<{ ms: number; error: string | null }>('loadRiskRegister', { file }, LIMIT_MS);
        assert.ok(r.ms < LIMIT_MS, `${n}: ${Math.round(r.ms)} ms`);
        assert.ok(r.error, `${n}: refused`);
        assert.throws(() => loadRiskRegister(file));
      }
    });
  });
});
