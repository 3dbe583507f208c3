/**
 * The cover sheet follows the organisation's template (PROFILE.md v2): the
 * renderer-neutral layout (render/cover-layout.ts) gives its fields, labels
 * and order, own fields included, and the HTML draws them in that order.
 * The built-in template's layout is unchanged (render.test.ts).
 */
import * as assert from 'node:assert/strict';
import { parsePaper } from '../../server/src/core/paper';
import { DEFAULT_PROFILE, mergeProfile } from '../../server/src/core/profile';
import { coverSheetLayout } from '../../server/src/render/cover-layout';
import { coverSheetHtml, coverSheetModel } from '../../server/src/render';

const PROFILE = mergeProfile(DEFAULT_PROFILE, {
  organisation: 'East of England Ambulance Service NHS Trust',
  committees: [{ name: 'Trust Board' }],
  cover_sheet: [
    { key: 'date' },
    { key: 'title' },
    { key: 'presented_by', label: 'Lead Director' },
    { key: 'agenda_item', label: 'Paper reference' },
    { key: 'purpose' },
    { key: 'cqc_domains', label: 'CQC domain', type: 'list', values: ['Safe', 'Effective', 'Caring', 'Responsive', 'Well-led'] },
    { key: 'health_equity', label: 'Is health equity data included in the report?', type: 'assessment' },
    { key: 'risks', label: 'Link to strategic risks' },
    { key: 'review_date', label: 'Date of next review', type: 'date' },
    { key: 'impact_assessments.equality', label: 'Equality impact assessment' },
  ],
});

const TEXT = `---
title: Integrated Performance Report
meeting: Trust Board
date: 2024-06-18
agenda_item: "TB/24/07"
presented_by: Kevin Brown, Director of Operations
author: Performance team
purpose: assure
cqc_domains: [Safe, Responsive]
health_equity:
  status: yes
  comment: Response times by deprivation quintile are in section 4
risks:
  status: yes
  comment: BAF risk 2, handover delays
review_date: 2024-09-17
conflicts_of_interest: None declared
---

## Executive summary

Text.
`;

