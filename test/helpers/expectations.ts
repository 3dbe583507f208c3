/**
 * Expected findings written inside fixture papers, markdownlint style.
 *
 * On any line, `expect: RULE[:severity][, RULE…]` inside a YAML comment
 * (`# expect: field-type`) or an HTML comment (`<!-- expect: missing-section -->`)
 * says: a finding of RULE starts on this line. Findings about the whole paper
 * sit on the `title:` line. Every finding must be expected and every
 * expectation found: the comparison is exact.
 */
export interface Expected {
  rule: string;
  line: number; // 1-based
  severity?: string;
}

const EXPECT = /(?:#|<!--)\s*expect:\s*([a-z0-9:,\s-]+?)\s*(?:-->|$)/;

export function readExpectations(text: string): Expected[] {
  const out: Expected[] = [];
  text.split(/\r\n|\r|\n/).forEach((l, i) => {
    const m = EXPECT.exec(l);
    if (!m) return;
    for (const part of m[1]!
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      const [rule, severity] = part.split(':');
      out.push({ rule: rule!, line: i + 1, severity });
    }
  });
  return out;
}

export function formatExpected(list: { rule: string; line: number; severity?: string }[]): string[] {
  return list.map((e) => `${e.line}: ${e.rule}${e.severity ? `:${e.severity}` : ''}`).sort();
}
