/**
 * The pack's front page (organisation, meeting, date, the kind of pack, then
 * the agenda as a tagged table: time, item, title and presenter, kind or
 * purpose, and the page each item starts on, written in at the end), the
 * notes on the pack, and in a draft the findings page.
 */
import { withheldText, type AgendaRow, type PackView, type PaperCheck } from '../view';
import {
  AMBER,
  BAND,
  BORDER,
  BOTTOM,
  CONTENT_W,
  DARK,
  GREY,
  LINE_GAP,
  MARGIN_X,
  NHS_BLUE,
  RED,
  type PdfWriter,
  type Row,
  type Run,
  type StructElem,
} from './layout';

/** Where an agenda row's page number goes once every item is placed. */
export interface PageSlot {
  page: number;
  x: number;
  y: number;
  w: number;
  anchor: string;
  /** The TD the number is tagged in (left open until then). */
  cell: StructElem;
}

/** What the agenda says of an item's kind: the paper's purpose, or Verbal / Presentation / Standing item / Paper to follow. */
export function kindLabel(r: AgendaRow): string {
  if (r.kind === 'withheld') return '';
  if (r.kind === 'paper') return r.entry.kind === 'document' ? 'Document' : (r.entry.cover.purposeLabel ?? 'Paper');
  if (r.toFollow) return 'Paper to follow';
  if (r.standing) return 'Standing item';
  return r.itemKind === 'verbal' ? 'Verbal' : r.itemKind === 'presentation' ? 'Presentation' : r.itemKind === 'document' ? 'Document' : 'Paper';
}

function rowItem(r: AgendaRow): string {
  return r.kind === 'paper' ? r.entry.cover.agendaItem : r.item;
}

function rowTitle(r: AgendaRow): string {
  if (r.kind === 'paper') return r.entry.cover.title || '(untitled)';
  if (r.kind === 'item') return r.title || '(untitled)';
  return withheldText(r);
}

function rowPresenter(r: AgendaRow): string | undefined {
  if (r.kind === 'paper') return r.presenter ?? r.entry.cover.presentedBy;
  if (r.kind === 'item') return r.presenter;
  return undefined;
}

export function drawFront(w: PdfWriter, v: PackView, slots: PageSlot[]): void {
  const doc = w.doc;
  w.newPage({});
  doc.outline.addItem('Agenda');
  w.open('Sect');
  w.leaf('P', () => w.font('R', 10).doc.fillColor(GREY).text(w.safe(v.organisation), MARGIN_X, doc.y, { width: CONTENT_W }));
  doc.y += 4;
  w.leaf('H1', () => w.font('B', 22).doc.fillColor(NHS_BLUE).text(w.safe(v.meeting), { width: CONTENT_W, lineGap: 1 }));
  doc.y += 2;
  w.leaf('P', () => w.font('R', 14).doc.fillColor(DARK).text(w.safe(v.dateLong), { width: CONTENT_W }));
  doc.y += 8;
  const kind = `${v.part === 'private' ? 'PRIVATE PACK: Part 1 and Part 2, for members only' : 'PUBLIC PACK: Part 1'}${v.draft ? ' (DRAFT)' : ''}`;
  pill(w, kind, MARGIN_X, doc.y, v.part === 'private' ? RED : NHS_BLUE);
  doc.y += 18 + 16;
  w.leaf('H2', () => w.font('B', 15).doc.fillColor(NHS_BLUE).text('Agenda', MARGIN_X, doc.y));
  doc.y += 4;
  drawAgenda(w, v, slots);
  notes(w, v);
  // Left open, as the agenda table inside it: its page numbers are tagged at the end.
  w.close(false);
}

