/** LineIndex: line starts and offset ↔ position for every kind of line break (LSP counts `\n`, `\r\n` and a lone `\r`). */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { LineIndex } from '../../server/src/core/text';

/** Line starts the slow, obvious way. */
function reference(text: string): number[] {
  const starts = [0];
  const re = /\r\n|\r|\n/g;
  for (let m = re.exec(text); m; m = re.exec(text)) starts.push(m.index + m[0].length);
  return starts;
}

describe('core LineIndex', () => {
  const text = fc.array(fc.constantFrom('a', 'bc', ' ', '\n', '\r\n', '\r', '\n\n', 'é', '😀'), { maxLength: 40 }).map((a) => a.join(''));

  it('finds every line start, with or without carriage returns', () => {
    fc.assert(
      fc.property(text, (t) => {
        const idx = new LineIndex(t);
        assert.deepEqual(idx.lineStarts, reference(t));
        for (let o = 0; o <= t.length; o++) {
          const p = idx.position(o);
          assert.equal(idx.lineStarts[p.line]! + p.character, o);
          assert.ok(o <= idx.lineEnd(p.line) || /[\r\n]/.test(t[o - 1] ?? ''));
        }
      }),
      { numRuns: 2000, seed: 11 },
    );
  });

  it('maps positions both ways', () => {
    const idx = new LineIndex('one\ntwo\r\nthree\rfour');
    assert.deepEqual(idx.lineStarts, [0, 4, 9, 15]);
    assert.deepEqual(idx.position(10), { line: 2, character: 1 });
    assert.equal(idx.offset({ line: 1, character: 99 }), 7);
    assert.equal(idx.lineEnd(1), 7);
    assert.equal(idx.lineCount, 4);
  });
});
