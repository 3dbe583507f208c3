/**
 * The shared rendering (server/src/render): the cover sheet model of the real
 * paper, the cover sheet HTML, and the sanitised body HTML.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parsePaper } from '../../server/src/core/paper';
import { DEFAULT_PROFILE, mergeProfile } from '../../server/src/core/profile';
import { bodyHtml, coverSheetHtml, coverSheetModel, longDate } from '../../server/src/render';
import { repoRoot } from './helpers';

const examplePath = [
  path.join(repoRoot, '..', 'shared', 'spec', 'examples', 'recovery-and-transformation-programmes.md'),
  path.join(repoRoot, 'test', 'fixtures', 'rules', 'clean-example.md'),
].find((f) => fs.existsSync(f))!;

describe('render: cover sheet model', () => {
  const paper = parsePaper(fs.readFileSync(examplePath, 'utf8'));
  const m = coverSheetModel(paper, DEFAULT_PROFILE);

  it('reads the facts of the real paper (seed 002)', () => {
    assert.equal(m.meeting, 'Integrated Care Board');
    assert.equal(m.dateLong, '13 March 2024');
    assert.equal(m.title, 'Recovery and Transformation Programmes');
    assert.equal(m.agendaItem, '10');
    assert.equal(m.confidential, false);
    assert.equal(m.purposeLabel, 'To note');
    assert.match(m.presentedBy ?? '', /^Maggie Oldham/);
    assert.match(m.authorisedBy ?? '', /^Maggie Oldham/);
  });

  it('lists all six strategic objectives and ticks SO1-4 and SO6', () => {
    assert.deepEqual(
      m.objectives.map((o) => `${o.code}:${o.ticked ? 'x' : ' '}`),
      ['SO1:x', 'SO2:x', 'SO3:x', 'SO4:x', 'SO5: ', 'SO6:x'],
    );
  });

  it('gives implications and impact assessments as yes/no/n/a with comments', () => {
    assert.deepEqual(
      m.implications.map((r) => r.status),
      ['yes', 'yes', 'yes'],
    );
    assert.match(m.implications[1]!.comment!, /019 NOF ratings; 008 System Financial Sustainability/);
    assert.deepEqual(
      m.impacts.map((r) => r.status),
      ['n/a', 'n/a', 'n/a'],
    );
    assert.deepEqual(
      m.history.map((h) => [h.meeting, h.dateLong]),
      [
        ['System Recovery & Transformation Board', '20 February 2024'],
        ['Executive Team', '5 March 2024'],
      ],
    );
    assert.equal(m.conflicts, 'Not applicable');
  });

  it('keeps agenda items as written and resolves meeting aliases', () => {
    const p = parsePaper('---\ntitle: T\nmeeting: ICB Board\ndate: 2024-05-08\nagenda_item: 10.10\nconfidential: yes\n---\n');
    const mm = coverSheetModel(p, DEFAULT_PROFILE);
    assert.equal(mm.agendaItem, '10.10');
    assert.equal(mm.meeting, 'Integrated Care Board');
    assert.equal(mm.confidential, undefined, '"yes" is not a boolean');
    assert.equal(mm.confidentialText, 'yes');
  });

  it('survives any YAML shape', () => {
    for (const fm of [
      'title: [a, b]',
      'risks: 3\nimpact_assessments: [x]',
      'strategic_objectives: SO1, SO9',
      'committee_history: {a: 1}',
      'a: &x [1]\nb: *x',
    ]) {
      const mm = coverSheetModel(parsePaper(`---\n${fm}\n---\nbody\n`), DEFAULT_PROFILE);
      assert.ok(coverSheetHtml(mm).includes('cover-sheet'));
    }
    const mm = coverSheetModel(parsePaper('---\nstrategic_objectives: SO1, SO9\n---\n'), DEFAULT_PROFILE);
    assert.deepEqual(
      mm.objectives.filter((o) => o.ticked).map((o) => [o.code, o.known]),
      [
        ['SO1', true],
        ['SO9', false],
      ],
    );
  });

  it('ticks objectives written with their wording, as the rules read them (no word of the wording listed as a code)', () => {
    const mm = coverSheetModel(
      parsePaper(
        '---\nstrategic_objectives:\n  - "SO2: To equalise opportunities and clinical outcomes across the area"\n  - SO4: Meet financial targets\n  - SO6\n  - "SO9: Not ours"\n---\n',
      ),
      DEFAULT_PROFILE,
    );
    assert.deepEqual(
      mm.objectives.filter((o) => o.ticked).map((o) => [o.code, o.known]),
      [
        ['SO2', true],
        ['SO4', true],
        ['SO6', true],
        ['SO9', false],
      ],
    );
  });

  it('ticks objectives the template names rather than codes ("Patient Mission"), in a list or written as one text', () => {
    const named = mergeProfile(DEFAULT_PROFILE, { strategic_objectives: { 'Patient Mission': 'Patients first', 'People Mission': 'Our people' } });
    for (const so of ['[Patient Mission, People Mission]', 'Patient Mission, People Mission']) {
      const mm = coverSheetModel(parsePaper(`---\nstrategic_objectives: ${so}\n---\n`), named);
      assert.deepEqual(
        mm.objectives.map((o) => [o.code, o.ticked, o.known]),
        [
          ['Patient Mission', true, true],
          ['People Mission', true, true],
        ],
        so,
      );
    }
    // Where the template's wording is the name itself, the name is drawn once, across both columns.
    const goals = mergeProfile(DEFAULT_PROFILE, { strategic_objectives: { 'The best place to work': 'The best place to work' } });
    const html = coverSheetHtml(coverSheetModel(parsePaper('---\nstrategic_objectives: [The best place to work]\n---\n'), goals));
    assert.equal(html.split('The best place to work').length - 1, 1, 'the name once');
    assert.match(html, /<th scope="row" colspan="2">The best place to work<\/th>/);
  });

  it('writes long dates with the weekday', () => {
    assert.equal(longDate('2024-06-18', true), 'Tuesday 18 June 2024');
    assert.equal(longDate('13/03/2024'), '13/03/2024');
  });
});

describe('render: cover sheet HTML', () => {
  it('escapes every value from the paper', () => {
    const p = parsePaper('---\ntitle: "<script>alert(1)</script>"\nmeeting: Board\nauthor: "<img src=x onerror=alert(1)>"\n---\n');
    const html = coverSheetHtml(coverSheetModel(p, DEFAULT_PROFILE));
    assert.ok(!html.includes('<script'), html);
    assert.ok(!html.includes('<img'), html);
    assert.ok(html.includes('&lt;script&gt;'));
  });
});

describe('render: body HTML (sanitised)', () => {
  const hostile = `---
title: T
---

## Executive summary

Hello <script>alert('x')</script> world <img src="x" onerror="alert(1)"> and <a href="javascript:alert(1)">a link</a>.

<iframe src="https://example.com"></iframe>
<style>body { display: none }</style>
<object data="x.swf"></object>
<form action="https://example.com"><input name="q"></form>
<div onclick="alert(1)" style="color:red">styled</div>

<!-- a private note from the author -->

[javascript link](javascript:alert(1)) [data link](data:text/html;base64,PHNjcmlwdD4=) [web](https://www.england.nhs.uk/) [mail](mailto:x@example.nhs.uk) [file](12-secret-contract.md)

| Programme | Due |
|---|--:|
| Hospitals | 14 |

![chart](chart.png) ![remote](https://example.com/tracker.png)

Text with a footnote.[^1]

[^1]: The note.
`;

  const html = bodyHtml(hostile, {
    idPrefix: 'item-1-',
    resolveImage: (url) => (url === 'chart.png' ? { src: 'data:image/png;base64,AAAA' } : null),
  });

  it('drops scripts, iframes, styles, objects, forms, event handlers and javascript: or data: links', () => {
    for (const bad of ['<script', '<iframe', '<style', '<object', '<form', 'display: none', 'onerror', 'onclick', 'javascript:', 'data:text/html', 'style=']) {
      assert.ok(!html.toLowerCase().includes(bad), `${bad} survived: ${html}`);
    }
  });

  it('drops HTML comments and the targets of links to local files', () => {
    assert.ok(!html.includes('<!--'));
    assert.ok(!html.includes('private note'));
    assert.ok(!html.includes('12-secret-contract.md'));
    assert.ok(html.includes('href="https://www.england.nhs.uk/"'));
    assert.ok(html.includes('href="mailto:x@example.nhs.uk"'));
  });

  it('renders GFM tables, embeds resolved images and drops the others', () => {
    assert.match(html, /<table>[\s\S]*<th>Programme<\/th>[\s\S]*<td align="right">14<\/td>/);
    assert.ok(html.includes('<img src="data:image/png;base64,AAAA" alt="chart">'), html);
    assert.ok(!html.includes('tracker.png'));
    assert.ok(html.includes('[Image: remote]'));
  });

  it('keeps footnote links working inside the page', () => {
    const ids = [...html.matchAll(/id="([^"]+)"/g)].map((m) => m[1]);
    for (const m of html.matchAll(/href="#([^"]+)"/g)) assert.ok(ids.includes(m[1]), `#${m[1]} has no target in ${ids.join(', ')}`);
    assert.ok(
      ids.some((id) => id!.includes('item-1-')),
      'ids carry the paper prefix',
    );
  });

  it('leaves no front-matter in the body', () => {
    assert.ok(!bodyHtml('---\ntitle: Secret title\n---\n\nBody.\n').includes('Secret title'));
  });
});

/**
 * bodyHtml skips rehype-raw (parse5) when the only raw HTML is comments
 * (server/src/render/markdown.ts, rawWhenNeeded). The HTML must be the same
 * as through parse5: each body is rendered as it is, and again with a `<div>`
 * block added, which sends it through rehype-raw; without the div's own line
 * the two must be equal byte for byte.
 */
