/**
 * The pack's PDF primitives over pdfkit: the page geometry and colours, styled
 * runs of text, wrapped paragraphs, tables with repeated header rows, and the
 * tagging that makes the PDF accessible (PDF/UA-1): a structure tree under one
 * `Document` element, every piece of content either marked as the content of
 * a structure element or as an artifact (borders, fills, rules, repeated
 * header rows, running headers and footers).
 *
 * Rules for callers (pdfkit's marked content cannot nest across artifacts):
 * draw decoration with `artifact()`, and text with `drawRuns()` / `text()`
 * while the element it belongs to is open (`open()` … `close()`).
 */
import { trimEndChars } from '../../core/text';
import { loadFonts } from '../assets';

export type Doc = PDFKit.PDFDocument;
export type FontKey = 'R' | 'B' | 'I' | 'BI';
export type StructElem = PDFKit.PDFStructureElement;

export const NHS_BLUE = '#005EB8';
export const DARK = '#212B32';
export const GREY = '#425563';
export const BORDER = '#AEB7BD';
export const PALE = '#F0F4F5';
export const BAND = '#E8EDEE';
export const RED = '#D5281B';
export const AMBER = '#8A5A00';

export const PAGE_W = 595.28;
export const PAGE_H = 841.89;
export const MARGIN_X = 51;
export const MARGIN_TOP = 62;
export const MARGIN_BOTTOM = 54;
export const CONTENT_W = PAGE_W - 2 * MARGIN_X;
export const BOTTOM = PAGE_H - MARGIN_BOTTOM;

export const BODY_SIZE = 10.5;
export const LINE_GAP = 2;

export interface Run {
  text: string;
  font: FontKey;
  color?: string;
  link?: string;
  strike?: boolean;
  underline?: boolean;
}

export interface Cell {
  runs: Run[];
  align?: 'left' | 'center' | 'right';
  tick?: boolean;
  fill?: string;
  colSpan?: number;
  /** Tag the cell as a row header (`TH` with scope Row). */
  rowHeader?: boolean;
}

export interface Row {
  cells: Cell[];
  header?: boolean;
}

export interface TableSpec {
  widths: number[];
  rows: Row[];
  /** Rows repeated at the top of each new page. */
  headerRows: number;
  size: number;
  pad: number;
  /** Shade and bold the first column (label tables); its cells are row headers. */
  labelColumn?: boolean;
  /** Space after the table (default 8). */
  gap?: number;
  /** Move the whole table to the next page rather than split it, when it fits on one. */
  keepTogether?: boolean;
}

export interface PageInfo {
  item?: string;
  part?: 1 | 2;
  /** Footer text when the page belongs to no item. */
  label?: string;
}

export const SAFE_LINK = /^(?:https?:|mailto:)/i;

export function styleOf(bold: boolean, italic: boolean): FontKey {
  return bold ? (italic ? 'BI' : 'B') : italic ? 'I' : 'R';
}

/** Replacements for characters the font lacks. */
const FALLBACK: Record<string, string> = {
  '\u2713': '\u221A',
  '\u2714': '\u221A',
  '\u2705': '\u221A',
  '\u2611': '[x]',
  '\u2610': '[ ]',
  '\u2717': '\u00D7',
  '\u2718': '\u00D7',
  '\u274C': '\u00D7',
  '\u25E6': '\u2013',
  '\u00A0': ' ',
  '\u200B': '',
  '\uFE0F': '',
};

/**
 * Longest run of characters without a break opportunity that pdfkit is given.
 * pdfkit's line wrapper measures a word too long for the line one prefix at a
 * time (fontkit shaping each), which is quadratic in the word's length: a
 * 40,000-character word took 31 s. Longer runs get a zero-width space every
 * BREAK_EVERY characters, which lets the wrapper break there and is invisible
 * on the page.
 */
