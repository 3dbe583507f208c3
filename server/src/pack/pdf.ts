/**
 * The agenda pack as PDF, with pdfkit: pure JavaScript, no browser, no
 * network. Laid out from the same view as the HTML pack: a front page with the
 * agenda, then for each paper its cover sheet and its body (the mdast walked
 * here: headings, paragraphs, lists, tables, quotes, emphasis, links, small
 * local images).
 *
 * Page numbers in the agenda are exact: pages are buffered, the agenda is
 * drawn with its page column left empty (its height does not depend on the
 * numbers), each paper records the page it starts on, and the numbers are
 * written into the agenda at the end, with the running header and footer
 * (meeting, date, marking, "Page N of M") on every page.
 */
import type { RootContent, PhrasingContent, Table, List, ListItem } from 'mdast';
import { confidentialLabel, NHS_BLUE } from '../render/html';
import { longDate, type AssessmentRow, type CoverSheetModel } from '../render/cover';
import { loadFonts, readLocalImage } from './assets';
import { withheldText, type AgendaRow, type PackView, type PaperCheck, type PaperEntry } from './view';
import { trimEndChars } from '../core/text';

type Doc = PDFKit.PDFDocument;
type FontKey = 'R' | 'B' | 'I' | 'BI';

const DARK = '#212B32';
const GREY = '#425563';
const BORDER = '#AEB7BD';
const PALE = '#F0F4F5';
const BAND = '#E8EDEE';
const RED = '#D5281B';
const AMBER = '#8A5A00';

const PAGE_W = 595.28;
const PAGE_H = 841.89;
const MARGIN_X = 51;
const MARGIN_TOP = 62;
const MARGIN_BOTTOM = 54;
const CONTENT_W = PAGE_W - 2 * MARGIN_X;
const BOTTOM = PAGE_H - MARGIN_BOTTOM;

const BODY_SIZE = 10.5;
const COVER_SIZE = 9;
const COVER_PAD = 3;
const COVER_GAP = 5;
const LINE_GAP = 2;

interface Run {
  text: string;
  font: FontKey;
  color?: string;
  link?: string;
  strike?: boolean;
  underline?: boolean;
}

interface Cell {
  runs: Run[];
  align?: 'left' | 'center' | 'right';
  tick?: boolean;
  fill?: string;
  colSpan?: number;
}

interface Row {
  cells: Cell[];
  header?: boolean;
}

interface TableSpec {
  widths: number[];
  rows: Row[];
  /** Rows repeated at the top of each new page. */
  headerRows: number;
  size: number;
  pad: number;
  /** Shade and bold the first column (label tables). */
  labelColumn?: boolean;
  /** Space after the table (default 8). */
  gap?: number;
  /** Move the whole table to the next page rather than split it, when it fits on one. */
  keepTogether?: boolean;
}

interface PageInfo {
  item?: string;
  part?: 1 | 2;
  /** Footer text when the page belongs to no item. */
  label?: string;
}

const SAFE_LINK = /^(?:https?:|mailto:)/i;

