/**
 * Word import and export of a 30-page paper (about 15,000 words: sections,
 * clause-numbered paragraphs, bullet lists and tables, the example cover
 * sheet), each timed through the shipped dist/word.js: the export to .docx,
 * then the import of that document back to a paper. Target: each under 1 s.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_PROFILE } from '../../server/src/core/profile';
import { median, round } from '../lib/stats';
import { figure, type Bench, type BenchContext } from '../lib/types';
import { SENTENCES, TABLE_HEADS, TABLE_ROWS, TOPIC_HEADINGS } from '../lib/words';

/** A paper of about `pages` pages of 500 words, on the cover sheet of an example paper. */
export function longPaper(root: string, pages: number): string {
  const example = fs.readFileSync(path.join(root, 'examples', 'papers', '2024-05-08', '10-recovery-and-transformation.md'), 'utf8');
  const front = /^---\n[\s\S]*?\n---\n/.exec(example)![0];
  const out: string[] = [front, '## Executive summary\n', SENTENCES.slice(0, 4).join(' ') + '\n'];
  let words = 0;
  let s = 0;
  for (let section = 1; words < pages * 500; section++) {
    out.push(`## ${section}. ${TOPIC_HEADINGS[section % TOPIC_HEADINGS.length]}\n`);
    for (let clause = 1; clause <= 6; clause++) {
      const text = [0, 1, 2, 3].map(() => SENTENCES[s++ % SENTENCES.length]).join(' ');
      out.push(`${section}.${clause} ${text}\n`);
    }
    out.push(['a', 'b', 'c'].map((_, i) => `- ${SENTENCES[(s + i) % SENTENCES.length]}`).join('\n') + '\n');
    const heads = TABLE_HEADS[0]!.slice(1);
    words = out.join('\n').split(/\s+/).length;
    out.push(
      `| Place | ${heads.join(' | ')} |\n|---|${heads.map(() => '---').join('|')}|\n` +
        TABLE_ROWS.slice(0, 5)
          .map((r, i) => `| ${r} | ${heads.map((_, j) => String(10 * i + j)).join(' | ')} |`)
          .join('\n') +
        '\n',
    );
  }
  out.push(
    '## Health inequalities and unwarranted variation\n',
    SENTENCES.slice(4, 8).join(' ') + '\n',
    '## Recommendations\n',
    'The Board is asked to note this report.\n',
  );
  return out.join('\n');
}

export const wordBench: Bench = {
  name: 'word',
  description: 'Word export and import of a 30-page paper (the production word.js)',
  async run(ctx: BenchContext) {
    const bundle = path.join(ctx.dist, 'word.js');
    if (!fs.existsSync(bundle)) throw new Error(`${bundle} is missing: the production build did not make it`);
    const word = require(bundle) as typeof import('../../server/src/word/bundle');
    const text = longPaper(ctx.root, 30);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'boardpaper-bench-word-'));
    const runs = ctx.quick ? 3 : 7;
    const exportMs: number[] = [];
    const importMs: number[] = [];
    try {
      for (let i = 0; i < runs + 1; i++) {
        const docx = path.join(dir, `p${i}.docx`);
        let t = performance.now();
        await word.exportWordFile(text, dir, docx, DEFAULT_PROFILE);
        const e = performance.now() - t;
        t = performance.now();
        await word.importWordFile(docx, path.join(dir, `p${i}.md`), DEFAULT_PROFILE);
        const im = performance.now() - t;
        if (i > 0) {
          exportMs.push(e);
          importMs.push(im);
        }
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const words = text.split(/\s+/).length;
    ctx.log(`word: ${words} words, export median ${round(median(exportMs))} ms, import median ${round(median(importMs))} ms`);
    return {
      figures: [
        figure({
          id: 'word-export',
          label: 'Word export, 30-page paper (median)',
          value: Math.round(median(exportMs)),
          unit: 'ms',
          target: '< 1000 ms',
          max: 1000,
          note: `${words} words`,
        }),
        figure({
          id: 'word-import',
          label: 'Word import, 30-page paper (median)',
          value: Math.round(median(importMs)),
          unit: 'ms',
          target: '< 1000 ms',
          max: 1000,
          note: `${words} words`,
        }),
      ],
    };
  },
};
