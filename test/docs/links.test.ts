/**
 * The project stands on its own: no Markdown link in the repository points
 * outside it (a relative link climbing above the repository's root, a
 * `file:` link) or to a file that is not there. Links to this project on
 * GitHub (`https://github.com/boardpaper/boardpaper/blob/main/…`, as the rule
 * settings use) must name a file in the repository too. Links are read with
 * remark, as GitHub and VS Code render them.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fg from 'fast-glob';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import type { Nodes } from 'mdast';

const root = path.resolve(__dirname, '..', '..');
const OWN_GITHUB = /^https:\/\/github\.com\/boardpaper\/boardpaper\/(?:blob|tree)\/main\/([^#?]*)/;

export interface BadLink {
  file: string;
  line: number;
  url: string;
  problem: string;
}

/** Every link, image and link definition of a Markdown text. */
function urlsOf(text: string): { url: string; line: number }[] {
  const tree = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).parse(text);
  const out: { url: string; line: number }[] = [];
  const walk = (n: Nodes) => {
    if ((n.type === 'link' || n.type === 'image' || n.type === 'definition') && typeof n.url === 'string')
      out.push({ url: n.url, line: n.position?.start.line ?? 0 });
    if ('children' in n) for (const c of n.children) walk(c);
  };
  walk(tree);
  return out;
}

/** What is wrong with a link in `file` (a path relative to `repo`), or null. */
export function linkProblem(repo: string, file: string, url: string): string | null {
  let target: string;
  const own = OWN_GITHUB.exec(url);
  if (own) target = path.join(repo, decodeURIComponent(own[1]!));
  else if (/^file:/i.test(url)) return 'a file: link points outside the repository';
  else if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//'))
    return null; // the web, mail
  else {
    const p = decodeURIComponent(url.split('#')[0]!.split('?')[0]!);
    if (p === '') return null; // #anchor in the same file
    target = p.startsWith('/') ? path.join(repo, p) : path.resolve(repo, path.dirname(file), p);
  }
  const rel = path.relative(repo, target);
  if (rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) return 'points outside the repository';
  if (!fs.existsSync(target)) return `no such file in the repository (${rel.split(path.sep).join('/')})`;
  return null;
}

export function badLinks(repo: string): BadLink[] {
  const files = fg
    .sync('**/*.md', { cwd: repo, dot: true, ignore: ['**/node_modules/**', '.git/**', 'dist/**', '.vscode-test/**', 'test/fixtures/**'] })
    .sort();
  const out: BadLink[] = [];
  for (const file of files) {
    for (const { url, line } of urlsOf(fs.readFileSync(path.join(repo, file), 'utf8'))) {
      const problem = linkProblem(repo, file, url);
      if (problem) out.push({ file, line, url, problem });
    }
  }
  return out;
}

describe('documentation links stay inside the repository', function () {
  // Every Markdown file of the repository (fixtures included) is parsed.
  this.timeout(120000);
  it('no Markdown file links outside the repository or to a missing file', () => {
    const bad = badLinks(root);
    assert.deepEqual(
      bad.map((b) => `${b.file}:${b.line}: ${b.url} — ${b.problem}`),
      [],
    );
  });

  it('the check itself catches a link climbing out, a missing file, a file: link and a missing page on GitHub', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'boardpaper-links-'));
    try {
      fs.mkdirSync(path.join(dir, 'docs'));
      fs.writeFileSync(path.join(dir, 'docs', 'here.md'), '# Here\n');
      fs.writeFileSync(
        path.join(dir, 'README.md'),
        [
          '[ok](docs/here.md) [ok too](docs/here.md#here) [web](https://pdfkit.org) [anchor](#top) [root](/docs/here.md)',
          '[spec](../shared/spec/FORMAT.md)',
          '[gone](docs/gone.md)',
          '[machine](file:///etc/hosts)',
          '[on github](https://github.com/boardpaper/boardpaper/blob/main/docs/missing.md)',
          '',
          '![logo](img/logo.png)',
          '',
          '[ref]: ../outside.md',
          '',
        ].join('\n'),
      );
      const found = badLinks(dir).map((b) => `${b.line} ${b.url}`);
      assert.deepEqual(found, [
        '2 ../shared/spec/FORMAT.md',
        '3 docs/gone.md',
        '4 file:///etc/hosts',
        '5 https://github.com/boardpaper/boardpaper/blob/main/docs/missing.md',
        '7 img/logo.png',
        '9 ../outside.md',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
