/**
 * HTML for a cover sheet and the shared styles (NHS blue, Arial), for the
 * agenda pack and the editor preview. Every value from the paper is escaped.
 */
import { escapeHtml } from './markdown';
import type { AssessmentRow, CoverSheetModel } from './cover';
import { coverSheetLayout, type CoverBlock } from './cover-layout';

export const NHS_BLUE = '#005EB8';

const NOT_STATED = '<span class="missing">Not stated</span>';

/** A value; a missing one is "Not stated" when the template requires it, else a blank box as on the printed sheet. */
function cell(s: string | undefined, required = true): string {
  return s && s.trim() ? escapeHtml(s) : required ? NOT_STATED : '';
}

function mark(on: boolean): string {
  return on ? '<span class="tick" aria-label="yes">&#x2713;</span>' : '';
}

function assessmentRows(rows: readonly AssessmentRow[]): string {
  return rows
    .map(
      (r) =>
        `<tr><th scope="row">${escapeHtml(r.label)}</th>` +
        `<td class="yn">${mark(r.status === 'yes')}</td><td class="yn">${mark(r.status === 'no')}</td><td class="yn">${mark(r.status === 'n/a')}</td>` +
        `<td>${r.statusText ? `<span class="missing">Status "${escapeHtml(r.statusText)}"</span> ` : ''}${r.comment ? escapeHtml(r.comment) : r.status || r.statusText ? '' : NOT_STATED}</td></tr>`,
    )
    .join('');
}

export { confidentialLabel } from './cover-layout';

function blockHtml(b: CoverBlock): string {
  switch (b.kind) {
    case 'facts':
      return `<table class="cs-facts"><tbody>${b.rows.map((r) => `<tr><th scope="row">${escapeHtml(r.label)}</th><td>${cell(r.value, r.required)}</td></tr>`).join('')}</tbody></table>`;
    case 'objectives': {
      const rows = b.objectives
        .map((o) =>
          o.nameOnly
            ? `<tr${o.known ? '' : ' class="unknown"'}><th scope="row" colspan="2">${escapeHtml(o.code)}</th><td class="yn">${mark(o.ticked)}</td></tr>`
            : `<tr${o.known ? '' : ' class="unknown"'}><th scope="row">${escapeHtml(o.code)}</th><td>${escapeHtml(o.text)}</td><td class="yn">${mark(o.ticked)}</td></tr>`,
        )
        .join('');
      return `<table class="cs-objectives"><thead><tr><th colspan="2">${escapeHtml(b.label)}</th><th class="yn">Tick</th></tr></thead><tbody>${rows}</tbody></table>`;
    }
    case 'assessments':
      return `<table class="cs-assess"><thead><tr><th>${escapeHtml(b.label)}</th><th class="yn">Yes</th><th class="yn">No</th><th class="yn">N/A</th><th>Comments</th></tr></thead><tbody>${assessmentRows(b.rows)}</tbody></table>`;
    case 'history': {
      // A template that records no outcome has no Outcomes column (never "Not stated" for it).
      const cols = b.outcomes ? 3 : 2;
      const rows = b.rows.length
        ? b.rows
            .map((h) => `<tr><td>${cell(h.meeting)}</td><td class="date">${cell(h.dateLong)}</td>${b.outcomes ? `<td>${cell(h.outcome)}</td>` : ''}</tr>`)
            .join('')
        : `<tr><td colspan="${cols}">Not previously discussed</td></tr>`;
      return `<table class="cs-history"><thead><tr><th colspan="${cols}" class="cs-caption">${escapeHtml(b.label)}</th></tr><tr><th>Meeting</th><th>Date</th>${b.outcomes ? '<th>Outcomes</th>' : ''}</tr></thead><tbody>${rows}</tbody></table>`;
    }
    case 'text':
      return `<table class="cs-text"><thead><tr><th>${escapeHtml(b.label)}</th></tr></thead><tbody><tr><td>${cell(b.value, b.required)}</td></tr></tbody></table>`;
  }
}

/** The cover sheet as an HTML fragment (`<section class="cover-sheet">`), drawn from the renderer-neutral layout. */
export function coverSheetHtml(m: CoverSheetModel): string {
  const layout = coverSheetLayout(m);
  return ['<section class="cover-sheet">', `<p class="cs-meeting">${cell(layout.meeting)}</p>`, ...layout.blocks.map(blockHtml), '</section>'].join('\n');
}

/** Styles for a cover sheet and a rendered body; self-contained (no web fonts). */
export const PAPER_CSS = `
.cover-sheet, .paper-body { font-family: Arial, Helvetica, "Liberation Sans", Arimo, sans-serif; color: #212b32; }
.cover-sheet { font-size: 10.5pt; }
.cover-sheet table { width: 100%; border-collapse: collapse; margin: 0 0 10pt; page-break-inside: avoid; break-inside: avoid; }
.cover-sheet th, .cover-sheet td { border: 0.75pt solid #aeb7bd; padding: 4pt 6pt; text-align: left; vertical-align: top; }
.cover-sheet thead th { background: ${NHS_BLUE}; color: #fff; font-weight: bold; }
.cover-sheet thead th.cs-caption { background: #e8edee; color: #212b32; }
.cover-sheet tbody th { background: #f0f4f5; font-weight: bold; width: 32%; }
.cover-sheet .cs-objectives tbody th { width: 8%; }
.cover-sheet .cs-objectives tr.unknown td { color: #d5281b; }
.cover-sheet .yn { width: 7%; text-align: center; }
.cover-sheet .date { white-space: nowrap; }
.cover-sheet .tick { color: ${NHS_BLUE}; font-weight: bold; font-size: 12pt; }
.cover-sheet .cs-meeting { font-size: 16pt; font-weight: bold; color: ${NHS_BLUE}; margin: 0 0 8pt; }
.cover-sheet .missing, .paper-body .missing { color: #d5281b; font-style: italic; }
.paper-body { font-size: 11pt; line-height: 1.4; }
.paper-body h1, .paper-body h2 { color: ${NHS_BLUE}; margin: 14pt 0 6pt; page-break-after: avoid; break-after: avoid; }
.paper-body h1 { font-size: 16pt; } .paper-body h2 { font-size: 14pt; }
.paper-body h3, .paper-body h4, .paper-body h5, .paper-body h6 { font-size: 11.5pt; margin: 10pt 0 4pt; page-break-after: avoid; break-after: avoid; }
.paper-body table { border-collapse: collapse; margin: 6pt 0 10pt; font-size: 9.5pt; page-break-inside: auto; }
.paper-body th, .paper-body td { border: 0.75pt solid #aeb7bd; padding: 3pt 5pt; vertical-align: top; }
.paper-body thead th { background: ${NHS_BLUE}; color: #fff; }
.paper-body tr { page-break-inside: avoid; break-inside: avoid; }
.paper-body blockquote { border-left: 3pt solid ${NHS_BLUE}; margin: 6pt 0; padding: 2pt 10pt; color: #425563; }
.paper-body code, .paper-body pre { font-family: Consolas, "Courier New", monospace; background: #f0f4f5; }
.paper-body pre { padding: 6pt; white-space: pre-wrap; }
.paper-body img { max-width: 100%; }
.paper-body .image-omitted { color: #425563; font-style: italic; }
.paper-body a { color: ${NHS_BLUE}; }
`;
