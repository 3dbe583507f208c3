/**
 * Builds bench/harness.ts the way scripts/build.mjs builds dist/ (esbuild,
 * CommonJS, node18, ESM packages bundled in, not minified), with a source
 * map so that profiles point at the original files and lines.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

let built: Promise<string> | undefined;

/** The harness bundle (built once per run) in bench/corpus/build/. */
export function harness(root: string, corpusDir: string): Promise<string> {
  built ??= buildHarness(root, path.join(corpusDir, 'build'));
  return built;
}

export async function buildHarness(root: string, outDir: string): Promise<string> {
  const esbuild = await import('esbuild');
  const outfile = path.join(outDir, 'harness.js');
  fs.mkdirSync(outDir, { recursive: true });
  await esbuild.build({
    entryPoints: [path.join(root, 'bench', 'harness.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node18',
    format: 'cjs',
    sourcemap: 'linked',
    sourcesContent: false,
    minify: false,
    legalComments: 'none',
    logLevel: 'warning',
    define: { BOARDPAPER_VERSION: '"bench"' },
    external: ['vscode'],
    absWorkingDir: root,
    mainFields: ['module', 'main'],
  });
  return outfile;
}

// ---------------------------------------------------------------------------
// Source maps (v3): generated line/column → original source and line.

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Map([...B64].map((c, i) => [c, i]));

function decodeVlq(s: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of s) {
    const d = B64_INDEX.get(ch);
    if (d === undefined) continue;
    value += (d & 31) << shift;
    if (d & 32) shift += 5;
    else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

export interface SourceMapLookup {
  /** 0-based generated line and column → original source path (relative to root) and 1-based line. */
  original(line: number, column: number): { source: string; line: number } | null;
}

export function loadSourceMap(mapFile: string, root: string): SourceMapLookup {
  const map = JSON.parse(fs.readFileSync(mapFile, 'utf8')) as { sources: string[]; mappings: string; sourceRoot?: string };
  const dir = path.dirname(mapFile);
  const sources = map.sources.map((s) => path.relative(root, path.resolve(dir, map.sourceRoot ?? '', s)));
  // Per generated line: [column, source, originalLine] segments in column order.
  const lines: number[][][] = [];
  let src = 0;
  let oLine = 0;
  map.mappings.split(';').forEach((lineText) => {
    let col = 0;
    const segs: number[][] = [];
    for (const segText of lineText.split(',')) {
      if (!segText) continue;
      const f = decodeVlq(segText);
      col += f[0]!;
      if (f.length >= 4) {
        src += f[1]!;
        oLine += f[2]!;
        segs.push([col, src, oLine]);
      }
    }
    lines.push(segs);
  });
  return {
    original(line, column) {
      const segs = lines[line];
      if (!segs?.length) return null;
      let best: number[] | undefined;
      for (const s of segs) {
        if (s[0]! <= column) best = s;
        else break;
      }
      best ??= segs[0];
      return best ? { source: sources[best[1]!]!, line: best[2]! + 1 } : null;
    },
  };
}
