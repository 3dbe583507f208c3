import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { analyze } from '../../server/src/core/analyze';
import { parsePaper } from '../../server/src/core/paper';
import { DEFAULT_PROFILE } from '../../server/src/core/profile';
const head = `---\ntitle: T\nmeeting: Integrated Care Board\n---\n## Executive summary\n`;
for (const [name, f] of [['gt', (n: number) => '>'.repeat(n)], ['gtsp', (n: number) => '> '.repeat(n)], ['list', (n: number) => '- '.repeat(n) + 'x'], ['star', (n: number) => '*'.repeat(n) + 'a' + '*'.repeat(n)], ['link', (n: number) => '['.repeat(n) + 'a' + '](b)'.repeat(n)], ['emph', (n: number) => '_*'.repeat(n) + 'a' + '*_'.repeat(n)]] as const) {
  for (const n of [500, 1000, 2000, 4000, 8000]) {
    const b = f(n);
    let t = performance.now();
    let r1 = 'ok';
    try { unified().use(remarkParse).parse(b); } catch (e) { r1 = String(e).slice(0, 50); }
    const a = performance.now() - t; t = performance.now();
    let r2 = 'ok';
    try { parsePaper(head + b); } catch (e) { r2 = String(e).slice(0, 50) + ' ' + String((e as Error).stack).split('\n').slice(1, 3).join('|'); }
    const c = performance.now() - t; t = performance.now();
    let r3 = 'ok';
    try { analyze(head + b, DEFAULT_PROFILE, { strict: true }); } catch (e) { r3 = String(e).slice(0, 120); }
    const d = performance.now() - t;
    console.log(name, n, 'remark', r1, a.toFixed(0), '| parsePaper', r2, c.toFixed(0), '| analyze', r3, d.toFixed(0));
  }
}