export const BREAK_EVERY = 40;
const ZWSP = '\u200B';
/** Runs of more than BREAK_EVERY (40) characters with no break opportunity. */
const LONG_RUN = /[^\s\u200B\-/]{41,}/g;

/** Break runs of more than BREAK_EVERY characters with no break opportunity (linear in the text). */
export function breakLongRuns(s: string): string {
  if (s.length <= BREAK_EVERY) return s;
  return s.replace(LONG_RUN, (w) => {
    let out = '';
    for (let i = 0; i < w.length; i += BREAK_EVERY) out += (i ? ZWSP : '') + w.slice(i, i + BREAK_EVERY);
    return out;
  });
}

export interface DocInfo {
  title: string;
  author: string;
  subject: string;
  keywords: string;
}

function newDocument(options: PDFKit.PDFDocumentOptions): Doc {
  const fonts = loadFonts();
  const PDFDocument = require('pdfkit') as typeof import('pdfkit');
  const d = new PDFDocument({
    // No default font: pdfkit would load its built-in Helvetica (not embedded,
    // and a bundle cannot find it).
    font: null as unknown as string,
    ...options,
  });
  d.registerFont('R', fonts.regular);
  d.registerFont('B', fonts.bold);
  d.registerFont('I', fonts.italic);
  d.registerFont('BI', fonts.boldItalic);
  return d;
}

export class PdfWriter {
  readonly doc: Doc;
  readonly pages: PageInfo[] = [];
  ctx: PageInfo = {};
  private readonly glyphCache = new Map<string, string>();
  private readonly fontKit: { hasGlyphForCodePoint(cp: number): boolean } | undefined;
  private scratch: Doc | undefined;
  /** The open structure elements, innermost last; [0] is the Document element. */
  private readonly stack: StructElem[] = [];
  private readonly zwspOk: boolean;

  constructor(info: DocInfo) {
    this.doc = newDocument({
      size: 'A4',
      autoFirstPage: false,
      bufferPages: true,
      margins: { top: MARGIN_TOP, bottom: MARGIN_BOTTOM, left: MARGIN_X, right: MARGIN_X },
      pdfVersion: '1.7',
      tagged: true,
      subset: 'PDF/UA',
      lang: 'en-GB',
      displayTitle: true,
      info: { Title: info.title, Author: info.author, Subject: info.subject, Creator: 'boardpaper', Keywords: info.keywords },
    } as unknown as PDFKit.PDFDocumentOptions);
    this.doc.font('R');
    this.fontKit = (this.doc as unknown as { _font?: { font?: { hasGlyphForCodePoint(cp: number): boolean } } })._font?.font;
    this.zwspOk = this.fontKit?.hasGlyphForCodePoint(0x200b) ?? false;
    this.doc.on('pageAdded', () => this.pages.push({ ...this.ctx }));
    const root = this.doc.struct('Document');
    this.doc.addStructure(root);
    this.stack.push(root);
  }

  // ---------------------------------------------------------------- structure

  /** The innermost open structure element. */
  get current(): StructElem {
    return this.stack[this.stack.length - 1]!;
  }

  /** Open a structure element inside the current one. */
  open(type: string, options: Record<string, unknown> = {}): StructElem {
    const el = this.doc.struct(type as never, options as never);
    this.current.add(el);
    this.stack.push(el);
    return el;
  }

  /** Close the innermost element; `end: false` leaves it open for content added later (the agenda's page numbers). */
  close(end = true): void {
    if (this.stack.length <= 1) throw new Error('no structure element to close');
    const el = this.stack.pop()!;
    if (end) el.end();
  }

  /** Content of `el` (default: the current element): what `draw` paints is marked as its content. */
  mark(draw: () => void, el: StructElem = this.current): void {
    const type = (el as unknown as { dictionary: { data: { S: string } } }).dictionary.data.S || 'P';
    const mc = this.doc.markStructureContent(type as never);
    draw();
    this.doc.endMarkedContent();
    el.add(mc);
  }

