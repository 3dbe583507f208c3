/**
 * Requests the VS Code extension sends to the language server beyond LSP.
 * Shared by client and server so the names and shapes cannot drift. Other
 * editors never need them: every lint feature is plain LSP.
 */

export const PreviewRequest = 'boardPaper/preview';
export interface PreviewParams {
  uri: string;
}
export interface PreviewResult {
  /** Sanitised HTML: cover sheet, then the body, with findings marked. */
  html: string;
  title: string;
  isPaper: boolean;
}

export const TemplateInfoRequest = 'boardPaper/templateInfo';
export interface TemplateInfoParams {
  /** Folder the new paper will go in. */
  folderUri: string;
}
export interface TemplateInfo {
  committees: string[];
  purposes: string[];
  objectives: { code: string; text: string }[];
  templates: string[];
  /** Meeting dates seen in the workspace, newest first. */
  meetingDates: { meeting: string; date: string }[];
}

export const NewPaperRequest = 'boardPaper/newPaper';
export interface NewPaperParams {
  folderUri: string;
  title: string;
  meeting: string;
  date: string;
  purpose: string;
  objectives: string[];
  template?: string;
}
export interface NewPaperResult {
  /** The paper's text; the client writes it (never over an existing file). */
  text: string;
  fileName: string;
}

export const MeetingsRequest = 'boardPaper/meetings';
export interface MeetingSummary {
  meeting: string;
  date: string;
  papers: number;
  confidential: number;
  folderUri: string;
}

export const BuildPackRequest = 'boardPaper/buildPack';
export interface BuildPackParams {
  folderUri: string;
  meeting: string;
  date: string;
  part: 'public' | 'private' | 'both';
  format: 'html' | 'pdf';
  /** Where to write (a file URI); `both` adds -public/-private. */
  outUri: string;
  strict?: boolean;
  /** A draft pack (findings page, DRAFT on every page); default false: a final pack. */
  draft?: boolean;
  /** A final pack although agenda items have no paper yet ("Paper to follow"). */
  allowMissing?: boolean;
}
export interface BuildPackResult {
  files: string[];
  /** Papers with errors or warnings, for the summary message. */
  problems: { file: string; errors: number; warnings: number }[];
  warnings: string[];
}

/** Word import (INTERFACES.md v2, `boardPaper.importWord`): the server reads the .docx and writes the paper beside it. */
export const ImportWordRequest = 'boardPaper/importWord';
export interface ImportWordParams {
  /** The .docx (a file URI). */
  docxUri: string;
  /** Where to write the paper (a file URI; never overwritten). */
  outUri: string;
}
export interface ImportWordResult {
  paperUri: string;
  images: string[];
  notes: string[];
}

/** Word export (`boardPaper.exportWord`): the paper's text as the editor holds it. */
export const ExportWordRequest = 'boardPaper/exportWord';
export interface ExportWordParams {
  /** The paper (a file URI: its folder holds its images, its profile applies). */
  uri: string;
  text: string;
  /** Where to write the .docx (a file URI). */
  outUri: string;
  /** Replace an existing file (the user said so). */
  replace?: boolean;
}
export interface ExportWordResult {
  docxUri: string;
  missingImages: string[];
}