describe('the cover sheet follows the organisation’s template', () => {
  const model = coverSheetModel(parsePaper(TEXT), PROFILE);

  it('the layout: the template’s fields, labels and order, then the unlisted FORMAT.md fields the paper gives', () => {
    const layout = coverSheetLayout(model);
    const flat = layout.blocks.flatMap((b) =>
      b.kind === 'facts'
        ? b.rows.map((r) => `fact ${r.key}: ${r.label} = ${r.value ?? '(not stated)'}`)
        : b.kind === 'assessments'
          ? b.rows.map((r) => `assessment[${b.label}] ${r.key}: ${r.label} = ${r.status ?? '-'}`)
          : [`${b.kind} ${b.key}: ${b.label}`],
    );
    assert.deepEqual(flat, [
      'fact date: Date of meeting = 18 June 2024',
      'fact title: Title of paper = Integrated Performance Report',
      'fact presented_by: Lead Director = Kevin Brown, Director of Operations',
      'fact agenda_item: Paper reference = TB/24/07',
      'fact purpose: Purpose = For assurance',
      'fact cqc_domains: CQC domain = Safe, Responsive',
      'assessment[Assessments] health_equity: Is health equity data included in the report? = yes',
      'assessment[Implications] risks: Link to strategic risks = yes',
      'fact review_date: Date of next review = 17 September 2024',
      'assessment[Impact assessments] impact_assessments.equality: Equality impact assessment = -',
      // Not on this template, but the paper gives them: shown after, in the format's order.
      'fact author: Author = Performance team',
      'text conflicts_of_interest: Conflicts of interest associated with this report',
    ]);
    assert.equal(layout.meeting, 'Trust Board');
    assert.equal(layout.organisation, 'East of England Ambulance Service NHS Trust');
    assert.deepEqual(coverSheetLayout(model, PROFILE), layout, 'the profile given decides the same');
  });

  it('the HTML draws the template’s labels in its order, and none of the built-in template’s missing lines', () => {
    const html = coverSheetHtml(model);
    const labels = [
      'Date of meeting',
      'Title of paper',
      'Lead Director',
      'Paper reference',
      'Purpose',
      'CQC domain',
      'Is health equity data included in the report?',
      'Link to strategic risks',
      'Date of next review',
      'Equality impact assessment',
      'Author',
    ];
    let at = -1;
    for (const l of labels) {
      const i = html.indexOf(l, at + 1);
      assert.ok(i > at, `"${l}" after the previous label`);
      at = i;
    }
    for (const absent of ['Report authorised by', 'Presented by', 'Quality impact assessment', 'Data privacy impact assessment', 'Which strategic objective/s'])
      assert.ok(!html.includes(absent), `no "${absent}"`);
  });

  it('a template whose "previously considered by" records no outcome has no Outcomes column (never "Not stated" for it)', () => {
    const nlg = mergeProfile(DEFAULT_PROFILE, {
      cover_sheet: [{ key: 'title' }, { key: 'date' }, { key: 'committee_history', label: 'Report previously considered by & date(s)', outcome: false }],
    });
    const m = coverSheetModel(
      parsePaper(
        '---\ntitle: BAF review\nmeeting: Integrated Care Board\ndate: 2016-03-29\ncommittee_history:\n  - meeting: Audit Committee\n    date: 2016-03-17\n---\n',
      ),
      nlg,
    );
    const history = coverSheetLayout(m).blocks.find((b) => b.kind === 'history');
    assert.equal(history?.kind === 'history' && history.outcomes, false);
    const html = coverSheetHtml(m);
    const table = html.slice(html.indexOf('<table class="cs-history">'), html.indexOf('</table>', html.indexOf('<table class="cs-history">')));
    assert.match(table, /Report previously considered by &amp; date\(s\)/);
    assert.match(table, /Audit Committee/);
    assert.ok(!table.includes('Outcomes'), table);
    assert.ok(!table.includes('Not stated'), table);
    // With outcomes (the built-in template) the column is there.
    const builtin = coverSheetHtml(
      coverSheetModel(parsePaper('---\ntitle: T\ncommittee_history:\n  - meeting: Audit Committee\n    date: 2016-03-17\n---\n'), DEFAULT_PROFILE),
    );
    assert.ok(builtin.includes('<th>Outcomes</th>'));
  });

  it('a field the template gained after the meeting (required_from) is drawn only when the paper gives it', () => {
    const gained = mergeProfile(DEFAULT_PROFILE, {
      cover_sheet: [
        { key: 'title' },
        { key: 'date' },
        { key: 'assurance', required_from: '2025-04-01' },
        { key: 'cqc_domains', label: 'CQC domain', type: 'list', values: ['Safe', 'Well-led'], required_from: '2025-04-01' },
        { key: 'health_equity', label: 'Health equity', type: 'assessment', required_from: '2025-04-01' },
      ],
    });
    const rows = (date: string, extra = '') =>
      coverSheetLayout(coverSheetModel(parsePaper(`---\ntitle: BAF review\nmeeting: Trust Board\ndate: ${date}\n${extra}---\n`), gained)).blocks.flatMap((b) =>
        b.kind === 'facts' ? b.rows.map((r) => `${r.key}${r.required ? ' (required)' : ''}`) : b.kind === 'assessments' ? b.rows.map((r) => r.key) : [b.kind],
      );
    assert.deepEqual(rows('2025-03-31'), ['title (required)', 'date (required)']);
    assert.deepEqual(rows('2025-04-01'), ['title (required)', 'date (required)', 'assurance (required)', 'cqc_domains (required)', 'health_equity']);
    // Given on an earlier paper: drawn, not asked.
    assert.deepEqual(rows('2025-03-31', 'cqc_domains: [Safe]\nhealth_equity:\n  status: n/a\n  comment: Not applicable\n'), [
      'title (required)',
      'date (required)',
      'cqc_domains',
      'health_equity',
    ]);
    const html = coverSheetHtml(coverSheetModel(parsePaper('---\ntitle: BAF review\nmeeting: Trust Board\ndate: 2025-03-31\n---\n'), gained));
    assert.ok(!html.includes('CQC domain') && !html.includes('Health equity') && !html.includes('Level of assurance'), html);
  });

  it('a follow-up question (required_if) is "Not stated" only after the answer it follows', () => {
    const followUp = mergeProfile(DEFAULT_PROFILE, {
      cover_sheet: [
        { key: 'title' },
        { key: 'financial_implications', label: 'Financial consequences?', type: 'yes-no-na' },
        { key: 'funding_agreed', label: 'If yes, agreed with the budget holder?', type: 'yes-no-na', required_if: { financial_implications: 'yes' } },
      ],
    });
    const rows = (extra: string) =>
      coverSheetLayout(coverSheetModel(parsePaper(`---\ntitle: Ward refurbishment\n${extra}---\n`), followUp)).blocks.flatMap((b) =>
        b.kind === 'facts'
          ? b.rows.map((r) => `${r.key}${r.required ? ' (required)' : ''}`)
          : b.kind === 'assessments'
            ? b.rows.map((r) => `${r.key}`)
            : [b.kind],
      );
    assert.ok(rows('financial_implications: "YES"\n').includes('funding_agreed (required)'));
    assert.ok(rows('financial_implications: "NO"\n').includes('funding_agreed'));
    assert.ok(!rows('financial_implications: "NO"\n').includes('funding_agreed (required)'));
    const html = (extra: string) => coverSheetHtml(coverSheetModel(parsePaper(`---\ntitle: Ward refurbishment\n${extra}---\n`), followUp));
    const notStated = (h: string) => (h.match(/Not stated/g) ?? []).length;
    assert.equal(
      notStated(html('financial_implications: "YES"\n')) - notStated(html('financial_implications: "NO"\n')),
      1,
      'only the asked follow-up is Not stated',
    );
  });

  it('the built-in profile keeps the built-in layout', () => {
    const m = coverSheetModel(parsePaper(TEXT), DEFAULT_PROFILE);
    assert.equal(m.template, undefined);
    assert.deepEqual(coverSheetLayout(m, DEFAULT_PROFILE), coverSheetLayout(m));
    assert.ok(coverSheetHtml(m).includes('Report authorised by'));
  });
});
