/**
 * Any text in, a result out.
 *
 * fast-check feeds `analyze(text, DEFAULT_PROFILE, { strict: true })` (strict
 * re-throws a failing rule, so a crashing rule fails the test) with mutated
 * real papers, random code units, random cover sheets and random Markdown
 * bodies, and with named extreme inputs. For every input: no exception; every
 * finding range (and every fix edit) satisfies 0 <= start <= end <= length;
 * the same input gives the same findings (JSON-compared); every rule id is a
 * catalogue id. Each input is also analysed as if it matched the profile's
 * `papers` globs, so that the rules run on text that does not look like a
 * paper at all. The same is done under other organisations' own templates
 * (the real corpus and the fixtures with a profile of their own, and a
 * template with own fields of every type), whose checks take other paths.
 *
 * The extreme inputs run in a worker with a time bound: an input that makes
 * the analysis hang fails its test at the bound instead of freezing the suite.
 *
 * `ROBUSTNESS_SCALE=20 npx mocha --no-config … test/robustness/any-input.test.ts`
 * runs twenty times as many random cases with a fresh seed (a soak).
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { BoundedRunner, CLEAN, SEEDS, TEMPLATE_SEEDS, analyzeWithin, checkInvariants, describeInput } from './harness';
import { DEFAULT_PROFILE, mergeProfile, validateProfileData, type Profile } from '../../server/src/core/profile';
import { templateProblems } from '../../server/src/core/template-fields';
import { RULES } from '../../server/src/core/rules';

const SCALE = Number(process.env.ROBUSTNESS_SCALE ?? 1);
const runs = (n: number, seed: number) => ({ numRuns: Math.round(n * SCALE), seed: SCALE === 1 ? seed : Date.now() ^ seed, endOnFailure: true });

/** Check both ways: as the file stands, and as a file the profile's globs match. */
function property(text: string, profile?: Profile): void {
  checkInvariants(text, {}, profile);
  checkInvariants(text, { matchesPaperGlob: true }, profile);
}

// ---------------------------------------------------------------------------
// Arbitraries

/** Any UTF-16 code unit: lone surrogates, NUL, controls, BOM, U+FFFF included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));

/** Snippets that matter to YAML, Markdown or the rules. */
const TOKENS = [
  '\r\n',
  '\r',
  '\n',
  '\t',
  '\0',
  '\u0001',
  '\u007f',
  '\uD800',
  '\uDBFF',
  '\uDC00',
  '\uDFFF',
  '😀',
  '👩🏽‍⚕️',
  '\uFEFF',
  '\uFFFE',
  '\uFFFF',
  '\u2028',
  '\u0085',
  '\u00A0',
  '---',
  '\n---\n',
  '\n...\n',
  '---\n',
  ': ',
  ':',
  '- ',
  '? ',
  '[',
  ']',
  '{',
  '}',
  ',',
  '&a ',
  '*a',
  '*a ',
  '&b [1, *a]',
  '<<: *a',
  '!!binary ',
  '!!python/object:os.system ',
  '!<tag:yaml.org,2002:js/function> ',
  '!local ',
  '%YAML 1.2\n',
  '%TAG ! tag:x,2000:\n',
  '|',
  '|-\n',
  '>-\n',
  '"',
  "'",
  '\\',
  '#',
  ' #',
  '`',
  '```',
  '~~~',
  '    ',
  '## ',
  '# ',
  '### ',
  '> ',
  '* ',
  '1. ',
  '1) ',
  '| a | b |\n|---|---|\n',
  '<!--',
  '-->',
  '<!-- boardpaper-disable -->',
  '<!-- boardpaper-enable field-type -->',
  '<!-- boardpaper-disable-next-line undefined-acronym, missing-section -->',
  '<div>',
  '</div>',
  '<script>',
  '[^1]',
  '[^1]: note',
  '[a](b)',
  '![i](x.png)',
  '**',
  '__',
  '~~',
  'title: ',
  'meeting: ',
  'date: ',
  'agenda_item: ',
  'confidential: ',
  'purpose: ',
  'strategic_objectives: ',
  'risks:',
  'items:',
  '  - id: ',
  'committee_history:',
  '  - meeting: ',
  'impact_assessments:',
  'status: ',
  'comment: ',
  'SO7',
  'S01',
  'SO2: To equalise opportunities',
  'A&E',
  'A\\&E',
  'A&amp;E',
  'ICB',
  'UDAs',
  'Integrated Care Board (ICB)',
  '10.10',
  '010',
  '1e3',
  'yes',
  'no',
  'n/a',
  'NA',
  'true',
  '~',
  'null',
  '2024-02-30',
  '13/03/2024',
  '13 March 2024',
  '0000-00-00',
  '9999-12-31',
  '## Executive summary',
  '## Recommendations',
  '## Health inequalities',
  '## Glossary',
  'TBC',
  'to follow',
  '5.1',
  'Exec Team',
  '(',
  ')',
  '((',
  '))',
];
const token = fc.constantFrom(...TOKENS);