  /** An element with the content `draw` paints. */
  leaf(type: string, draw: () => void, options: Record<string, unknown> = {}): void {
    this.open(type, options);
    this.mark(draw);
    this.close();
  }

  /** Decoration (borders, fills, rules, repeated headers, running headers and footers): not read out. */
  artifact(draw: () => void, type: 'Layout' | 'Pagination' = 'Layout'): void {
    this.doc.markContent('Artifact', { type } as never);
    draw();
    this.doc.endMarkedContent();
  }

  // ---------------------------------------------------------------- text

  /** Text the font can draw: missing glyphs replaced, never silently dropped; long unbroken runs made breakable. */
  safe(s: string): string {
    const fk = this.fontKit;
    let out = '';
    for (const ch of s) {
      const cp = ch.codePointAt(0)!;
      if (cp === 10 || cp === 9) {
        out += ch === '\t' ? ' ' : ch;
        continue;
      }
      if (cp < 32) continue;
      let r = this.glyphCache.get(ch);
      if (r === undefined) {
        if (FALLBACK[ch] !== undefined) r = FALLBACK[ch]!;
        else if (!fk || fk.hasGlyphForCodePoint(cp)) r = ch;
        else {
          const base = ch.normalize('NFKD').replace(/\p{M}/gu, '');
          r =
            base && base !== ch && [...base].every((c) => fk.hasGlyphForCodePoint(c.codePointAt(0)!)) ? base : /\p{Extended_Pictographic}/u.test(ch) ? '' : '?';
        }
        this.glyphCache.set(ch, r);
      }
      out += r;
    }
    return this.zwspOk ? breakLongRuns(out) : breakLongRuns(out).replace(/\u200B/g, ' ');
  }

  font(k: FontKey, size: number): this {
    this.doc.font(k).fontSize(size);
    return this;
  }

  lineHeight(size: number): number {
    this.doc.fontSize(size);
    return this.doc.currentLineHeight(true) + LINE_GAP;
  }

  pageIndex(): number {
    const r = this.doc.bufferedPageRange();
    return r.start + r.count - 1;
  }

  newPage(ctx: PageInfo = this.ctx): void {
    this.ctx = ctx;
    this.doc.addPage();
    this.doc.x = MARGIN_X;
    this.doc.y = MARGIN_TOP;
  }

  ensure(h: number): void {
    if (this.doc.y + h > BOTTOM) this.newPage();
  }

  plain(text: string, font: FontKey = 'R', color?: string): Run[] {
    return [{ text: this.safe(text), font, color }];
  }

  /** One line of text in the current element (a single style). */
  text(s: string, font: FontKey, size: number, color: string, x: number, y: number | undefined, options: PDFKit.Mixins.TextOptions = {}): void {
    this.font(font, size);
    this.doc.fillColor(color);
    this.mark(() => {
      if (y === undefined) this.doc.text(this.safe(s), options);
      else this.doc.text(this.safe(s), x, y, options);
    });
    this.doc.fillColor(DARK);
  }

  measureRuns(runs: Run[], width: number, size: number): number {
    let h = 0;
    for (const line of splitLines(runs)) {
      const text = line.map((r) => r.text).join('');
      if (!text.trim()) {
        h += this.lineHeight(size);
        continue;
      }
      if (line.length > 1 && line.some((r) => r.font !== line[0]!.font)) {
        // Styles change within the line: measure by drawing it where nobody sees.
        const d = this.scratchDoc();
        d.x = 0;
        d.y = 0;
        this.drawLine(line, 0, 0, width, size, {}, d);
        h += d.y;
        continue;
      }
      this.font(line[0]!.font, size);
      h += this.doc.heightOfString(text, { width, lineGap: LINE_GAP });
    }
    return h;
  }

