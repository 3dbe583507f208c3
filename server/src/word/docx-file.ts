/**
 * The file side of Word import: check that a file is a readable, safe `.docx`
 * (a zip whose inflated size is bounded, with no macros), convert it with
 * mammoth, and collect its images. The conversion to a paper is pure
 * (`import-html.ts`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Unzip, UnzipInflate, unzipSync } from 'fflate';
import type { Profile } from '../core/profile';
import { importHtml, type ImportResult } from './import-html';

/** A file that cannot be imported: the message is one line for the author. */
export class WordError extends Error {}

export const LIMITS = {
  /** The .docx file itself. */
  fileBytes: 100 * 1024 * 1024,
  /** Everything inside it once inflated (a zip bomb stops here). */
  inflatedBytes: 400 * 1024 * 1024,
  /** Any one part (word/document.xml…). */
  partBytes: 200 * 1024 * 1024,
  entries: 10_000,
};

export interface WordImage {
  /** File name beside the paper (no folder). */
  name: string;
  data: Uint8Array;
  alt?: string;
}

export interface WordImport extends ImportResult {
  images: WordImage[];
}

const MACRO_TYPE = 'application/vnd.ms-word.document.macroEnabled.main+xml';

/**
 * Inflate every part once, counting, so that the declared sizes cannot lie:
 * stops at LIMITS. Returns the part names and `[Content_Types].xml`.
 */
export function inspectZip(buf: Uint8Array, file: string): { names: Set<string>; contentTypes: string } {
  const name = path.basename(file);
  if (buf.length < 4 || buf[0] !== 0x50 || buf[1] !== 0x4b || buf[2] !== 0x03 || buf[3] !== 0x04) {
    if (buf.length >= 8 && buf[0] === 0xd0 && buf[1] === 0xcf && buf[2] === 0x11 && buf[3] === 0xe0) {
      throw new WordError(`${name} is an old-style Word document (.doc) or is encrypted; save it as .docx in Word and import that`);
    }
    throw new WordError(`${name} is not a Word document (.docx files are zip archives; this one is not)`);
  }
  // First the sizes the archive declares (its central directory, nothing inflated) …
  let declared = 0;
  let declaredProblem: string | null = null;
  try {
    unzipSync(buf, {
      filter: (f) => {
        declared += f.originalSize;
        if (f.originalSize > LIMITS.partBytes || declared > LIMITS.inflatedBytes)
          declaredProblem ??= `${name} inflates to more than ${Math.round((f.originalSize > LIMITS.partBytes ? LIMITS.partBytes : LIMITS.inflatedBytes) / 1048576)} MB (a zip bomb?); not imported`;
        return false;
      },
    });
  } catch (e) {
    throw new WordError(`${name} is a damaged zip archive (${String((e as Error).message ?? e).split('\n')[0]})`);
  }
  if (declaredProblem) throw new WordError(declaredProblem);
  // … then every part inflated and counted, so that sizes that lie are caught too.
  const names = new Set<string>();
  const chunks: Uint8Array[] = [];
  let total = 0;
  let problem: string | null = null;
  const uz = new Unzip();
  uz.register(UnzipInflate);
  uz.onfile = (f) => {
    if (problem) return;
    if (names.size >= LIMITS.entries) {
      problem = `${name} has more than ${LIMITS.entries} parts; it is not a Word document that can be imported safely`;
      return;
    }
    names.add(f.name);
    let part = 0;
    const keep = f.name === '[Content_Types].xml';
    f.ondata = (err, data) => {
      if (problem) return;
      if (err) {
        problem = `${name} is a damaged zip archive (${String(err.message ?? err).split('\n')[0]})`;
        return;
      }
      part += data.length;
      total += data.length;
      if (keep) chunks.push(data);
      if (part > LIMITS.partBytes || total > LIMITS.inflatedBytes) {
        problem = `${name} inflates to more than ${Math.round((part > LIMITS.partBytes ? LIMITS.partBytes : LIMITS.inflatedBytes) / 1048576)} MB (a zip bomb?); not imported`;
        f.terminate();
      }
    };
    f.start();
  };
  try {
    const step = 64 * 1024;
    for (let i = 0; i < buf.length && !problem; i += step) uz.push(buf.subarray(i, Math.min(buf.length, i + step)), i + step >= buf.length);
  } catch (e) {
    problem ??= `${name} is a damaged zip archive (${String((e as Error).message ?? e).split('\n')[0]})`;
  }
  if (problem) throw new WordError(problem);
  const contentTypes = Buffer.concat(chunks).toString('utf8');
  if (!names.has('word/document.xml') || !names.has('[Content_Types].xml')) {
    throw new WordError(`${name} is a zip archive but not a Word document (no word/document.xml)`);
  }
  if (contentTypes.includes(MACRO_TYPE) || [...names].some((n) => /vbaProject\.bin$/i.test(n))) {
    throw new WordError(`${name} contains macros (a macro-enabled .docm); save it as a plain .docx (Word: File › Save As › Word Document) and import that`);
  }
  return { names, contentTypes };
}