function pill(w: PdfWriter, text: string, x: number, y: number, color: string, size = 10): void {
  const doc = w.doc;
  w.font('B', size);
  const t = w.safe(text);
  const width = doc.widthOfString(t) + 14;
  const h = size + 8;
  w.artifact(() => doc.save().roundedRect(x, y, width, h, 3).fill(color).restore());
  w.leaf('P', () => doc.fillColor('#FFFFFF').text(t, x + 7, y + 4.5, { lineBreak: false }));
  doc.fillColor(DARK);
}

function drawAgenda(w: PdfWriter, v: PackView, slots: PageSlot[]): void {
  const doc = w.doc;
  const rows = [...v.part1, ...v.part2];
  const withTime = rows.some((r) => r.kind !== 'withheld' && !!r.time) || rows.some((r) => r.kind === 'withheld' && !!r.time);
  const wTime = withTime ? 40 : 0;
  const wItem = 42;
  const wPurpose = 92;
  const wPage = 40;
  const wPaper = CONTENT_W - wTime - wItem - wPurpose - wPage;
  const xTime = MARGIN_X;
  const xItem = xTime + wTime;
  const xPaper = xItem + wItem;
  const xPurpose = xPaper + wPaper;
  const xPage = xPurpose + wPurpose;
  const pad = 5;

  w.open('Table');
  const head = (repeat: boolean) => {
    const h = 20;
    const y = doc.y;
    w.artifact(() => doc.save().rect(MARGIN_X, y, CONTENT_W, h).fill(NHS_BLUE).restore());
    w.font('B', 9.5).doc.fillColor('#FFFFFF');
    const ty = y + 5.5;
    const cells: [string, number, number, 'left' | 'right'][] = [
      ...(withTime ? [['Time', xTime + pad, wTime - pad, 'left'] as [string, number, number, 'left']] : []),
      ['Item', xItem + pad, wItem - pad, 'left'],
      ['Title and presenter', xPaper + pad, wPaper - 2 * pad, 'left'],
      ['Purpose', xPurpose + pad, wPurpose - pad, 'left'],
      ['Page', xPage, wPage - pad, 'right'],
    ];
    const draw = (c: [string, number, number, 'left' | 'right']) => doc.text(c[0], c[1], ty, { width: c[2], align: c[3], lineBreak: false });
    if (repeat) w.artifact(() => cells.forEach(draw), 'Pagination');
    else {
      w.open('TR');
      for (const c of cells) w.leaf('TH', () => draw(c), { scope: 'Column' });
      w.close();
    }
    doc.y = y + h;
    doc.fillColor(DARK);
  };
  const spanning = (draw: (y: number) => number, fill?: string) => {
    // One row across the table (a part band, the resolution, "no items"): measured by `draw(-1)`.
    const h = draw(-1);
    if (doc.y + h + 30 > BOTTOM) {
      w.newPage();
      head(true);
    }
    const y = doc.y;
    if (fill) w.artifact(() => doc.save().rect(MARGIN_X, y, CONTENT_W, h).fill(fill).restore());
    w.open('TR');
    w.open('TD');
    draw(y);
    w.close();
    w.close();
    doc.y = y + h;
  };
  const band = (text: string) =>
    spanning((y) => {
      if (y < 0) return 20;
      w.drawRuns([{ text: w.safe(text), font: 'B' }], MARGIN_X + pad, y + 5.5, CONTENT_W - 2 * pad, 10);
      return 20;
    }, BAND);
  const row = (r: AgendaRow) => {
    const title = w.safe(rowTitle(r));
    const presenter = rowPresenter(r);
    const purpose = kindLabel(r);
    let h: number;
    if (r.kind === 'withheld') {
      w.font('I', 10);
      h = doc.heightOfString(title, { width: wPaper - 2 * pad, lineGap: LINE_GAP }) + 2 * pad;
    } else {
      w.font('B', 10.5);
      const th = doc.heightOfString(title, { width: wPaper - 2 * pad, lineGap: LINE_GAP });
      w.font('R', 9);
      const ph = presenter ? doc.heightOfString(w.safe(presenter), { width: wPaper - 2 * pad, lineGap: LINE_GAP }) + 1 : 0;
      w.font('R', 10);
      const uh = doc.heightOfString(w.safe(purpose), { width: wPurpose - 2 * pad, lineGap: LINE_GAP });
      h = Math.max(th + ph, uh) + 2 * pad;
    }
    if (doc.y + h > BOTTOM) {
      w.newPage();
      head(true);
    }
    const y = doc.y;
    w.open('TR');
    if (withTime)
      w.leaf(
        'TD',
        () =>
          r.time &&
          w
            .font('R', 10)
            .doc.fillColor(DARK)
            .text(w.safe(r.time), xTime + pad, y + pad, { width: wTime - pad }),
      );
    const item = rowItem(r);
    w.open('TD');
    if (item)
      w.mark(() =>
        w
          .font('B', 10.5)
          .doc.fillColor(DARK)
          .text(w.safe(item), xItem + pad, y + pad, { width: wItem - pad }),
      );
    w.close();
    w.open('TD');
    if (r.kind === 'withheld') {
      w.mark(() =>
        w
          .font('I', 10)
          .doc.fillColor(GREY)
          .text(title, xPaper + pad, y + pad, { width: wPaper - 2 * pad, lineGap: LINE_GAP }),
      );
    } else if (r.kind === 'paper') {
      const link = w.open('Link');
      w.mark(() =>
        w
          .font('B', 10.5)
          .doc.fillColor(NHS_BLUE)
          .text(title, xPaper + pad, y + pad, { width: wPaper - 2 * pad, lineGap: LINE_GAP }),
      );
      (doc as unknown as { goTo(x: number, y: number, w: number, h: number, name: string, o: object): void }).goTo(MARGIN_X, y, CONTENT_W, h, r.entry.anchor, {
        structParent: link,
        Contents: new String(`Go to item ${item || ''}: ${rowTitle(r)}`),
      });
      w.close();
    } else {
      w.mark(() =>
        w
          .font('B', 10.5)
          .doc.fillColor(DARK)
          .text(title, xPaper + pad, y + pad, { width: wPaper - 2 * pad, lineGap: LINE_GAP }),
      );
    }
    if (presenter)
      w.mark(() =>
        w
          .font('R', 9)
          .doc.fillColor(GREY)
          .text(w.safe(presenter), xPaper + pad, doc.y + 1, { width: wPaper - 2 * pad, lineGap: LINE_GAP }),
      );
    w.close();
    w.open('TD');
    if (purpose)
      w.mark(() =>
        w
          .font('R', 10)
          .doc.fillColor(r.kind === 'item' && r.toFollow ? RED : DARK)
          .text(w.safe(purpose), xPurpose + pad, y + pad, { width: wPurpose - 2 * pad, lineGap: LINE_GAP }),
      );
    w.close();
    const cell = w.open('TD');
    w.close(false);
    if (r.kind === 'paper') slots.push({ page: w.pageIndex(), x: xPage, y: y + pad, w: wPage - pad, anchor: r.entry.anchor, cell });
    else cell.end();
    w.close(false);
    w.rule(MARGIN_X, y + h, CONTENT_W, BORDER);
    doc.x = MARGIN_X;
    doc.y = y + h;
  };
  head(false);
  band('Part 1: items to be considered in public');
  if (!v.part1.length) {
    spanning((y) => {
      if (y < 0) return 22;
      w.drawRuns([{ text: 'No items are to be considered in public.', font: 'I', color: GREY }], MARGIN_X + pad, y + pad, CONTENT_W - 2 * pad, 10);
      return 22;
    });
  }
  for (const r of v.part1) row(r);
  if (v.part2.length) {
    if (v.resolution) {
      const runs: Run[] = [
        { text: 'Resolution to exclude the press and public: ', font: 'B' },
        { text: w.safe(v.resolution), font: 'R' },
      ];
      spanning((y) => {
        const h = w.measureRuns(runs, CONTENT_W - 2 * pad, 10) + 2 * pad;
        if (y >= 0) w.drawRuns(runs, MARGIN_X + pad, y + pad, CONTENT_W - 2 * pad, 10);
        return h;
      });
    }
    band(v.part === 'private' ? 'Part 2: items to be considered in private (confidential)' : 'Part 2: items to be considered in private');
    for (const r of v.part2) row(r);
  }
  // Left open: the page-number cells are filled in at the end (furniture.ts).
  w.close(false);
  doc.fillColor(DARK);
  doc.y += 12;
}

