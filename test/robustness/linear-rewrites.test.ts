/**
 * The linear rewrites of slow regular expressions give what the regex gave:
 * each is compared with the original pattern on random strings built from
 * the characters that matter to it (short, so the original stays quick).
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { cutFromFirst, stripTrailingComment, trimEndChars, trimEndWhere, isWhitespace } from '../../server/src/core/text';
import { keyValueBefore } from '../../server/src/server/service/cursor';

const str = (chars: string[], maxLength = 24) => fc.string({ unit: fc.constantFrom(...chars), maxLength });
const WS = [' ', '\t', '\n', '\r', '\u2028', '\u00a0', '\ufeff'];
const runs = { numRuns: 3000, seed: 0x11ea7 };

describe('robustness: linear rewrites match the regular expressions they replace', () => {
  it('trimEndWhere / trimEndChars = replace(/[…]+$/, "")', () => {
    fc.assert(
      fc.property(str([...WS, 'a', '-', '.', ':', ';', ',', '#']), (s) => {
        assert.equal(trimEndChars(s, '-'), s.replace(/-+$/, ''));
        assert.equal(trimEndChars(s, '.'), s.replace(/\.+$/, ''));
        assert.equal(trimEndChars(s, ' \t'), s.replace(/[ \t]+$/, ''));
        assert.equal(
          trimEndWhere(s, (c) => c === '.' || isWhitespace(c)),
          s.replace(/[.\s]+$/, ''),
        );
        assert.equal(
          trimEndWhere(s, (c) => isWhitespace(c) || ':;.,-'.includes(c)),
          s.replace(/[\s:;.,-]+$/, ''),
        );
        assert.equal(s.trimEnd(), s.replace(/\s+$/, ''));
      }),
      runs,
    );
  });

  it('stripTrailingComment = replace(/\\s+#.*$/, "") and replace(/(^|\\s+)#.*$/, "")', () => {
    fc.assert(
      fc.property(str([...WS, 'a', '#']), (s) => {
        assert.equal(stripTrailingComment(s), s.replace(/\s+#.*$/, ''));
        assert.equal(stripTrailingComment(s, true), s.replace(/(^|\s+)#.*$/, ''));
      }),
      runs,
    );
  });

  it('cutFromFirst = replace(/[?#].*$/, "")', () => {
    fc.assert(
      fc.property(str([...WS, 'a', '?', '#', '.']), (s) => assert.equal(cutFromFirst(s, '?#'), s.replace(/[?#].*$/, ''))),
      runs,
    );
  });

  it('the whitespace split in pdf text runs = replace(/\\s*\\n\\s*/g, " ")', () => {
    fc.assert(
      fc.property(str([...WS, 'a']), (s) =>
        assert.equal(
          s.replace(/\s+/g, (w) => (w.includes('\n') ? ' ' : w)),
          s.replace(/\s*\n\s*/g, ' '),
        ),
      ),
      runs,
    );
  });

  it('required-field flowPlaceholder line pattern', () => {
    fc.assert(
      fc.property(str([...WS, 'a', ':', '-']), (s) =>
        assert.deepEqual(/^\s*([^:\s][^:]*|\s):\s*(\S.*|)$/.exec(s)?.slice(), /^\s*([^:]+):\s*(.*)$/.exec(s)?.slice()),
      ),
      runs,
    );
  });

  it('cursor: the key test after the cursor', () => {
    fc.assert(
      fc.property(str([...WS, 'a', '-', ':', '_']), (s) => assert.equal(/^\s*(?:[\w-]+\s*)?:/.test(s), /^\s*[\w-]*\s*:/.test(s))),
      runs,
    );
  });

  it('cursor: keyValueBefore = the key-and-value pattern', () => {
    const OLD = /^( *)((?:- +)*)("[^"]*"|'[^']*'|[^\s:#'"{[\]},][^:#]*?)\s*:( *)(.*)$/;
    fc.assert(
      fc.property(str([' ', ' ', '-', '-', 'a', ':', '#', '"', "'", '\t', '\u2028', '[', ',']), (s) =>
        assert.deepEqual(keyValueBefore(s), OLD.exec(s)?.slice() ?? null),
      ),
      runs,
    );
  });

  it('extension-requests: the confidential test', () => {
    const words = fc
      .array(fc.constantFrom(' ', '\t', '\n', '\r\n', '\u2028', 'confidential', ':', 'true', 'truex', 'x'), { maxLength: 10 })
      .map((w) => w.join(''));
    fc.assert(
      fc.property(words, (s) => assert.equal(/^[^\S\n\r\u2028\u2029]*confidential\s*:\s*true\b/m.test(s), /^\s*confidential\s*:\s*true\b/m.test(s))),
      runs,
    );
  });
});