  /**
   * Draw styled runs as a wrapped paragraph from (x, y), as content of the
   * current structure element (links become `Link` elements inside it); hard
   * line breaks start a new line. `height` stops page breaks (table cells).
   */
  drawRuns(
    runs: Run[],
    x: number,
    y: number,
    width: number,
    size: number,
    opts: { align?: 'left' | 'center' | 'right'; height?: number; color?: string } = {},
  ): void {
    const doc = this.doc;
    let cy = y;
    const lines = splitLines(runs);
    if (!lines.some((l) => l.length)) return;
    for (const line of lines) {
      if (!line.length) {
        cy += this.lineHeight(size);
        doc.y = cy;
        continue;
      }
      const height = opts.height === undefined ? undefined : Math.max(1, opts.height - (cy - y));
      this.drawLine(line, x, cy, width, size, { ...opts, height });
      cy = doc.y;
    }
  }

  /** One line group (no hard breaks): a single text call, or chained `continued` runs; tagged unless drawn on the scratch document. */
  private drawLine(
    list: Run[],
    x: number,
    y: number,
    width: number,
    size: number,
    opts: { align?: 'left' | 'center' | 'right'; height?: number; color?: string },
    target: Doc = this.doc,
  ): void {
    const doc = target;
    const tagged = target === this.doc;
    const within = (r: Run, draw: () => void) => {
      if (!tagged) return draw();
      if (!r.link) return this.mark(draw);
      const link = this.open('Link');
      const d = doc as unknown as { _currentStructureElement?: StructElem };
      const saved = d._currentStructureElement;
      d._currentStructureElement = link;
      this.mark(draw);
      d._currentStructureElement = saved;
      this.close();
    };
    if (list.length === 1 || opts.align === 'center' || opts.align === 'right') {
      const r = list.length === 1 ? list[0]! : { ...list[0]!, text: list.map((l) => l.text).join('') };
      doc.font(r.font).fontSize(size);
      doc.fillColor(r.color ?? opts.color ?? DARK);
      within(r, () =>
        doc.text(r.text, x, y, {
          width,
          align: opts.align ?? 'left',
          lineGap: LINE_GAP,
          height: opts.height,
          link: r.link ?? null,
          underline: !!r.underline,
          strike: !!r.strike,
        }),
      );
      return;
    }
    list.forEach((r, i) => {
      doc.font(r.font).fontSize(size);
      doc.fillColor(r.color ?? opts.color ?? DARK);
      const o: PDFKit.Mixins.TextOptions = {
        lineGap: LINE_GAP,
        continued: i < list.length - 1,
        link: r.link ?? null,
        underline: !!r.underline,
        strike: !!r.strike,
      };
      within(r, () => {
        if (i === 0) doc.text(r.text, x, y, { ...o, width, height: opts.height });
        else doc.text(r.text, o);
      });
    });
  }

  /** A throwaway document of one very tall page, to measure mixed-style text exactly by drawing it. */
  private scratchDoc(): Doc {
    if (!this.scratch) {
      this.scratch = newDocument({ size: [PAGE_W, 1e6], margins: { top: 0, bottom: 0, left: 0, right: 0 }, compress: false });
    }
    return this.scratch;
  }

  /** A tick mark (vector, so every font has it). */
  tick(cx: number, cy: number): void {
    this.doc
      .save()
      .lineWidth(1.8)
      .lineCap('round')
      .lineJoin('round')
      .strokeColor(NHS_BLUE)
      .moveTo(cx - 4.5, cy + 0.5)
      .lineTo(cx - 1.2, cy + 3.8)
      .lineTo(cx + 5, cy - 4)
      .stroke()
      .restore();
  }

  /** A horizontal rule (artifact). */
  rule(x: number, y: number, w: number, color = BORDER, width = 0.6): void {
    this.artifact(() =>
      this.doc
        .save()
        .lineWidth(width)
        .strokeColor(color)
        .moveTo(x, y)
        .lineTo(x + w, y)
        .stroke()
        .restore(),
    );
  }

