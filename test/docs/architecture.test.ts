/**
 * docs/architecture.md is the code map (in the manner of rust-analyzer's): it
 * must name every folder, name no path that is gone, and its import
 * boundaries ("Architecture Invariant" lines) must hold.
 *
 * - Every folder one level under server/src, client/src, test, bench and
 *   scripts, and every folder under server/src/core and server/src/pack, is
 *   named in the map (as a path from the repository's root, or as an entry of
 *   a file-tree block whose first line is such a path). Folders git ignores
 *   (bench's generated corpus) are not asked for.
 * - Every path the map names — in prose, in code spans, in file-tree blocks —
 *   exists; a glob must match a file; `<id>` stands for any name, and the
 *   folder above it must exist.
 * - The import boundaries the map states, read from the sources with
 *   @babel/parser: static imports and re-exports, `require('…')`,
 *   `import('…')` and `typeof import('…')`.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import fg from 'fast-glob';
import { parse } from '@babel/parser';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import type { Nodes } from 'mdast';

const root = path.resolve(__dirname, '..', '..');
const DOC = 'docs/architecture.md';

/** The repository's top-level entries a path in the map may start with. */
const ROOTS = ['server', 'client', 'test', 'bench', 'scripts', 'docs', 'examples', 'grammars', 'snippets', 'schemas', '.ci'];
const PATH_IN_TEXT = new RegExp(`(?<![\\w./-])((?:${ROOTS.map((r) => r.replace('.', '\\.')).join('|')})/[\\w.*<>/-]*)`, 'g');

// ---------------------------------------------------------------------------
// What the map names

export interface Named {
  /** Paths (files, folders, globs, with `<placeholders>`) as written, from the repository's root, without a trailing `/`. */
  paths: string[];
}

/** A file-tree block: its first line is a path from the root; entries below are indented by two spaces a level. */
function treePaths(block: string): string[] | null {
  const lines = block.split('\n');
  const first = /^(\S+\/)\s{2,}/.exec(lines[0] ?? '') ?? /^(\S+\/)$/.exec(lines[0] ?? '');
  if (!first || !ROOTS.some((r) => first[1]!.startsWith(`${r}/`))) return null;
  const out: string[] = [first[1]!];
  const parents: string[] = [first[1]!];
  for (const line of lines.slice(1)) {
    const m = /^( *)(\S+(?:, \S+)*)(?: {2,}|$)/.exec(line);
    if (!m || m[1]!.length % 2 !== 0 || m[1]!.length === 0 || m[1]!.length > 12) continue; // a continuation line
    const depth = m[1]!.length / 2;
    const parent = parents[depth - 1];
    if (parent === undefined) continue;
    for (const name of m[2]!.split(', ')) {
      const full = `${parent}${name}`;
      out.push(full);
      if (name.endsWith('/')) parents[depth] = full;
    }
    parents.length = depth + 1;
  }
  return out;
}

/** Every path from the repository's root that a Markdown text names. */
export function namedPaths(markdown: string): string[] {
  const tree = unified().use(remarkParse).use(remarkGfm).parse(markdown);
  const out: string[] = [];
  const fromText = (s: string) => {
    for (const m of s.matchAll(PATH_IN_TEXT)) out.push(m[1]!.replace(/[.,:;)]+$/, ''));
  };
  const walk = (n: Nodes) => {
    if (n.type === 'code') {
      const tree = n.lang ? null : treePaths(n.value);
      if (tree) out.push(...tree);
      else if (n.lang !== 'ts') fromText(n.value);
    } else if (n.type === 'text' || n.type === 'inlineCode') fromText(n.value);
    else if ((n.type === 'link' || n.type === 'definition') && !/^[a-z]+:/i.test(n.url)) {
      // A relative link names a file too (resolved from docs/).
      const target = path.posix.normalize(path.posix.join('docs', n.url.split('#')[0]!));
      if (target !== 'docs') out.push(target);
    }
    if ('children' in n) for (const c of n.children) walk(c);
  };
  walk(tree);
  return out.map((p) => p.replace(/\/+$/, ''));
}