const EXT: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/bmp': 'bmp',
  'image/svg+xml': 'svg',
  'image/tiff': 'tif',
  'image/x-emf': 'emf',
  'image/x-wmf': 'wmf',
  'image/webp': 'webp',
};

/** Style map: the usual names of NHS templates' headings beyond Word's own. */
// Word's Heading 1–5 become h2–h6 and Title h1, so that a document's Title
// stays apart from its sections (import-html.ts makes the top section level `##`).
const STYLE_MAP = [
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='Subtitle'] => p:fresh",
  ...[1, 2, 3, 4, 5].flatMap((n) => [
    `p[style-name='Heading ${n}'] => h${n + 1}:fresh`,
    `p[style-name='heading ${n}'] => h${n + 1}:fresh`,
    `p[style-name='Heading ${n} Numbered'] => h${n + 1}:fresh`,
  ]),
  "p[style-name='Heading 6'] => h6:fresh",
];

/**
 * Read a `.docx` and make the paper. `baseName` names the images
 * (`BASE-image-1.png`). Throws WordError (one line) when the file cannot be
 * imported.
 */
export async function importDocxBuffer(buf: Uint8Array, file: string, profile: Profile, baseName: string): Promise<WordImport> {
  if (/\.docm$/i.test(file)) throw new WordError(`${path.basename(file)} is a macro-enabled document (.docm); save it as a plain .docx and import that`);
  if (buf.length > LIMITS.fileBytes) throw new WordError(`${path.basename(file)} is larger than ${LIMITS.fileBytes / 1048576} MB; not imported`);
  inspectZip(buf, file);
  const mammoth = await import('mammoth');
  const images: WordImage[] = [];
  const notes: string[] = [];
  let n = 0;
  const convertImage = mammoth.images.imgElement(async (image) => {
    const alt = (image as { altText?: string }).altText;
    let data: Buffer;
    try {
      data = await image.readAsBuffer();
    } catch (e) {
      const uri = /external image '([^']*)'/.exec(String((e as Error).message))?.[1];
      notes.push(`An image linked to a file outside the document was not fetched${alt ? ` ("${alt}")` : ''}${uri ? `: ${uri}` : ''}`);
      return { src: '' };
    }
    const ext = EXT[image.contentType] ?? 'bin';
    const imageName = `${baseName}-image-${++n}.${ext}`;
    images.push({ name: imageName, data, alt });
    return { src: imageName };
  });
  let result: { value: string; messages: { type: string; message: string }[] };
  try {
    result = await mammoth.convertToHtml({ buffer: Buffer.from(buf) }, { convertImage, styleMap: STYLE_MAP, includeEmbeddedStyleMap: false } as never);
  } catch (e) {
    throw new WordError(`${path.basename(file)} could not be read as a Word document (${String((e as Error).message ?? e).split('\n')[0]})`);
  }
  // Messages that mean content was skipped (not style names mammoth has no mapping for).
  const messages = result.messages
    .filter((m) => !/^Unrecognised (paragraph|run|table) style/i.test(m.message) && !/external image/i.test(m.message))
    .map((m) => `Word ${m.type}: ${m.message.split('\n')[0]}`);
  const imported = importHtml(result.value, profile, { messages: [...new Set(messages)], notes });
  return { ...imported, images };
}

/** Read `file` (throws WordError when it cannot be read). */
export function readWordFile(file: string): Uint8Array {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch (e) {
    throw new WordError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (!st.isFile()) throw new WordError(`${file} is not a file`);
  if (st.size > LIMITS.fileBytes) throw new WordError(`${path.basename(file)} is larger than ${LIMITS.fileBytes / 1048576} MB; not imported`);
  return fs.readFileSync(file);
}

/**
 * Where an image goes beside the paper: its own name, or the next free
 * `-N` name when a different file is there already. Never overwrites.
 */
export function imageTarget(dir: string, name: string, data: Uint8Array): { file: string; exists: boolean } {
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let i = 0; i < 1000; i++) {
    const file = path.join(dir, i === 0 ? name : `${stem}-${i}${ext}`);
    if (!fs.existsSync(file)) return { file, exists: false };
    try {
      if (Buffer.compare(fs.readFileSync(file), Buffer.from(data)) === 0) return { file, exists: true };
    } catch {
      /* try the next name */
    }
  }
  throw new WordError(`cannot find a free file name for ${name} in ${dir}`);
}