const insertion = fc.oneof(
  { weight: 4, arbitrary: token },
  { weight: 2, arbitrary: fc.string({ unit: codeUnit, maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.array(token, { maxLength: 6 }).map((t) => t.join('')) },
);

type Mutation =
  | { op: 'delete'; at: number; len: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'duplicate'; from: number; len: number; to: number }
  | { op: 'eol'; style: 'crlf' | 'cr' | 'mixed' }
  | { op: 'tab'; line: number }
  | { op: 'unterminate' }
  | { op: 'lineStart'; line: number; text: string }
  | { op: 'swapLines'; a: number; b: number }
  | { op: 'truncate'; at: number };

const pos = fc.nat({ max: 1_000_000 });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: pos, len: fc.nat({ max: 300 }) }),
  fc.record({ op: fc.constant('insert' as const), at: pos, text: insertion }),
  fc.record({ op: fc.constant('duplicate' as const), from: pos, len: fc.nat({ max: 400 }), to: pos }),
  fc.record({ op: fc.constant('eol' as const), style: fc.constantFrom('crlf' as const, 'cr' as const, 'mixed' as const) }),
  fc.record({ op: fc.constant('tab' as const), line: pos }),
  fc.record({ op: fc.constant('unterminate' as const) }),
  fc.record({ op: fc.constant('lineStart' as const), line: pos, text: insertion }),
  fc.record({ op: fc.constant('swapLines' as const), a: pos, b: pos }),
  fc.record({ op: fc.constant('truncate' as const), at: pos }),
);

function lineStarts(t: string): number[] {
  const s = [0];
  for (let i = 0; i < t.length; i++) if (t[i] === '\n') s.push(i + 1);
  return s;
}

export function mutate(seed: string, ms: readonly Mutation[]): string {
  let t = seed;
  for (const m of ms) {
    const at = (n: number) => (t.length ? n % (t.length + 1) : 0);
    switch (m.op) {
      case 'delete': {
        const s = at(m.at);
        t = t.slice(0, s) + t.slice(s + m.len);
        break;
      }
      case 'insert': {
        const s = at(m.at);
        t = t.slice(0, s) + m.text + t.slice(s);
        break;
      }
      case 'duplicate': {
        const s = at(m.from);
        const piece = t.slice(s, s + m.len);
        const d = at(m.to);
        t = t.slice(0, d) + piece + t.slice(d);
        break;
      }
      case 'eol': {
        const lines = t.split(/\r\n|\r|\n/);
        const eols = m.style === 'crlf' ? ['\r\n'] : m.style === 'cr' ? ['\r'] : ['\n', '\r\n', '\r'];
        t = lines.map((l, i) => (i === lines.length - 1 ? l : l + eols[i % eols.length])).join('');
        break;
      }
      case 'tab': {
        // A tab where YAML wants spaces: the indentation of some line.
        const starts = lineStarts(t);
        const s = starts[m.line % starts.length]!;
        const indent = /^ */.exec(t.slice(s))![0].length;
        t = t.slice(0, s) + '\t' + t.slice(s + Math.min(indent, 2));
        break;
      }
      case 'unterminate': {
        const i = t.indexOf('\n---', 3);
        if (i !== -1) t = t.slice(0, i + 1) + t.slice(i + 4);
        break;
      }
      case 'lineStart': {
        const starts = lineStarts(t);
        const s = starts[m.line % starts.length]!;
        t = t.slice(0, s) + m.text + t.slice(s);
        break;
      }
      case 'swapLines': {
        const lines = t.split('\n');
        const a = m.a % lines.length;
        const b = m.b % lines.length;
        [lines[a], lines[b]] = [lines[b]!, lines[a]!];
        t = lines.join('\n');
        break;
      }
      case 'truncate':
        t = t.slice(0, at(m.at));
        break;
    }
  }
  return t;
}

