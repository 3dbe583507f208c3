/**
 * Fixes never lose text.
 *
 * fast-check writes papers from a realistic grammar: a cover sheet with the
 * faults authors make (every fixable fault of the catalogue: unquoted
 * `10.10`, `confidential: yes`, `purpose: approval`, `13/03/2024`,
 * `presenter:`, `S01`, a repeated objective, an objective with another's
 * wording, `Exec Team`, an unsorted committee history, `status: NA`, …, and
 * unfixable ones beside them), in block or flow style, keys in any order,
 * LF or CRLF, with or without a BOM; then a body of prose with acronyms,
 * clause numbers, lists, comments and directives.
 *
 * Applying every fix (`fixAll`, as `--fix` and "Fix all" do):
 * - keeps every word of the body (the multiset of words after the
 *   front-matter), adding only the words of acronym expansions;
 * - keeps every cover-sheet value that was not itself the fault: the leaf
 *   values whose node, and whose keys above it, no applied fix's finding or
 *   edit touched, in any pass (a value that became a fault only after an
 *   earlier pass, e.g. `so4` fixed to `SO4` making a later `SO4` entry a
 *   repeat, is a fault of that pass);
 * - leaves a cover sheet that still parses, if it parsed before;
 * - is idempotent: fixing the fixed text again changes nothing;
 * - and the fixed text analyses (strict) without throwing, with no finding
 *   still offering a fix.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze } from '../../server/src/core/analyze';
import { MAX_FIX_PASSES, fixAll } from '../../server/src/core/fix-all';
import { applyFixes } from '../../server/src/core/fix';
import { parsePaper } from '../../server/src/core/paper';
import { DEFAULT_PROFILE, type Profile } from '../../server/src/core/profile';
import { scalarText, type YNode } from '../../server/src/core/yaml';
import type { OffsetRange } from '../../server/src/core/types';
import { SEEDS, missingFrom, wordsOf } from './harness';

const SCALE = Number(process.env.ROBUSTNESS_SCALE ?? 1);
const runs = (n: number, seed: number) => ({ numRuns: Math.round(n * SCALE), seed: SCALE === 1 ? seed : Date.now() ^ seed, endOnFailure: true });

// ---------------------------------------------------------------------------
// The grammar

const NAMES = ['Maggie Oldham, Deputy Chief Executive', 'Terry Whalley, Programme Director', 'Dr Jane Smith', "Sam O'Neill, Chief Nurse", 'Kevin Lavery'];
const SO_TEXT = DEFAULT_PROFILE.strategic_objectives;

const title = fc.constantFrom(
  'Recovery and Transformation Programmes',
  'Urgent and Emergency Care (UEC) winter plan',
  '"Winter: the plan for 2024/25"',
  "'Quality & Safety report'",
  'Finance report M6',
);
const meeting = fc.constantFrom(
  'Integrated Care Board',
  'ICB Board',
  'Exec Team',
  'Executive Team',
  'Quality Comittee',
  'Audit Committee',
  'Integrated Care Bord',
  'Finance and Performance Committee',
);
const date = fc.constantFrom(
  '2024-05-08',
  '2024-03-13',
  '13/03/2024',
  '13 March 2024',
  'Wednesday 8th May 2024',
  '2024-5-8',
  '"2024-05-08"',
  '2024-02-30',
  '08.05.2024',
);
const agendaItem = fc.constantFrom('"10"', '10', '10.10', '010', '10.2', '10.20', '"10.10"', 'ICB/24/031', "'7'");
const presenterKey = fc.constantFrom('presented_by', 'presenter', 'presented by', 'Presented_By', 'presentedby', 'presented_by');
const authorKey = fc.constantFrom('author', 'author', 'authour', 'Author');
const confidential = fc.constantFrom('false', 'true', 'yes', 'no', '"yes"', 'Yes', 'maybe', 'off', 'false');
const purpose = fc.constantFrom('note', 'approve', 'approval', 'for approval', 'noting', 'decision', 'Approve', 'xyz', 'assurance', 'info', 'discussion');
const assurance = fc.option(fc.constantFrom('reasonable', 'limited assurance', 'no', 'substantial', 'Reasonable', 'sort of'), { nil: undefined });
const SO_ENTRIES = [
  'SO1',
  'SO2',
  'SO3',
  'S01',
  'so4',
  'SO7',
  'SO6',
  'SO5',
  `"SO2: ${SO_TEXT.SO2}"`,
  `"SO1: ${SO_TEXT.SO2}"`,
  '"SO3: Something else entirely"',
  `"SO4: ${SO_TEXT.SO4!.toUpperCase()}"`,
];
const objectives = fc
  .tuple(fc.array(fc.constantFrom(...SO_ENTRIES), { minLength: 1, maxLength: 6 }), fc.constantFrom('flow', 'block', 'scalar'))
  .map(([codes, style]) => {
    if (style === 'flow') return `strategic_objectives: [${codes.join(', ')}]`;
    if (style === 'block') return `strategic_objectives:\n${codes.map((c) => `  - ${c}`).join('\n')}`;
    return `strategic_objectives: ${codes.filter((c) => !c.includes(':')).join(', ') || 'SO1'}`;
  });
const STATUS = ['yes', 'no', 'n/a', 'NA', 'true', 'Yes', 'N/A', 'not applicable'];
const status = fc.constantFrom(...STATUS);
const comment = fc.option(
  fc.constantFrom('None identified', 'Detailed risk registers will be maintained', 'TBC', '"See section 4: finance"', 'Appropriate QIAs will be undertaken'),
  { nil: undefined },
);
const risks = fc
  .record({
    status,
    comment,
    onRegister: fc.option(status, { nil: undefined }),
    items: fc.array(
      fc.tuple(fc.constantFrom('"019"', '019', '"008"', 'R99', '"R7"'), fc.constantFrom('NOF ratings', 'System Financial Sustainability', 'Workforce')),
      { maxLength: 3 },
    ),
  })
  .map(({ status: s, comment: c, onRegister, items }) =>
    [
      `risks:`,
      `  status: ${s}`,
      ...(c ? [`  comment: ${c}`] : []),
      ...(onRegister ? [`  on_register: ${onRegister}`] : []),
      ...(items.length ? ['  items:', ...items.flatMap(([id, t]) => [`    - id: ${id}`, `      title: ${t}`])] : []),
    ].join('\n'),
  );
const financial = fc
  .tuple(status, comment, fc.boolean())
  .map(([s, c, short]) =>
    short ? `financial_implications: ${s}` : [`financial_implications:`, `  status: ${s}`, ...(c ? [`  comment: ${c}`] : [])].join('\n'),
  );
const historyEntry = fc.record({
  meeting: fc.constantFrom('System Recovery & Transformation Board', 'Exec Team', 'Executive Team', 'SRTB', 'Quality Commitee', 'Audit Committee'),
  date: fc.constantFrom('2024-02-20', '2024-03-05', '2024-01-09', '2023-12-12', '2024-04-30', '2024-05-08', '2024-06-01', '13/03/2024', '2024-02-30'),
  outcome: fc.option(fc.constantFrom('Approved.', 'The paper was noted and the proposals within endorsed.', 'Supported, subject to changes', 'Deferred'), {
    nil: undefined,
  }),
  flow: fc.boolean(),
});
const history = fc
  .array(historyEntry, { maxLength: 5 })
  .map((entries) =>
    entries.length === 0
      ? 'committee_history: []'
      : `committee_history:\n${entries
          .map((e) =>
            e.flow
              ? `  - {meeting: ${e.meeting.includes('&') ? `"${e.meeting}"` : e.meeting}, date: ${e.date}${e.outcome ? `, outcome: "${e.outcome}"` : ''}}`
              : [`  - meeting: ${e.meeting}`, `    date: ${e.date}`, ...(e.outcome ? [`    outcome: ${e.outcome}`] : [])].join('\n'),
          )
          .join('\n')}`,
  );
const impact = fc
  .tuple(status, status, status, comment, fc.boolean())
  .map(([q, e, d, c, flow]) =>
    flow
      ? `impact_assessments:\n  quality: {status: ${q}${c ? `, comment: ${c.startsWith('"') ? c : `"${c}"`}` : ''}}\n  equality: {status: ${e}}\n  data_privacy: {status: ${d}, comment: "No personal data"}`
      : `impact_assessments:\n  quality:\n    status: ${q}${c ? `\n    comment: ${c}` : ''}\n  equality:\n    status: ${e}\n  data_privacy:\n    status: ${d}\n    comment: No personal data`,
  );

const coverSheet = fc
  .record({
    title,
    meeting,
    date,
    agendaItem,
    presenterKey,
    presenter: fc.constantFrom(...NAMES),
    authorKey,
    author: fc.constantFrom(...NAMES),
    confidential,
    reason: fc.option(fc.constantFrom('Commercial interests (FOI s43)', 'Personal information'), { nil: undefined }),
    purpose,
    assurance,
    objectives,
    risks,
    financial,
    history,
    impact,
    authorised: fc.constantFrom(...NAMES),
    order: fc.noBias(fc.nat({ max: 10_000 })),
    duplicate: fc.noBias(fc.nat({ max: 199 })),
  })
  .map((r) => {
    const blocks = [
      `title: ${r.title}`,
      `meeting: ${r.meeting}`,
      `date: ${r.date}`,
      `agenda_item: ${r.agendaItem}`,
      `${r.presenterKey}: ${r.presenter}`,
      `${r.authorKey}: ${r.author}`,
      `confidential: ${r.confidential}`,
      ...(r.reason ? [`confidential_reason: ${r.reason}`] : []),
      `purpose: ${r.purpose}`,
      ...(r.assurance ? [`assurance: ${r.assurance}`] : []),
      r.objectives,
      r.risks,
      r.financial,
      r.history,
      'conflicts_of_interest: Not applicable',
      r.impact,
      `authorised_by: ${r.authorised}`,
    ];
    // Some papers have their keys out of order; a few repeat one (a YAML error: nothing is fixed).
    if (r.order % 3 === 0) {
      const k = r.order % blocks.length;
      blocks.push(...blocks.splice(k, 1));
    }
    if (r.duplicate < 10) blocks.push(blocks[r.duplicate % blocks.length]!);
    return blocks.join('\n');
  });

const WORDS = [
  'The',
  'Board',
  'is',
  'asked',
  'to',
  'note',
  'approve',
  'the',
  'plan',
  'ICB',
  'ICBs',
  'A&E',
  'UEC',
  'NHS',
  'CQC',
  'XYZ',
  'UDAs',
  'Integrated Care Board (ICB)',
  'GIRFT',
  'deprivation',
  'ethnicity',
  'age',
  'sex',
  '£300m',
  '2024/25',
  '10.10',
  'yes',
  'SO7',
  'Core20PLUS5',
  'COVID-19',
  'TBC',
  "patients'",
  'co-operation',
  'e.g.',
  '—',
  'Lancashire & South Cumbria',
  '**key**',
  '_note_',
  '`code`',
  '[link](http://example.org)',
  '<!-- comment -->',
  'PCN',
  'CAMHS',
  'SEND',
];
const sentence = fc.array(fc.constantFrom(...WORDS), { minLength: 3, maxLength: 25 }).map((w) => `${w.join(' ')}.`);
const sectionBody = fc
  .array(
    fc.oneof(
      sentence,
      fc.tuple(fc.nat({ max: 9 }), sentence).map(([n, s]) => `${n}.1 ${s}`),
      fc.array(sentence, { minLength: 1, maxLength: 4 }).map((ss) => ss.map((s) => `- ${s}`).join('\n')),
      fc.constantFrom('<!-- boardpaper-disable-next-line undefined-acronym -->\nCQC here.', '> ICB quote.', '| ICB | A&E |\n|---|---|\n| UEC | NHS |'),
    ),
    { minLength: 1, maxLength: 4 },
  )
  .map((ps) => ps.join('\n\n'));
const HEADINGS = ['Executive summary', 'Background', 'Health inequalities', 'Recommendations', 'Glossary', '5. Recommendations', 'Risks'];
const body = fc
  .array(fc.tuple(fc.constantFrom(...HEADINGS), sectionBody), { minLength: 1, maxLength: 6 })
  .map((ss) => ss.map(([h, b]) => `## ${h}\n\n${b}\n`).join('\n'));

export const paper = fc.record({ cover: coverSheet, body, crlf: fc.boolean(), bom: fc.boolean() }).map(({ cover, body: b, crlf, bom }) => {
  const t = `---\n${cover}\n---\n\n${b}`;
  return (bom ? '\uFEFF' : '') + (crlf ? t.replace(/\n/g, '\r\n') : t);
});

// ---------------------------------------------------------------------------
// What a fix may change

/** The default profile, and the same asking for every acronym to be spelled out (so that acronym fixes are made). */
const STRICT_ACRONYMS: Profile = { ...DEFAULT_PROFILE, acronyms_must_be_defined: true };
const profiles = fc.constantFrom(DEFAULT_PROFILE, STRICT_ACRONYMS);

