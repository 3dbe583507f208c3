// The package as users install it: `npm pack`, then `npm install <tarball>`
// into an empty folder, and from there the installed commands —
// `boardpaper check` on a copy of the example meeting, `boardpaper pack
// --format pdf`, `boardpaper export` and `import` (dist/word.js), and `boardpaper-language-server --stdio` answering an LSP
// initialize and publishing diagnostics. Fails (exit 1) naming the first
// thing that is wrong. Dependencies come from the npm registry or its cache.
//
// Usage: node scripts/test-package.mjs [--keep]   (CI: .ci/run)
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver-protocol/node');
const keep = process.argv.includes('--keep');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'boardpaper-package-')));
const step = (s) => console.log(`test-package: ${s}`);

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20, ...opts, env: { ...process.env, NO_COLOR: '1', ...opts.env } });
  if (r.error) throw r.error;
  return r;
}

function must(r, what) {
  if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r;
}

try {
  // 1. The tarball: what it holds, and nothing of the sources or tests.
  step('npm pack');
  const packDir = path.join(tmp, 'pack');
  fs.mkdirSync(packDir);
  const packed = JSON.parse(must(run(npm, ['pack', '--json', '--pack-destination', packDir], { cwd: root }), 'npm pack').stdout.replace(/^[^[]*/, ''))[0];
  const tgz = path.join(packDir, packed.filename);
  const files = packed.files.map((f) => f.path).sort();
  const expected = [
    'CHANGELOG.md',
    'LICENSE',
    'README.md',
    'dist/check-worker.js',
    'dist/cli-main.js',
    'dist/cli.js',
    'dist/fonts/Arimo_400Regular.ttf',
    'dist/fonts/Arimo_400Regular_Italic.ttf',
    'dist/fonts/Arimo_700Bold.ttf',
    'dist/fonts/Arimo_700Bold_Italic.ttf',
    'dist/fonts/LICENSE-Arimo.txt',
    'dist/pack-pdf.js',
    'dist/pack-worker.js',
    'dist/server.js',
    'dist/word.js',
    'package.json',
    'schemas/boardpaper-profile.schema.json',
  ];
  for (const f of expected) assert.ok(files.includes(f), `the tarball lacks ${f}`);
  const stray = files.filter((f) => /\.(ts|map)$/.test(f) || /^(test|server|client|bench|scripts|examples|\.ci)\//.test(f) || f === 'dist/extension.js');
  assert.deepEqual(stray, [], 'sources, tests or the VS Code bundle in the tarball');
  for (const [name, target] of Object.entries(pkg.bin)) assert.ok(files.includes(target.replace(/^\.\//, '')), `bin ${name} → ${target} is not in the tarball`);
  assert.ok(!pkg.private, 'package.json says private');
  step(`${packed.filename}: ${files.length} files, ${(packed.size / 1048576).toFixed(2)} MiB`);

  // 2. Installed into an empty folder, as a user would.
  const app = path.join(tmp, 'app');
  fs.mkdirSync(app);
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'board-papers', version: '1.0.0', private: true }, null, 2));
  step('npm install <tarball> in an empty folder');
  must(run(npm, ['install', '--no-audit', '--no-fund', '--prefer-offline', tgz], { cwd: app }), 'npm install');
  const bin = (name) => path.join(app, 'node_modules', '.bin', name + (process.platform === 'win32' ? '.cmd' : ''));
  for (const name of Object.keys(pkg.bin)) {
    const target = path.join(app, 'node_modules', 'boardpaper', pkg.bin[name]);
    assert.equal(fs.readFileSync(target, 'utf8').split('\n')[0], '#!/usr/bin/env node', `${pkg.bin[name]} has no shebang`);
    assert.ok(fs.existsSync(bin(name)), `node_modules/.bin/${name} missing`);
  }
  // The installed commands run through their shebang, from the user's folder.
  const installed = (name, args) => run(bin(name), args, { cwd: app });

  const v = installed('boardpaper', ['--version']);
  assert.equal(v.stdout.trim(), pkg.version, `boardpaper --version: ${v.stdout}${v.stderr}`);

  // 3. check on a copy of the example meeting: the same findings as from the repository.
  fs.cpSync(path.join(root, 'examples', 'papers'), path.join(app, 'papers'), { recursive: true });
  step('boardpaper check papers --format json');
  const c = installed('boardpaper', ['check', 'papers', '--format', 'json']);
  assert.equal(c.status, 1, `check: exit ${c.status} (the examples have errors): ${c.stderr}`);
  assert.equal(c.stderr, '');
  const found = JSON.parse(c.stdout);
  const ref = run(process.execPath, [path.join(root, 'dist', 'cli.js'), 'check', 'papers', '--format', 'json'], { cwd: app });
  assert.deepEqual(found, JSON.parse(ref.stdout), 'the installed CLI and the repository build disagree');
  assert.equal(found.length, 10, `10 example papers, got ${found.length}`);
  const rules = (name) => found.find((f) => f.file.endsWith(name)).diagnostics.map((d) => d.rule);
  assert.deepEqual(
    rules('05-chief-executive-report.md').filter((r) => r !== 'undefined-acronym'),
    [],
  );
  assert.ok(rules('10.1-fragile-services-wave-1.md').includes('strategic-objective-text'));
  assert.ok(rules('10.10-virtual-wards.md').includes('agenda-item-number'));
  // Many files: the worker pool (dist/check-worker.js beside dist/cli.js) gives the same.
  const pooled = run(bin('boardpaper'), ['check', 'papers', '--format', 'json'], { cwd: app, env: { BOARDPAPER_WORKERS: '2' } });
  assert.deepEqual(JSON.parse(pooled.stdout), found, 'check with worker threads differs');

  // 4. The PDF pack (dist/pack-pdf.js and the fonts beside the CLI).
  step('boardpaper pack --format pdf');
  const p = installed('boardpaper', [
    'pack',
    'papers/2024-05-08',
    '--meeting',
    'Integrated Care Board',
    '--date',
    '2024-05-08',
    '--format',
    'pdf',
    '--out',
    'pack.pdf',
  ]);
  assert.equal(p.status, 0, `pack: exit ${p.status}: ${p.stderr}`);
  const pdf = fs.readFileSync(path.join(app, 'pack.pdf'));
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-', 'pack.pdf is not a PDF');
  assert.match(pdf.subarray(-32).toString('latin1'), /%%EOF\s*$/, 'pack.pdf is cut short');
  const text = pdf.toString('latin1');
  assert.match(text, /\/BaseFont \/[A-Z]{6}\+Arimo/, 'the Arimo font is not embedded');
  const pages = Number(/\/Type \/Pages[^>]*\/Count (\d+)/s.exec(text)?.[1] ?? 0);
  assert.ok(pages >= 10, `the public pack has ${pages} pages`);
  step(`pack.pdf: ${pages} pages, ${(pdf.length / 1024).toFixed(0)} KB`);

  // 5. Word out and back in (dist/word.js beside the CLI): the same cover sheet.
  step('boardpaper export, then import');
  const paperFile = path.join('papers', '2024-05-08', '10.10-virtual-wards.md');
  const e = installed('boardpaper', ['export', paperFile, '--out', 'paper.docx']);
  assert.equal(e.status, 0, `export: exit ${e.status}: ${e.stderr}`);
  assert.equal(fs.readFileSync(path.join(app, 'paper.docx')).subarray(0, 2).toString('latin1'), 'PK', 'paper.docx is not a .docx');
  const im = installed('boardpaper', ['import', 'paper.docx', '--out', 'imported.md', '--format', 'json']);
  assert.ok(im.status === 0 || im.status === 1, `import: exit ${im.status}: ${im.stderr}`);
  const front = (f) => fs.readFileSync(path.join(app, f), 'utf8').split(/^---$/m)[1];
  assert.match(front('imported.md'), /agenda_item: "10\.10"/, 'the imported paper lost its agenda item');
  assert.equal(front('imported.md').match(/^title: .*$/m)?.[0], front(paperFile).match(/^title: .*$/m)?.[0], 'the imported paper has another title');

  // 6. The language server: an LSP initialize round trip, then diagnostics for an opened paper.
  step('boardpaper-language-server --stdio');
  await languageServer(bin('boardpaper-language-server'), app);

  step('ok');
} catch (e) {
  console.error(`test-package: FAILED: ${e?.message ?? e}`);
  process.exitCode = 1;
} finally {
  if (keep) console.log(`test-package: kept ${tmp}`);
  else fs.rmSync(tmp, { recursive: true, force: true });
}

async function languageServer(command, cwd) {
  const proc = spawn(command, ['--stdio'], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise((r) => proc.on('exit', (code) => r(code)));
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  const published = new Map();
  let wake = () => {};
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    published.set(p.uri, p.diagnostics);
    wake();
  });
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => null));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.listen();
  const timeout = (ms, what) =>
    new Promise((_, reject) => setTimeout(() => reject(new Error(`language server: no ${what} in ${ms} ms; stderr: ${stderr}`)), ms).unref());
  try {
    const init = await Promise.race([
      conn.sendRequest('initialize', {
        processId: process.pid,
        rootUri: pathToFileURL(cwd).href,
        workspaceFolders: [{ uri: pathToFileURL(cwd).href, name: 'board-papers' }],
        capabilities: { textDocument: { publishDiagnostics: {}, completion: {}, hover: {} }, workspace: { workspaceFolders: true, configuration: true } },
      }),
      timeout(20000, 'initialize result'),
    ]);
    assert.equal(init.serverInfo?.name && typeof init.serverInfo.name, 'string', 'initialize: no serverInfo');
    assert.ok(init.capabilities?.textDocumentSync, 'initialize: no textDocumentSync');
    assert.ok(init.capabilities?.completionProvider, 'initialize: no completion');
    assert.ok(init.capabilities?.hoverProvider, 'initialize: no hover');
    conn.sendNotification('initialized', {});
    const file = path.join(cwd, 'papers', '2024-05-08', '10.10-virtual-wards.md');
    const uri = pathToFileURL(file).href;
    conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: fs.readFileSync(file, 'utf8') } });
    const diagnostics = await Promise.race([
      new Promise((resolve) => {
        const check = () => (published.get(uri)?.length ? resolve(published.get(uri)) : (wake = check));
        check();
      }),
      timeout(20000, 'diagnostics'),
    ]);
    const codes = diagnostics.map((d) => d.code);
    assert.ok(codes.includes('agenda-item-number'), `diagnostics: ${codes.join(', ')}`);
    await Promise.race([conn.sendRequest('shutdown'), timeout(5000, 'shutdown reply')]);
    conn.sendNotification('exit');
    const code = await Promise.race([exited, timeout(5000, 'exit')]);
    assert.equal(code, 0, `the language server exited with ${code}`);
    step(
      `language server: initialize ok (${init.serverInfo.name} ${init.serverInfo.version ?? ''}), ${diagnostics.length} diagnostics for 10.10-virtual-wards.md`,
    );
  } finally {
    conn.dispose();
    if (proc.exitCode === null) proc.kill();
  }
}