function notes(w: PdfWriter, v: PackView): void {
  if (!v.notes.length) return;
  w.heading(2, 'Notes on this pack', 12);
  w.open('L');
  for (const n of v.notes) {
    w.ensure(w.lineHeight(9.5));
    const y = w.doc.y;
    w.open('LI');
    w.leaf('Lbl', () => w.font('R', 9.5).doc.fillColor(DARK).text('•', MARGIN_X, y, { lineBreak: false }));
    w.open('LBody');
    w.drawRuns(w.plain(n), MARGIN_X + 12, y, CONTENT_W - 12, 9.5);
    w.close();
    w.close();
    w.doc.y += 3;
  }
  w.close();
}

/** Draft packs: the papers' findings (public pack: item, title, counts, rule ids; private pack: every finding in full). */
export function drawFindings(w: PdfWriter, v: PackView): void {
  if (!v.draft) return;
  const full = v.part === 'private';
  w.newPage({ label: 'Draft: paper checks' });
  w.doc.outline.addItem('Draft: paper checks');
  w.open('Sect');
  w.heading(1, 'Draft: paper checks', 15);
  if (!v.checks.length) {
    w.paragraph(w.plain("Every paper in this pack passed boardpaper's checks (no errors or warnings)."), MARGIN_X, CONTENT_W, 10);
    w.close();
    return;
  }
  const lead = full
    ? 'Findings of boardpaper check on the papers in this pack (errors and warnings), by line of the paper. This page is left out of the final pack.'
    : "These papers still have findings from boardpaper's checks. This page is left out of the final pack.";
  w.paragraph(w.plain(lead), MARGIN_X, CONTENT_W, 10);
  const rows: Row[] = [{ header: true, cells: [{ runs: w.plain('Item') }, { runs: w.plain('Paper') }, { runs: w.plain('Findings') }] }];
  for (const c of v.checks) rows.push({ cells: [{ runs: w.plain(c.item || '–', 'B') }, { runs: checkRuns(w, c, full) }, { runs: countRuns(c) }] });
  w.table({ widths: [50, CONTENT_W - 50 - 100, 100], rows, headerRows: 1, size: 9, pad: 4 });
  w.close();
}

function countRuns(c: PaperCheck): Run[] {
  const out: Run[] = [];
  if (c.errors) out.push({ text: `${c.errors} error${c.errors === 1 ? '' : 's'}`, font: 'B', color: RED });
  if (c.warnings) out.push({ text: `${out.length ? ', ' : ''}${c.warnings} warning${c.warnings === 1 ? '' : 's'}`, font: 'B', color: AMBER });
  return out;
}

function checkRuns(w: PdfWriter, c: PaperCheck, full: boolean): Run[] {
  const runs: Run[] = [{ text: w.safe(c.title || '(untitled)'), font: 'B' }];
  if (full && c.details) {
    runs.push({ text: w.safe(`\n${c.file ?? ''}`), font: 'R', color: GREY });
    for (const d of c.details)
      runs.push({ text: w.safe(`\n• line ${d.line}: ${d.message} (${d.rule})`), font: 'R', color: d.severity === 'error' ? RED : DARK });
  } else runs.push({ text: w.safe(`\n${c.rules.join(', ')}`), font: 'R', color: GREY });
  return runs;
}
