/**
 * Completion at real cursor positions: each case is a paper with a `|`
 * cursor marker and the labels expected there.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { CompletionItem, CompletionList, TextEdit } from 'vscode-languageserver-protocol';
import { applyTextEdits, cursor, TestClient, workspace } from './lsp-client';
import { BODY_2024, CLEAN, paper } from './papers';

/** CLEAN with the line matching `line` replaced by `by` (which holds the cursor). */
function at(line: RegExp, by: string, text = CLEAN): string {
  assert.ok(line.test(text), `no line ${line}`);
  return text.replace(line, by);
}

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

interface Case {
  name: string;
  text: string;
  /** Labels that must be offered. */
  expect: string[];
  /** Labels that must not be offered. */
  exclude?: string[];
  /** Labels that must come first, in this order (by sortText). */
  first?: string[];
  /** Exactly these labels. */
  exactly?: boolean;
  check?: (items: CompletionItem[], text: string) => void;
}

const PURPOSES = ['approve', 'decide', 'discuss', 'assure', 'note', 'information'];
const SOS = ['SO1', 'SO2', 'SO3', 'SO4', 'SO5', 'SO6'];

const CASES: Case[] = [
  {
    name: 'missing cover-sheet keys, required first, as snippets',
    text: at(/^author:.*\n/m, '').replace(/^authorised_by:.*$/m, '|'),
    expect: ['author', 'authorised_by', 'assurance', 'confidential_reason'],
    exclude: ['title', 'meeting', 'purpose', 'risks'],
    first: ['author', 'authorised_by'],
    check(items) {
      const a = items.find((i) => i.label === 'author')!;
      assert.equal(a.insertTextFormat, 2, 'snippet');
      assert.match((a.textEdit as TextEdit).newText, /^author: \$\{1:TBC\}$/);
      assert.match(JSON.stringify(a.documentation), /Who wrote the paper/);
      const opt = items.find((i) => i.label === 'assurance')!;
      assert.ok(a.sortText! < opt.sortText!, 'required before optional');
    },
  },
  {
    name: 'a partly typed key',
    text: at(/^conflicts_of_interest:.*$/m, 'confl|'),
    expect: ['conflicts_of_interest'],
    check(items, text) {
      const c = items.find((i) => i.label === 'conflicts_of_interest')!;
      const out = applyTextEdits(text, [{ range: (c.textEdit as TextEdit).range, newText: 'conflicts_of_interest: Not applicable' }]);
      assert.match(out, /^conflicts_of_interest: Not applicable$/m);
      assert.doesNotMatch(out, /confl\w*conflicts/);
    },
  },
  {
    name: 'a many-line key becomes an indented snippet with choices',
    text: at(/^financial_implications:\n  status: yes\n  comment: .*\n/m, '|\n'),
    expect: ['financial_implications'],
    check(items) {
      const f = items.find((i) => i.label === 'financial_implications')!;
      assert.equal((f.textEdit as TextEdit).newText, 'financial_implications:\n  status: ${1|yes,no,n/a|}\n  comment: ${2:TBC}');
    },
  },
  { name: 'purpose values', text: at(/^purpose:.*$/m, 'purpose: |'), expect: PURPOSES, exactly: true },
  { name: 'purpose values while typing', text: at(/^purpose:.*$/m, 'purpose: app|'), expect: PURPOSES },
  {
    name: 'a value is replaced whole, also after the cursor (comments kept)',
    text: at(/^purpose:.*$/m, 'purpose: app|roval # asked by the chair'),
    expect: PURPOSES,
    check(items, text) {
      const out = applyTextEdits(text, [items.find((i) => i.label === 'approve')!.textEdit as TextEdit]);
      assert.match(out, /^purpose: approve # asked by the chair$/m);
    },
  },
  {
    name: 'a flow list item is replaced up to the next comma',
    text: at(/^strategic_objectives:.*$/m, 'strategic_objectives: [SO1, S|07, SO3]'),
    expect: ['SO2'],
    check(items, text) {
      const out = applyTextEdits(text, [items.find((i) => i.label === 'SO2')!.textEdit as TextEdit]);
      assert.match(out, /^strategic_objectives: \[SO1, SO2, SO3\]$/m);
    },
  },
  {
    name: 'assurance levels',
    text: at(/^purpose:.*$/m, 'purpose: note\nassurance: |'),
    expect: ['substantial', 'reasonable', 'limited', 'none'],
    exactly: true,
  },
  { name: 'confidential', text: at(/^confidential:.*$/m, 'confidential: |'), expect: ['true', 'false'], exactly: true },
  { name: 'assessment status', text: at(/^(financial_implications:\n  status:).*$/m, '$1 |'), expect: ['yes', 'no', 'n/a'], exactly: true },
  { name: 'impact assessment status', text: at(/^(  data_privacy:\n    status:).*$/m, '$1 |'), expect: ['yes', 'no', 'n/a'], exactly: true },
  { name: 'risks on_register', text: at(/^  on_register:.*$/m, '  on_register: |'), expect: ['yes', 'no', 'n/a'], exactly: true },
  {
    name: 'strategic objective codes in a flow list, with the profile wording, leaving out those listed',
    text: at(/^strategic_objectives:.*$/m, 'strategic_objectives: [SO1, SO3, |]'),
    expect: ['SO2', 'SO4', 'SO5', 'SO6'],
    exclude: ['SO1', 'SO3'],
    exactly: true,
    check(items) {
      assert.equal(items.find((i) => i.label === 'SO2')!.detail, 'To equalise opportunities and clinical outcomes across the area');
    },
  },
  {
    name: 'strategic objective codes in an unclosed flow list (YAML broken while typing)',
    text: at(/^strategic_objectives:.*$/m, 'strategic_objectives: [SO2, |'),
    expect: ['SO1', 'SO3'],
    exclude: ['SO2'],
  },
  {
    name: 'strategic objective codes in a block list',
    text: at(/^strategic_objectives:.*$/m, 'strategic_objectives:\n  - SO4\n  - |'),
    expect: ['SO1', 'SO2', 'SO3', 'SO5', 'SO6'],
    exclude: ['SO4'],
  },
  {
    name: 'strategic objectives on an empty value: a flow list',
    text: at(/^strategic_objectives:.*$/m, 'strategic_objectives:|'),
    expect: SOS,
    check(items) {
      assert.equal((items.find((i) => i.label === 'SO1')!.textEdit as TextEdit).newText, ' [SO1]');
    },
  },
  {
    name: 'committee names: the profile (with aliases) and every paper of the workspace',
    text: at(/^meeting:.*$/m, 'meeting: |'),
    expect: ['Integrated Care Board', 'Executive Team', 'System Recovery & Transformation Board', 'Lancashire Place Partnership Board'],
    check(items) {
      const srtb = items.find((i) => i.label === 'System Recovery & Transformation Board')!;
      assert.match(srtb.filterText!, /SRTB/);
      const place = items.find((i) => i.label === 'Lancashire Place Partnership Board')!;
      assert.match(JSON.stringify(place.documentation), /1 other paper/);
      assert.ok(srtb.sortText! < place.sortText!, 'profile committees first');
    },
  },
  {
    name: 'committee names in the committee history',
    text: at(/^  - meeting: Executive Team$/m, '  - meeting: Exe|'),
    expect: ['Executive Team', 'Lancashire Place Partnership Board'],
  },
  {
    name: 'dates: today and the meetings found in the workspace',
    text: at(/^date:.*$/m, 'date: |'),
    expect: [today(), '2024-06-12', '2024-05-22'],
    first: [today()],
  },
  {
    name: 'risk IDs from the register, quoted, with their titles',
    text: at(/^    - id: "008"$/m, '    - id: |'),
    expect: ['008', '019', '031'],
    exactly: true,
    check(items) {
      const r = items.find((i) => i.label === '031')!;
      assert.equal(r.detail, 'Workforce supply');
      assert.equal((r.textEdit as TextEdit).newText, '"031"');
      assert.match(JSON.stringify(r.documentation), /Chief People Officer/);
    },
  },
  {
    name: 'risk ID after an opening quote replaces the quotes',
    text: at(/^    - id: "008"$/m, '    - id: "0|"'),
    expect: ['008'],
    check(items, text) {
      const r = items.find((i) => i.label === '019')!;
      const out = applyTextEdits(text, [r.textEdit as TextEdit]);
      assert.match(out, /^ {4}- id: "019"$/m);
    },
  },
  {
    name: 'the register title for the id beside it',
    text: at(/^      title: System Financial Sustainability$/m, '      title: |'),
    expect: ['System Financial Sustainability'],
    exactly: true,
  },
  {
    name: 'keys missing from a risks mapping',
    text: at(/^  on_register: yes\n/m, '  |\n'),
    expect: ['on_register'],
    exclude: ['status', 'comment', 'items'],
  },
  {
    name: 'keys of a new committee history entry',
    text: at(/^conflicts_of_interest:/m, '  - |\nconflicts_of_interest:'),
    expect: ['meeting', 'date', 'outcome'],
    exactly: true,
  },
  {
    name: 'section headings the paper lacks: health inequalities first when required',
    text: paper({ date: '2024-05-08' }) + '\n## |\n',
    expect: ['Health inequalities', 'Background', 'Next steps'],
    exclude: ['Executive summary', 'Recommendations', 'Introduction'],
    first: ['Health inequalities'],
    check(items) {
      assert.match(JSON.stringify(items[0]!.documentation), /Core20PLUS5/);
      assert.equal((items.find((i) => i.label === 'Health inequalities')!.textEdit as TextEdit).newText, '## Health inequalities');
    },
  },
  {
    name: 'required sections when missing',
    text: paper({ date: '2024-05-08' }, '\n## Health inequalities\n\nText.\n\n#|\n'),
    expect: ['Executive summary', 'Recommendations'],
    exclude: ['Health inequalities'],
    first: ['Executive summary', 'Recommendations'],
  },
  {
    name: 'acronym expansion at first use',
    text: paper({}, '\n## Executive summary\n\nThe ICS|\n'),
    expect: ['ICS'],
    exclude: ['ICB', 'NHS'],
    check(items) {
      assert.equal((items[0]!.textEdit as TextEdit).newText, 'Integrated Care System (ICS)');
    },
  },
  {
    name: 'acronym already spelled out: just the acronym',
    text: paper({}, '\n## Executive summary\n\nThe Integrated Care Board (ICB) and the IC|\n'),
    expect: ['ICB', 'ICS', 'ICP'],
    check(items) {
      assert.equal((items.find((i) => i.label === 'ICB')!.textEdit as TextEdit).newText, 'ICB');
      assert.equal((items.find((i) => i.label === 'ICP')!.textEdit as TextEdit).newText, 'Integrated Care Partnership (ICP)');
    },
  },
  { name: 'nothing in ordinary prose', text: paper({}, '\n## Executive summary\n\nThe board met |\n'), expect: [], exactly: true },
];

describe('language server: completion', function () {
  this.timeout(30000);
  let dir: string;
  let client: TestClient;

  before(async () => {
    dir = workspace({
      '.boardpaper.yaml': 'risk_register: risks.csv\n',
      'risks.csv':
        'id,title,owner,score\n"008",System Financial Sustainability,Chief Finance Officer,20\n"019",NOF ratings,Chief Executive,16\n"031",Workforce supply,Chief People Officer,12\n',
      'papers/other.md': paper({ meeting: 'Lancashire Place Partnership Board', date: '2024-06-12', agenda_item: '"4"' }, BODY_2024),
      'papers/board.md': paper({ date: '2024-05-22', agenda_item: '"7"' }, BODY_2024),
    });
    client = await TestClient.start({ folders: [dir] });
    await client.until(() => client.progress.some((p) => (p as { value: { kind: string } }).value.kind === 'end'), 10000, 'indexing');
  });
  after(async () => client?.stop());

  CASES.forEach((c, i) => {
    it(c.name, async () => {
      const { text, position } = cursor(c.text);
      const u = client.open(path.join(dir, `papers/completion-${i}.md`), text);
      const res = await client.request<CompletionList | CompletionItem[] | null>('textDocument/completion', { textDocument: { uri: u }, position });
      const items = (Array.isArray(res) ? res : (res?.items ?? [])).slice().sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
      const labels = items.map((x) => x.label);
      for (const e of c.expect) assert.ok(labels.includes(e), `expected ${e} in ${JSON.stringify(labels)}`);
      for (const e of c.exclude ?? []) assert.ok(!labels.includes(e), `did not expect ${e} in ${JSON.stringify(labels)}`);
      if (c.exactly) assert.deepEqual([...labels].sort(), [...c.expect].sort());
      if (c.first) assert.deepEqual(labels.slice(0, c.first.length), c.first);
      // Every edit is on the cursor's line and ends at the cursor.
      for (const it of items) {
        const te = it.textEdit as TextEdit;
        assert.equal(te.range.start.line, position.line);
        assert.ok(te.range.end.line === position.line && te.range.end.character >= position.character);
      }
      c.check?.(items, text);
      client.close(u);
    });
  });

  it('a completed value leaves a cover sheet with no finding about it', async () => {
    const { text, position } = cursor(at(/^purpose:.*$/m, 'purpose: |'));
    const u = client.open(path.join(dir, 'papers/apply.md'), text);
    const res = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri: u }, position });
    const note = res.items.find((x) => x.label === 'note')!;
    client.applyEdits(u, [note.textEdit as TextEdit]);
    const d = await client.diagnosticsFor(u);
    assert.deepEqual(
      d.map((x) => x.code),
      [],
    );
  });
});