describe('render: body HTML without parse5 when the only raw HTML is comments', () => {
  const GFM = [
    '# Heading *em* **strong** `code` <!-- heading note -->',
    '',
    '<!-- boardpaper-disable undefined-acronym -->',
    '',
    'Para with ~~strike~~, www.example.com, https://x.org/a?b=c and mail@example.com. <!-- inline -->',
    'Hard  ',
    'break and \\',
    'another. Entities &amp; &copy; &#169; &nbsp; "quotes" \'single\' < > &',
    '',
    '> quote <!-- in a quote -->',
    '> - list in quote',
    '',
    '1. one <!-- in a list -->',
    '2. two',
    '',
    '3) three',
    '',
    '- [ ] task',
    '- [x] done',
    '  - nested',
    '',
    '| Left | Centre | Right | None |',
    '|:-----|:------:|------:|------|',
    '| a <!-- in a cell --> | b | c | d |',
    '| `x` | **y** | [l](https://e.org "T") | ![img](pic.png "t") |',
    '',
    '```js',
    'const a = "<b>"; // <!-- not a comment -->',
    '```',
    '',
    '    indented code',
    '',
    '***',
    '',
    '[ref link][r], <https://auto.link>, [local](./file.md), [anchor](#heading-em-strong-code), [note](#fn-a)',
    '',
    '[r]: https://ref.example "Ref"',
    '',
    'Text with a footnote[^a] and another[^b].',
    '',
    '[^a]: Footnote *a* with [link](https://f.org). <!-- in a footnote -->',
    '[^b]: Footnote b.',
    '',
    'Unicode: café — “quotes” ✓ 😀 \u00a0 and\ttabs.',
    '',
    '<!--',
    'a comment',
    'over lines',
    '-->',
  ].join('\n');
  const files = [
    examplePath,
    ...fs
      .readdirSync(path.join(repoRoot, 'test', 'fixtures', 'meeting'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => path.join(repoRoot, 'test', 'fixtures', 'meeting', f)),
  ];
  const bodies: [string, string][] = [
    ['GFM features with comments everywhere', GFM],
    ['empty', ''],
    ['images', '![alone](x.png)\n\n![remote](https://e.org/x.png)\n'],
    ...files.map((f): [string, string] => [path.basename(f), fs.readFileSync(f, 'utf8')]),
  ];
  const options = [
    {},
    { idPrefix: 'item-3-', resolveImage: (u: string) => (u.startsWith('http') ? null : { src: `data:image/png;base64,${Buffer.from(u).toString('base64')}` }) },
  ];

  for (const [name, body] of bodies) {
    it(`${name}: the same HTML as through rehype-raw`, () => {
      for (const o of options) {
        const quick = bodyHtml(body, o);
        const viaParse5 = bodyHtml(`${body}\n\n<div></div>\n`, o);
        assert.ok(viaParse5.includes('<div></div>'), 'the div sends the body through rehype-raw');
        assert.equal(quick, viaParse5.replace(/\n?<div><\/div>/, ''));
        assert.ok(!quick.includes('<!--') && !quick.includes('over lines') && !quick.includes('in a cell'), quick);
      }
    });
  }

  it('takes a comment that HTML ends early (--!>) through parse5 and the sanitiser', () => {
    const html = bodyHtml('Text <!-- a --!> <em>shown</em> <script>alert(1)</script> -->\n');
    assert.ok(html.includes('<em>shown</em>'), html);
    assert.ok(!html.includes('<script') && !html.includes('<!--'), html);
  });
});
