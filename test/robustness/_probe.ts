import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import { micromark } from 'micromark';
const cases: Record<string,(n:number)=>string> = {
  setext: (n) => 'a\n===\n'.repeat(n/6),
  starA: (n) => '*a'.repeat(n/2),
  refs: (n) => '[a][b]'.repeat(n/6),
  gt: (n) => '>'.repeat(n),
  listGt: (n) => '- > '.repeat(n/4),
  listItems: (n) => '- a\n'.repeat(n/4),
};
const only = process.env.ONLY?.split(',');
for (const [k, f] of Object.entries(cases)) {
  if (only && !only.includes(k)) continue;
  for (const n of [5000, 10000, 20000]) {
    const s = f(n);
    let t = performance.now();
    try { micromark(s); } catch (e) { console.log(k, n, 'micromark threw', String(e).slice(0, 80)); }
    const a = performance.now() - t; t = performance.now();
    try { unified().use(remarkParse).parse(s); } catch (e) { console.log(k, n, 'remark threw', String(e).slice(0, 80)); }
    const b = performance.now() - t; t = performance.now();
    try { unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).parse(s); } catch (e) { console.log(k, n, 'remark+fm threw', String(e).slice(0, 80)); }
    const c = performance.now() - t;
    console.log(k, n, 'micromark', a.toFixed(0), 'remark', b.toFixed(0), 'remark+fm', c.toFixed(0));
  }
}
