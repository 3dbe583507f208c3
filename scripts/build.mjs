// Bundles the CLI, the language server and the VS Code extension with esbuild.
// Usage: node scripts/build.mjs [--watch] [--production] [--outdir DIR]
// (DIR, relative to the project, defaults to dist; the benchmarks build the
// production bundles into a folder of their own: bench/run.ts).
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
const outIndex = process.argv.indexOf('--outdir');
const outdir = outIndex === -1 ? 'dist' : process.argv[outIndex + 1];
if (!outdir || outdir.startsWith('--')) {
  console.error('build: --outdir needs a folder, e.g. --outdir dist');
  process.exit(2);
}

const entries = [
  // `boardpaper`: a launcher of a few KB that runs the CLI's bundle through a
  // V8 code cache (server/src/cli/launcher.ts), and the bundle itself.
  { in: 'server/src/cli/launcher.ts', out: 'cli', shebang: true },
  { in: 'server/src/cli/run.ts', out: 'cli-main' },
  // The worker of check's pool (server/src/cli/check-pool.ts), loaded by dist/cli.js from beside it.
  { in: 'server/src/cli/check-worker.ts', out: 'check-worker' },
  // The HTML pack's render workers (server/src/pack/render-pool.ts), loaded from beside the CLI.
  { in: 'server/src/pack/render-worker.ts', out: 'pack-worker' },
  // The agenda pack's PDF renderer (pdfkit, fontkit, brotli: more than half of
  // the CLI's code), which dist/cli.js loads from beside it only for a PDF
  // pack, so that every other run of the CLI does not read and compile it.
  { in: 'server/src/pack/pdf.ts', out: 'pack-pdf' },
  // Word import and export (mammoth, docx), loaded by dist/cli.js and dist/server.js from beside them
  // only for a Word job (server/src/word/bundle.ts).
  { in: 'server/src/word/bundle.ts', out: 'word' },
  { in: 'server/src/server/main.ts', out: 'server', shebang: true },
  { in: 'client/src/extension.ts', out: 'extension' },
].filter((e) => fs.existsSync(path.join(root, e.in)));

const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  legalComments: 'none',
  logLevel: 'warning',
  define: { BOARDPAPER_VERSION: JSON.stringify(pkg.version) },
  external: ['vscode'],
  absWorkingDir: root,
  // remark and friends are ESM; esbuild turns them into one CommonJS file.
  mainFields: ['module', 'main'],
};

// In dist/cli.js, server/src/pack/build.ts's lazy require('./pdf') becomes a
// require of dist/pack-pdf.js (the language server keeps it inline).
const pdfApart = {
  name: 'pdf-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\/pdf$/ }, (args) =>
      args.kind === 'require-call' && args.importer.replace(/\\/g, '/').endsWith('server/src/pack/build.ts')
        ? { path: './pack-pdf.js', external: true }
        : undefined,
    );
  },
};

// In dist/cli.js and dist/server.js, the lazy require('../word/bundle') becomes dist/word.js.
const wordApart = {
  name: 'word-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/word\/bundle$/ }, (args) => (args.kind === 'require-call' ? { path: './word.js', external: true } : undefined));
  },
};

const contexts = [];
for (const e of entries) {
  const opts = {
    ...common,
    plugins: e.out === 'cli-main' ? [pdfApart, wordApart] : e.out === 'server' ? [wordApart] : [],
    entryPoints: [e.in],
    outfile: `${outdir}/${e.out}.js`,
    banner: e.shebang ? { js: '#!/usr/bin/env node' } : undefined,
  };
  if (watch) {
    const ctx = await esbuild.context(opts);
    await ctx.watch();
    contexts.push(ctx);
  } else {
    await esbuild.build(opts);
  }
}
// The agenda pack's PDF fonts (Arimo, metric-compatible with Arial): pdfkit
// embeds them from files, which the bundles read from dist/fonts/.
const fontPkg = path.join(root, 'node_modules/@expo-google-fonts/arimo');
fs.mkdirSync(path.join(root, outdir, 'fonts'), { recursive: true });
for (const [dir, file] of [
  ['400Regular', 'Arimo_400Regular.ttf'],
  ['700Bold', 'Arimo_700Bold.ttf'],
  ['400Regular_Italic', 'Arimo_400Regular_Italic.ttf'],
  ['700Bold_Italic', 'Arimo_700Bold_Italic.ttf'],
]) {
  fs.copyFileSync(path.join(fontPkg, dir, file), path.join(root, outdir, 'fonts', file));
}
fs.copyFileSync(path.join(fontPkg, 'LICENSE_FONT'), path.join(root, outdir, 'fonts', 'LICENSE-Arimo.txt'));
for (const e of entries) if (e.shebang && fs.existsSync(path.join(root, outdir, `${e.out}.js`))) fs.chmodSync(path.join(root, outdir, `${e.out}.js`), 0o755);
console.log(`built ${entries.map((e) => `${outdir}/${e.out}.js`).join(', ')}${production ? ' (production)' : ''}${watch ? ' (watching)' : ''}`);
