/** The pure agenda core: parse, readiness, agenda from papers, the five rules. */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { readCoverSheet } from '../../server/src/core/cover-sheet';
import { DEFAULT_PROFILE, mergeProfile, type Profile } from '../../server/src/core/profile';
import {
  agendaFromPapers,
  agendaReadiness,
  checkAgenda,
  isNearMiss,
  meetingSettings,
  parseAgenda,
  workingDaysBefore,
  workingDaysBetween,
  type AgendaPaper,
} from '../../server/src/core/agenda';

function paper(file: string, fields: Record<string, string>, errors = 0, warnings = 0, profile?: Profile): AgendaPaper {
  const yaml = Object.entries(fields)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');
  return { file, cover: readCoverSheet(`---\n${yaml}\n---\n\nBody.\n`), errors, warnings, ...(profile ? { profile } : {}) };
}

const AGENDA = `meeting: ICB Board
date: 2024-05-08
time: "13:00"
items:
  - item: "1"
    title: Welcome
    kind: verbal
    presenter: Chair
  - item: "4"
    title: Minutes of the previous meeting
    kind: document
    file: minutes.md
  - item: "9"
    title: 2024/25 Financial Plan
    presenter: Chief Finance Officer
  - item: "10"
    title: Quality report
  - item: "14"
    title: Patient transport contract
    confidential: true
`;

const base = { meeting: 'Integrated Care Board', date: '2024-05-08', presented_by: 'Sam Proctor, Chief Finance Officer' };
const P9 = paper('09-plan.md', { ...base, title: '2024/25 Financial Plan', agenda_item: '"9"', confidential: 'false', purpose: 'approve' });
const P14 = paper('part2/14.md', { ...base, title: 'Patient transport contract', agenda_item: '14', confidential: 'true' }, 1, 0);
const P12 = paper('12-extra.md', { ...base, title: 'Extra', agenda_item: '"12"', confidential: 'false' }, 0, 2);
const OTHER = paper('other.md', { ...base, meeting: 'Audit Committee', title: 'Audit', agenda_item: '"10"', confidential: 'false' });

