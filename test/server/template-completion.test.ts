/**
 * Completion and hover follow the organisation's template (PROFILE.md v2
 * `cover_sheet`): its own fields and their values are offered, and hover
 * gives the template's label. In-process language service, a temp folder
 * with a `.boardpaper.yaml`.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CompletionItem, MarkupContent, TextEdit } from 'vscode-languageserver';
import { LanguageService, type OpenDocument } from '../../server/src/server/service/language-service';

const PROFILE = `organisation: East of England Ambulance Service NHS Trust
committees:
  - name: Trust Board
cover_sheet:
  - key: title
  - key: meeting
  - key: date
  - key: presented_by
    label: Lead Director
  - key: cqc_domains
    label: CQC domain
    type: list
    values: [Safe, Effective, Caring, Responsive, Well-led]
    required: true
  - key: board_assurance_framework
    label: Board Assurance Framework risk
    type: choice
    values: [BAF1, BAF2]
  - key: health_equity
    label: Is health equity data included in the report?
    type: assessment
`;

const CURSOR = '$0';

function run(marked: string, profile = PROFILE) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bp-template-'));
  fs.writeFileSync(path.join(dir, '.boardpaper.yaml'), profile);
  const file = path.join(dir, 'paper.md');
  const at = marked.indexOf(CURSOR);
  const text = marked.slice(0, at) + marked.slice(at + CURSOR.length);
  fs.writeFileSync(file, text);
  const doc: OpenDocument = { uri: pathToFileURL(file).href, version: 1, languageId: 'markdown', getText: () => text };
  const store = { get: (u: string) => (u === doc.uri ? doc : undefined), all: () => [doc] };
  const service = new LanguageService(store, { log: () => {}, error: () => {} }, () => new Date('2024-04-20T09:00:00Z'));
  service.configure([{ uri: pathToFileURL(dir).href, path: dir, name: 'org' }]);
  service.opened(doc);
  const before = text.slice(0, at).split('\n');
  const position = { line: before.length - 1, character: before.at(-1)!.length };
  return {
    items: (): CompletionItem[] => service.complete(doc, position, { snippets: true, asIs: true })?.items ?? [],
    hover: (): string => {
      const h = service.hover(doc, position);
      return h ? ((h.contents as MarkupContent).value ?? '') : '(no hover)';
    },
  };
}

const HEAD = '---\ntitle: Integrated Performance Report\nmeeting: Trust Board\ndate: 2024-06-18\n';
const BODY = '---\n\n## Executive summary\n\nText.\n';

describe('completion and hover follow the organisation’s template', () => {
  it('offers the own fields as keys, with the label, required first, typed snippets', () => {
    const items = run(`${HEAD}$0\n${BODY}`).items();
    const labels = items.map((i) => i.label);
    for (const k of ['cqc_domains', 'board_assurance_framework', 'health_equity', 'presented_by'])
      assert.ok(labels.includes(k), `${k} offered; got ${labels.join(', ')}`);
    const cqc = items.find((i) => i.label === 'cqc_domains')!;
    assert.equal(cqc.detail, 'required');
    assert.match(JSON.stringify(cqc.documentation), /CQC domain/);
    assert.equal((cqc.textEdit as TextEdit).newText, 'cqc_domains: [${1|Safe,Effective,Caring,Responsive,Well-led|}]');
    const he = items.find((i) => i.label === 'health_equity')!;
    assert.match((he.textEdit as TextEdit).newText, /^health_equity:\n {2}status: \$\{1\|yes,no,n\/a\|\}\n {2}comment: \$\{2:TBC\}$/);
    // A FORMAT.md key the template does not list is optional; one it lists keeps its default.
    assert.equal(items.find((i) => i.label === 'authorised_by')!.detail, 'optional');
    assert.equal(items.find((i) => i.label === 'presented_by')!.detail, 'required');
    assert.match(JSON.stringify(items.find((i) => i.label === 'presented_by')!.documentation), /Lead Director/);
    assert.ok(cqc.sortText! < items.find((i) => i.label === 'authorised_by')!.sortText!, 'required before optional');
  });

  it('offers a choice field’s values', () => {
    const labels = run(`${HEAD}board_assurance_framework: $0\n${BODY}`)
      .items()
      .map((i) => i.label);
    assert.deepEqual(labels, ['BAF1', 'BAF2']);
  });

  it('offers a list field’s values inside the brackets, leaving out those already there', () => {
    const labels = run(`${HEAD}cqc_domains: [Safe, $0]\n${BODY}`)
      .items()
      .map((i) => i.label);
    assert.deepEqual(labels, ['Effective', 'Caring', 'Responsive', 'Well-led']);
    // However they are written there: "Well Led" is Well-led, "safe" is Safe.
    const again = run(`${HEAD}cqc_domains: [safe, Well Led, $0]\n${BODY}`)
      .items()
      .map((i) => i.label);
    assert.deepEqual(again, ['Effective', 'Caring', 'Responsive']);
  });

  it('offers the status of an own assessment', () => {
    const labels = run(`${HEAD}health_equity:\n  status: $0\n${BODY}`)
      .items()
      .map((i) => i.label);
    assert.deepEqual(labels, ['yes', 'no', 'n/a']);
  });

  it('hover on an own field gives its label, requiredness, type and values', () => {
    const h = run(`${HEAD}cqc_$0domains: [Safe]\n${BODY}`).hover();
    assert.match(h, /^\*\*CQC domain\*\* — `cqc_domains` \(required, list\) on East of England Ambulance Service NHS Trust's cover sheet/);
    assert.match(h, /Values: `Safe`, `Effective`, `Caring`, `Responsive`, `Well-led`/);
    // A field the template gained on a date says from when.
    const gained = PROFILE.replace('    required: true\n', '    required_from: 2025-04-01\n');
    assert.notEqual(gained, PROFILE);
    assert.match(run(`${HEAD}cqc_$0domains: [Safe]\n${BODY}`, gained).hover(), /`cqc_domains` \(required from the meeting of 2025-04-01, list\)/);
    // A follow-up question says after which answer it is asked.
    const followUp = PROFILE.replace('    required: true\n', '    required_if: { board_assurance_framework: [BAF1, BAF2] }\n');
    assert.notEqual(followUp, PROFILE);
    assert.match(
      run(`${HEAD}cqc_$0domains: [Safe]\n${BODY}`, followUp).hover(),
      /`cqc_domains` \(required when Board Assurance Framework risk is answered BAF1 or BAF2, list\)/,
    );
  });

  it('offers a date in a list for a field of one or more dates', () => {
    const dates = PROFILE.replace('cover_sheet:\n', 'cover_sheet:\n  - key: committee_date\n    label: Committee Date\n    type: dates\n');
    const item = run(`${HEAD}committee_d$0\n${BODY}`, dates)
      .items()
      .find((i) => i.label === 'committee_date');
    assert.ok(item, 'committee_date is offered');
    assert.match(JSON.stringify(item), /committee_date: \[\$\{1:YYYY-MM-DD\}\]/);
  });

  it('hover on a renamed FORMAT.md field gives the template’s label', () => {
    const h = run(`${HEAD}presented$0_by: Director of Operations\n${BODY}`).hover();
    assert.match(h, /^\*\*Lead Director\*\* — `presented_by` \(required\)/);
  });

  // Northern Lincolnshire and Goole's template: yes / no / N/A questions with no comment box, a history with no outcome column.
  const YES_NO = `organisation: Northern Lincolnshire and Goole NHS Foundation Trust
cover_sheet:
  - key: title
  - key: meeting
  - key: date
  - key: financial_implications
    label: Are there any financial consequences arising from the recommendations?
    type: yes-no-na
  - key: committee_history
    label: Report previously considered by & date(s)
    outcome: false
`;

  it('a bare yes / no / N/A assessment completes as one answer, and a history with no outcome column as meeting and date', () => {
    const items = run(
      `${HEAD}$0
${BODY}`,
      YES_NO,
    ).items();
    const fin = items.find((i) => i.label === 'financial_implications')!;
    assert.equal((fin.textEdit as TextEdit).newText, 'financial_implications: ${1|yes,no,n/a|}');
    const hist = items.find((i) => i.label === 'committee_history')!;
    assert.doesNotMatch((hist.textEdit as TextEdit).newText, /outcome/);
    assert.match((hist.textEdit as TextEdit).newText, /meeting: \$\{1\}\n {4}date: \$\{2:YYYY-MM-DD\}$/);
    const inEntry = run(`${HEAD}committee_history:\n  - meeting: Audit Committee\n    $0\n${BODY}`, YES_NO)
      .items()
      .map((i) => i.label);
    assert.ok(inEntry.includes('date') && !inEntry.includes('outcome'), `date offered, outcome not; got ${inEntry.join(', ')}`);
    // The default template still offers the outcome.
    const dflt = run(`${HEAD}committee_history:\n  - meeting: Audit Committee\n    $0\n${BODY}`, 'organisation: X\n')
      .items()
      .map((i) => i.label);
    assert.ok(dflt.includes('outcome'), `outcome offered by default; got ${dflt.join(', ')}`);
  });

  it('several purposes (type: list): those not given yet, in a one-line list and in a block list', () => {
    const LIST = 'organisation: Oxford Health\ncover_sheet:\n  - key: title\n  - key: purpose\n    label: For\n    type: list\n';
    const flow = run(`${HEAD}purpose: [assure, $0]\n${BODY}`, LIST)
      .items()
      .map((i) => i.label);
    assert.ok(flow.includes('approve') && !flow.includes('assure'), `approve offered, assure not; got ${flow.join(', ')}`);
    const block = run(`${HEAD}purpose:\n  - assure\n  - $0\n${BODY}`, LIST)
      .items()
      .map((i) => i.label);
    assert.ok(block.includes('approve') && !block.includes('assure'), `approve offered, assure not; got ${block.join(', ')}`);
  });

  it('objectives already listed by name or number are not offered again', () => {
    const NAMED =
      'organisation: Leeds\nstrategic_objectives:\n  The best place to work: The best place to work\n  Financial sustainability: Financial sustainability\n  3: Research\n';
    const labels = run(`${HEAD}strategic_objectives:\n  - The best place to work\n  - 3\n  - $0\n${BODY}`, NAMED)
      .items()
      .map((i) => i.label);
    assert.deepEqual(labels, ['Financial sustainability']);
  });

  it('hover on a key neither the format nor the template knows says so', () => {
    const h = run(`${HEAD}cqc_rat$0ing: Good\n${BODY}`).hover();
    assert.match(h, /`cqc_rating` is not a cover-sheet key of the board paper format or of East of England Ambulance Service NHS Trust's template/);
  });
});
