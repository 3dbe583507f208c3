/**
 * Rendering shared by the agenda pack and the editor preview: the cover sheet
 * as plain data and as HTML, and the body as sanitised HTML. Pure (no I/O).
 */
export { coverSheetModel, canonicalMeeting, displayText, longDate, PURPOSE_LABELS } from './cover';
export type { CoverSheetModel, AssessmentRow, ObjectiveRow, HistoryRow, RiskItem, Status } from './cover';
export { coverSheetHtml, confidentialLabel, PAPER_CSS, NHS_BLUE } from './html';
export { bodyHtml, bodyTree, escapeHtml } from './markdown';
export type { BodyHtmlOptions, ImageResolution } from './markdown';