/** Words that acronym fixes may add (the expansions in the profile). */
const EXPANSION_WORDS = new Set(
  Object.values(DEFAULT_PROFILE.acronyms).flatMap((e) => [...wordsOf(e), ...wordsOf(`${e}s`), ...wordsOf(e.replace(/y$/, 'ies'))]),
);

function bodyOf(text: string): string {
  return text.slice(parsePaper(text).bodyStart);
}

interface Leaf {
  /** Key path without list indexes (`committee_history.meeting`), so that sorting a list is not a loss. */
  path: string;
  value: string;
  node: YNode;
  /** The ranges of the keys above it. */
  keys: OffsetRange[];
}

function leaves(root: YNode | null | undefined): Leaf[] {
  const out: Leaf[] = [];
  const walk = (n: YNode, path: string, keys: OffsetRange[]) => {
    if (n.kind === 'scalar') out.push({ path, value: scalarText(n) ?? '', node: n, keys });
    else if (n.kind === 'map') for (const p of n.pairs) walk(p.value, `${path}.${p.name}`, [...keys, p.key]);
    else if (n.kind === 'seq') for (const i of n.items) walk(i, `${path}[]`, keys);
  };
  if (root) walk(root, '', []);
  return out;
}

const touches = (a: OffsetRange, b: OffsetRange) => a.start <= b.end && b.start <= a.end;