function styleOf(bold: boolean, italic: boolean): FontKey {
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

class PackPdf {
  readonly doc: Doc;
  private readonly pages: PageInfo[] = [];
  private ctx: PageInfo = {};
  private readonly starts = new Map<string, number>();
  private readonly slots: { page: number; x: number; y: number; w: number; anchor: string }[] = [];
  private readonly glyphCache = new Map<string, string>();
  private fontKit: { hasGlyphForCodePoint(cp: number): boolean } | undefined;
  private scratch: Doc | undefined;

  constructor(private readonly v: PackView) {
    const fonts = loadFonts();
    const PDFDocument = require('pdfkit') as typeof import('pdfkit');
    this.doc = new PDFDocument({
      size: 'A4',
      autoFirstPage: false,
      bufferPages: true,
      margins: { top: MARGIN_TOP, bottom: MARGIN_BOTTOM, left: MARGIN_X, right: MARGIN_X },
      // No default font: pdfkit would load its built-in Helvetica, which a bundle cannot
      // find (and opening the same TTF under two names parses it on every switch).
      font: null as unknown as string,
      lang: 'en-GB',
      displayTitle: true,
      info: {
        Title: v.title,
        Author: v.organisation,
        Subject: `Agenda pack: ${v.meeting}, ${longDate(v.date)} (${v.part})`,
        Creator: 'boardpaper',
        Keywords: v.part === 'private' ? 'private, confidential' : 'public',
      },
    });
    this.doc.registerFont('R', fonts.regular);
    this.doc.registerFont('B', fonts.bold);
    this.doc.registerFont('I', fonts.italic);
    this.doc.registerFont('BI', fonts.boldItalic);
    this.doc.font('R');
    this.fontKit = (this.doc as unknown as { _font?: { font?: { hasGlyphForCodePoint(cp: number): boolean } } })._font?.font;
    this.doc.on('pageAdded', () => this.pages.push({ ...this.ctx }));
  }

  // ---------------------------------------------------------------- text utils

  /** Text the font can draw: missing glyphs replaced, never silently dropped. */
  safe(s: string): string {
    const fk = this.fontKit;
    if (!fk) return s;
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
        else if (fk.hasGlyphForCodePoint(cp)) r = ch;
        else {
          const base = ch.normalize('NFKD').replace(/\p{M}/gu, '');
          r = base && base !== ch && [...base].every((c) => fk.hasGlyphForCodePoint(c.codePointAt(0)!)) ? base : /\p{Extended_Pictographic}/u.test(ch) ? '' : '?';
        }
        this.glyphCache.set(ch, r);
      }
      out += r;
    }
    return out;
  }

  private font(k: FontKey, size: number): this {
    this.doc.font(k).fontSize(size);
    return this;
  }

  private lineHeight(size: number): number {
    this.doc.fontSize(size);
    return this.doc.currentLineHeight(true) + LINE_GAP;
  }

  private pageIndex(): number {
    const r = this.doc.bufferedPageRange();
    return r.start + r.count - 1;
  }

  newPage(ctx: PageInfo = this.ctx): void {
    this.ctx = ctx;
    this.doc.addPage();
    this.doc.x = MARGIN_X;
    this.doc.y = MARGIN_TOP;
  }

  private ensure(h: number): void {
    if (this.doc.y + h > BOTTOM) this.newPage();
  }

  private measureRuns(runs: Run[], width: number, size: number): number {
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
   * Draw styled runs as a wrapped paragraph from (x, y); hard line breaks
   * start a new line. `height` stops page breaks (table cells).
   */
  private drawRuns(runs: Run[], x: number, y: number, width: number, size: number, opts: { align?: 'left' | 'center' | 'right'; height?: number; color?: string } = {}): void {
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

  /** One line group (no hard breaks): a single text call, or chained `continued` runs. */
  private drawLine(list: Run[], x: number, y: number, width: number, size: number, opts: { align?: 'left' | 'center' | 'right'; height?: number; color?: string }, target: Doc = this.doc): void {
    const doc = target;
    if (list.length === 1 || opts.align === 'center' || opts.align === 'right') {
      const r = list.length === 1 ? list[0]! : { ...list[0]!, text: list.map((l) => l.text).join('') };
      doc.font(r.font).fontSize(size);
      doc.fillColor(r.color ?? opts.color ?? DARK);
      doc.text(r.text, x, y, { width, align: opts.align ?? 'left', lineGap: LINE_GAP, height: opts.height, link: r.link ?? null, underline: !!r.underline, strike: !!r.strike });
      return;
    }
    list.forEach((r, i) => {
      doc.font(r.font).fontSize(size);
      doc.fillColor(r.color ?? opts.color ?? DARK);
      const o: PDFKit.Mixins.TextOptions = { lineGap: LINE_GAP, continued: i < list.length - 1, link: r.link ?? null, underline: !!r.underline, strike: !!r.strike };
      if (i === 0) doc.text(r.text, x, y, { ...o, width, height: opts.height });
      else doc.text(r.text, o);
    });
  }

  /** A throwaway document of one very tall page, to measure mixed-style text exactly by drawing it. */
  private scratchDoc(): Doc {
    if (!this.scratch) {
      const fonts = loadFonts();
      const PDFDocument = require('pdfkit') as typeof import('pdfkit');
      const d = new PDFDocument({ size: [PAGE_W, 1e6], margins: { top: 0, bottom: 0, left: 0, right: 0 }, font: null as unknown as string, compress: false });
      d.registerFont('R', fonts.regular);
      d.registerFont('B', fonts.bold);
      d.registerFont('I', fonts.italic);
      d.registerFont('BI', fonts.boldItalic);
      this.scratch = d;
    }
    return this.scratch;
  }

  private plain(text: string, font: FontKey = 'R', color?: string): Run[] {
    return [{ text: this.safe(text), font, color }];
  }

  private tick(cx: number, cy: number): void {
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
    if (row.header) return c.runs.map((r) => ({ ...r, font: (r.font === 'I' || r.font === 'BI' ? 'BI' : 'B') as FontKey, color: r.color ?? (c.fill ? DARK : '#FFFFFF') }));
    if (spec.labelColumn && col === 0) return c.runs.map((r) => ({ ...r, font: 'B' as FontKey }));
    return c.runs;
  }

  private drawRow(spec: TableSpec, row: Row, x0: number, y: number, h: number): void {
    const doc = this.doc;
    let x = x0;
    let col = 0;
    for (const c of row.cells) {
      const span = c.colSpan ?? 1;
      const w = this.cellWidth(spec, col, span);
      const fill = c.fill ?? (row.header ? NHS_BLUE : spec.labelColumn && col === 0 ? PALE : undefined);
      if (fill) doc.save().rect(x, y, w, h).fill(fill).restore();
      doc.save().lineWidth(0.6).strokeColor(BORDER).rect(x, y, w, h).stroke().restore();
      if (c.tick) this.tick(x + w / 2, y + h / 2);
      else {
        const runs = this.cellRuns(spec, row, c, col);
        this.drawRuns(runs, x + spec.pad, y + spec.pad, w - 2 * spec.pad, spec.size, { align: c.align, height: h });
      }
      x += w;
      col += span;
    }
    doc.fillColor(DARK);
  }

  table(spec: TableSpec, x0 = MARGIN_X): void {
    const doc = this.doc;
    const headers = spec.rows.slice(0, spec.headerRows);
    const headerH = headers.reduce((s, r) => s + this.rowHeight(spec, r), 0);
    if (spec.keepTogether) {
      const total = spec.rows.reduce((s, r) => s + this.rowHeight(spec, r), 0);
      if (doc.y + total > BOTTOM && total <= BOTTOM - MARGIN_TOP) this.newPage();
    }
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
            this.drawRow(spec, hr, x0, y, hh);
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
    doc.x = MARGIN_X;
    doc.y = y + (spec.gap ?? 8);
  }

  private stackRow(spec: TableSpec, row: Row, x0: number): void {
    const width = spec.widths.reduce((a, b) => a + b, 0);
    for (const c of row.cells) {
      if (c.tick) continue;
      this.ensure(this.lineHeight(spec.size));
      this.drawRuns(c.runs, x0 + spec.pad, this.doc.y, width - 2 * spec.pad, spec.size);
      this.doc.y += 3;
    }
    this.doc.moveTo(x0, this.doc.y).lineTo(x0 + width, this.doc.y).lineWidth(0.6).strokeColor(BORDER).stroke();
    this.doc.y += 4;
  }

  // ---------------------------------------------------------------- front page

  private pill(text: string, x: number, y: number, color: string, size = 10): number {
    const doc = this.doc;
    this.font('B', size);
    const t = this.safe(text);
    const w = doc.widthOfString(t) + 14;
    const h = size + 8;
    doc.save().roundedRect(x, y, w, h, 3).fill(color).restore();
    doc.fillColor('#FFFFFF').text(t, x + 7, y + 4.5, { lineBreak: false });
    doc.fillColor(DARK);
    return h;
  }

  front(): void {
    const v = this.v;
    const doc = this.doc;
    this.newPage({});
    doc.outline.addItem('Agenda');
    this.font('R', 10).doc.fillColor(GREY).text(this.safe(v.organisation), MARGIN_X, doc.y, { width: CONTENT_W });
    doc.y += 4;
    this.font('B', 22).doc.fillColor(NHS_BLUE).text(this.safe(v.meeting), { width: CONTENT_W, lineGap: 1 });
    doc.y += 2;
    this.font('R', 14).doc.fillColor(DARK).text(this.safe(v.dateLong), { width: CONTENT_W });
    doc.y += 8;
    const kind = v.part === 'private' ? 'PRIVATE PACK: Part 1 and Part 2, for members only' : 'PUBLIC PACK: Part 1';
    const ph = this.pill(kind, MARGIN_X, doc.y, v.part === 'private' ? RED : NHS_BLUE);
    doc.y += ph + 16;
    this.font('B', 15).doc.fillColor(NHS_BLUE).text('Agenda', MARGIN_X, doc.y);
    doc.y += 4;
    this.agenda();
    this.checks();
    this.notes();
  }

  private agenda(): void {
    const v = this.v;
    const doc = this.doc;
    const wItem = 50;
    const wPurpose = 92;
    const wPage = 46;
    const wPaper = CONTENT_W - wItem - wPurpose - wPage;
    const pad = 5;
    const head = () => {
      const h = 20;
      doc.save().rect(MARGIN_X, doc.y, CONTENT_W, h).fill(NHS_BLUE).restore();
      this.font('B', 9.5).doc.fillColor('#FFFFFF');
      const y = doc.y + 5.5;
      doc.text('Item', MARGIN_X + pad, y, { lineBreak: false });
      doc.text('Paper and presenter', MARGIN_X + wItem + pad, y, { lineBreak: false });
      doc.text('Purpose', MARGIN_X + wItem + wPaper + pad, y, { lineBreak: false });
      doc.text('Page', MARGIN_X + CONTENT_W - wPage, y, { width: wPage - pad, align: 'right', lineBreak: false });
      doc.y = y - 5.5 + h;
      doc.fillColor(DARK);
    };
    const band = (text: string) => {
      const h = 20;
      if (doc.y + h + 30 > BOTTOM) {
        this.newPage();
        head();
      }
      doc.save().rect(MARGIN_X, doc.y, CONTENT_W, h).fill(BAND).restore();
      this.font('B', 10).doc.fillColor(DARK).text(this.safe(text), MARGIN_X + pad, doc.y + 5.5, { lineBreak: false });
      doc.y += h - 5.5;
    };
    const row = (r: AgendaRow) => {
      let h: number;
      if (r.kind === 'withheld') {
        this.font('I', 10);
        h = doc.heightOfString(this.safe(withheldText(r)), { width: CONTENT_W - 2 * pad, lineGap: LINE_GAP }) + 2 * pad;
      } else {
        const c = r.entry.cover;
        this.font('B', 10.5);
        const th = doc.heightOfString(this.safe(c.title || '(untitled)'), { width: wPaper - 2 * pad, lineGap: LINE_GAP });
        this.font('R', 9);
        const ph = c.presentedBy ? doc.heightOfString(this.safe(c.presentedBy), { width: wPaper - 2 * pad, lineGap: LINE_GAP }) + 1 : 0;
        this.font('R', 10);
        const uh = doc.heightOfString(this.safe(c.purposeLabel ?? ''), { width: wPurpose - 2 * pad, lineGap: LINE_GAP });
        h = Math.max(th + ph, uh) + 2 * pad;
      }
      if (doc.y + h > BOTTOM) {
        this.newPage();
        head();
      }
      const y = doc.y;
      if (r.kind === 'withheld') {
        this.font('I', 10).doc.fillColor(GREY);
        doc.text(this.safe(withheldText(r)), MARGIN_X + pad, y + pad, { width: CONTENT_W - 2 * pad, lineGap: LINE_GAP });
      } else {
        const c = r.entry.cover;
        this.font('B', 10.5).doc.fillColor(DARK).text(this.safe(c.agendaItem || '–'), MARGIN_X + pad, y + pad, { width: wItem - 2 * pad });
        this.font('B', 10.5).doc.fillColor(NHS_BLUE).text(this.safe(c.title || '(untitled)'), MARGIN_X + wItem + pad, y + pad, { width: wPaper - 2 * pad, lineGap: LINE_GAP });
        if (c.presentedBy) this.font('R', 9).doc.fillColor(GREY).text(this.safe(c.presentedBy), MARGIN_X + wItem + pad, doc.y + 1, { width: wPaper - 2 * pad, lineGap: LINE_GAP });
        this.font('R', 10).doc.fillColor(DARK).text(this.safe(c.purposeLabel ?? ''), MARGIN_X + wItem + wPaper + pad, y + pad, { width: wPurpose - 2 * pad, lineGap: LINE_GAP });
        this.slots.push({ page: this.pageIndex(), x: MARGIN_X + CONTENT_W - wPage, y: y + pad, w: wPage - pad, anchor: r.entry.anchor });
        doc.goTo(MARGIN_X, y, CONTENT_W, h, r.entry.anchor);
      }
      doc.save().lineWidth(0.6).strokeColor(BORDER).moveTo(MARGIN_X, y + h).lineTo(MARGIN_X + CONTENT_W, y + h).stroke().restore();
      doc.x = MARGIN_X;
      doc.y = y + h;
    };
    head();
    band('Part 1: items to be considered in public');
    if (!v.part1.length) {
      this.font('I', 10).doc.fillColor(GREY).text('No items are to be considered in public.', MARGIN_X + pad, doc.y + pad, { width: CONTENT_W - 2 * pad });
      doc.y += pad;
    }
    for (const r of v.part1) row(r);
    if (v.part2.length) {
      band(v.part === 'private' ? 'Part 2: items to be considered in private (confidential)' : 'Part 2: items to be considered in private');
      for (const r of v.part2) row(r);
    }
    doc.fillColor(DARK);
    doc.y += 12;
  }

  private heading(text: string, size = 13): void {
    this.ensure(size * 1.4 + 40);
    this.font('B', size).doc.fillColor(NHS_BLUE).text(this.safe(text), MARGIN_X, this.doc.y, { width: CONTENT_W });
    this.doc.y += 4;
    this.doc.fillColor(DARK);
  }

  private checks(): void {
    const v = this.v;
    // Keep the heading, its sentence and the first rows together.
    if (v.checks.length) this.ensure(120);
    this.heading('Paper checks');
    if (!v.checks.length) {
      this.drawRuns(this.plain("Every paper in this pack passed boardpaper's checks (no errors or warnings)."), MARGIN_X, this.doc.y, CONTENT_W, 10);
      this.doc.y += 6;
      return;
    }
    const lead = v.part === 'private' ? "These papers still have findings from boardpaper's checks (listed in full in the annex at the end of this pack):" : "These papers still have findings from boardpaper's checks:";
    this.drawRuns(this.plain(lead), MARGIN_X, this.doc.y, CONTENT_W, 10);
    this.doc.y += 4;
    this.checksTable(false);
  }

  private checksTable(full: boolean): void {
    const rows: Row[] = [{ header: true, cells: [{ runs: this.plain('Item') }, { runs: this.plain('Paper') }, { runs: this.plain('Findings') }] }];
    for (const c of this.v.checks) rows.push({ cells: [{ runs: this.plain(c.item || '–', 'B') }, { runs: this.checkRuns(c, full) }, { runs: this.countRuns(c) }] });
    this.table({ widths: [50, CONTENT_W - 50 - 100, 100], rows, headerRows: 1, size: 9, pad: 4 });
  }

  /** Private pack: every finding of every paper, after the papers. */
  annex(): void {
    if (this.v.part !== 'private' || !this.v.checks.some((c) => c.details)) return;
    this.newPage({ label: 'Annex: paper checks' });
    this.doc.outline.addItem('Annex: paper checks');
    this.heading('Annex: paper checks in full', 15);
    this.drawRuns(this.plain('Findings of boardpaper check on the papers in this pack (errors and warnings), by line of the paper.'), MARGIN_X, this.doc.y, CONTENT_W, 10);
    this.doc.y += 6;
    this.checksTable(true);
  }

  private countRuns(c: PaperCheck): Run[] {
    const out: Run[] = [];
    if (c.errors) out.push({ text: `${c.errors} error${c.errors === 1 ? '' : 's'}`, font: 'B', color: RED });
    if (c.warnings) out.push({ text: `${out.length ? ', ' : ''}${c.warnings} warning${c.warnings === 1 ? '' : 's'}`, font: 'B', color: AMBER });
    return out;
  }

  private checkRuns(c: PaperCheck, full: boolean): Run[] {
    const runs: Run[] = [{ text: this.safe(c.title || '(untitled)'), font: 'B' }];
    if (full && c.details) {
      runs.push({ text: this.safe(`\n${c.file ?? ''}`), font: 'R', color: GREY });
      for (const d of c.details) runs.push({ text: this.safe(`\n• line ${d.line}: ${d.message} (${d.rule})`), font: 'R', color: d.severity === 'error' ? RED : DARK });
    } else runs.push({ text: this.safe(`\n${c.rules.join(', ')}`), font: 'R', color: GREY });
    return runs;
  }

  private notes(): void {
    if (!this.v.notes.length) return;
    this.heading('Notes on this pack', 12);
    for (const n of this.v.notes) {
      this.ensure(this.lineHeight(9.5));
      const y = this.doc.y;
      this.font('R', 9.5).doc.fillColor(DARK).text('•', MARGIN_X, y, { lineBreak: false });
      this.drawRuns(this.plain(n), MARGIN_X + 12, y, CONTENT_W - 12, 9.5);
      this.doc.y += 3;
    }
  }

  // ---------------------------------------------------------------- papers

  partDivider(): void {
    const doc = this.doc;
    this.newPage({ part: 2, label: 'Part 2' });
    doc.outline.addItem('Part 2 (private)');
    doc.y = 300;
    this.font('B', 28).doc.fillColor(RED).text('Part 2', MARGIN_X, doc.y, { width: CONTENT_W, align: 'center' });
    doc.y += 6;
    this.font('R', 13).doc.fillColor(DARK).text('Items to be considered in private', { width: CONTENT_W, align: 'center' });
    doc.y += 4;
    this.font('B', 11).doc.fillColor(RED).text('CONFIDENTIAL: not for publication', { width: CONTENT_W, align: 'center' });
    doc.fillColor(DARK);
  }

  paper(e: PaperEntry): void {
    const v = this.v;
    const doc = this.doc;
    const c = e.cover;
    this.newPage({ item: c.agendaItem || '–', part: e.part });
    this.starts.set(e.anchor, this.pageIndex());
    doc.addNamedDestination(e.anchor);
    doc.outline.addItem(this.safe(`${c.agendaItem ? `${c.agendaItem}  ` : ''}${c.title || '(untitled)'}`));

    // Banner: the meeting (as on the real cover sheet), the item and the part.
    const bh = 26;
    const by = doc.y;
    doc.save().rect(MARGIN_X, by, CONTENT_W, bh).fill(e.part === 2 ? RED : NHS_BLUE).restore();
    const tag = `Agenda item ${c.agendaItem || '–'}  ·  ${e.part === 2 ? 'Part 2: private' : 'Part 1: public'}`;
    this.font('B', 10.5);
    const tagW = doc.widthOfString(this.safe(tag));
    doc.fillColor('#FFFFFF').text(this.safe(tag), MARGIN_X, by + 8, { width: CONTENT_W - 10, align: 'right', lineBreak: false });
    const room = CONTENT_W - tagW - 30;
    const meetingName = this.safe(c.meeting || v.meeting);
    let ms = 13;
    this.font('B', ms);
    while (ms > 9 && doc.widthOfString(meetingName) > room) this.font('B', (ms -= 0.5));
    doc.fillColor('#FFFFFF').text(meetingName, MARGIN_X + 10, by + (bh - ms) / 2 + 0.5, { width: room, lineBreak: false, ellipsis: true, height: ms + 4 });
    doc.x = MARGIN_X;
    doc.y = by + bh + 6;
    doc.fillColor(DARK);
    this.coverSheet(c);

    // Body: on a new page, unless the cover sheet ran over and left most of a page free.
    if (doc.y > MARGIN_TOP + (BOTTOM - MARGIN_TOP) * 0.45 || this.pageIndex() === this.starts.get(e.anchor)) this.newPage();
    else doc.y += 18;
    this.font('R', 10).doc.fillColor(GREY).text(this.safe(`${v.meeting} – ${longDate(v.date)}`), MARGIN_X, doc.y, { width: CONTENT_W });
    doc.y += 2;
    this.font('B', 17).doc.fillColor(NHS_BLUE).text(this.safe(c.title || '(untitled)'), { width: CONTENT_W, lineGap: 1 });
    doc.y += 4;
    doc.save().lineWidth(1.5).strokeColor(NHS_BLUE).moveTo(MARGIN_X, doc.y).lineTo(MARGIN_X + CONTENT_W, doc.y).stroke().restore();
    doc.y += 10;
    doc.fillColor(DARK);
    const body = new BodyWriter(this, e, v.root);
    body.blocks(e.tree.children, MARGIN_X, CONTENT_W);
  }

  private coverSheet(c: CoverSheetModel): void {
    const value = (s: string | undefined): Run[] => (s && s.trim() ? this.plain(s) : this.plain('Not stated', 'I', RED));
    const size = COVER_SIZE;
    const pad = COVER_PAD;
    const facts: [string, string | undefined][] = [
      ['Date of meeting', c.dateLong],
      ['Title of paper', c.title],
      ['Presented by', c.presentedBy],
      ['Author', c.author],
      ['Agenda item', c.agendaItem],
      ['Confidential', confidentialLabel(c)],
      ['Purpose', c.purposeLabel],
    ];
    if (c.assurance) facts.push(['Level of assurance', c.assurance.charAt(0).toUpperCase() + c.assurance.slice(1)]);
    this.table({ widths: [140, CONTENT_W - 140], rows: facts.map(([k, v]) => ({ cells: [{ runs: this.plain(k) }, { runs: value(v) }] })), headerRows: 0, size, pad, labelColumn: true, gap: COVER_GAP, keepTogether: true });

    const objectives: Row[] = [
      { header: true, cells: [{ runs: this.plain('Which strategic objective/s does the report relate to:'), colSpan: 2 }, { runs: this.plain('Tick'), align: 'center' }] },
      ...c.objectives.map((o) => ({
        cells: [{ runs: this.plain(o.code, 'B', o.known ? undefined : RED), fill: PALE }, { runs: this.plain(o.text, o.known ? 'R' : 'I', o.known ? undefined : RED) }, { runs: [], tick: o.ticked }],
      })),
    ];
    this.table({ widths: [40, CONTENT_W - 80, 40], rows: objectives, headerRows: 1, size, pad, gap: COVER_GAP, keepTogether: true });

    this.assessments('Implications', c.implications, size);

    const history: Row[] = [
      { header: true, cells: [{ runs: this.plain('Where the paper has been discussed (other committees and forums)'), colSpan: 3, fill: BAND }] },
      { header: true, cells: [{ runs: this.plain('Meeting') }, { runs: this.plain('Date') }, { runs: this.plain('Outcomes') }] },
      ...(c.history.length
        ? c.history.map((h) => ({ cells: [{ runs: value(h.meeting) }, { runs: value(h.dateLong) }, { runs: value(h.outcome) }] }))
        : [{ cells: [{ runs: this.plain('Not previously discussed', 'I', GREY), colSpan: 3 }] }]),
    ];
    this.table({ widths: [170, 95, CONTENT_W - 265], rows: history, headerRows: 2, size, pad, gap: COVER_GAP, keepTogether: true });

    this.table({ widths: [140, CONTENT_W - 140], rows: [{ cells: [{ runs: this.plain('Conflicts of interest associated with this report') }, { runs: value(c.conflicts) }] }], headerRows: 0, size, pad, labelColumn: true, gap: COVER_GAP, keepTogether: true });

    this.assessments('Impact assessments', c.impacts, size);

    this.table({ widths: [140, CONTENT_W - 140], rows: [{ cells: [{ runs: this.plain('Report authorised by') }, { runs: value(c.authorisedBy) }] }], headerRows: 0, size, pad, labelColumn: true, gap: COVER_GAP, keepTogether: true });
  }

  private assessments(title: string, rows: AssessmentRow[], size: number): void {
    const yn = 34;
    const label = 170;
    const out: Row[] = [
      {
        header: true,
        cells: [{ runs: this.plain(title) }, { runs: this.plain('Yes'), align: 'center' }, { runs: this.plain('No'), align: 'center' }, { runs: this.plain('N/A'), align: 'center' }, { runs: this.plain('Comments') }],
      },
      ...rows.map((r) => {
        const comment: Run[] = [];
        if (r.statusText) comment.push({ text: this.safe(`Status "${r.statusText}" `), font: 'I', color: RED });
        if (r.comment) comment.push({ text: this.safe(r.comment), font: 'R' });
        else if (!r.status && !r.statusText) comment.push({ text: 'Not stated', font: 'I', color: RED });
        return {
          cells: [
            { runs: this.plain(r.label), fill: PALE },
            { runs: [], tick: r.status === 'yes' },
            { runs: [], tick: r.status === 'no' },
            { runs: [], tick: r.status === 'n/a' },
            { runs: comment },
          ],
        };
      }),
    ];
    this.table({ widths: [label, yn, yn, yn, CONTENT_W - label - 3 * yn], rows: out.map((r, i) => (i === 0 ? r : { ...r, cells: r.cells.map((c, j) => (j === 0 ? { ...c, runs: c.runs.map((x) => ({ ...x, font: 'B' as FontKey })) } : c)) })), headerRows: 1, size, pad: COVER_PAD, gap: COVER_GAP, keepTogether: true });
  }

  // ---------------------------------------------------------------- finish

  private furniture(): void {
    const doc = this.doc;
    const v = this.v;
    const range = doc.bufferedPageRange();
    const total = range.count;
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const info = this.pages[i - range.start] ?? {};
      const saved = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      // Header.
      this.font('R', 8.5).doc.fillColor(GREY).text(this.safe(`${v.meeting}  ·  ${v.dateLong}`), MARGIN_X, 30, { width: CONTENT_W - 170, lineBreak: false, ellipsis: true, height: 12 });
      const marking = v.part === 'private' ? (info.part === 2 ? 'PRIVATE · PART 2 · CONFIDENTIAL' : 'PRIVATE · FOR MEMBERS') : 'PUBLIC';
      this.font('B', 8);
      const mw = doc.widthOfString(marking) + 12;
      const mx = MARGIN_X + CONTENT_W - mw;
      doc.save().roundedRect(mx, 27, mw, 14, 2).fill(v.part === 'private' ? RED : NHS_BLUE).restore();
      doc.fillColor('#FFFFFF').text(marking, mx + 6, 30.5, { lineBreak: false });
      doc.save().lineWidth(1.2).strokeColor(NHS_BLUE).moveTo(MARGIN_X, 47).lineTo(MARGIN_X + CONTENT_W, 47).stroke().restore();
      // Footer.
      const fy = PAGE_H - 38;
      doc.save().lineWidth(0.6).strokeColor(BORDER).moveTo(MARGIN_X, fy - 6).lineTo(MARGIN_X + CONTENT_W, fy - 6).stroke().restore();
      const left = info.item ? `Agenda item ${info.item}` : (info.label ?? 'Agenda');
      this.font('R', 8.5).doc.fillColor(GREY).text(this.safe(left), MARGIN_X, fy, { lineBreak: false });
      this.font('B', 8.5).doc.fillColor(DARK).text(`Page ${i - range.start + 1} of ${total}`, MARGIN_X, fy, { width: CONTENT_W, align: 'right', lineBreak: false });
      doc.page.margins.bottom = saved;
    }
    // Agenda page numbers, now that every paper has been placed.
    for (const s of this.slots) {
      const start = this.starts.get(s.anchor);
      if (start === undefined) continue;
      doc.switchToPage(s.page);
      this.font('B', 10.5).doc.fillColor(NHS_BLUE).text(String(start - range.start + 1), s.x, s.y, { width: s.w, align: 'right', lineBreak: false });
    }
    doc.fillColor(DARK);
  }

  /** The page each paper starts on (1-based), by anchor: what the agenda says. */
  startPages(): Map<string, number> {
    const start = this.doc.bufferedPageRange().start;
    return new Map([...this.starts].map(([k, p]) => [k, p - start + 1]));
  }

  finish(): Promise<Buffer> {
    this.furniture();
    const doc = this.doc;
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      doc.on('data', (c: Buffer) => chunks.push(c));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
      doc.end();
    });
  }

  // Accessors for the body writer.
  get d(): Doc {
    return this.doc;
  }
  fontAt(k: FontKey, size: number): void {
    this.font(k, size);
  }
  lh(size: number): number {
    return this.lineHeight(size);
  }
  need(h: number): void {
    this.ensure(h);
  }
  runs(runs: Run[], x: number, y: number, width: number, size: number, opts?: { align?: 'left' | 'center' | 'right'; height?: number; color?: string }): void {
    this.drawRuns(runs, x, y, width, size, opts);
  }
  drawTable(spec: TableSpec, x: number): void {
    this.table(spec, x);
  }
  measure(runs: Run[], width: number, size: number): number {
    return this.measureRuns(runs, width, size);
  }
  currentPage(): number {
    return this.pageIndex();
  }
}