const mutatedPaper = fc.tuple(fc.constantFrom(...SEEDS), fc.array(mutation, { minLength: 1, maxLength: 8 })).map(([seed, ms]) => mutate(seed, ms));

// A cover sheet built from the format's keys and YAML's odd shapes.
const KEYS = [
  'title',
  'meeting',
  'date',
  'agenda_item',
  'presented_by',
  'presenter',
  'author',
  'confidential',
  'confidential_reason',
  'purpose',
  'assurance',
  'strategic_objectives',
  'risks',
  'status',
  'comment',
  'on_register',
  'items',
  'id',
  'financial_implications',
  'committee_history',
  'outcome',
  'conflicts_of_interest',
  'impact_assessments',
  'quality',
  'equality',
  'data_privacy',
  'authorised_by',
  'Title',
  'unknown_key',
  '<<',
  '',
];
const SCALARS = [
  'Recovery and Transformation',
  'Integrated Care Board',
  'Exec Team',
  'SRTB',
  '2024-03-13',
  '2024-02-30',
  '13/03/2024',
  '13 March 2024',
  'Wednesday 13th of March 2024',
  '2024-3-5',
  '10',
  '10.10',
  '010',
  '1e3',
  '0x1F',
  '.inf',
  '-.nan',
  'yes',
  'no',
  'n/a',
  'N/A',
  'NA',
  'true',
  'false',
  'True',
  'on',
  'maybe',
  '~',
  'null',
  '',
  'approve',
  'approval',
  'for approval',
  'noting',
  'limited assurance',
  'SO1',
  'S01',
  'so1',
  'SO7',
  'SO2: To equalise opportunities and clinical outcomes across the area',
  'SO2: Make working here attractive',
  '"019"',
  '019',
  "'quoted ''inner'''",
  '"esc \\u00e9 \\ud83d\\ude00 \\x00"',
  '"unterminated',
  "'",
  '|\n  block\n  text',
  '>-\n  folded',
  '&anc value',
  '*anc',
  '!!str 10',
  '!!int "x"',
  '!!binary aGVsbG8=',
  '!!python/object:os.system ls',
  '!<tag:yaml.org,2002:js/function> "function(){}"',
  '!custom x',
  '[]',
  '{}',
  '[SO1, SO1, SO2]',
  '{status: yes}',
  '[a, [b, [c]]]',
  '{a: {b: {c: d}}}',
  '- x',
  'a: b',
  'a #comment',
  '# only a comment',
  '\t',
  ' ',
  '\uD800',
  '😀',
  '\0',
];
const scalar = fc.constantFrom(...SCALARS);
const yamlValue: fc.Arbitrary<string> = fc.letrec<{ v: string }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 5, arbitrary: scalar.map((s) => ` ${s}`) },
    { weight: 1, arbitrary: fc.array(scalar, { maxLength: 5 }).map((xs) => ` [${xs.join(', ')}]`) },
    {
      weight: 1,
      arbitrary: fc.array(fc.tuple(fc.constantFrom(...KEYS), scalar), { maxLength: 4 }).map((ps) => ` {${ps.map(([k, v]) => `${k}: ${v}`).join(', ')}}`),
    },
    { weight: 2, arbitrary: fc.array(tie('v'), { maxLength: 4 }).map((vs) => vs.map((v) => `\n- ${v.trimStart().replace(/\n/g, '\n  ')}`).join('')) },
    {
      weight: 2,
      arbitrary: fc
        .array(fc.tuple(fc.constantFrom(...KEYS), tie('v')), { maxLength: 4 })
        .map((ps) => ps.map(([k, v]) => `\n  ${k}:${v.replace(/\n/g, '\n  ')}`).join('')),
    },
  ),
})).v;
const coverSheet = fc
  .tuple(fc.array(fc.tuple(fc.constantFrom(...KEYS), yamlValue), { minLength: 0, maxLength: 14 }), fc.boolean(), fc.constantFrom('\n', '\r\n'))
  .map(([pairs, paperKeys, eol]) => {
    const lines = paperKeys ? ['title: A paper', 'meeting: Integrated Care Board'] : [];
    for (const [k, v] of pairs) lines.push(`${k}:${v}`);
    return ['---', ...lines, '---', '', '## Executive summary', '', 'Text of ICB and A&E.', ''].join('\n').replace(/\n/g, eol);
  });

