/**
 * heading-order's quick fix (a suggestion, not a fix) and image-alt-text's
 * reading of HTML images.
 */
import * as assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/analyze';
import { applyFixes } from '../../server/src/core/fix';
import { DEFAULT_PROFILE } from '../../server/src/core/profile';

const paper = (body: string) =>
  `---\ntitle: T\nmeeting: Integrated Care Board\n---\n\n## Executive summary\n\nThe summary of the paper for the Board to read first, with the ask.\n\n${body}\n\n## Recommendations\n\nThe Board is asked to note the report.\n`;

const of = (rule: string, text: string) => analyze(text, DEFAULT_PROFILE, { strict: true }).findings.filter((f) => f.rule === rule);

describe('heading-order', () => {
  it('suggests the skipped level, keeping the words, and is not an automatic fix', () => {
    const text = paper('## 2. Strategy\n\n#### 2.1 Fragile services\n\nText.');
    const [f] = of('heading-order', text);
    assert.ok(f);
    assert.equal(f.fix, undefined);
    assert.match(f.message, /level-4 heading \("####"\) follows a level-2 one, skipping level 3/);
    const fixed = applyFixes(text, [f.suggestions![0]!]).text;
    assert.ok(fixed.includes('\n### 2.1 Fragile services\n'));
    assert.deepEqual(of('heading-order', fixed), []);
  });

  it('turns a level-1 heading in the body into a level 2', () => {
    const text = paper('# Transforming care\n\nText.');
    const [f] = of('heading-order', text);
    assert.ok(f);
    assert.ok(applyFixes(text, [f.suggestions![0]!]).text.includes('\n## Transforming care\n'));
  });

  it('offers no edit for a setext heading', () => {
    const [f] = of('heading-order', paper('Transforming care\n=================\n\nText.'));
    assert.ok(f);
    assert.equal(f.suggestions, undefined);
  });
});

describe('image-alt-text', () => {
  it('reports each <img> without alt in an HTML block, accepts alt="" and alt text', () => {
    const found = of('image-alt-text', paper('<p><img src="a.png"> <IMG SRC="b.png" ALT="B chart"> <img src="c.png" alt=""> <img src="charts/d.png?v=2"></p>'));
    assert.equal(found.length, 2);
    assert.match(found[0]!.message, /The image "a\.png" has no alt attribute/);
    assert.match(found[1]!.message, /The image "d\.png" has no alt attribute/);
  });

  it('reports a Markdown image with empty or blank alt text, not one with words', () => {
    assert.equal(of('image-alt-text', paper('![ ](x.png) and ![Waiting list by month](y.png)')).length, 1);
  });
});
