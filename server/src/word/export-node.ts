/** The file side of Word export: read the paper's images from beside it, pack the document. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Packer } from 'docx';
import type { Profile } from '../core/profile';
import { imageUrls, paperToDocument } from './export-docx';

const MAX_IMAGE_BYTES = 20 * 1024 * 1024;

/**
 * Images are read only from the paper's folder and below (no `..`, no
 * absolute paths, no URLs): a paper cannot make export read other files.
 */
export function readPaperImages(text: string, dir: string): Map<string, Uint8Array> {
  const images = new Map<string, Uint8Array>();
  const root = path.resolve(dir);
  for (const url of imageUrls(text)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(url) || path.isAbsolute(url)) continue;
    let rel: string;
    try {
      rel = decodeURIComponent(url.split(/[?#]/)[0]!);
    } catch {
      continue;
    }
    const file = path.resolve(root, rel);
    if (file !== root && !file.startsWith(root + path.sep)) continue;
    try {
      const st = fs.statSync(file);
      if (st.isFile() && st.size <= MAX_IMAGE_BYTES) images.set(url, fs.readFileSync(file));
    } catch {
      /* reported as missing by the exporter */
    }
  }
  return images;
}

export async function exportPaper(text: string, profile: Profile, dir: string): Promise<{ buffer: Buffer; missingImages: string[] }> {
  const { document, missingImages } = paperToDocument(text, profile, readPaperImages(text, dir));
  const buffer = await Packer.toBuffer(document);
  return { buffer, missingImages };
}
