/**
 * Files the pack reads besides the papers: the PDF fonts and the images the
 * papers reference.
 *
 * Fonts: Arimo (SIL OFL 1.1, metrically identical to Arial, the NHS house
 * font), from the @expo-google-fonts/arimo package. From source they are read
 * from node_modules; the built bundle reads the copies scripts/build.mjs puts
 * in dist/fonts/ beside dist/cli.js.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const FONT_FILES = {
  regular: 'Arimo_400Regular.ttf',
  bold: 'Arimo_700Bold.ttf',
  italic: 'Arimo_400Regular_Italic.ttf',
  boldItalic: 'Arimo_700Bold_Italic.ttf',
} as const;

export type FontStyle = keyof typeof FONT_FILES;

const PACKAGE_FOLDER: Record<FontStyle, string> = {
  regular: '400Regular',
  bold: '700Bold',
  italic: '400Regular_Italic',
  boldItalic: '700Bold_Italic',
};

let cache: Record<FontStyle, Buffer> | undefined;

function candidates(style: FontStyle): string[] {
  const file = FONT_FILES[style];
  const out = [path.join(__dirname, 'fonts', file)];
  // From source (tests, tsx): the font package in node_modules.
  try {
    const pkg = require.resolve('@expo-google-fonts/arimo/package.json');
    out.push(path.join(path.dirname(pkg), PACKAGE_FOLDER[style], file));
  } catch {
    // not installed beside us: only the bundled copy can work
  }
  // Walking up from here finds node_modules when require.resolve cannot.
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    out.push(path.join(dir, 'node_modules', '@expo-google-fonts', 'arimo', PACKAGE_FOLDER[style], file));
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return out;
}

/** The four Arimo faces. Throws an Error naming where it looked when a font is missing. */
export function loadFonts(): Record<FontStyle, Buffer> {
  if (cache) return cache;
  const fonts = {} as Record<FontStyle, Buffer>;
  for (const style of Object.keys(FONT_FILES) as FontStyle[]) {
    const tried = candidates(style);
    const found = tried.find((f) => fs.existsSync(f));
    if (!found)
      throw new Error(`the PDF font ${FONT_FILES[style]} is missing (looked in ${tried[0]} and node_modules/@expo-google-fonts/arimo); reinstall boardpaper`);
    fonts[style] = fs.readFileSync(found);
  }
  cache = fonts;
  return fonts;
}

export interface LocalImage {
  mime: 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp';
  data: Buffer;
}

/** Images larger than this are not embedded (the pack says "[Image: alt]" instead). */
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

function sniff(data: Buffer): LocalImage['mime'] | null {
  if (data.length > 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (data.length > 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.length > 6 && (data.subarray(0, 6).toString('latin1') === 'GIF87a' || data.subarray(0, 6).toString('latin1') === 'GIF89a')) return 'image/gif';
  if (data.length > 12 && data.subarray(0, 4).toString('latin1') === 'RIFF' && data.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return null;
}

/**
 * Read an image a paper references, when it is local (a relative path, no
 * scheme), inside `root` (the pack's folder: a paper cannot pull in files from
 * elsewhere on the disk), no larger than MAX_IMAGE_BYTES, and really a PNG,
 * JPEG, GIF or WebP. Anything else, remote images included, gives null.
 */
export function readLocalImage(url: string, paperDir: string, root: string): LocalImage | null {
  if (!url || /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) return null;
  let rel: string;
  try {
    rel = decodeURI(url.split(/[?#]/)[0]!);
  } catch {
    return null;
  }
  if (!rel || path.isAbsolute(rel)) return null;
  try {
    const file = fs.realpathSync(path.resolve(paperDir, rel));
    const realRoot = fs.realpathSync(root);
    const inside = path.relative(realRoot, file);
    if (inside.startsWith('..') || path.isAbsolute(inside)) return null;
    const st = fs.statSync(file);
    if (!st.isFile() || st.size > MAX_IMAGE_BYTES) return null;
    const data = fs.readFileSync(file);
    const mime = sniff(data);
    return mime ? { mime, data } : null;
  } catch {
    return null;
  }
}