/** What is wrong with a named path, or null. `<x>` is any name; a glob must match. */
export function pathProblem(repo: string, p: string): string | null {
  const placeholder = p.search(/[<*]/);
  if (placeholder >= 0) {
    const dir = p.slice(0, p.lastIndexOf('/', placeholder));
    if (!fs.existsSync(path.join(repo, dir))) return `no folder ${dir}`;
    if (p.includes('<')) return null;
    return fg.sync(p, { cwd: repo, dot: true, onlyFiles: false }).length ? null : 'the glob matches nothing';
  }
  return fs.existsSync(path.join(repo, p)) ? null : 'no such file or folder';
}

/** The folders named: each path, and for a path with a placeholder or glob, the folder above it. */
function namedFolders(paths: string[]): Set<string> {
  const out = new Set<string>();
  for (const p of paths) {
    const placeholder = p.search(/[<*]/);
    out.add(placeholder >= 0 ? p.slice(0, p.lastIndexOf('/', placeholder)) : p);
  }
  return out;
}

/** The folders the map must name, from the files git tracks or would track (ignored ones left out). */
function requiredFolders(repo: string): string[] {
  const r = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: repo, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`git ls-files failed in ${repo}: ${r.stderr}`);
  const files = r.stdout.split('\0').filter((f) => f && fs.existsSync(path.join(repo, f)));
  const out = new Set<string>();
  const under = (base: string) => {
    for (const f of files) {
      if (!f.startsWith(`${base}/`)) continue;
      const rest = f.slice(base.length + 1).split('/');
      if (rest.length > 1) out.add(`${base}/${rest[0]}`);
    }
  };
  for (const base of ['server/src', 'client/src', 'test', 'bench', 'scripts']) under(base);
  for (const f of ['server/src/core', 'server/src/pack']) if (out.has(f)) under(f);
  return [...out].sort();
}

// ---------------------------------------------------------------------------
// Imports

interface ModuleFacts {
  file: string;
  /** Module specifiers as written. */
  specifiers: string[];
  /** Relative specifiers resolved to paths from the root, without extension. */
  targets: string[];
  /** `Date.now()`, `new Date()` without an argument, `process`, `performance`. */
  clock: string[];
  /** Calls that write, rename or link a file through `fs`. */
  writes: string[];
  identifiers: Set<string>;
}

const WRITE = /^(writeFile|appendFile|rename|link|symlink|mkdir|mkdtemp|copyFile|cp|createWriteStream|truncate|rm|rmdir|unlink)(Sync)?$/;

