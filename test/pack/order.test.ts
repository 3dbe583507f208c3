import * as assert from 'node:assert/strict';
import { compareAgendaItems } from '../../server/src/pack/order';

const sorted = (items: string[]) => [...items].sort(compareAgendaItems);

describe('agenda order (natural, on the source text)', () => {
  it('orders numbers and sub-items naturally: 2 < 9 < 10 < 10.1 < 10.2 < 10.10 < 11', () => {
    assert.deepEqual(sorted(['11', '10.10', '2', '10.2', '10', '9', '10.1']), ['2', '9', '10', '10.1', '10.2', '10.10', '11']);
  });

  it('orders ICB/24/031-style references by their numbers', () => {
    assert.deepEqual(sorted(['ICB/24/100', 'ICB/24/031', 'ICB/24/9', 'ICB/23/120']), ['ICB/23/120', 'ICB/24/9', 'ICB/24/031', 'ICB/24/100']);
  });

  it('treats 10.1 and 10.01, or ICB/1 and icb/1, as the same item', () => {
    assert.equal(compareAgendaItems('10.1', '10.01'), 0);
    assert.equal(compareAgendaItems('ICB/1', 'icb/1'), 0);
    assert.notEqual(compareAgendaItems('10.1', '10.10'), 0);
  });

  it('puts letters after numbers in the same place, and a missing item last', () => {
    assert.deepEqual(sorted(['10b', '10a', '10', '10.1']), ['10', '10.1', '10a', '10b']);
    assert.deepEqual(sorted(['', '3', '1']), ['1', '3', '']);
  });

  it('copes with very long numbers', () => {
    assert.ok(compareAgendaItems('99999999999999999999', '100000000000000000000') < 0);
  });
});