/** Walks a paper's mdast and lays it out. */
class BodyWriter {
  private readonly footnotes = new Map<string, number>();

  constructor(
    private readonly pdf: PackPdf,
    private readonly entry: PaperEntry,
    private readonly root: string,
  ) {}

  private get doc(): Doc {
    return this.pdf.d;
  }

  blocks(nodes: readonly RootContent[], x: number, width: number): void {
    for (const n of nodes) this.block(n, x, width);
  }

  private block(n: RootContent, x: number, width: number): void {
    const doc = this.doc;
    switch (n.type) {
      case 'heading': {
        const size = n.depth === 1 ? 15 : n.depth === 2 ? 13.5 : n.depth === 3 ? 11.5 : 10.5;
        const color = n.depth <= 2 ? NHS_BLUE : DARK;
        doc.y += n.depth <= 2 ? 8 : 5;
        // Keep a heading with the first lines that follow it.
        this.pdf.need(this.pdf.lh(size) * 2 + this.pdf.lh(BODY_SIZE) * 3);
        const runs = this.inline(n.children, true, false).map((r) => ({ ...r, color: r.link ? r.color : color }));
        this.pdf.runs(runs, x, doc.y, width, size);
        doc.y += 4;
        break;
      }
      case 'paragraph': {
        const only = n.children.filter((c) => !(c.type === 'text' && !c.value.trim()));
        if (only.length === 1 && only[0]!.type === 'image') {
          this.image(only[0]!.url, only[0]!.alt ?? '', x, width);
          break;
        }
        this.paragraph(this.inline(n.children, false, false), x, width);
        break;
      }
      case 'list':
        this.list(n, x, width, 0);
        doc.y += 3;
        break;
      case 'blockquote': {
        const startPage = this.pdf.currentPage();
        const y0 = doc.y;
        this.blocks(n.children, x + 12, width - 12);
        const endPage = this.pdf.currentPage();
        const y1 = doc.y - 4;
        const bar = (page: number, from: number, to: number) => {
          doc.switchToPage(page);
          doc.save().lineWidth(3).strokeColor(NHS_BLUE).moveTo(x + 1.5, from).lineTo(x + 1.5, to).stroke().restore();
        };
        if (startPage === endPage) bar(endPage, y0, y1);
        else {
          bar(startPage, y0, BOTTOM);
          for (let p = startPage + 1; p < endPage; p++) bar(p, MARGIN_TOP, BOTTOM);
          bar(endPage, MARGIN_TOP, y1);
        }
        doc.switchToPage(endPage);
        doc.y = y1 + 6;
        doc.x = MARGIN_X;
        break;
      }
      case 'code': {
        const text = this.pdf.safe(n.value);
        this.pdf.fontAt('R', 9);
        const h = doc.heightOfString(text, { width: width - 12, lineGap: LINE_GAP }) + 10;
        if (h <= BOTTOM - MARGIN_TOP) {
          this.pdf.need(h);
          doc.save().rect(x, doc.y, width, h).fill(PALE).restore();
        }
        this.pdf.runs([{ text, font: 'R' }], x + 6, doc.y + 5, width - 12, 9);
        doc.y += 10;
        break;
      }
      case 'thematicBreak':
        this.pdf.need(12);
        doc.y += 4;
        doc.save().lineWidth(0.8).strokeColor(BORDER).moveTo(x, doc.y).lineTo(x + width, doc.y).stroke().restore();
        doc.y += 8;
        break;
      case 'table':
        this.table(n, x, width);
        break;
      case 'footnoteDefinition': {
        const num = this.footnoteNumber(n.identifier);
        doc.y += 2;
        const kids = n.children;
        const first = kids[0];
        const rest = first?.type === 'paragraph' ? kids.slice(1) : kids;
        const lead: Run = { text: `[${num}] `, font: 'B', color: GREY };
        const runs = first?.type === 'paragraph' ? [lead, ...this.inline(first.children, false, false)] : [lead];
        this.paragraph(runs.map((r) => ({ ...r })), x, width, 9);
        this.blocks(rest, x + 12, width - 12);
        break;
      }
      case 'html':
      case 'yaml':
      case 'definition':
        break;
      default:
        // Anything else (math, custom nodes): its text, as a paragraph.
        if ('children' in n) this.blocks((n as { children: RootContent[] }).children, x, width);
        else if ('value' in n && typeof (n as { value: unknown }).value === 'string') this.paragraph([{ text: this.pdf.safe((n as { value: string }).value), font: 'R' }], x, width);
    }
  }