  /** A heading (`H1`…`H6`) in NHS blue, kept with what follows. */
  heading(level: number, text: string, size: number, color = NHS_BLUE): void {
    this.ensure(size * 1.4 + 40);
    this.leaf(`H${Math.min(6, Math.max(1, level))}`, () => {
      this.font('B', size).doc.fillColor(color).text(this.safe(text), MARGIN_X, this.doc.y, { width: CONTENT_W });
    });
    this.doc.y += 4;
    this.doc.fillColor(DARK);
  }

  /** A paragraph of runs (`P`). */
  paragraph(runs: Run[], x: number, width: number, size: number, after = 6): void {
    const list = trimRuns(runs);
    if (!list.length) return;
    this.ensure(this.lineHeight(size) * 2);
    this.open('P');
    this.drawRuns(list, x, this.doc.y, width, size);
    this.close();
    this.doc.x = MARGIN_X;
    this.doc.y += after;
  }

  // ---------------------------------------------------------------- tables

  private cellWidth(spec: TableSpec, col: number, span: number): number {
    let w = 0;
    for (let i = col; i < col + span && i < spec.widths.length; i++) w += spec.widths[i]!;
    return w;
  }

  private rowHeight(spec: TableSpec, row: Row): number {
    let h = 0;
    let col = 0;
    for (const c of row.cells) {
      const span = c.colSpan ?? 1;
      const w = this.cellWidth(spec, col, span) - 2 * spec.pad;
      const ch = c.tick ? 10 : this.measureRuns(this.cellRuns(spec, row, c, col), w, spec.size);
      h = Math.max(h, ch);
      col += span;
    }
    return Math.max(h, this.lineHeight(spec.size) - LINE_GAP) + 2 * spec.pad;
  }

  /** A cell's runs as drawn: header rows and label columns in bold, header text white on blue. */
  private cellRuns(spec: TableSpec, row: Row, c: Cell, col: number): Run[] {
    if (row.header)
      return c.runs.map((r) => ({ ...r, font: (r.font === 'I' || r.font === 'BI' ? 'BI' : 'B') as FontKey, color: r.color ?? (c.fill ? DARK : '#FFFFFF') }));
    if (spec.labelColumn && col === 0) return c.runs.map((r) => ({ ...r, font: 'B' as FontKey }));
    return c.runs;
  }

  /** One row: borders and fills as artifacts; cells as TH/TD (`repeat`: a header row repeated on a new page, all artifact). */
  private drawRow(spec: TableSpec, row: Row, x0: number, y: number, h: number, repeat = false): void {
    const doc = this.doc;
    let x = x0;
    let col = 0;
    if (!repeat) this.open('TR');
    for (const c of row.cells) {
      const span = c.colSpan ?? 1;
      const w = this.cellWidth(spec, col, span);
      const fill = c.fill ?? (row.header ? NHS_BLUE : spec.labelColumn && col === 0 ? PALE : undefined);
      this.artifact(() => {
        if (fill) doc.save().rect(x, y, w, h).fill(fill).restore();
        doc.save().lineWidth(0.6).strokeColor(BORDER).rect(x, y, w, h).stroke().restore();
      });
      const draw = () => {
        if (c.tick) this.tick(x + w / 2, y + h / 2);
        else this.drawRuns(this.cellRuns(spec, row, c, col), x + spec.pad, y + spec.pad, w - 2 * spec.pad, spec.size, { align: c.align, height: h });
      };
      if (repeat) this.artifact(draw, 'Pagination');
      else {
        const th = row.header || c.rowHeader || (spec.labelColumn && col === 0);
        const options: Record<string, unknown> = th ? { scope: row.header ? 'Column' : 'Row' } : {};
        if (c.tick) options.alt = 'Ticked';
        this.open(th ? 'TH' : 'TD', options);
        if (c.tick || c.runs.some((r) => r.text.trim())) {
          if (c.tick) this.mark(draw);
          else draw();
        }
        this.close();
      }
      x += w;
      col += span;
    }
    if (!repeat) this.close();
    doc.fillColor(DARK);
  }

