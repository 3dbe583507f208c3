// Packages the VS Code extension (boardpaper.vsix) with vsce.
//
// Two packages come from this one folder: the npm package (the CLI and the
// language server; package.json `files` says what goes in it) and the .vsix
// (the extension; `.vscodeignore` says what goes in it). vsce reads both and
// refuses to run when both exist ("VSCE does not support combining both
// strategies"), so the .vsix is packaged from a staging folder holding what
// `.vscodeignore` lets in and a package.json without `files`. `.vscodeignore`
// stays the one list of the .vsix's contents.
//
// Usage: node scripts/package-vsix.mjs [--out FILE]   (after a build)
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
const outArg = args.includes('--out') ? args[args.indexOf('--out') + 1] : 'boardpaper.vsix';
const out = path.resolve(outArg);

const ignore = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8');
// The top-level entries the ignore file lets back in (`!dist/extension.js` → dist).
const tops = new Set(
  ignore
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.startsWith('!'))
    .map((l) => l.slice(1).replace(/^\//, '').split('/')[0])
    .filter((t) => t && t !== 'package.json' && !t.includes('*')),
);

const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'boardpaper-vsix-'));
try {
  for (const t of tops) {
    const src = path.join(root, t);
    if (fs.existsSync(src)) fs.cpSync(src, path.join(stage, t), { recursive: true });
  }
  fs.copyFileSync(path.join(root, '.vscodeignore'), path.join(stage, '.vscodeignore'));
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  delete manifest.files; // the npm package's list; the .vsix follows .vscodeignore
  fs.writeFileSync(path.join(stage, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');

  const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '-o', out], { cwd: stage, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
} finally {
  fs.rmSync(stage, { recursive: true, force: true });
}