  private paragraph(runs: Run[], x: number, width: number, size = BODY_SIZE): void {
    const list = trimRuns(runs);
    if (!list.length) return;
    this.pdf.need(this.pdf.lh(size) * 2);
    this.pdf.runs(list, x, this.doc.y, width, size);
    this.doc.x = MARGIN_X;
    this.doc.y += 6;
  }

  private footnoteNumber(id: string): number {
    let n = this.footnotes.get(id);
    if (n === undefined) {
      n = this.footnotes.size + 1;
      this.footnotes.set(id, n);
    }
    return n;
  }

  /** Phrasing content as styled runs. `heading` makes everything bold. */
  private inline(nodes: readonly PhrasingContent[], bold: boolean, italic: boolean, link?: string, strike = false): Run[] {
    const out: Run[] = [];
    const safe = (s: string) => this.pdf.safe(s);
    for (const n of nodes) {
      switch (n.type) {
        case 'text':
          out.push({ text: safe(n.value.replace(/\s+/g, (w) => (w.includes('\n') ? ' ' : w))), font: styleOf(bold, italic), link, color: link ? NHS_BLUE : undefined, underline: !!link, strike });
          break;
        case 'strong':
          out.push(...this.inline(n.children, true, italic, link, strike));
          break;
        case 'emphasis':
          out.push(...this.inline(n.children, bold, true, link, strike));
          break;
        case 'delete':
          out.push(...this.inline(n.children, bold, italic, link, true));
          break;
        case 'inlineCode':
          out.push({ text: safe(n.value), font: styleOf(bold, italic), color: GREY, link, strike });
          break;
        case 'break':
          out.push({ text: '\n', font: styleOf(bold, italic) });
          break;
        case 'link': {
          const url = SAFE_LINK.test(n.url) ? n.url : undefined;
          out.push(...this.inline(n.children, bold, italic, url, strike));
          break;
        }
        case 'linkReference':
          out.push(...this.inline(n.children, bold, italic, link, strike));
          break;
        case 'image':
        case 'imageReference':
          out.push({ text: safe(n.alt ? `[Image: ${n.alt}]` : '[Image]'), font: styleOf(bold, true), color: GREY });
          break;
        case 'footnoteReference':
          out.push({ text: `[${this.footnoteNumber(n.identifier)}]`, font: styleOf(bold, italic), color: GREY });
          break;
        case 'html':
          if (/^<br\s*\/?>$/i.test(n.value.trim())) out.push({ text: '\n', font: styleOf(bold, italic) });
          break;
        default:
          if ('children' in n) out.push(...this.inline((n as { children: PhrasingContent[] }).children, bold, italic, link, strike));
          else if ('value' in n && typeof (n as { value: unknown }).value === 'string') out.push({ text: safe((n as { value: string }).value), font: styleOf(bold, italic) });
      }
    }
    return out;
  }