  /** A table (`Table` > `TR` > `TH`/`TD`), header rows repeated on each new page. */
  table(spec: TableSpec, x0 = MARGIN_X): void {
    const doc = this.doc;
    const headers = spec.rows.slice(0, spec.headerRows);
    const headerH = headers.reduce((s, r) => s + this.rowHeight(spec, r), 0);
    if (spec.keepTogether) {
      const total = spec.rows.reduce((s, r) => s + this.rowHeight(spec, r), 0);
      if (doc.y + total > BOTTOM && total <= BOTTOM - MARGIN_TOP) this.newPage();
    }
    this.open('Table');
    let y = doc.y;
    spec.rows.forEach((row, i) => {
      const h = this.rowHeight(spec, row);
      const isHeader = i < spec.headerRows;
      // Keep the header with the first body row.
      const need = isHeader && i === spec.headerRows - 1 && spec.rows[i + 1] ? h + this.rowHeight(spec, spec.rows[i + 1]!) : h;
      if (y + need > BOTTOM && y > MARGIN_TOP + 1) {
        this.newPage();
        y = doc.y;
        if (!isHeader && headers.length && headerH + h <= BOTTOM - MARGIN_TOP) {
          for (const hr of headers) {
            const hh = this.rowHeight(spec, hr);
            this.drawRow(spec, hr, x0, y, hh, true);
            y += hh;
          }
        }
      }
      if (h > BOTTOM - MARGIN_TOP) {
        // Taller than a page: flow the cells one after another instead.
        doc.y = y;
        this.stackRow(spec, row, x0);
        y = doc.y;
        return;
      }
      this.drawRow(spec, row, x0, y, h);
      y += h;
    });
    this.close();
    doc.x = MARGIN_X;
    doc.y = y + (spec.gap ?? 8);
  }

  private stackRow(spec: TableSpec, row: Row, x0: number): void {
    const width = spec.widths.reduce((a, b) => a + b, 0);
    this.open('TR');
    for (const c of row.cells) {
      this.open(row.header ? 'TH' : 'TD', row.header ? { scope: 'Column' } : {});
      if (!c.tick) {
        this.ensure(this.lineHeight(spec.size));
        this.drawRuns(c.runs, x0 + spec.pad, this.doc.y, width - 2 * spec.pad, spec.size);
        this.doc.y += 3;
      }
      this.close();
    }
    this.close();
    this.rule(x0, this.doc.y, width);
    this.doc.y += 4;
  }

  /** The finished PDF (call after every page is drawn). */
  end(): Promise<Buffer> {
    const doc = this.doc;
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      doc.on('data', (c: Buffer) => chunks.push(c));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
      doc.end();
    });
  }
}

/** Split runs at hard line breaks: one list of runs per line (empty runs dropped, an empty line kept). */
export function splitLines(runs: Run[]): Run[][] {
  const lines: Run[][] = [[]];
  for (const r of runs) {
    const parts = r.text.split('\n');
    parts.forEach((t, i) => {
      if (i > 0) lines.push([]);
      const line = lines[lines.length - 1]!;
      const text = line.length ? t : t.replace(/^[ \t]+/, '');
      if (text) line.push({ ...r, text });
    });
  }
  return lines;
}

/** Drop leading and trailing whitespace of a run list (and empty runs). */
export function trimRuns(runs: Run[]): Run[] {
  const out = runs.filter((r) => r.text !== '').map((r) => ({ ...r }));
  while (out.length && !out[0]!.text.trim() && out[0]!.text !== '\n') out.shift();
  while (out.length && !out[out.length - 1]!.text.trim()) out.pop();
  if (out.length) {
    out[0]!.text = out[0]!.text.replace(/^[ \t]+/, '');
    out[out.length - 1]!.text = trimEndChars(out[out.length - 1]!.text, ' \t');
  }
  return out;
}