export function moduleFacts(file: string, text = fs.readFileSync(path.join(root, file), 'utf8')): ModuleFacts {
  const program = parse(text, { sourceType: 'module', plugins: /\.(m|c)?js$/.test(file) ? [] : ['typescript'], errorRecovery: true }).program;
  const facts: ModuleFacts = { file, specifiers: [], targets: [], clock: [], writes: [], identifiers: new Set() };
  const line = (n: { loc?: { start: { line: number } } | null }) => `${file}:${n.loc?.start.line ?? 0}`;
  const visit = (n: unknown): void => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) {
      for (const c of n) visit(c);
      return;
    }
    const node = n as Record<string, unknown> & { type?: string; loc?: { start: { line: number } } };
    const str = (v: unknown) => (v && typeof v === 'object' && (v as { type?: string }).type === 'StringLiteral' ? (v as { value: string }).value : undefined);
    switch (node.type) {
      case 'ImportDeclaration':
      case 'ExportAllDeclaration':
      case 'ExportNamedDeclaration': {
        const s = str(node.source);
        if (s) facts.specifiers.push(s);
        break;
      }
      case 'CallExpression': {
        const callee = node.callee as { type: string; name?: string };
        const args = node.arguments as unknown[];
        if ((callee.type === 'Import' || (callee.type === 'Identifier' && callee.name === 'require')) && str(args[0])) facts.specifiers.push(str(args[0])!);
        break;
      }
      case 'ImportExpression': {
        const s = str(node.source);
        if (s) facts.specifiers.push(s);
        break;
      }
      case 'TSImportType': {
        const s = str(node.argument) ?? str((node.argument as { literal?: unknown })?.literal);
        if (s) facts.specifiers.push(s);
        break;
      }
      case 'MemberExpression': {
        const obj = node.object as { type: string; name?: string };
        const prop = node.property as { type: string; name?: string };
        if (obj.type === 'Identifier' && (obj.name === 'process' || obj.name === 'performance'))
          facts.clock.push(`${line(node)} ${obj.name}.${prop.name ?? '…'}`);
        if (obj.type === 'Identifier' && obj.name === 'Date' && prop.name === 'now') facts.clock.push(`${line(node)} Date.now`);
        if (obj.type === 'Identifier' && /^(fs|fsp|promises)$/.test(obj.name!) && prop.type === 'Identifier' && WRITE.test(prop.name!))
          facts.writes.push(`${line(node)} ${obj.name}.${prop.name}`);
        break;
      }
      case 'NewExpression': {
        const callee = node.callee as { type: string; name?: string };
        if (callee.type === 'Identifier' && callee.name === 'Date' && (node.arguments as unknown[]).length === 0) facts.clock.push(`${line(node)} new Date()`);
        break;
      }
      case 'Identifier':
        facts.identifiers.add(node.name as string);
        break;
    }
    for (const [k, v] of Object.entries(node)) if (k !== 'loc' && k !== 'start' && k !== 'end' && k !== 'extra' && v && typeof v === 'object') visit(v);
  };
  visit(program);
  for (const s of facts.specifiers) {
    if (!s.startsWith('.')) continue;
    const target = path.relative(root, path.resolve(root, path.dirname(file), s));
    facts.targets.push(
      target
        .split(path.sep)
        .join('/')
        .replace(/\.(ts|mts|cts|js|mjs|cjs)$/, ''),
    );
  }
  return facts;
}

function sources(dir: string): ModuleFacts[] {
  return fg
    .sync(`${dir}/**/*.{ts,mts,cts,mjs,cjs,js}`, { cwd: root, ignore: ['**/node_modules/**', '**/fixtures/**', 'bench/corpus/**'] })
    .map((f) => moduleFacts(f));
}

const inside = (target: string, ...dirs: string[]) => dirs.some((d) => target === d || target.startsWith(`${d}/`));
const isBuiltin = (s: string) => s.startsWith('node:') || builtinModules.includes(s.split('/')[0]!);

/** `file → target` for every relative import of `modules` into one of `forbidden`. */
function importsInto(modules: ModuleFacts[], ...forbidden: string[]): string[] {
  return modules.flatMap((m) => m.targets.filter((t) => inside(t, ...forbidden)).map((t) => `${m.file} → ${t}`));
}

// ---------------------------------------------------------------------------