// The same under an organisation's own template: its own fields (one of
// every type), the ask and the health inequalities question on the cover
// sheet, renamed sections, a labelled ask in the body.
const TEMPLATE_RAW: Record<string, unknown> = {
  cover_sheet: [
    { key: 'title', label: 'Title of paper' },
    { key: 'meeting' },
    { key: 'date', label: 'Date of meeting' },
    { key: 'presented_by', label: 'Lead Director', aliases: ['Report from'] },
    { key: 'purpose', required: true, type: 'list' },
    { key: 'strategic_objectives', label: 'Link to strategic missions' },
    { key: 'cqc_domains', label: 'CQC domain', type: 'list', values: ['Safe', 'Effective', 'Caring', 'Responsive', 'Well-led'], required: true },
    { key: 'assurance_level', type: 'choice', values: ['Substantial', 'Reasonable', 'Limited'] },
    { key: 'health_equity', label: 'Is health equity data included?', type: 'assessment' },
    { key: 'action', label: 'Action required', type: 'text' },
    { key: 'next_review', type: 'date' },
    { key: 'financial_implications', type: 'yes-no-na' },
    { key: 'legal', type: 'boolean' },
    { key: 'impact_assessments.equality', label: 'Equality impact assessment' },
    { key: 'committee_history', outcome: false },
  ],
  sections: { executive_summary: ['Executive comment', 'Summary'], recommendations: ['Action required by the Board'] },
  recommendations: { labels: ['Recommendation', 'ACTION'], cover_field: 'action' },
  health_inequalities: { cover_field: 'health_equity' },
  strategic_objectives: { 1: 'Quality', 2: 'People', 3: 'Money' },
  equality_objectives: [2],
};
const TEMPLATE_PROFILE: Profile = mergeProfile(DEFAULT_PROFILE, TEMPLATE_RAW);
const OWN_KEYS = ['cqc_domains', 'assurance_level', 'health_equity', 'action', 'next_review', 'legal', 'equality'];
const templateCoverSheet = fc
  .tuple(fc.array(fc.tuple(fc.constantFrom(...KEYS, ...OWN_KEYS), yamlValue), { minLength: 0, maxLength: 14 }), fc.boolean(), fc.constantFrom('\n', '\r\n'))
  .map(([pairs, paperKeys, eol]) => {
    const lines = paperKeys ? ['title: A paper', 'meeting: Integrated Care Board'] : [];
    for (const [k, v] of pairs) lines.push(`${k}:${v}`);
    return ['---', ...lines, '---', '', '## Executive comment', '', 'Text of ICB and A&E.', '', '**ACTION:** The Board is asked to note.', '']
      .join('\n')
      .replace(/\n/g, eol);
  });