function checkFixes(text: string, profile: Profile = DEFAULT_PROFILE): void {
  // fixAll's passes, step by step, to see which values each applied fix touched.
  const faults = new Set<string>();
  let current = text;
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const a = analyze(current, profile, { strict: true });
    const fixes = a.findings.filter((f) => f.fix).map((f) => f.fix!);
    if (!fixes.length && pass === 0) {
      // Nothing to fix: the text must come back byte for byte.
      assert.equal(fixAll(text, profile, { strict: true }).text, text, 'a paper with nothing fixable is left as it was');
      return;
    }
    if (!fixes.length) break;
    const r = applyFixes(current, fixes);
    if (!r.applied.length || r.text === current) break;
    const touched = a.findings.filter((f) => f.fix && r.applied.includes(f.fix)).flatMap((f) => [f.range, ...f.fix!.edits]);
    for (const l of leaves(a.paper.cover))
      if (touched.some((t) => touches(t, l.node) || l.keys.some((k) => touches(t, k)))) faults.add(`${l.path} = ${l.value}`);
    current = r.text;
  }
  const fixed = fixAll(text, profile, { strict: true }).text;
  assert.equal(fixed, current, 'fixAll is the passes above');

  // Every body word kept; only acronym expansions added.
  const wordsBefore = wordsOf(bodyOf(text));
  const wordsAfter = wordsOf(bodyOf(fixed));
  assert.deepEqual(missingFrom(wordsBefore, wordsAfter), [], 'every word of the body is kept');
  const added = missingFrom(wordsAfter, wordsBefore).filter((w) => !EXPANSION_WORDS.has(w));
  assert.deepEqual(added, [], 'the body gains only the words of acronym expansions');

  // Every cover-sheet value that was not a fault (no applied fix touched it, in any pass) kept.
  const before = parsePaper(text);
  const kept = leaves(before.cover)
    .map((l) => `${l.path} = ${l.value}`)
    .filter((v) => !faults.has(v));
  const afterPaper = parsePaper(fixed);
  if (before.cover) assert.ok(afterPaper.cover, `the cover sheet still parses after fixing (${afterPaper.frontmatter?.error?.message})`);
  const afterLeaves = leaves(afterPaper.cover).map((l) => `${l.path} = ${l.value}`);
  assert.deepEqual(missingFrom(kept, afterLeaves), [], 'every value that was not the fault is kept');

  // Idempotent, analysable, nothing left to fix.
  assert.equal(fixAll(fixed, profile, { strict: true }).text, fixed, 'fixing the fixed text again changes nothing');
  const after = analyze(fixed, profile, { strict: true });
  const stillFixable = after.findings.filter((f) => f.fix);
  assert.deepEqual(
    stillFixable.map((f) => `${f.rule}: ${f.fix!.title}`),
    [],
    'no finding still offers a fix',
  );
}

