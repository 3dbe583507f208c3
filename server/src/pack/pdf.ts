/**
 * The agenda pack as PDF, with pdfkit: pure JavaScript, no browser, no
 * network. Laid out from the same view as the HTML pack (view.ts): a front
 * page with the agenda, in a draft the findings page, then each item — a
 * paper's cover sheet and body, or a document as it is — and a Part 2 divider
 * in the private pack.
 *
 * Tagged PDF/UA-1: one structure tree under `Document` (H1 for the meeting
 * and for each item's banner, H2 for the paper's title, the paper's own
 * headings below it in order), every font embedded, running headers and
 * footers as artifacts, /Lang en-GB, DisplayDocTitle, bookmarks for the
 * agenda and every item.
 *
 * Page numbers in the agenda are exact: pages are buffered, the agenda is
 * drawn with its page column left empty (its height does not depend on the
 * numbers), each item records the page it starts on, and the numbers are
 * written into the agenda at the end, with the running header and footer.
 *
 * The parts: pdf/layout.ts (pdfkit primitives, tables, tagging),
 * pdf/agenda.ts (front page, findings page), pdf/cover-sheet.ts (from
 * render/cover-layout.ts), pdf/body.ts (the mdast), pdf/furniture.ts.
 * scripts/build.mjs bundles this file as dist/pack-pdf.js, loaded on first use.
 */
import { longDate } from '../render/cover';
import type { PackView, PaperEntry } from './view';
import { drawFindings, drawFront, type PageSlot } from './pdf/agenda';
import { BodyWriter } from './pdf/body';
import { drawCoverSheet } from './pdf/cover-sheet';
import { drawFurniture } from './pdf/furniture';
import { BOTTOM, CONTENT_W, DARK, GREY, MARGIN_TOP, MARGIN_X, NHS_BLUE, PdfWriter, RED } from './pdf/layout';

export interface PdfResult {
  data: Buffer;
  /** 1-based page on which each item starts, by anchor (what the agenda prints). */
  startPages: Map<string, number>;
  pages: number;
}

function partDivider(w: PdfWriter): void {
  const doc = w.doc;
  w.newPage({ part: 2, label: 'Part 2' });
  doc.outline.addItem('Part 2 (private)');
  doc.y = 300;
  w.open('Sect');
  w.leaf('H1', () => w.font('B', 28).doc.fillColor(RED).text('Part 2', MARGIN_X, doc.y, { width: CONTENT_W, align: 'center' }));
  doc.y += 6;
  w.leaf('P', () => w.font('R', 13).doc.fillColor(DARK).text('Items to be considered in private', { width: CONTENT_W, align: 'center' }));
  doc.y += 4;
  w.leaf('P', () => w.font('B', 11).doc.fillColor(RED).text('CONFIDENTIAL: not for publication', { width: CONTENT_W, align: 'center' }));
  w.close();
  doc.fillColor(DARK);
}

function paper(w: PdfWriter, v: PackView, e: PaperEntry, starts: Map<string, number>): void {
  const doc = w.doc;
  const c = e.cover;
  w.newPage({ item: c.agendaItem || '–', part: e.part });
  starts.set(e.anchor, w.pageIndex());
  doc.addNamedDestination(e.anchor);
  doc.outline.addItem(w.safe(`${c.agendaItem ? `${c.agendaItem}  ` : ''}${c.title || '(untitled)'}`));
  w.open('Sect', { title: `Agenda item ${c.agendaItem || '–'}` });

  // Banner: the meeting (as on the real cover sheet; an artifact, the page header says it too), the item and the part (H1).
  const bh = 26;
  const by = doc.y;
  w.artifact(() =>
    doc
      .save()
      .rect(MARGIN_X, by, CONTENT_W, bh)
      .fill(e.part === 2 ? RED : NHS_BLUE)
      .restore(),
  );
  const tag = `Agenda item ${c.agendaItem || '–'}  ·  ${e.part === 2 ? 'Part 2: private' : 'Part 1: public'}`;
  w.font('B', 10.5);
  const tagW = doc.widthOfString(w.safe(tag));
  w.leaf('H1', () => doc.fillColor('#FFFFFF').text(w.safe(tag), MARGIN_X, by + 8, { width: CONTENT_W - 10, align: 'right', lineBreak: false }));
  const room = CONTENT_W - tagW - 30;
  const meetingName = w.safe(c.meeting || v.meeting);
  let ms = 13;
  w.font('B', ms);
  while (ms > 9 && doc.widthOfString(meetingName) > room) w.font('B', (ms -= 0.5));
  w.artifact(() =>
    doc.fillColor('#FFFFFF').text(meetingName, MARGIN_X + 10, by + (bh - ms) / 2 + 0.5, { width: room, lineBreak: false, ellipsis: true, height: ms + 4 }),
  );
  doc.x = MARGIN_X;
  doc.y = by + bh + 6;
  doc.fillColor(DARK);
  if (e.kind === 'paper') drawCoverSheet(w, c);

  // Body: on a new page, unless the cover sheet ran over and left most of a page free.
  if (e.kind === 'paper') {
    if (doc.y > MARGIN_TOP + (BOTTOM - MARGIN_TOP) * 0.45 || w.pageIndex() === starts.get(e.anchor)) w.newPage();
    else doc.y += 18;
  }
  w.leaf('P', () =>
    w
      .font('R', 10)
      .doc.fillColor(GREY)
      .text(w.safe(`${v.meeting} – ${longDate(v.date)}`), MARGIN_X, doc.y, { width: CONTENT_W }),
  );
  doc.y += 2;
  w.leaf('H2', () =>
    w
      .font('B', 17)
      .doc.fillColor(NHS_BLUE)
      .text(w.safe(c.title || '(untitled)'), { width: CONTENT_W, lineGap: 1 }),
  );
  doc.y += 4;
  w.rule(MARGIN_X, doc.y, CONTENT_W, NHS_BLUE, 1.5);
  doc.y += 10;
  doc.fillColor(DARK);
  new BodyWriter(w, e, v.root, 3).blocks(e.tree.children, MARGIN_X, CONTENT_W);
  w.close();
}

export async function renderPackPdf(v: PackView): Promise<PdfResult> {
  const w = new PdfWriter({
    title: v.title,
    author: v.organisation,
    subject: `Agenda pack: ${v.meeting}, ${longDate(v.date)} (${v.part}${v.draft ? ', draft' : ''})`,
    keywords: `${v.part === 'private' ? 'private, confidential' : 'public'}${v.draft ? ', draft' : ''}`,
  });
  const slots: PageSlot[] = [];
  const starts = new Map<string, number>();
  drawFront(w, v, slots);
  drawFindings(w, v);
  let inPart2 = false;
  for (const e of v.papers) {
    if (e.part === 2 && !inPart2) {
      inPart2 = true;
      partDivider(w);
    }
    paper(w, v, e, starts);
  }
  drawFurniture(w, v, slots, starts);
  const first = w.doc.bufferedPageRange().start;
  const startPages = new Map([...starts].map(([k, p]) => [k, p - first + 1]));
  const pages = w.doc.bufferedPageRange().count;
  const data = await w.end();
  return { data, startPages, pages };
}