describe('agenda core', () => {
  describe('working days', () => {
    it('counts Monday to Friday back from the meeting', () => {
      // Wed 8 May 2024 - 7 working days = Mon 29 April
      assert.equal(workingDaysBefore('2024-05-08', 7), '2024-04-29');
      assert.equal(workingDaysBefore('2024-05-06', 1), '2024-05-03'); // Monday -> Friday
      assert.equal(workingDaysBefore('2024-05-08', 0), '2024-05-08');
      assert.equal(workingDaysBefore('2024-02-30', 3), undefined);
    });
    it('counts working days after a date up to today', () => {
      assert.equal(workingDaysBetween('2024-04-26', '2024-04-29'), 1); // Fri -> Mon
      assert.equal(workingDaysBetween('2024-04-26', '2024-04-27'), 0); // Fri -> Sat
      assert.equal(workingDaysBetween('2024-04-26', '2024-05-10'), 10);
      assert.equal(workingDaysBetween('2024-04-29', '2024-04-29'), 0);
    });
  });

  describe('parseAgenda', () => {
    it('reads the meeting (alias resolved), date, items and the default papers-due date', () => {
      const { agenda, problems } = parseAgenda(AGENDA, DEFAULT_PROFILE);
      assert.deepEqual(problems, []);
      assert.equal(agenda.meeting, 'ICB Board');
      assert.equal(agenda.committee, 'Integrated Care Board');
      assert.equal(agenda.date, '2024-05-08');
      assert.equal(agenda.time, '13:00');
      assert.equal(agenda.papersDue, '2024-04-29');
      assert.equal(agenda.papersDueWritten, false);
      assert.deepEqual(
        agenda.items.map((i) => [i.item, i.kind, i.confidential]),
        [
          ['1', 'verbal', false],
          ['4', 'document', false],
          ['9', 'paper', false],
          ['10', 'paper', false],
          ['14', 'paper', true],
        ],
      );
      const nine = agenda.items[2]!;
      assert.equal(AGENDA.slice(nine.keys!.title!.start, nine.keys!.title!.end), '2024/25 Financial Plan');
    });
    it('takes papers_due_working_days from the profile and papers_due from the file', () => {
      const p = mergeProfile(DEFAULT_PROFILE, { papers_due_working_days: 3 });
      assert.equal(parseAgenda(AGENDA, p).agenda.papersDue, '2024-05-03');
      assert.equal(parseAgenda(AGENDA.replace('time:', 'papers_due: 2024-04-26\ntime:'), p).agenda.papersDue, '2024-04-26');
    });
    it('reports what breaks the format, on its line, and never throws', () => {
      const bad = `meeting: Integrated Care Board
date: 2024-13-01
presentor: x
items:
  - item: "1"
    title: A
    kind: talk
  - title: No number
  - item: "1"
    title: Twice
    file: ../secret.md
    confidential: maybe
`;
      const { problems, lines } = parseAgenda(bad, DEFAULT_PROFILE);
      const got = problems.map((p) => `${lines.lineOf(p.range.start) + 1}: ${p.message}`);
      assert.equal(got.length, 7, got.join('\n'));
      assert.match(got[0]!, /^2: date "2024-13-01" is not a real date/);
      assert.ok(got.some((g) => /^3: unknown agenda key "presentor"/.test(g)));
      assert.ok(got.some((g) => /^7: unknown kind "talk"/.test(g)));
      assert.ok(got.some((g) => /^8: this agenda item has no item number/.test(g)));
      assert.ok(got.some((g) => /^9: item "1" is listed twice/.test(g)));
      assert.ok(got.some((g) => /^11: file "\.\.\/secret\.md" lies outside/.test(g)));
      assert.ok(got.some((g) => /^12: confidential must be true/.test(g)));
      for (const text of ['', 'items: [', '- a\n- b\n', 'meeting: [1]\ndate: {a: 1}\nitems: 3\n', '\ufeffmeeting: x\nitems:\n  - 3\n  - [a]\n']) {
        const r = parseAgenda(text, DEFAULT_PROFILE);
        assert.ok(r.problems.length > 0, JSON.stringify(text));
        for (const p of r.problems) assert.ok(p.range.start >= 0 && p.range.end <= text.length);
      }
    });
  });

  describe('agendaReadiness', () => {
    const { agenda } = parseAgenda(AGENDA, DEFAULT_PROFILE);
    const minutes = { file: 'minutes.md', cover: readCoverSheet('# Minutes\n'), errors: 0, warnings: 0 };
    const papers = [P9, P14, P12, OTHER, minutes];

    it('matches paper items by meeting, date and agenda item, and gives each item its state', () => {
      const r = agendaReadiness(agenda, papers, { profile: DEFAULT_PROFILE, today: '2024-04-29' });
      assert.deepEqual(
        r.items.map((i) => [i.item.item, i.state, i.paper?.file]),
        [
          ['1', 'verbal', undefined],
          ['4', 'document', 'minutes.md'],
          ['9', 'received', '09-plan.md'],
          ['10', 'missing', undefined], // the Audit Committee's item 10 is not ours
          ['14', 'findings', 'part2/14.md'],
        ],
      );
      assert.equal(r.items[4]!.errors, 1);
      assert.deepEqual(
        r.notOnAgenda.map((p) => p.file),
        ['12-extra.md'],
      );
      assert.equal(r.ready, false);
    });
    it('is overdue by working days after papers_due', () => {
      const r = agendaReadiness(agenda, papers, { profile: DEFAULT_PROFILE, today: '2024-05-02' });
      const ten = r.items[3]!;
      assert.equal(ten.state, 'overdue');
      assert.equal(ten.overdueDays, 3);
      const sat = agendaReadiness(agenda, papers, { profile: DEFAULT_PROFILE, today: '2024-04-27' }).items[3]!;
      assert.equal(sat.state, 'missing', 'the day before the deadline');
    });
    it('splits Part 1 and Part 2: an item the agenda marks, or a paper that is not plainly public', () => {
      const noFlag = parseAgenda(AGENDA.replace('    confidential: true\n', ''), DEFAULT_PROFILE).agenda;
      for (const a of [agenda, noFlag]) {
        const r = agendaReadiness(a, papers, { profile: DEFAULT_PROFILE, today: '2024-04-01' });
        assert.deepEqual(
          r.part2.map((i) => i.item.item),
          ['14'],
        );
        assert.deepEqual(
          r.part1.map((i) => i.item.item),
          ['1', '4', '9', '10'],
        );
      }
      const unsure = paper('09-plan.md', { ...base, title: 'x', agenda_item: '"9"', confidential: 'yes' });
      const r = agendaReadiness(agenda, [unsure], { profile: DEFAULT_PROFILE, today: '2024-04-01' });
      assert.equal(r.items[2]!.confidential, true, 'confidential: yes fails closed');
    });
    it('is ready when every paper item is received with no error', () => {
      const one = parseAgenda(
        'meeting: Board\ndate: 2024-05-08\nitems:\n  - item: "9"\n    title: Plan\n  - item: "1"\n    title: Welcome\n    kind: verbal\n',
        DEFAULT_PROFILE,
      ).agenda;
      assert.equal(agendaReadiness(one, [P9], { profile: DEFAULT_PROFILE, today: '2024-06-01' }).ready, true);
      const warned = paper('09-plan.md', { ...base, title: 'Plan', agenda_item: '"9"', confidential: 'false' }, 0, 3);
      const r = agendaReadiness(one, [warned], { profile: DEFAULT_PROFILE, today: '2024-06-01' });
      assert.equal(r.items[0]!.state, 'findings');
      assert.equal(r.ready, true, 'warnings do not stop the meeting');
      assert.equal(agendaReadiness(one, [], { profile: DEFAULT_PROFILE, today: '2024-06-01' }).ready, false);
    });
  });

  describe('agendaFromPapers', () => {
    it('puts the standing items around the papers in agenda order, without numbers', () => {
      const a = agendaFromPapers([P14, P12, P9, OTHER], { meeting: 'Board', date: '2024-05-08', profile: DEFAULT_PROFILE });
      const standing = meetingSettings(DEFAULT_PROFILE).standingItems;
      assert.equal(a.committee, 'Integrated Care Board');
      assert.equal(a.source, 'papers');
      assert.deepEqual(
        a.items.map((i) => [i.item, i.standing ?? false, i.confidential]),
        [
          ...standing.filter((s) => s.at === 'start').map(() => ['', true, false]),
          ['9', false, false],
          ['12', false, false],
          ['14', false, true],
          ...standing.filter((s) => s.at === 'end').map(() => ['', true, false]),
        ],
      );
      const r = agendaReadiness(a, [P14, P12, P9], { profile: DEFAULT_PROFILE, today: '2024-04-01' });
      assert.deepEqual(r.notOnAgenda, []);
      assert.deepEqual(
        r.part2.map((i) => i.paper?.file),
        ['part2/14.md'],
      );
    });
    it("uses a committee's own standing items", () => {
      const p = mergeProfile(DEFAULT_PROFILE, {
        committees: [{ name: 'Audit Committee', standing_items: [{ title: 'Private meeting with auditors', at: 'end' }] }],
      });
      const a = agendaFromPapers([OTHER], { meeting: 'Audit Committee', date: '2024-05-08', profile: p });
      assert.deepEqual(
        a.items.map((i) => i.title),
        ['Audit', 'Private meeting with auditors'],
      );
    });
  });

  describe('meeting names', () => {
    const yes = ['Intergrated Care Board', 'Integrated Care Board meeting', 'ICB Board (Part 1)', 'Integrated Care Boards', 'Board of the ICB'];
    const no = ['Audit Committee', 'Quality Committee', 'Provider Board', 'Integrated Care Partnership', 'Audit Board', 'Integrated Care Board'];
    for (const n of yes)
      it(`"${n}" is a near miss for the Integrated Care Board`, () => assert.equal(isNearMiss(n, 'Integrated Care Board', DEFAULT_PROFILE), true));
    for (const n of no) it(`"${n}" is not`, () => assert.equal(isNearMiss(n, 'Integrated Care Board', DEFAULT_PROFILE), false));
  });

  describe('checkAgenda', () => {
    it('reports the five rules on the agenda file, with the profile deciding severities', () => {
      const text = AGENDA.replace('presenter: Chief Finance Officer', 'presenter: Director of Nursing\n    purpose: note').replace(
        'kind: document\n    file: minutes.md',
        'kind: document\n    file: gone.md',
      );
      const parsed = parseAgenda(text, DEFAULT_PROFILE);
      const near = paper('near.md', { ...base, meeting: 'Intergrated Care Board', title: 'Near', agenda_item: '"11"', confidential: 'false' });
      const conflict = paper('part2/14.md', { ...base, title: 'Patient transport contract', agenda_item: '14', confidential: 'false' });
      const { findings } = checkAgenda(parsed, [P9, conflict, P12, near], {
        profile: DEFAULT_PROFILE,
        today: '2024-05-01',
        files: new Set(['09-plan.md', 'part2/14.md', '12-extra.md', 'near.md']),
        strict: true,
      });
      const got = findings.map((f) => `${parsed.lines.lineOf(f.range.start) + 1} ${f.rule}:${f.severity}`);
      assert.deepEqual(got, [
        '1 meeting-name-near-miss:warning',
        '4 paper-not-on-agenda:warning',
        '12 agenda-syntax:error',
        '15 agenda-paper-mismatch:warning', // presenter
        '16 agenda-paper-mismatch:warning', // purpose
        '17 agenda-paper-missing:error',
        '21 agenda-paper-mismatch:error', // confidentiality
      ]);
      const missing = findings.find((f) => f.rule === 'agenda-paper-missing')!;
      assert.match(missing.message, /overdue by 2 working days \(papers were due 2024-04-29\)/);
      for (const f of findings) {
        assert.ok(!f.message.includes('Patient transport'), 'no Part 2 title in a message');
        assert.ok(!f.message.includes('Sam Proctor'), 'no names in a message');
      }
      const p = mergeProfile(DEFAULT_PROFILE, { rules: { 'agenda-paper-mismatch': 'off', 'agenda-paper-missing': 'warning' } });
      const again = checkAgenda(parseAgenda(text, p), [P9, conflict, P12, near], { profile: p, today: '2024-05-01', strict: true }).findings;
      assert.ok(!again.some((f) => f.rule === 'agenda-paper-mismatch'));
      assert.equal(again.find((f) => f.rule === 'agenda-paper-missing')!.severity, 'warning');
      assert.ok(!again.some((f) => f.rule === 'agenda-syntax'), 'with no file list, no file is said not to exist');
    });
    it('only agenda-syntax speaks when the file does not parse', () => {
      const parsed = parseAgenda('meeting: [\n', DEFAULT_PROFILE);
      const { findings } = checkAgenda(parsed, [P9], { profile: DEFAULT_PROFILE, today: '2024-05-01', strict: true });
      assert.deepEqual(
        findings.map((f) => f.rule),
        ['agenda-syntax'],
      );
    });
  });
});