// A body built from Markdown's constructs.
const inline = fc.constantFrom(
  'The ICB',
  'UDAs rose',
  'A&E',
  'A\\&E',
  'R&amp;D',
  'Integrated Care Board (ICB)',
  'XYZ (Some Other Thing)',
  'GIRFT',
  '**bold ICB**',
  '_em_',
  '`code ICB`',
  '[link ABC](http://x)',
  '![img](a.png)',
  '<!-- c -->',
  '<b>html</b>',
  'TBC',
  'N/A',
  '5.1',
  '1.1.1.',
  'COVID-19',
  'Core20PLUS5',
  '13SA',
  'deprivation, ethnicity, age and sex',
  'asked to note',
  'asked to approve',
  'word',
  '😀',
  '\uD800',
  '&#38;',
  '\\',
  '(',
  ')',
  'ABC-DEF/GHI_JK',
  "ICB's",
  'ICBs’',
  'DO NOT PROCEED NOW',
);
const paragraph = fc.array(inline, { minLength: 1, maxLength: 12 }).map((ws) => ws.join(' '));
const block: fc.Arbitrary<string> = fc.oneof(
  paragraph,
  fc
    .tuple(
      fc.constantFrom('# ', '## ', '### ', '#### ', '## 5. ', '## Section 2) '),
      fc.constantFrom(
        'Executive summary',
        'Recommendations',
        'Health inequalities',
        'Glossary',
        'Background',
        'Risks',
        '',
        'Executive Summary & Recommendations',
      ),
    )
    .map(([h, t]) => h + t),
  fc.tuple(fc.nat({ max: 40 }), paragraph).map(([d, p]) => `${'> '.repeat(d)}${p}`),
  fc.tuple(fc.nat({ max: 40 }), paragraph).map(([d, p]) => Array.from({ length: d + 1 }, (_, i) => `${'  '.repeat(i)}- ${p}`).join('\n')),
  fc.array(paragraph, { minLength: 1, maxLength: 4 }).map((ps) => ps.map((p, i) => `${i + 1}. ${p}`).join('\n')),
  fc.array(paragraph, { minLength: 1, maxLength: 3 }).map((ps) => `| a | b |\n|---|---|\n${ps.map((p) => `| ${p} | x |`).join('\n')}`),
  paragraph.map((p) => `\`\`\`\n${p}\n\`\`\``),
  fc.constantFrom(
    '<!-- boardpaper-disable -->',
    '<!-- boardpaper-enable -->',
    '<!-- boardpaper-disable-next-line undefined-acronym -->',
    '<!-- boardpaper-disable missing-section placeholder-section -->',
    '<!--\nunclosed',
    '---',
    '***',
    'Setext\n===',
    'Setext\n---',
    '[^1]: foot ICB',
  ),
);
const bodyPaper = fc
  .tuple(
    fc.constantFrom(CLEAN.slice(0, CLEAN.indexOf('\n---\n') + 5), '---\ntitle: T\nmeeting: Exec Team\ndate: 2024-05-08\n---\n', ''),
    fc.array(block, { minLength: 1, maxLength: 25 }),
    fc.boolean(),
  )
  .map(([head, blocks, bom]) => (bom ? '\uFEFF' : '') + head + blocks.join('\n\n'));

// ---------------------------------------------------------------------------