describe('docs/architecture.md, the code map', function () {
  this.timeout(60000);
  const doc = fs.readFileSync(path.join(root, DOC), 'utf8');
  const named = namedPaths(doc);

  describe('the map and the folders', () => {
    it('names every folder of server/src, client/src, test, bench, scripts (one level) and of server/src/core, server/src/pack', () => {
      const folders = requiredFolders(root);
      assert.ok(folders.includes('server/src/core/rules') && folders.includes('test/fixtures'), `folders not found: ${folders.join(', ')}`);
      const have = namedFolders(named);
      const missing = folders.filter((f) => !have.has(f));
      assert.deepEqual(missing, [], `${DOC} does not name these folders (add each to the code map, with what must stay true there)`);
    });

    it('names no path that does not exist', () => {
      assert.ok(named.length > 50, `only ${named.length} paths found in ${DOC}`);
      const bad = named.map((p) => [p, pathProblem(root, p)] as const).filter(([, problem]) => problem);
      assert.deepEqual(
        bad.map(([p, problem]) => `${p}: ${problem}`),
        [],
      );
    });

    it('reads paths from prose, code spans, links and file-tree blocks (the check can fail)', () => {
      const text = [
        '# Map',
        '',
        'See `server/src/gone/` and test/robustness/any-input.test.ts, and [it](word.md).',
        '',
        '```',
        'server/src/core/        the core',
        '  rules/<id>.ts         one module per rule',
        '  agenda/               the agenda',
        '    parse.ts            parseAgenda: agenda.yaml -> problems',
        '                        continued description, not an entry',
        '  fix.ts, nowhere.ts    fixes',
        '```',
        '',
        '```ts',
        "import { x } from 'server/src/not-a-path';",
        '```',
      ].join('\n');
      const paths = namedPaths(text);
      assert.deepEqual(paths, [
        'server/src/gone',
        'test/robustness/any-input.test.ts',
        'docs/word.md',
        'server/src/core',
        'server/src/core/rules/<id>.ts',
        'server/src/core/agenda',
        'server/src/core/agenda/parse.ts',
        'server/src/core/fix.ts',
        'server/src/core/nowhere.ts',
      ]);
      assert.deepEqual(
        paths.filter((p) => pathProblem(root, p)),
        ['server/src/gone', 'server/src/core/nowhere.ts'],
      );
      assert.ok(namedFolders(paths).has('server/src/core/rules'));
      assert.equal(pathProblem(root, 'test/nowhere/*.test.ts'), 'no folder test/nowhere');
      assert.equal(pathProblem(root, 'test/core/*.nothing.ts'), 'the glob matches nothing');
    });
  });

  describe('the import boundaries it states', () => {
    const core = sources('server/src/core');
    const server = sources('server/src');

    it('the core imports no node: module, nothing of vscode, nothing outside server/src/core, and reads no clock', () => {
      assert.ok(core.length > 40);
      const bad = core.flatMap((m) => [
        ...m.specifiers.filter((s) => isBuiltin(s) || /^vscode(-|$)/.test(s)).map((s) => `${m.file} imports ${s}`),
        ...m.targets.filter((t) => !inside(t, 'server/src/core')).map((t) => `${m.file} → ${t}`),
        ...m.clock,
      ]);
      assert.deepEqual(bad, []);
    });

    it('every module that parses Markdown with remark-parse bounds it (boundedMarkdown)', () => {
      const parsers = server.filter((m) => m.specifiers.includes('remark-parse'));
      assert.ok(parsers.length >= 2);
      assert.deepEqual(
        parsers.filter((m) => !m.identifiers.has('boundedMarkdown')).map((m) => m.file),
        [],
      );
    });

    it('node/ imports only the core; render/ only the core and no node: module', () => {
      const node = sources('server/src/node');
      const render = sources('server/src/render');
      assert.deepEqual(
        node.flatMap((m) => m.targets.filter((t) => !inside(t, 'server/src/core', 'server/src/node')).map((t) => `${m.file} → ${t}`)),
        [],
      );
      assert.deepEqual(
        render.flatMap((m) => [
          ...m.targets.filter((t) => !inside(t, 'server/src/core', 'server/src/render')).map((t) => `${m.file} → ${t}`),
          ...m.specifiers.filter(isBuiltin).map((s) => `${m.file} imports ${s}`),
        ]),
        [],
      );
    });

    it('pack/ and word/ import nothing of the server, the CLI or each other', () => {
      assert.deepEqual(importsInto(sources('server/src/pack'), 'server/src/server', 'server/src/cli', 'server/src/word', 'client'), []);
      assert.deepEqual(importsInto(sources('server/src/word'), 'server/src/server', 'server/src/cli', 'server/src/pack', 'client'), []);
    });

    it('the server’s handlers import no core module; the language service imports no handler, nor the connection’s modules', () => {
      assert.deepEqual(importsInto(sources('server/src/server/handlers'), 'server/src/core'), []);
      const service = sources('server/src/server/service');
      assert.ok(service.length > 10);
      assert.deepEqual(
        importsInto(service, 'server/src/server/handlers', 'server/src/server/server', 'server/src/server/context', 'server/src/server/main'),
        [],
      );
    });

    it('the client imports from the server only the protocol modules and two pure helpers', () => {
      const allowed = ['server/src/protocol', 'server/src/protocol-meeting', 'server/src/core/text', 'server/src/core/profile'];
      const client = sources('client/src');
      assert.deepEqual(
        client.flatMap((m) => m.targets.filter((t) => !inside(t, 'client/src') && !allowed.includes(t)).map((t) => `${m.file} → ${t}`)),
        [],
      );
    });

    it('server/src imports nothing from client/, test/, bench/ or scripts/; bench/ nothing from test/', () => {
      assert.deepEqual(importsInto(server, 'client', 'test', 'bench', 'scripts'), []);
      const bench = sources('bench');
      assert.ok(bench.length > 10);
      assert.deepEqual(importsInto(bench, 'test'), []);
    });

    it('pdfkit is imported only by the PDF renderer, mammoth and docx only by the Word code', () => {
      const bad = server.flatMap((m) =>
        m.specifiers
          .filter(
            (s) =>
              (s === 'pdfkit' && !(m.file === 'server/src/pack/pdf.ts' || inside(m.file, 'server/src/pack/pdf'))) ||
              ((s === 'mammoth' || s === 'docx') && !inside(m.file, 'server/src/word')),
          )
          .map((s) => `${m.file} imports ${s}`),
      );
      assert.deepEqual(bad, []);
    });

    it('only node/files.ts writes, renames or links files (word/bundle.ts may remove the images it wrote; cli/launcher.ts writes its code cache)', () => {
      // The launcher runs before the CLI's bundle and loads none of it (docs/architecture.md says why).
      const writers = new Set(['server/src/node/files.ts', 'server/src/cli/launcher.ts']);
      const bad = server.filter((m) => !writers.has(m.file)).flatMap((m) => m.writes);
      assert.deepEqual(
        bad.filter((w) => !/^server\/src\/word\/bundle\.ts:\d+ fs\.rmSync$/.test(w)),
        [],
      );
    });

    it('cli/launcher.ts imports nothing but Node’s own modules (dist/cli.js stays a few KB)', () => {
      const launcher = server.find((m) => m.file === 'server/src/cli/launcher.ts');
      assert.ok(launcher, 'server/src/cli/launcher.ts is in the map');
      assert.deepEqual(
        [...launcher.specifiers].filter((s) => !s.startsWith('node:')),
        [],
      );
    });

    it('sees imports, requires, dynamic and type imports, the clock and writes (the checks can fail)', () => {
      const text = [
        "import * as fs from 'node:fs';",
        "export { a } from '../node/files';",
        "export * from './b';",
        "const p = require('pdfkit') as typeof import('docx');",
        "const m = await import('mammoth');",
        'const t = Date.now() + new Date().getTime() + new Date(0).getTime();',
        'if (process.env.X) fs.writeFileSync("x", "y");',
        'boundedMarkdown;',
      ].join('\n');
      const m = moduleFacts('server/src/core/probe.ts', text);
      assert.deepEqual([...m.specifiers].sort(), ['../node/files', './b', 'docx', 'mammoth', 'node:fs', 'pdfkit']);
      assert.deepEqual([...m.targets].sort(), ['server/src/core/b', 'server/src/node/files']);
      assert.deepEqual(m.clock, ['server/src/core/probe.ts:6 Date.now', 'server/src/core/probe.ts:6 new Date()', 'server/src/core/probe.ts:7 process.env']);
      assert.deepEqual(m.writes, ['server/src/core/probe.ts:7 fs.writeFileSync']);
      assert.ok(m.identifiers.has('boundedMarkdown'));
    });
  });
});