describe('agenda core on any input', () => {
  const keyLine = fc.constantFrom(
    'meeting: ',
    'date: ',
    'items:',
    '  - item: ',
    '    title: ',
    '    kind: ',
    '    file: ',
    '    confidential: ',
    '    presenter: ',
    'papers_due: ',
    '  - ',
    '    ',
  );
  const value = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom('"9"', 'ICB Board', '2024-05-08', 'true', 'paper', '../x.md', '[a, b]', '{a: 1}', '*x', '&x y', '|', '>-', "'", '"'),
  );
  const agendaText = fc
    .tuple(
      fc.array(
        fc.tuple(keyLine, value).map(([k, v]) => k + v),
        { maxLength: 20 },
      ),
      fc.constantFrom('\n', '\r\n', '\r'),
    )
    .map(([l, eol]) => l.join(eol));
  it('never throws, and every problem and finding lies inside the text', () => {
    fc.assert(
      fc.property(fc.oneof(agendaText, fc.string({ maxLength: 200 })), (text) => {
        const parsed = parseAgenda(text, DEFAULT_PROFILE);
        for (const p of parsed.problems) assert.ok(p.range.start >= 0 && p.range.start <= p.range.end && p.range.end <= text.length);
        const { findings, readiness } = checkAgenda(parsed, [P9, P14, P12, OTHER], {
          profile: DEFAULT_PROFILE,
          today: '2024-05-01',
          files: new Set(['09-plan.md']),
          strict: true,
        });
        for (const f of findings) assert.ok(f.range.start >= 0 && f.range.start <= f.range.end && f.range.end <= text.length, f.rule);
        assert.equal(readiness.items.length, parsed.agenda.items.length);
      }),
      { numRuns: 400 },
    );
  });
});
