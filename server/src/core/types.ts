/**
 * Shared types of the analysis core.
 *
 * Invariants (relied on by every layer above the core):
 * - Offsets are UTF-16 code-unit offsets into the document text exactly as
 *   given to `analyze` (a BOM, if any, included), end-exclusive.
 * - A `Fix` never removes a word of the author's body text; edits in one fix
 *   do not overlap.
 * - Nothing here refers to LSP, the file system or the clock.
 */

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

export interface OffsetRange {
  start: number;
  end: number;
}

export interface TextEdit extends OffsetRange {
  newText: string;
}

export interface Fix {
  /** What the edit does, for a quick-fix menu: "Replace SO7 with SO1". */
  title: string;
  edits: TextEdit[];
}

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  range: OffsetRange;
  /**
   * The fix that resolves the finding with no input from the author
   * (`fixable: true`, applied by `--fix`).
   */
  fix?: Fix;
  /** Helpful edits that still need the author (skeletons, placeholders). */
  suggestions?: Fix[];
  /** True for findings about the paper as a whole (placed on `title:`). */
  paperWide?: boolean;
}
