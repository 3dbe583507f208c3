/**
 * The cover-sheet YAML tree (`core/yaml.ts`) against js-yaml itself: every
 * scalar's `value` is what `js-yaml.load` gives for the same document (the
 * tree resolves scalars itself instead of constructing each one through
 * js-yaml), `source` is the text at the scalar's offsets, and documents that
 * js-yaml rejects are rejected with a position.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import * as jsyaml from 'js-yaml';
import { parseYaml, toValue, type YNode } from '../../server/src/core/yaml';

const BASE = 40;

/** Scalars js-yaml resolves in different ways: numbers, booleans, nulls, strings that look like them. */
const RAW = [
  '1',
  '-0',
  '10.10',
  '0.0',
  '1e5',
  '+12',
  '010',
  '0x1F',
  '0o17',
  '1_000',
  '.inf',
  '-.Inf',
  '.NaN',
  'yes',
  'no',
  'true',
  'False',
  'TRUE',
  'null',
  'Null',
  '~',
  '2024-05-08',
  'SO1',
  'a b',
  "it's",
  'R&D',
  'ÿ',
  '😀',
];
/** Mostly untagged, as cover sheets are; explicit core tags now and then (a mismatched one makes the document invalid). */
const TAG = fc.oneof(
  { arbitrary: fc.constant(''), weight: 20 },
  { arbitrary: fc.constantFrom('!!str ', '! ', '!<tag:yaml.org,2002:str> '), weight: 4 },
  { arbitrary: fc.constantFrom('!!null ', '!!bool ', '!!int ', '!!float '), weight: 2 },
);

const scalar = fc
  .tuple(
    TAG,
    fc.constantFrom('plain', 'single', 'double', 'literal', 'folded'),
    fc.oneof(fc.constantFrom(...RAW), fc.stringMatching(/^[A-Za-z0-9 .+\-_]{0,8}$/)),
  )
  .map(([tag, style, s]) => {
    if (style === 'single') return `${tag}'${s.replace(/'/g, "''")}'`;
    if (style === 'double') return `${tag}${JSON.stringify(s)}`;
    if (style === 'literal') return `${tag}|\n    ${s}`;
    if (style === 'folded') return `${tag}>-\n    ${s}`;
    // (A tag with no value written is an empty node, `value: null`, as every untagged empty value.)
    return s === '' ? '' : `${tag}${s}`;
  });

const doc = fc.array(fc.tuple(scalar, fc.boolean(), fc.boolean()), { minLength: 1, maxLength: 8 }).map((entries) =>
  entries
    .map(([v, inSeq, flow], i) => {
      if (!inSeq) return `k${i}: ${v}`;
      if (flow && !/[|>]/.test(v)) return `k${i}: [${v}, x]`;
      return `k${i}:\n  - ${v.replace(/\n/g, '\n  ')}\n  - x`;
    })
    .join('\n'),
);

function loaded(src: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: jsyaml.load(src) };
  } catch {
    return { ok: false };
  }
}

function eachScalar(n: YNode | null, f: (s: Extract<YNode, { kind: 'scalar' }>) => void) {
  if (!n) return;
  if (n.kind === 'scalar') f(n);
  else if (n.kind === 'seq') n.items.forEach((i) => eachScalar(i, f));
  else if (n.kind === 'map') n.pairs.forEach((p) => (eachScalar(p.key, f), eachScalar(p.value, f)));
}

describe('core yaml tree', () => {
  it('gives every scalar the value js-yaml loads, at the right offsets', () => {
    let accepted = 0;
    fc.assert(
      fc.property(doc, (src) => {
        const want = loaded(src);
        const got = parseYaml(src, BASE);
        if (!want.ok) {
          assert.equal(got.root, null, src);
          assert.ok(got.error && got.error.offset >= BASE && got.error.offset <= BASE + src.length, src);
          return;
        }
        accepted++;
        assert.equal(got.error, undefined, src);
        assert.deepStrictEqual(toValue(got.root ?? undefined), want.value, src);
        eachScalar(got.root, (s) => {
          if (!s.empty) assert.equal(s.source, src.slice(s.start - BASE, s.end - BASE), src);
          assert.ok(s.outerStart <= s.start);
        });
      }),
      { numRuns: 1500, seed: 20261123 },
    );
    assert.ok(accepted > 300, `only ${accepted} generated documents were valid YAML`);
  });

  it('keeps what was written beside what was loaded', () => {
    const src = 'a: 10.10\nb: "10.10"\nc: !!str 10\nd: yes\ne: ~\nf: !<tag:yaml.org,2002:int> "7"\ng: |\n  two\n  lines\n';
    const { root } = parseYaml(src, 0);
    assert.ok(root?.kind === 'map');
    const byKey = Object.fromEntries(root.pairs.map((p) => [p.name, p.value]));
    const v = (k: string) => (byKey[k]!.kind === 'scalar' ? byKey[k]!.value : undefined);
    assert.equal(v('a'), 10.1);
    assert.equal(v('b'), '10.10');
    assert.equal(v('c'), '10');
    assert.equal(v('d'), 'yes');
    assert.equal(v('e'), null);
    assert.equal(v('f'), 7);
    assert.equal(v('g'), 'two\nlines\n');
    const a = byKey.a!;
    assert.ok(a.kind === 'scalar' && a.source === '10.10' && a.text === '10.10' && a.start === 3);
    const c = byKey.c!;
    assert.ok(c.kind === 'scalar' && c.tag === '!!str' && c.outerStart === src.indexOf('!!str'));
  });

  it('rejects unknown tags, duplicate keys, several documents and alias bombs', () => {
    for (const src of [
      'x: !custom 1',
      'x: !!python/object:os.system ["ls"]',
      'a: 1\na: 2',
      'a: 1\n---\nb: 2',
      `a: &a [x, x]\n${Array.from({ length: 60 }, (_, i) => `b${i}: *a`).join('\n')}`,
    ]) {
      const r = parseYaml(src, BASE);
      assert.equal(r.root, null, src);
      assert.ok(r.error && r.error.offset >= BASE, src);
    }
  });
});