describe('robustness: fixes never lose text', function () {
  this.timeout(60000 * SCALE);

  it('the grammar writes papers with fixable faults', () => {
    let fixable = 0;
    const rules = new Set<string>();
    for (const [t, profile] of fc.sample(fc.tuple(paper, profiles), { numRuns: 100, seed: 1 })) {
      const a = analyze(t, profile, { strict: true });
      for (const f of a.findings) if (f.fix) rules.add(f.rule);
      if (a.findings.some((f) => f.fix)) fixable++;
    }
    assert.ok(fixable > 80, `${fixable} of 100 papers have a fixable finding`);
    for (const r of [
      'agenda-item-number',
      'field-type',
      'invalid-date',
      'unknown-field',
      'unknown-strategic-objective',
      'duplicate-strategic-objective',
      'strategic-objective-text',
      'committee-date-order',
      'unknown-committee',
      'undefined-acronym',
    ]) {
      assert.ok(rules.has(r), `the grammar exercises ${r}'s fix (seen: ${[...rules].join(', ')})`);
    }
  });

  it('keeps every body word and every value that was not the fault; fixing again changes nothing', () => {
    fc.assert(fc.property(paper, profiles, checkFixes), runs(250, 0xf1c5));
  });

  it('the same for each real paper (rule fixtures, examples)', () => {
    SEEDS.forEach((s, i) => {
      checkFixes(s);
      if (i % 5 === 0) checkFixes(s, STRICT_ACRONYMS); // every acronym spelled out: a fifth of them keeps the suite quick
    });
  });
});
