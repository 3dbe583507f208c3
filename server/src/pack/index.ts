/**
 * The agenda pack (docs/agenda-pack.md): every paper for a meeting and date,
 * in agenda order, as one HTML or PDF file, public and/or private.
 */
export { buildPack, defaultOut, outputFiles, meetingSlug, MissingPapers, StrictRefusal } from './build';
export type { BuildPackOptions, BuildPackResult, BuiltFile, PaperSummary, PackFormat, PackPart } from './build';
export { collectPapers } from './collect';
export type { Collected, PackPaper, PackWarning } from './collect';
export { compareAgendaItems } from './order';
export { packView, withheldText } from './view';
export type { PackView, Part } from './view';
export { renderPackHtml } from './html';
export { renderPackPdf } from './pdf';