  private list(list: List, x: number, width: number, depth: number): void {
    const doc = this.doc;
    const start = list.start ?? 1;
    const bullets = ['•', '–', '•'];
    const markerW = list.ordered ? Math.max(18, (() => { this.pdf.fontAt('R', BODY_SIZE); return doc.widthOfString(`${start + list.children.length - 1}.`) + 8; })()) : 14;
    list.children.forEach((item: ListItem, i) => {
      const marker = item.checked === true ? '[x]' : item.checked === false ? '[ ]' : list.ordered ? `${start + i}.` : bullets[depth % bullets.length]!;
      const mw = item.checked != null ? Math.max(markerW, 22) : markerW;
      this.pdf.need(this.pdf.lh(BODY_SIZE) * 2);
      const y0 = doc.y;
      this.pdf.fontAt('R', BODY_SIZE);
      doc.fillColor(list.ordered ? DARK : NHS_BLUE).text(marker, x, y0, { width: mw - 4, lineBreak: false });
      doc.fillColor(DARK);
      doc.y = y0;
      item.children.forEach((child, j) => {
        if (child.type === 'paragraph') {
          const runs = trimRuns(this.inline(child.children, false, false));
          if (runs.length) {
            this.pdf.runs(runs, x + mw, doc.y, width - mw, BODY_SIZE);
            doc.y += list.spread || j < item.children.length - 1 ? 4 : 2;
          } else if (j === 0) doc.y += this.pdf.lh(BODY_SIZE);
        } else if (child.type === 'list') {
          this.list(child, x + mw, width - mw, depth + 1);
        } else this.block(child, x + mw, width - mw);
      });
      if (doc.y < y0 + this.pdf.lh(BODY_SIZE)) doc.y = y0 + this.pdf.lh(BODY_SIZE);
      doc.x = MARGIN_X;
    });
    doc.y += 2;
  }