describe('robustness: any text in, a result out', function () {
  this.timeout(60000 * SCALE);

  it('has real papers to start from', () => assert.ok(SEEDS.length > 100, `${SEEDS.length} seeds`));

  it('every real paper as it stands', () => {
    for (const s of SEEDS) property(s);
  });

  it('mutated real papers (slices deleted, inserted, duplicated; odd characters; line endings; tabs; unterminated or broken front-matter)', () => {
    fc.assert(
      fc.property(mutatedPaper, (t) => property(t)),
      runs(300, 0x5eed1),
    );
  });

  it("other organisations' papers under their own templates, as they stand and mutated (own fields, renamed sections, the ask and the health inequalities question on the cover sheet)", () => {
    assert.ok(TEMPLATE_SEEDS.length > 30, `${TEMPLATE_SEEDS.length} papers with a profile of their own`);
    for (const s of TEMPLATE_SEEDS) property(s.text, s.profile);
    fc.assert(
      fc.property(fc.nat({ max: TEMPLATE_SEEDS.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 8 }), (i, ms) => {
        const seed = TEMPLATE_SEEDS[i]!;
        property(mutate(seed.text, ms), seed.profile);
      }),
      runs(300, 0x5eed6),
    );
  });

  it('random code units (lone surrogates, NUL, controls), with and without a cover-sheet fence', () => {
    fc.assert(
      fc.property(fc.string({ unit: codeUnit, maxLength: 300 }), fc.constantFrom('none', 'fence', 'paper'), (s, wrap) =>
        property(wrap === 'none' ? s : wrap === 'fence' ? `---\n${s}\n---\n${s}` : `---\ntitle: ${s}\nmeeting: ${s}\n---\n## ${s}\n${s}`),
      ),
      runs(300, 0x5eed2),
    );
  });

  it("random cover sheets: the format's keys with odd YAML shapes (anchors, aliases, tags, block scalars, nesting, wrong types)", () => {
    fc.assert(
      fc.property(coverSheet, (t) => property(t)),
      runs(400, 0x5eed3),
    );
  });

  it("random cover sheets and bodies under an organisation's own template (own fields of every type, the ask and the health inequalities question on the cover sheet, a labelled ask)", () => {
    // A profile an organisation could write: it passes the profile's own checks.
    assert.deepEqual(
      [
        ...validateProfileData(
          TEMPLATE_RAW,
          RULES.map((r) => r.id),
        ),
        ...templateProblems(TEMPLATE_RAW, TEMPLATE_PROFILE),
      ],
      [],
    );
    fc.assert(
      fc.property(templateCoverSheet, (t) => property(t, TEMPLATE_PROFILE)),
      runs(300, 0x5eed7),
    );
    fc.assert(
      fc.property(bodyPaper, (t) => property(t, TEMPLATE_PROFILE)),
      runs(100, 0x5eed8),
    );
  });

  it('random bodies: headings, nested quotes and lists, tables, code, HTML, directives, acronyms (with and without a BOM)', () => {
    fc.assert(
      fc.property(bodyPaper, (t) => property(t)),
      runs(200, 0x5eed4),
    );
  });

  describe('extreme inputs (time-bounded, in a worker)', () => {
    const runner = new BoundedRunner();
    before(async () => runner.warm());
    after(() => runner.kill());

    const cover = CLEAN.slice(0, CLEAN.indexOf('\n---\n') + 5);
    const body = CLEAN.slice(cover.length);
    const extremes: [name: string, make: () => string, limitMs: number][] = [
      ['unterminated front-matter', () => CLEAN.replace('\n---\n', '\n'), 3000],
      ['front-matter that is only "---"', () => '---', 3000],
      ['broken YAML: unclosed flow sequence and quote', () => CLEAN.replace('strategic_objectives: [SO1,', 'strategic_objectives: ["SO1,'), 3000],
      ['tabs as YAML indentation', () => CLEAN.replace(/\n {2}(?=\S)/g, '\n\t'), 3000],
      ['CRLF, BOM and a lone CR', () => '\uFEFF' + CLEAN.replace(/\n/g, '\r\n').replace('## 2.', '\r## 2.'), 3000],
      ['old Mac line endings (CR only)', () => CLEAN.replace(/\n/g, '\r'), 3000],
      ['NUL and binary bytes everywhere', () => CLEAN.replace(/ /g, (_, i: number) => (i % 7 ? ' ' : '\0\u0001\uFFFE')), 3000],
      ['lone surrogates and split surrogate pairs', () => CLEAN.replace(/e/g, '\uD800').replace(/a/g, '😀'.slice(0, 1)).replace(/o/g, '\uDC00😀'), 3000],
      ['a 1 MB single line of words in the body', () => cover + body + '\n' + 'word '.repeat(200_000), 10000],
      ['a 1 MB single line without spaces in the body', () => cover + body + '\n' + 'A'.repeat(1_000_000), 10000],
      ['a 1 MB cover-sheet value', () => CLEAN.replace('title: Recovery and Transformation Programmes', `title: ${'Recovery '.repeat(111_111)}`), 10000],
      ['a list nested 1,000 levels on one line ("- - - … item")', () => cover + body + '\n' + '- '.repeat(1000) + 'item\n', 5000],
      [
        'a list nested 1,000 levels by indentation (1 MB)',
        () => cover + body + '\n' + Array.from({ length: 1000 }, (_, i) => `${'  '.repeat(i)}- item`).join('\n'),
        10000,
      ],
      ['5,000 level-2 headings', () => cover + Array.from({ length: 5000 }, (_, i) => `## Heading ${i}\n\nText ${i}.`).join('\n\n'), 10000],
      ['5,000 "## Executive summary" headings', () => cover + '## Executive summary\n\nText.\n\n'.repeat(5000), 10000],
      [
        'a flow sequence of 50,000 strategic objectives',
        () => CLEAN.replace(/strategic_objectives: .*/, `strategic_objectives: [${Array.from({ length: 50_000 }, (_, i) => `SO${i % 9}`).join(', ')}]`),
        10000,
      ],
      [
        'a committee history of 5,000 entries, out of order',
        () =>
          CLEAN.replace(
            /committee_history:\n/,
            `committee_history:\n${Array.from({ length: 5000 }, (_, i) => `  - meeting: Exec Team ${i}\n    date: 2024-0${(i % 9) + 1}-1${i % 10}\n`).join('')}`,
          ),
        10000,
      ],
      [
        '10,000 acronyms, each used once',
        () =>
          cover +
          '## Executive summary\n\n' +
          Array.from(
            { length: 10_000 },
            (_, i) =>
              `X${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + (((i / 26) | 0) % 26))}${String.fromCharCode(65 + (((i / 676) | 0) % 26))}`,
          ).join(' '),
        10000,
      ],
      ['10,000 directives', () => cover + body + '\n' + '<!-- boardpaper-disable-next-line undefined-acronym -->\nICB\n'.repeat(10_000), 10000],
    ];
    for (const [name, make, limitMs] of extremes) {
      it(`${name} (< ${limitMs / 1000} s)`, async () => {
        // As a file the profile's globs match: every rule runs, paper or not.
        await analyzeWithin(runner, make(), limitMs, { matchesPaperGlob: true });
      });
    }
  });

  /** Regression tests for bugs these tests found, each with its minimal input. */
  describe('regressions', () => {
    // Found by this file: the paper model's tree walks recursed once per
    // nesting level and overflowed the stack (RangeError) on 10 KB of ">".
    // Fixed in 0709d89 (server/src/core/paper.ts eachNode).
    const deepQuote = `---\ntitle: T\nmeeting: Integrated Care Board\n---\n## Executive summary\n${'>'.repeat(10_000)}`;
    for (const [name, text] of [
      ['a blockquote nested 10,000 deep (10 KB of ">") does not overflow the stack', deepQuote],
      ['the same with a BOM (positions shifted through the whole tree)', `\uFEFF${deepQuote}`],
      ["the same with no front-matter, in a file the profile's globs match", '>'.repeat(10_000)],
    ] as const) {
      it(name, () => {
        let threw: unknown;
        try {
          checkInvariants(text, { matchesPaperGlob: true });
        } catch (e) {
          threw = e;
        }
        assert.equal(threw, undefined, `analyze threw on ${describeInput(text, 60)}: ${String(threw).slice(0, 200)}`);
      });
    }
  });
});
