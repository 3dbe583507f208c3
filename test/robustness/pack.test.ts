/**
 * The agenda pack on hostile input: any paper packs in time linear in its
 * length (the Markdown bounds on every parse, long unbroken runs broken
 * before pdfkit's line wrapper sees them), without losing the author's words.
 * Each pack runs in a bounded worker (harness.ts), so a regression fails one
 * test at its time bound instead of freezing the suite.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { paperText } from '../pack/helpers';
import { pdfText } from '../pack/pdf-read';
import { BoundedRunner } from './harness';

/** Generous for a loaded CI machine; the benchmarks hold the real targets (< 2 s). */
const LIMIT_MS = 30000;

const HOSTILE: Record<string, { body: string; words: string[] }> = {
  'a 40,000-character word': { body: `Start ${'x'.repeat(40000)} end of the long word.`, words: ['Start', 'end of the long word'] },
  '"|" then 64 KB of "*a"': { body: `Before the flood.\n\n|${'*a'.repeat(32768)}\n\nAfter the flood.`, words: ['Before the flood', 'After the flood'] },
  '100 KB of "[a](" link openers': { body: `Opening words.\n\n${'[a]('.repeat(25000)}\n\nClosing words.`, words: ['Opening words', 'Closing words'] },
  'lists nested 200 deep': {
    body: `${Array.from({ length: 200 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n')}\n\nDeep list done.`,
    words: ['level 0', 'Deep list done'],
  },
  'a table of 600 rows with a 3,000-character cell': {
    body: `| Measure | Value |\n|---|---|\n${Array.from({ length: 600 }, (_, i) => `| row ${i} | ${i === 300 ? 'y'.repeat(3000) : i} |`).join('\n')}\n\nTable done.`,
    words: ['row 0', 'row 599', 'Table done'],
  },
  'a paragraph of 20,000 emoji and right-to-left letters': {
    body: `Mixed scripts.\n\n${'😀שלום مرحبا '.repeat(2000)}\n\nScripts done.`,
    words: ['Mixed scripts', 'Scripts done'],
  },
};

describe('robustness: the agenda pack on hostile papers', function () {
  this.timeout(4 * LIMIT_MS);
  const runner = new BoundedRunner({ maxHeapMb: 2048 });
  let dir: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'boardpaper-pack-robust-'));
    await runner.warm();
  });
  after(async () => {
    runner.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  for (const [name, { body, words }] of Object.entries(HOSTILE)) {
    it(`${name}: PDF and HTML packs within the bound, every word kept`, async () => {
      const folder = path.join(dir, name.replace(/[^a-z0-9]+/gi, '-'));
      fs.mkdirSync(folder, { recursive: true });
      fs.writeFileSync(path.join(folder, 'paper.md'), paperText({ title: 'Hostile Paper', item: '1', body }));
      const args = { folder, meeting: 'Integrated Care Board', date: '2024-07-10', part: 'public' };
      const html = await runner.run<{ ms: number; html: string }>('pack', { ...args, format: 'html' }, LIMIT_MS);
      const pdf = await runner.run<{ ms: number; pages: number; pdf: string }>('pack', { ...args, format: 'pdf' }, LIMIT_MS);
      const file = path.join(folder, 'pack.pdf');
      fs.writeFileSync(file, Buffer.from(pdf.pdf, 'base64'));
      const text = (await pdfText(file)).replace(/[\u200B\s]+/g, ' ');
      for (const w of words) {
        assert.ok(html.html.includes(w), `HTML keeps "${w}"`);
        assert.ok(text.includes(w), `PDF keeps "${w}"`);
      }
      if (name.startsWith('a 40,000')) {
        // Broken over lines and pages (with the running header and footer between pages), but every letter there.
        const xs = (text.replace(/ /g, '').match(/x{10,}/g) ?? []).reduce((n, r) => n + r.length, 0);
        assert.equal(xs, 40000, 'the long word is whole in the PDF text');
      }
    });
  }
});