  private table(t: Table, x: number, width: number): void {
    const doc = this.doc;
    const size = 9;
    const pad = 4;
    const n = Math.max(...t.children.map((r) => r.children.length));
    if (!n) return;
    const rows: Row[] = t.children.map((r, i) => ({
      header: i === 0,
      cells: Array.from({ length: n }, (_, c) => {
        const cell = r.children[c];
        const align = t.align?.[c] ?? undefined;
        return { runs: cell ? trimRuns(this.inline(cell.children, false, false)) : [], align: align ?? 'left' };
      }),
    }));
    // Column widths from content: at least the longest word, then in proportion to the text.
    const minW: number[] = new Array(n).fill(0);
    const maxW: number[] = new Array(n).fill(0);
    rows.forEach((r) =>
      r.cells.forEach((c, i) => {
        const text = c.runs.map((x) => x.text).join('');
        this.pdf.fontAt(r.header || c.runs.some((x) => x.font === 'B' || x.font === 'BI') ? 'B' : 'R', size);
        const words = text.split(/\s+/).filter(Boolean);
        const longest = Math.max(0, ...words.map((w) => doc.widthOfString(w)));
        const full = Math.max(0, ...text.split('\n').map((l) => doc.widthOfString(l)));
        minW[i] = Math.max(minW[i]!, Math.min(longest, width / 3) + 2 * pad + 1);
        maxW[i] = Math.max(maxW[i]!, full + 2 * pad + 1);
      }),
    );
    let widths: number[];
    const sumMin = minW.reduce((a, b) => a + b, 0);
    const sumMax = maxW.reduce((a, b) => a + b, 0);
    if (sumMax <= width) widths = maxW.map((w) => (w * width) / sumMax);
    else if (sumMin >= width) widths = minW.map((w) => (w * width) / sumMin);
    else {
      const extra = width - sumMin;
      const want = maxW.map((w, i) => w - minW[i]!);
      const sumWant = want.reduce((a, b) => a + b, 0) || 1;
      widths = minW.map((w, i) => w + (extra * want[i]!) / sumWant);
    }
    this.pdf.need(this.pdf.lh(size) * 3);
    this.pdf.drawTable({ widths, rows, headerRows: 1, size, pad }, x);
    doc.y += 2;
  }

