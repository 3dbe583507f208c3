/**
 * Edits re-parse only the sections they touch (core/paper.ts
 * IncrementalParser, one per open document): over the protocol, after a
 * series of incremental edits — new sections, a fence opened and closed
 * later, an HTML block, a link reference definition and its removal, typos
 * in the cover sheet — the diagnostics equal what `boardpaper check` reports
 * for the same text on disk.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LineIndex } from '../../server/src/core/text';
import { cliLines, diagnosticLines, repoRoot, TestClient, workspace } from './lsp-client';

describe('language server: incremental edits', function () {
  this.timeout(90000);

  it('after edits that split, merge and re-join sections, the diagnostics equal `boardpaper check` of the same text', async () => {
    const ws = workspace({});
    fs.cpSync(path.join(repoRoot, 'examples', 'papers'), path.join(ws, 'papers'), { recursive: true });
    const rel = 'papers/2024-05-08/06-integrated-performance-report.md';
    const file = path.join(ws, rel);
    const client = await TestClient.start({ folders: [ws] });
    try {
      await client.until(() => client.progress.some((p) => (p as { value: { kind: string } }).value.kind === 'end'), 10000, 'indexing');
      const u = client.open(file);
      await client.diagnosticsFor(u);

      /** Insert `text` at `offset` (or replace `remove` characters there) as an incremental change. */
      const edit = (offset: number, text: string, remove = 0) => {
        const li = new LineIndex(client.text(u));
        client.applyEdits(u, [{ range: { start: li.position(offset), end: li.position(offset + remove) }, newText: text }]);
      };
      const lineStartAfter = (needle: string, from = 0) => {
        const at = client.text(u).indexOf(needle, from);
        assert.ok(at >= 0, needle);
        return client.text(u).lastIndexOf('\n', at) + 1;
      };
      const compare = async (step: string) => {
        const text = client.text(u);
        const got = await client.diagnosticsFor(u);
        fs.writeFileSync(file, text);
        const want = cliLines(ws, ['papers']).get(rel) ?? [];
        const have = diagnosticLines(got);
        assert.deepEqual(have, want, step);
        return have.length;
      };

      const sections = client.text(u).split('\n## ').length - 1;
      assert.ok(sections >= 4, `${sections} sections`);
      const n0 = await compare('as opened');

      // A new section with an undefined acronym, in the middle.
      edit(lineStartAfter('\n## ', client.text(u).length >> 1), '## Workforce update\n\nThe PMO (QZX) and the QRT met twice.\n\n');
      // A typo in the cover sheet.
      edit(client.text(u).indexOf('purpose:') + 'purpose: '.length, 'z');
      await compare('new section, cover typo');

      // A fence opened near the top swallows the sections after it…
      const fenceAt = lineStartAfter('\n## ');
      edit(fenceAt, '```\n');
      // …and an edit further down while it is open.
      edit(client.text(u).length - 2, ' QQV');
      await compare('unclosed fence');
      // Closed at the end of its section: the sections are back.
      edit(lineStartAfter('\n## ', fenceAt + 10), '```\n');
      await compare('fence closed');

      // An HTML block running into the next heading, then removed.
      const divAt = lineStartAfter('\n## ', client.text(u).length >> 2);
      edit(divAt, '<div>\n');
      await compare('HTML block');
      edit(divAt, '', '<div>\n'.length);

      // A link reference definition (the document is parsed whole), then removed.
      edit(lineStartAfter('\n## ', client.text(u).length >> 1), '[ref]: https://example.org\n\n');
      await compare('definition');
      const def = client.text(u).indexOf('[ref]: https://example.org\n\n');
      edit(def, '', '[ref]: https://example.org\n\n'.length);
      // Delete a whole section heading line (two sections become one).
      const h = lineStartAfter('\n## ', client.text(u).length >> 1);
      edit(h, '', client.text(u).indexOf('\n', h) + 1 - h);
      const n = await compare('definition removed, heading deleted');
      assert.ok(n !== n0 || n > 0, 'the edits change the findings');
    } finally {
      await client.stop();
    }
  });
});
