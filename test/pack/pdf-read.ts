/**
 * Reading the packs' PDFs in tests through pdf.js (the npm package
 * pdfjs-dist), so that `npm test` needs Node and npm alone: the text of each
 * page (laid out in lines, columns two spaces or more apart), the metadata,
 * the outline, the images drawn, and the structure tree of a tagged PDF.
 */
import * as fs from 'node:fs';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type PDFDocumentProxy = import('pdfjs-dist/legacy/build/pdf.mjs').PDFDocumentProxy;

let lib: Promise<PdfJs> | undefined;
function pdfjs(): Promise<PdfJs> {
  return (lib ??= import('pdfjs-dist/legacy/build/pdf.mjs'));
}

export interface StructNode {
  role: string;
  alt?: string;
  lang?: string;
  children: (StructNode | { type: string; id?: string })[];
}

export interface OutlineNode {
  title: string;
  dest: unknown;
  items: OutlineNode[];
}

export interface PdfRead {
  /** Page count. */
  pages: number;
  /** Text of every page in lines, 1-based (index 0 unused). */
  pageText: string[];
  /** The Info dictionary (Title, Author, Subject, Keywords, Creator, Producer, Language…). */
  info: Record<string, unknown>;
  /** The XMP metadata as written, or ''. */
  xmp: string;
  outline: OutlineNode[];
  markInfo: { Marked?: boolean; UserProperties?: boolean; Suspects?: boolean } | null;
  viewerPreferences: Record<string, unknown> | null;
  /** The structure tree of each page (pdf.js gives one per page), 1-based. */
  structTrees: (StructNode | null)[];
}

const cache = new Map<string, Promise<PdfRead>>();

/** Everything the tests look at in one PDF file (read once per file and modification). */
export function readPdf(file: string): Promise<PdfRead> {
  const st = fs.statSync(file);
  const key = `${file}:${st.mtimeMs}:${st.size}`;
  let p = cache.get(key);
  if (!p) {
    p = load(file);
    cache.set(key, p);
  }
  return p;
}

async function load(file: string): Promise<PdfRead> {
  const doc = await open(file);
  try {
    const meta = await doc.getMetadata();
    const pageText = [''];
    const structTrees: (StructNode | null)[] = [null];
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      pageText.push(layoutLines(content.items as TextItem[]));
      structTrees.push(((await page.getStructTree()) as unknown as StructNode | null) ?? null);
      page.cleanup();
    }
    return {
      pages: doc.numPages,
      pageText,
      info: (meta.info ?? {}) as Record<string, unknown>,
      xmp: (meta.metadata as unknown as { getRaw?(): string } | null)?.getRaw?.() ?? '',
      outline: ((await doc.getOutline()) ?? []) as unknown as OutlineNode[],
      markInfo: await doc.getMarkInfo(),
      viewerPreferences: (await doc.getViewerPreferences()) as Record<string, unknown> | null,
      structTrees,
    };
  } finally {
    await doc.destroy();
  }
}

async function open(file: string): Promise<PDFDocumentProxy> {
  const { getDocument } = await pdfjs();
  const data = new Uint8Array(fs.readFileSync(file));
  return getDocument({ data, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
}

interface TextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
  hasEOL?: boolean;
}

/**
 * The page's text items in reading lines: items on the same baseline (within
 * 2 pt) make one line, left to right; a gap wider than 4 pt between two items
 * becomes at least two spaces (so columns stay apart, as `pdftotext -layout`
 * gives them), a smaller one a single space.
 */
function layoutLines(items: TextItem[]): string {
  const runs = items.filter((it) => typeof it.str === 'string' && it.str.length > 0);
  const lines: { y: number; items: TextItem[] }[] = [];
  for (const it of runs) {
    const y = it.transform[5]!;
    let line = lines.find((l) => Math.abs(l.y - y) <= 2);
    if (!line) {
      line = { y, items: [] };
      lines.push(line);
    }
    line.items.push(it);
  }
  lines.sort((a, b) => b.y - a.y);
  return lines
    .map((l) => {
      l.items.sort((a, b) => a.transform[4]! - b.transform[4]!);
      let out = '';
      let end = -Infinity;
      for (const it of l.items) {
        const x = it.transform[4]!;
        const gap = x - end;
        if (out && gap > 4) out = out.replace(/ +$/, '') + ' '.repeat(Math.max(2, Math.round(gap / 5)));
        else if (out && gap > 0.8 && !/\s$/.test(out) && !/^\s/.test(it.str)) out += ' ';
        out += it.str;
        end = Math.max(end, x + it.width);
      }
      return out;
    })
    .join('\n');
}

/** The number of pages. */
export async function pdfPageCount(file: string): Promise<number> {
  return (await readPdf(file)).pages;
}

/** The text of every page, 1-based (index 0 unused). */
export async function pdfPages(file: string): Promise<string[]> {
  return (await readPdf(file)).pageText;
}

/** The text of the whole document. */
export async function pdfText(file: string): Promise<string> {
  return (await readPdf(file)).pageText.slice(1).join('\n\f');
}

/** The document's metadata as text (Info dictionary and XMP), for searching. */
export async function pdfInfo(file: string): Promise<string> {
  const r = await readPdf(file);
  return [...Object.entries(r.info).map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`), r.xmp].join('\n');
}

/** The number of images painted in the PDF (image drawing operators on every page). */
export async function pdfImageCount(file: string): Promise<number> {
  const { OPS } = await pdfjs();
  const imageOps = new Set<number>([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageXObjectRepeat, OPS.paintImageMaskXObject]);
  const doc = await open(file);
  try {
    let n = 0;
    for (let i = 1; i <= doc.numPages; i++) {
      const ops = await (await doc.getPage(i)).getOperatorList();
      n += ops.fnArray.filter((f) => imageOps.has(f)).length;
    }
    return n;
  } finally {
    await doc.destroy();
  }
}

/** Every outline (bookmark) title, depth first. */
export function outlineTitles(nodes: OutlineNode[]): string[] {
  return nodes.flatMap((n) => [n.title, ...outlineTitles(n.items ?? [])]);
}

/**
 * The text of one page with the marked-content tag each piece is drawn in
 * (`Artifact` for page furniture; a structure type such as `P` or `TD` for
 * content; '' for text drawn outside any marked content).
 */
export async function pdfMarkedText(file: string, pageNumber: number): Promise<{ tag: string; text: string }[]> {
  const doc = await open(file);
  try {
    const page = await doc.getPage(pageNumber);
    const content = await page.getTextContent({ includeMarkedContent: true });
    const stack: string[] = [];
    const out: { tag: string; text: string }[] = [];
    for (const it of content.items as ({ type?: string; tag?: string } & Partial<TextItem>)[]) {
      if (it.type === 'beginMarkedContent' || it.type === 'beginMarkedContentProps') stack.push(it.tag ?? '');
      else if (it.type === 'endMarkedContent') stack.pop();
      else if (typeof it.str === 'string' && it.str.trim()) out.push({ tag: stack[stack.length - 1] ?? '', text: it.str });
    }
    return out;
  } finally {
    await doc.destroy();
  }
}
