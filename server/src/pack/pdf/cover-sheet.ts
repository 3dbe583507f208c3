/**
 * A paper's cover sheet in the PDF, drawn block by block from the
 * renderer-neutral layout (render/cover-layout.ts) that the HTML pack and the
 * preview draw too: the labels, their order and the organisation's own fields
 * come from there, so the PDF and HTML cover sheets cannot drift apart. Each
 * block is a tagged table (row headers for labels, column headers for Yes /
 * No / N/A).
 */
import { coverSheetLayout, type CoverBlock } from '../../render/cover-layout';
import type { CoverSheetModel } from '../../render/cover';
import { BAND, CONTENT_W, GREY, PALE, RED, type FontKey, type PdfWriter, type Row, type Run } from './layout';

const SIZE = 9;
const PAD = 3;
const GAP = 5;

export function drawCoverSheet(w: PdfWriter, c: CoverSheetModel): void {
  for (const b of coverSheetLayout(c).blocks) drawBlock(w, b);
}

/** A value; a missing one is "Not stated" when the template requires it, else a blank box as on the printed sheet. */
function value(w: PdfWriter, s: string | undefined, required = true): Run[] {
  return s && s.trim() ? w.plain(s) : required ? w.plain('Not stated', 'I', RED) : [];
}

function drawBlock(w: PdfWriter, b: CoverBlock): void {
  switch (b.kind) {
    case 'facts':
      w.table({
        widths: [140, CONTENT_W - 140],
        rows: b.rows.map((r) => ({ cells: [{ runs: w.plain(r.label) }, { runs: value(w, r.value, r.required) }] })),
        headerRows: 0,
        size: SIZE,
        pad: PAD,
        labelColumn: true,
        gap: GAP,
        keepTogether: true,
      });
      return;
    case 'objectives': {
      const rows: Row[] = [
        {
          header: true,
          cells: [
            { runs: w.plain(`${b.label}:`), colSpan: 2 },
            { runs: w.plain('Tick'), align: 'center' },
          ],
        },
        ...b.objectives.map((o) => ({
          cells: o.nameOnly
            ? [
                { runs: w.plain(o.code, 'B', o.known ? undefined : RED), fill: PALE, rowHeader: true, colSpan: 2 },
                { runs: [], tick: o.ticked },
              ]
            : [
                { runs: w.plain(o.code, 'B', o.known ? undefined : RED), fill: PALE, rowHeader: true },
                { runs: w.plain(o.text, o.known ? 'R' : 'I', o.known ? undefined : RED) },
                { runs: [], tick: o.ticked },
              ],
        })),
      ];
      w.table({ widths: [40, CONTENT_W - 80, 40], rows, headerRows: 1, size: SIZE, pad: PAD, gap: GAP, keepTogether: true });
      return;
    }
    case 'assessments': {
      const yn = 34;
      const label = 170;
      const rows: Row[] = [
        {
          header: true,
          cells: [
            { runs: w.plain(b.label) },
            { runs: w.plain('Yes'), align: 'center' },
            { runs: w.plain('No'), align: 'center' },
            { runs: w.plain('N/A'), align: 'center' },
            { runs: w.plain('Comments') },
          ],
        },
        ...b.rows.map((r) => {
          const comment: Run[] = [];
          if (r.statusText) comment.push({ text: w.safe(`Status "${r.statusText}" `), font: 'I', color: RED });
          if (r.comment) comment.push({ text: w.safe(r.comment), font: 'R' });
          else if (!r.status && !r.statusText) comment.push({ text: 'Not stated', font: 'I', color: RED });
          return {
            cells: [
              { runs: w.plain(r.label, 'B' as FontKey), fill: PALE, rowHeader: true },
              { runs: [], tick: r.status === 'yes' },
              { runs: [], tick: r.status === 'no' },
              { runs: [], tick: r.status === 'n/a' },
              { runs: comment },
            ],
          };
        }),
      ];
      w.table({ widths: [label, yn, yn, yn, CONTENT_W - label - 3 * yn], rows, headerRows: 1, size: SIZE, pad: PAD, gap: GAP, keepTogether: true });
      return;
    }
    case 'history': {
      // A template that records no outcome has no Outcomes column (never "Not stated" for it).
      const cols = b.outcomes ? 3 : 2;
      const rows: Row[] = [
        { header: true, cells: [{ runs: w.plain(b.label), colSpan: cols, fill: BAND }] },
        { header: true, cells: [{ runs: w.plain('Meeting') }, { runs: w.plain('Date') }, ...(b.outcomes ? [{ runs: w.plain('Outcomes') }] : [])] },
        ...(b.rows.length
          ? b.rows.map((h) => ({
              cells: [{ runs: value(w, h.meeting) }, { runs: value(w, h.dateLong) }, ...(b.outcomes ? [{ runs: value(w, h.outcome) }] : [])],
            }))
          : [{ cells: [{ runs: w.plain('Not previously discussed', 'I', GREY), colSpan: cols }] }]),
      ];
      w.table({
        widths: b.outcomes ? [170, 95, CONTENT_W - 265] : [CONTENT_W - 95, 95],
        rows,
        headerRows: 2,
        size: SIZE,
        pad: PAD,
        gap: GAP,
        keepTogether: true,
      });
      return;
    }
    case 'text':
      w.table({
        widths: [140, CONTENT_W - 140],
        rows: [{ cells: [{ runs: w.plain(b.label) }, { runs: value(w, b.value, b.required) }] }],
        headerRows: 0,
        size: SIZE,
        pad: PAD,
        labelColumn: true,
        gap: GAP,
        keepTogether: true,
      });
      return;
    default: {
      // A block kind this renderer does not know yet: its label and text, never dropped.
      const other = b as { label?: string; value?: string };
      w.table({
        widths: [140, CONTENT_W - 140],
        rows: [{ cells: [{ runs: w.plain(other.label ?? '') }, { runs: value(w, other.value) }] }],
        headerRows: 0,
        size: SIZE,
        pad: PAD,
        labelColumn: true,
        gap: GAP,
        keepTogether: true,
      });
    }
  }
}
