/**
 * Word import and export as whole jobs on files: what the CLI and the language
 * server call. Built apart as dist/word.js (mammoth, docx: most of the code
 * of this feature), which dist/cli.js and dist/server.js load from beside
 * them only when a Word job is asked for.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Profile } from '../core/profile';
import { writeFileAtomic } from '../node/files';
import { imageTarget, importDocxBuffer, readWordFile, WordError } from './docx-file';
import { exportPaper } from './export-node';

export { WordError };

export interface WordImportJob {
  /** The paper written. */
  target: string;
  text: string;
  /** Image files written (or found already there with the same bytes). */
  images: string[];
  notes: string[];
}

/** Import `input` to `target` (never overwritten; images beside it). Throws WordError with one line. */
export async function importWordFile(input: string, target: string, profile: Profile): Promise<WordImportJob> {
  if (fs.existsSync(target)) throw new WordError(`${target} already exists; boardpaper import never overwrites a paper (choose another --out)`);
  const buf = readWordFile(input);
  const result = await importDocxBuffer(buf, input, profile, path.basename(target).replace(/\.md$/i, ''));
  let text = result.text;
  const dir = path.dirname(path.resolve(target));
  const written: string[] = [];
  const images: string[] = [];
  try {
    for (const img of result.images) {
      const t = imageTarget(dir, img.name, img.data);
      const name = path.basename(t.file);
      if (name !== img.name) text = text.split(`](${img.name})`).join(`](${name})`);
      if (!t.exists) {
        writeFileAtomic(t.file, img.data, { exclusive: true });
        written.push(t.file);
      }
      images.push(t.file);
    }
    writeFileAtomic(target, text, { exclusive: true });
  } catch (e) {
    for (const f of written) fs.rmSync(f, { force: true });
    if (e instanceof WordError) throw e;
    throw new WordError(`cannot write ${target}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return { target, text, images, notes: result.notes };
}

/** Export the paper `text` (its images read from `dir`) to `target` (never overwritten unless `replace`). */
export async function exportWordFile(
  text: string,
  dir: string,
  target: string,
  profile: Profile,
  replace = false,
): Promise<{ target: string; missingImages: string[] }> {
  if (!replace && fs.existsSync(target)) throw new WordError(`${target} already exists; boardpaper export never overwrites (choose another --out)`);
  const r = await exportPaper(text, profile, dir);
  try {
    writeFileAtomic(target, r.buffer, { exclusive: !replace });
  } catch (e) {
    throw new WordError(`cannot write ${target}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return { target, missingImages: r.missingImages };
}

/** `init --from FILE.docx`: the objectives, committees and cover-sheet labels of a real Word paper. */
export async function readWordTemplate(input: string, profile: Profile): Promise<import('./init-from').WordTemplate> {
  const { templateFromImport } = await import('./init-from');
  const buf = readWordFile(input);
  const r = await importDocxBuffer(buf, input, profile, 'template');
  return templateFromImport(r);
}
