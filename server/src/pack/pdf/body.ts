/**
 * A paper's body in the PDF: its mdast (GFM) walked and laid out, tagged as
 * it is drawn — headings (levels shifted under the paper's own title so they
 * run in order, never skipping one), P, L/LI/Lbl/LBody, Table/TR/TH/TD,
 * BlockQuote, Link, Figure with the image's alt text, Note for footnotes.
 * Rules, quote bars and fills are artifacts.
 */
import type { Heading, List, ListItem, PhrasingContent, RootContent, Table } from 'mdast';
import { readLocalImage } from '../assets';
import { headingLevels } from '../headings';
import type { PaperEntry } from '../view';
import {
  BODY_SIZE,
  BORDER,
  BOTTOM,
  DARK,
  GREY,
  LINE_GAP,
  MARGIN_TOP,
  MARGIN_X,
  NHS_BLUE,
  PALE,
  SAFE_LINK,
  styleOf,
  trimRuns,
  type PdfWriter,
  type Row,
  type Run,
} from './layout';

export class BodyWriter {
  private readonly footnotes = new Map<string, number>();
  /** The structure level of each heading (headings.ts). */
  private readonly levels: Map<Heading, number>;

  /** `top`: the structure level of the paper's own first-level headings (one below its title). */
  constructor(
    private readonly w: PdfWriter,
    private readonly entry: PaperEntry,
    private readonly root: string,
    private readonly top: number,
  ) {
    this.levels = headingLevels(entry.tree, top);
  }

  private get doc(): PDFKit.PDFDocument {
    return this.w.doc;
  }

  blocks(nodes: readonly RootContent[], x: number, width: number): void {
    for (const n of nodes) this.block(n, x, width);
  }

  private block(n: RootContent, x: number, width: number): void {
    const doc = this.doc;
    const w = this.w;
    switch (n.type) {
      case 'heading': {
        const size = n.depth === 1 ? 15 : n.depth === 2 ? 13.5 : n.depth === 3 ? 11.5 : 10.5;
        const color = n.depth <= 2 ? NHS_BLUE : DARK;
        doc.y += n.depth <= 2 ? 8 : 5;
        // Keep a heading with the first lines that follow it.
        w.ensure(w.lineHeight(size) * 2 + w.lineHeight(BODY_SIZE) * 3);
        const runs = this.inline(n.children, true, false).map((r) => ({ ...r, color: r.link ? r.color : color }));
        w.open(`H${this.levels.get(n) ?? this.top}`);
        w.drawRuns(trimRuns(runs), x, doc.y, width, size);
        w.close();
        doc.y += 4;
        break;
      }
      case 'paragraph': {
        const only = n.children.filter((c) => !(c.type === 'text' && !c.value.trim()));
        if (only.length === 1 && only[0]!.type === 'image') {
          this.image(only[0]!.url, only[0]!.alt ?? '', x, width);
          break;
        }
        w.paragraph(this.inline(n.children, false, false), x, width, BODY_SIZE);
        break;
      }
      case 'list':
        this.list(n, x, width, 0);
        doc.y += 3;
        break;
      case 'blockquote': {
        const startPage = w.pageIndex();
        const y0 = doc.y;
        w.open('BlockQuote');
        this.blocks(n.children, x + 12, width - 12);
        w.close();
        const endPage = w.pageIndex();
        const y1 = doc.y - 4;
        const bar = (page: number, from: number, to: number) => {
          doc.switchToPage(page);
          w.artifact(() =>
            doc
              .save()
              .lineWidth(3)
              .strokeColor(NHS_BLUE)
              .moveTo(x + 1.5, from)
              .lineTo(x + 1.5, to)
              .stroke()
              .restore(),
          );
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
        const text = w.safe(n.value);
        w.font('R', 9);
        const h = doc.heightOfString(text, { width: width - 12, lineGap: LINE_GAP }) + 10;
        if (h <= BOTTOM - MARGIN_TOP) {
          w.ensure(h);
          const y = doc.y;
          w.artifact(() => doc.save().rect(x, y, width, h).fill(PALE).restore());
        }
        w.open('P');
        w.open('Code');
        w.drawRuns([{ text, font: 'R' }], x + 6, doc.y + 5, width - 12, 9);
        w.close();
        w.close();
        doc.y += 10;
        break;
      }
      case 'thematicBreak':
        w.ensure(12);
        doc.y += 4;
        w.rule(x, doc.y, width, BORDER, 0.8);
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
        w.open('Note');
        w.paragraph(
          runs.map((r) => ({ ...r })),
          x,
          width,
          9,
        );
        this.blocks(rest, x + 12, width - 12);
        w.close();
        break;
      }
      case 'html':
      case 'yaml':
      case 'definition':
        break;
      default:
        // Anything else (math, custom nodes): its text, as a paragraph.
        if ('children' in n) this.blocks((n as { children: RootContent[] }).children, x, width);
        else if ('value' in n && typeof (n as { value: unknown }).value === 'string')
          w.paragraph([{ text: w.safe((n as { value: string }).value), font: 'R' }], x, width, BODY_SIZE);
    }
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
    const safe = (s: string) => this.w.safe(s);
    for (const n of nodes) {
      switch (n.type) {
        case 'text':
          out.push({
            text: safe(n.value.replace(/\s+/g, (s) => (s.includes('\n') ? ' ' : s))),
            font: styleOf(bold, italic),
            link,
            color: link ? NHS_BLUE : undefined,
            underline: !!link,
            strike,
          });
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
          else if ('value' in n && typeof (n as { value: unknown }).value === 'string')
            out.push({ text: safe((n as { value: string }).value), font: styleOf(bold, italic) });
      }
    }
    return out;
  }