  private image(url: string, alt: string, x: number, width: number): void {
    const doc = this.doc;
    const img = readLocalImage(url, this.entry.paperDir, this.root);
    if (!img || (img.mime !== 'image/png' && img.mime !== 'image/jpeg')) {
      this.paragraph([{ text: this.pdf.safe(alt ? `[Image: ${alt}]` : '[Image]'), font: 'I', color: GREY }], x, width);
      return;
    }
    try {
      const opened = (doc as unknown as { openImage(src: Buffer): { width: number; height: number } }).openImage(img.data);
      const maxH = (BOTTOM - MARGIN_TOP) * 0.6;
      const scale = Math.min(1, width / opened.width, maxH / opened.height);
      const w = opened.width * scale;
      const h = opened.height * scale;
      this.pdf.need(h + (alt ? 16 : 6));
      doc.image(opened as never, x, doc.y, { width: w, height: h });
      doc.y += h + 3;
      if (alt) {
        this.pdf.runs([{ text: this.pdf.safe(alt), font: 'I', color: GREY }], x, doc.y, width, 8.5);
        doc.y += 2;
      }
      doc.y += 6;
      doc.x = MARGIN_X;
    } catch {
      this.paragraph([{ text: this.pdf.safe(alt ? `[Image: ${alt}]` : '[Image]'), font: 'I', color: GREY }], x, width);
    }
  }
}