describe('robustness: the risk register line index matches the per-entry regex', () => {
  it('idLineIndex(lines)(id) = lines.findIndex(new RegExp(`\\bid\\s*:\\s*["\']?${id}["\']?\\s*$`))', async () => {
    const { idLineIndex } = await import('../../server/src/node/profile-loader');
    const line = fc.array(fc.constantFrom('id', 'id:', ': ', ' ', '"', "'", 'R1', '1', 'x', '\t', '- ', 'title: T'), { maxLength: 8 }).map((w) => w.join(''));
    const id = fc.array(fc.constantFrom('R1', '1', 'x', ' ', '"', "'", 'id'), { maxLength: 3 }).map((w) => w.join(''));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), fc.array(id, { minLength: 1, maxLength: 5 }), (lines, ids) => {
        const look = idLineIndex(lines);
        for (const i of ids) {
          const re = new RegExp(`\\bid\\s*:\\s*["']?${i.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?\\s*$`);
          assert.equal(
            look(i),
            lines.findIndex((l) => re.test(l)),
            `${JSON.stringify(i)} in ${JSON.stringify(lines)}`,
          );
        }
      }),
      { numRuns: 2000, seed: 0x715c },
    );
  });
});

describe('robustness: the committee line parser (go to definition) matches its regex', () => {
  it('committeeLine = /^(\\s*-?\\s*(?:name\\s*:\\s*)?)(["\']?)(.+?)\\2\\s*(?:#.*)?$/.exec', async () => {
    const { committeeLine } = await import('../../server/src/server/service/definition');
    const OLD = /^(\s*-?\s*(?:name\s*:\s*)?)(["']?)(.+?)\2\s*(?:#.*)?$/;
    const line = fc
      .array(fc.constantFrom(' ', ' ', '\t', '-', 'name', ':', '"', "'", '#', 'E', 'x', '\u2028', '\n', 'n'), { maxLength: 14 })
      .map((w) => w.join(''));
    fc.assert(
      fc.property(line, (l) => assert.deepEqual(committeeLine(l), OLD.exec(l)?.slice() ?? null, JSON.stringify(l))),
      { numRuns: 5000, seed: 0xc0 },
    );
  });
});

describe('robustness: the glossary row finder matches its regex', () => {
  it('glossaryRow(g, "AB") = /^[\\s|*_-]*AB[\\s*_]*(?:\\||:|–|—|-|=)\\s*(.+?)\\s*\\|?\\s*$/mu.exec(g)', async () => {
    const { glossaryRow } = await import('../../server/src/core/acronyms');
    const OLD = /^[\s|*_-]*AB[\s*_]*(?:\||:|–|—|-|=)\s*(.+?)\s*\|?\s*$/mu;
    const g = fc
      .array(fc.constantFrom(' ', ' ', '\t', '\n', '\r\n', '\u2028', '|', '*', '_', '-', 'AB', 'AB', ':', '–', '=', 'x', 'Yz', '𝒜', '\uD835'), {
        maxLength: 16,
      })
      .map((w) => w.join(''));
    fc.assert(
      fc.property(g, (s) => {
        const m = OLD.exec(s);
        assert.deepEqual(glossaryRow(s, 'AB'), m ? { index: m.index, expansion: m[1] } : null, JSON.stringify(s));
      }),
      { numRuns: 5000, seed: 0x9105 },
    );
  });
});
