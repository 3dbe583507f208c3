/** Folding ranges: the cover sheet, its multi-line fields, and each section. */
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver';
import type { DocumentModel } from './model';

export function foldingRanges(model: DocumentModel): FoldingRange[] {
  const out: FoldingRange[] = [];
  const lines = model.lines;
  const add = (startLine: number, endLine: number, kind?: FoldingRangeKind) => {
    if (endLine > startLine) out.push({ startLine, endLine, ...(kind ? { kind } : {}) });
  };
  const fm = model.paper.frontmatter;
  if (fm) {
    add(lines.lineOf(fm.block.start), lines.lineOf(Math.max(fm.block.start, fm.block.end - 1)), FoldingRangeKind.Region);
    for (const p of model.paper.cover?.pairs ?? []) {
      add(lines.lineOf(p.key.start), lines.lineOf(Math.max(p.key.start, p.value.end - 1)));
    }
  }
  for (const s of model.paper.sections) {
    // Up to the last line with text, so blank lines before the next heading stay visible.
    let end = s.contentRange.end;
    while (end > s.contentRange.start && /\s/.test(model.text[end - 1]!)) end--;
    add(lines.lineOf(s.headingRange.start), lines.lineOf(Math.max(s.headingRange.start, end)), FoldingRangeKind.Region);
  }
  return out;
}
