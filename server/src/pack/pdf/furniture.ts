/**
 * What every page carries, drawn once all pages exist: the running header
 * (meeting and date, the marking), the footer (agenda item, "Page N of M"),
 * DRAFT across a draft pack's pages — all artifacts, not read out as content —
 * and the agenda's page numbers, tagged in the agenda table's cells.
 */
import type { PackView } from '../view';
import type { PageSlot } from './agenda';
import { BORDER, CONTENT_W, DARK, GREY, MARGIN_X, NHS_BLUE, PAGE_H, PAGE_W, RED, type PdfWriter } from './layout';

export function marking(v: PackView, part2: boolean): string {
  return v.part === 'private' ? (part2 ? 'PRIVATE · PART 2 · CONFIDENTIAL' : 'PRIVATE · FOR MEMBERS') : 'PUBLIC';
}

export function drawFurniture(w: PdfWriter, v: PackView, slots: PageSlot[], starts: ReadonlyMap<string, number>): void {
  const doc = w.doc;
  const range = doc.bufferedPageRange();
  const total = range.count;
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const info = w.pages[i - range.start] ?? {};
    const saved = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    w.artifact(() => {
      // Header.
      w.font('R', 8.5)
        .doc.fillColor(GREY)
        .text(w.safe(`${v.meeting}  ·  ${v.dateLong}`), MARGIN_X, 30, { width: CONTENT_W - 220, lineBreak: false, ellipsis: true, height: 12 });
      const mark = marking(v, info.part === 2);
      w.font('B', 8);
      const mw = doc.widthOfString(mark) + 12;
      const mx = MARGIN_X + CONTENT_W - mw;
      doc
        .save()
        .roundedRect(mx, 27, mw, 14, 2)
        .fill(v.part === 'private' ? RED : NHS_BLUE)
        .restore();
      doc.fillColor('#FFFFFF').text(mark, mx + 6, 30.5, { lineBreak: false });
      if (v.draft) {
        const dw = doc.widthOfString('DRAFT') + 12;
        const dx = mx - dw - 6;
        doc.save().roundedRect(dx, 27, dw, 14, 2).fill(DARK).restore();
        doc.fillColor('#FFFFFF').text('DRAFT', dx + 6, 30.5, { lineBreak: false });
      }
      doc
        .save()
        .lineWidth(1.2)
        .strokeColor(NHS_BLUE)
        .moveTo(MARGIN_X, 47)
        .lineTo(MARGIN_X + CONTENT_W, 47)
        .stroke()
        .restore();
      // Footer.
      const fy = PAGE_H - 38;
      doc
        .save()
        .lineWidth(0.6)
        .strokeColor(BORDER)
        .moveTo(MARGIN_X, fy - 6)
        .lineTo(MARGIN_X + CONTENT_W, fy - 6)
        .stroke()
        .restore();
      const left = info.item ? `Agenda item ${info.item}` : (info.label ?? 'Agenda');
      w.font('R', 8.5).doc.fillColor(GREY).text(w.safe(left), MARGIN_X, fy, { lineBreak: false });
      w.font('B', 8.5)
        .doc.fillColor(DARK)
        .text(`Page ${i - range.start + 1} of ${total}`, MARGIN_X, fy, { width: CONTENT_W, align: 'right', lineBreak: false });
    }, 'Pagination');
    if (v.draft) {
      // A large pale DRAFT across the page, behind nothing that matters to reading.
      w.artifact(() => {
        doc.save();
        doc.rotate(-45, { origin: [PAGE_W / 2, PAGE_H / 2] });
        w.font('B', 110)
          .doc.fillColor('#D8DDE0')
          .fillOpacity(0.35)
          .text('DRAFT', 0, PAGE_H / 2 - 60, { width: PAGE_W, align: 'center', lineBreak: false });
        doc.restore();
      }, 'Pagination');
    }
    doc.page.margins.bottom = saved;
  }
  // Agenda page numbers, now that every item has been placed.
  for (const s of slots) {
    const start = starts.get(s.anchor);
    doc.switchToPage(s.page);
    if (start !== undefined) {
      w.mark(
        () =>
          w
            .font('B', 10.5)
            .doc.fillColor(NHS_BLUE)
            .text(String(start - range.start + 1), s.x, s.y, { width: s.w, align: 'right', lineBreak: false }),
        s.cell,
      );
    }
    s.cell.end();
  }
  doc.fillColor(DARK);
}
