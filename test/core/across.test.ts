/**
 * Checks across papers (core/across.ts): duplicate-agenda-item.
 */
import * as assert from 'node:assert/strict';
import { checkAcrossPapers, type AcrossEntry } from '../../server/src/core/across';
import { parsePaper, type Paper } from '../../server/src/core/paper';
import { DEFAULT_PROFILE, type Profile } from '../../server/src/core/profile';
import { analyze } from '../../server/src/core/analyze';
import { readCoverSheet } from '../../server/src/core/cover-sheet';

function paper(cover: Record<string, string>, body = '\n## Executive summary\n\nText.\n'): string {
  const lines = ['---', 'title: A paper'];
  for (const [k, v] of Object.entries(cover)) lines.push(`${k}: ${v}`);
  lines.push('---', '');
  return lines.join('\n') + body;
}

function entry(key: string, text: string, profile: Profile = DEFAULT_PROFILE): AcrossEntry & { paper: Paper } {
  return { key, paper: parsePaper(text), profile };
}

function rulesOf(result: Map<string, { rule: string }[]>, key: string): string[] {
  return (result.get(key) ?? []).map((f) => f.rule);
}

describe('checkAcrossPapers: duplicate-agenda-item', () => {
  it('flags both papers of a clash (alias resolved, quoted "10" = plain 10) and not the third', () => {
    const a = entry('papers/10-recovery.md', paper({ meeting: 'Integrated Care Board', date: '2024-05-08', agenda_item: '"10"' }));
    const b = entry('papers/10-dental.md', paper({ meeting: 'ICB Board', date: '2024-05-08', agenda_item: '10' }));
    const c = entry('papers/11-finance.md', paper({ meeting: 'Integrated Care Board', date: '2024-05-08', agenda_item: '"11"' }));
    const result = checkAcrossPapers([a, b, c]);
    assert.deepEqual(rulesOf(result, a.key), ['duplicate-agenda-item']);
    assert.deepEqual(rulesOf(result, b.key), ['duplicate-agenda-item']);
    assert.deepEqual(rulesOf(result, c.key), []);
    const fa = result.get(a.key)![0]!;
    assert.equal(fa.severity, 'warning');
    assert.ok(fa.message.includes('papers/10-dental.md'), fa.message);
    assert.ok(!fa.message.includes('papers/10-recovery.md'), 'names the other file, not itself');
    assert.ok(result.get(b.key)![0]!.message.includes('papers/10-recovery.md'));
    // Paper-wide: on the title: line (FORMAT.md).
    assert.equal(fa.paperWide, true);
    assert.equal(a.paper.lines.lineOf(fa.range.start), 1);
    assert.equal(a.paper.text.slice(fa.range.start, fa.range.end), 'title');
  });

  it('names every other paper when three share an item', () => {
    const keys = ['a.md', 'b.md', 'c.md'];
    const result = checkAcrossPapers(keys.map((k) => entry(k, paper({ meeting: 'SRTB', date: '2024-05-08', agenda_item: '"4"' }))));
    const msg = result.get('a.md')![0]!.message;
    assert.ok(msg.includes('b.md') && msg.includes('c.md'), msg);
  });

  it('compares agenda items as written: 10.1 and 10.10 differ, "10.10" and 10.10 do not', () => {
    const result = checkAcrossPapers([
      entry('x.md', paper({ meeting: 'Integrated Care Board', date: '2024-05-08', agenda_item: '10.1' })),
      entry('y.md', paper({ meeting: 'Integrated Care Board', date: '2024-05-08', agenda_item: '10.10' })),
    ]);
    assert.deepEqual(rulesOf(result, 'x.md'), []);
    assert.deepEqual(rulesOf(result, 'y.md'), []);
    const same = checkAcrossPapers([
      entry('x.md', paper({ meeting: 'Integrated Care Board', date: '2024-05-08', agenda_item: '"10.10"' })),
      entry('y.md', paper({ meeting: 'Integrated Care Board', date: '2024-05-08', agenda_item: '10.10' })),
    ]);
    assert.deepEqual(rulesOf(same, 'x.md'), ['duplicate-agenda-item']);
    assert.deepEqual(rulesOf(same, 'y.md'), ['duplicate-agenda-item']);
  });

  it('needs the same meeting and the same date', () => {
    const result = checkAcrossPapers([
      entry('a.md', paper({ meeting: 'Integrated Care Board', date: '2024-05-08', agenda_item: '"10"' })),
      entry('b.md', paper({ meeting: 'Integrated Care Board', date: '2024-06-12', agenda_item: '"10"' })),
      entry('c.md', paper({ meeting: 'Quality Committee', date: '2024-05-08', agenda_item: '"10"' })),
    ]);
    for (const k of ['a.md', 'b.md', 'c.md']) assert.deepEqual(rulesOf(result, k), [], k);
  });

  it('matches a meeting the profile does not know by its normalised name', () => {
    const result = checkAcrossPapers([
      entry('a.md', paper({ meeting: 'Blackpool Place Board', date: '2024-05-08', agenda_item: '"3"' })),
      entry('b.md', paper({ meeting: 'blackpool place  board', date: '2024-05-08', agenda_item: '"3"' })),
    ]);
    assert.deepEqual(rulesOf(result, 'a.md'), ['duplicate-agenda-item']);
    assert.deepEqual(rulesOf(result, 'b.md'), ['duplicate-agenda-item']);
  });

  it('skips placeholders, missing values and invalid dates', () => {
    const result = checkAcrossPapers([
      entry('a.md', paper({ meeting: 'Integrated Care Board', date: '2024-05-08', agenda_item: '"TBC"' })),
      entry('b.md', paper({ meeting: 'Integrated Care Board', date: '2024-05-08', agenda_item: 'TBC' })),
      entry('c.md', paper({ meeting: 'Integrated Care Board', date: '2024-02-30', agenda_item: '"7"' })),
      entry('d.md', paper({ meeting: 'Integrated Care Board', date: '2024-02-30', agenda_item: '"7"' })),
      entry('e.md', paper({ date: '2024-05-08', agenda_item: '"8"' })),
      entry('f.md', paper({ date: '2024-05-08', agenda_item: '"8"' })),
    ]);
    for (const k of ['a.md', 'b.md', 'c.md', 'd.md', 'e.md', 'f.md']) assert.deepEqual(rulesOf(result, k), [], k);
  });

  it("uses each paper's own severity setting and inline disable comments", () => {
    const quiet: Profile = { ...DEFAULT_PROFILE, rules: { ...DEFAULT_PROFILE.rules, 'duplicate-agenda-item': 'off' } };
    const loud: Profile = { ...DEFAULT_PROFILE, rules: { ...DEFAULT_PROFILE.rules, 'duplicate-agenda-item': 'error' } };
    const cover = { meeting: 'Integrated Care Board', date: '2024-05-08', agenda_item: '"10"' };
    const result = checkAcrossPapers([
      entry('off.md', paper(cover), quiet),
      entry('error.md', paper(cover), loud),
      entry('disabled.md', paper(cover, '\n## Executive summary\n\nText.\n\n<!-- boardpaper-disable duplicate-agenda-item -->\n')),
      entry('plain.md', paper(cover)),
    ]);
    assert.deepEqual(rulesOf(result, 'off.md'), []);
    assert.equal(result.get('error.md')![0]!.severity, 'error');
    assert.deepEqual(rulesOf(result, 'disabled.md'), []);
    assert.deepEqual(rulesOf(result, 'plain.md'), ['duplicate-agenda-item']);
    // The quiet and disabled papers still clash with the others.
    assert.ok(result.get('plain.md')![0]!.message.includes('off.md'));
  });

  it('takes unopened papers by their cover sheet alone: same clashes, their own findings left unsuppressed', () => {
    const cover = { meeting: 'Integrated Care Board', date: '2024-05-08', agenda_item: '"10"' };
    const disabled = paper(cover, '\n## Executive summary\n\n<!-- boardpaper-disable duplicate-agenda-item -->\n');
    const texts: Record<string, string> = {
      'open.md': paper(cover),
      'a.md': paper({ ...cover, meeting: 'ICB Board' }),
      'b.md': disabled,
      'c.md': paper({ ...cover, agenda_item: '"11"' }),
    };
    const whole = checkAcrossPapers(Object.entries(texts).map(([k, t]) => entry(k, t)));
    const mixed = checkAcrossPapers(
      Object.entries(texts).map(([k, t]): AcrossEntry => (k === 'open.md' ? entry(k, t) : { key: k, cover: readCoverSheet(t), profile: DEFAULT_PROFILE })),
    );
    assert.deepEqual(mixed.get('open.md'), whole.get('open.md'), 'the open paper gets the same findings');
    assert.ok(mixed.get('open.md')![0]!.message.includes('"a.md" and "b.md"'), 'a disabled paper still clashes');
    assert.deepEqual(mixed.get('a.md'), whole.get('a.md'));
    assert.deepEqual(rulesOf(whole, 'b.md'), [], 'with its model, its disable comment applies');
    assert.deepEqual(rulesOf(mixed, 'b.md'), ['duplicate-agenda-item'], 'by its cover sheet alone, nothing is suppressed');
    assert.deepEqual(rulesOf(mixed, 'c.md'), []);
  });

  it('returns every key, and tolerates papers with no or broken cover sheets', () => {
    const result = checkAcrossPapers([
      entry('none.md', '# Just notes\n'),
      entry('broken.md', '---\ntitle: [unclosed\n---\n'),
      entry('list.md', '---\n- a\n- b\n---\n'),
      entry('map-item.md', paper({ meeting: '{a: 1}', date: '2024-05-08', agenda_item: '[10]' })),
      entry('map-item2.md', paper({ meeting: '{a: 1}', date: '2024-05-08', agenda_item: '[10]' })),
    ]);
    assert.deepEqual([...result.keys()].sort(), ['broken.md', 'list.md', 'map-item.md', 'map-item2.md', 'none.md']);
    for (const v of result.values()) assert.deepEqual(v, []);
  });

  it('does nothing in the single-paper analysis', () => {
    const text = paper({ meeting: 'Integrated Care Board', date: '2024-05-08', agenda_item: '"10"' });
    const { findings } = analyze(text, DEFAULT_PROFILE, { strict: true });
    assert.ok(findings.every((f) => f.rule !== 'duplicate-agenda-item'));
  });
});