  private list(list: List, x: number, width: number, depth: number): void {
    const doc = this.doc;
    const w = this.w;
    const start = list.start ?? 1;
    const bullets = ['•', '–', '•'];
    w.font('R', BODY_SIZE);
    const markerW = list.ordered ? Math.max(18, doc.widthOfString(`${start + list.children.length - 1}.`) + 8) : 14;
    w.open('L');
    list.children.forEach((item: ListItem, i) => {
      const marker = item.checked === true ? '[x]' : item.checked === false ? '[ ]' : list.ordered ? `${start + i}.` : bullets[depth % bullets.length]!;
      const mw = item.checked != null ? Math.max(markerW, 22) : markerW;
      w.ensure(w.lineHeight(BODY_SIZE) * 2);
      const y0 = doc.y;
      w.open('LI');
      w.font('R', BODY_SIZE);
      w.leaf('Lbl', () => {
        doc.fillColor(list.ordered ? DARK : NHS_BLUE).text(marker, x, y0, { width: mw - 4, lineBreak: false });
      });
      doc.fillColor(DARK);
      doc.y = y0;
      w.open('LBody');
      item.children.forEach((child, j) => {
        if (child.type === 'paragraph') {
          const runs = trimRuns(this.inline(child.children, false, false));
          if (runs.length) {
            w.open('P');
            w.drawRuns(runs, x + mw, doc.y, width - mw, BODY_SIZE);
            w.close();
            doc.y += list.spread || j < item.children.length - 1 ? 4 : 2;
          } else if (j === 0) doc.y += w.lineHeight(BODY_SIZE);
        } else if (child.type === 'list') {
          this.list(child, x + mw, width - mw, depth + 1);
        } else this.block(child, x + mw, width - mw);
      });
      w.close();
      w.close();
      if (doc.y < y0 + w.lineHeight(BODY_SIZE)) doc.y = y0 + w.lineHeight(BODY_SIZE);
      doc.x = MARGIN_X;
    });
    w.close();
    doc.y += 2;
  }

  private table(t: Table, x: number, width: number): void {
    const doc = this.doc;
    const w = this.w;
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
        w.font(r.header || c.runs.some((x) => x.font === 'B' || x.font === 'BI') ? 'B' : 'R', size);
        const words = text.split(/[\s\u200B]+/).filter(Boolean);
        const longest = Math.max(0, ...words.map((s) => doc.widthOfString(s)));
        const full = Math.max(0, ...text.split('\n').map((l) => doc.widthOfString(l)));
        minW[i] = Math.max(minW[i]!, Math.min(longest, width / 3) + 2 * pad + 1);
        maxW[i] = Math.max(maxW[i]!, full + 2 * pad + 1);
      }),
    );
    let widths: number[];
    const sumMin = minW.reduce((a, b) => a + b, 0);
    const sumMax = maxW.reduce((a, b) => a + b, 0);
    if (sumMax <= width) widths = maxW.map((v) => (v * width) / sumMax);
    else if (sumMin >= width) widths = minW.map((v) => (v * width) / sumMin);
    else {
      const extra = width - sumMin;
      const want = maxW.map((v, i) => v - minW[i]!);
      const sumWant = want.reduce((a, b) => a + b, 0) || 1;
      widths = minW.map((v, i) => v + (extra * want[i]!) / sumWant);
    }
    w.ensure(w.lineHeight(size) * 3);
    w.table({ widths, rows, headerRows: 1, size, pad }, x);
    doc.y += 2;
  }

  private image(url: string, alt: string, x: number, width: number): void {
    const doc = this.doc;
    const w = this.w;
    const img = readLocalImage(url, this.entry.paperDir, this.root);
    const placeholder = () => w.paragraph([{ text: w.safe(alt ? `[Image: ${alt}]` : '[Image]'), font: 'I', color: GREY }], x, width, BODY_SIZE);
    if (!img || (img.mime !== 'image/png' && img.mime !== 'image/jpeg')) return placeholder();
    let opened: { width: number; height: number };
    try {
      opened = (doc as unknown as { openImage(src: Buffer): { width: number; height: number } }).openImage(img.data);
    } catch {
      return placeholder();
    }
    const maxH = (BOTTOM - MARGIN_TOP) * 0.6;
    const scale = Math.min(1, width / opened.width, maxH / opened.height);
    const iw = opened.width * scale;
    const ih = opened.height * scale;
    w.ensure(ih + (alt ? 16 : 6));
    const y = doc.y;
    w.leaf('Figure', () => doc.image(opened as never, x, y, { width: iw, height: ih }), {
      alt: alt || 'Image (no description given in the paper)',
      bbox: [x, y, x + iw, y + ih],
      placement: 'Block',
    });
    doc.y = y + ih + 3;
    if (alt) {
      w.open('P');
      w.drawRuns([{ text: w.safe(alt), font: 'I', color: GREY }], x, doc.y, width, 8.5);
      w.close();
      doc.y += 2;
    }
    doc.y += 6;
    doc.x = MARGIN_X;
  }
}