/** Split runs at hard line breaks: one list of runs per line (empty runs dropped, an empty line kept). */
function splitLines(runs: Run[]): Run[][] {
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
function trimRuns(runs: Run[]): Run[] {
  const out = runs.filter((r) => r.text !== '').map((r) => ({ ...r }));
  while (out.length && !out[0]!.text.trim() && out[0]!.text !== '\n') out.shift();
  while (out.length && !out[out.length - 1]!.text.trim()) out.pop();
  if (out.length) {
    out[0]!.text = out[0]!.text.replace(/^[ \t]+/, '');
    out[out.length - 1]!.text = trimEndChars(out[out.length - 1]!.text, ' \t');
  }
  return out;
}

export interface PdfResult {
  data: Buffer;
  /** 1-based page on which each paper starts, by anchor (what the agenda prints). */
  startPages: Map<string, number>;
  pages: number;
}

export async function renderPackPdf(v: PackView): Promise<PdfResult> {
  const pdf = new PackPdf(v);
  pdf.front();
  let inPart2 = false;
  for (const e of v.papers) {
    if (e.part === 2 && !inPart2) {
      inPart2 = true;
      pdf.partDivider();
    }
    pdf.paper(e);
  }
  pdf.annex();
  const startPages = pdf.startPages();
  const pages = pdf.d.bufferedPageRange().count;
  const data = await pdf.finish();
  return { data, startPages, pages };
}

