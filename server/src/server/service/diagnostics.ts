/**
 * Diagnostics: the findings of a paper exactly as the CLI reports them, as
 * LSP diagnostics (code = rule ID, source = boardpaper, docs link, severity,
 * and the fixes in `data` for code actions); profile problems on the
 * profile file.
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { ruleById } from '../../core/rules';
import { docsUrl } from '../../core/rule';
import { LineIndex } from '../../core/text';
import type { Finding } from '../../core/types';
import type { ProfileProblemAt } from '../../node/profile-loader';
import { toLspFix, toRange, toSeverity, type LspFix } from './convert';
import type { DocumentModel } from './model';
import { isWhitespace, trimEndWhere } from '../../core/text';

export const SOURCE = 'boardpaper';

/** What a boardpaper diagnostic carries in `data`. */
export interface DiagnosticData {
  /** Document version the ranges (and the fixes' ranges) belong to. */
  version: number;
  rule: string;
  fix?: LspFix;
  suggestions?: LspFix[];
  paperWide?: boolean;
}

export function toDiagnostic(model: DocumentModel, f: Finding): Diagnostic {
  const data: DiagnosticData = { version: model.version, rule: f.rule };
  if (f.fix) data.fix = toLspFix(model.lines, f.fix);
  if (f.suggestions?.length) data.suggestions = f.suggestions.map((s) => toLspFix(model.lines, s));
  if (f.paperWide) data.paperWide = true;
  return {
    range: toRange(model.lines, f.range),
    severity: toSeverity(f.severity),
    code: f.rule,
    codeDescription: { href: ruleById(f.rule)?.docs ?? docsUrl(f.rule) },
    source: SOURCE,
    message: f.message,
    data,
  };
}

export function toDiagnostics(model: DocumentModel, findings: readonly Finding[]): Diagnostic[] {
  return findings.map((f) => toDiagnostic(model, f));
}

/** Problems of a profile file, each on the line of the offending key. */
export function profileDiagnostics(problems: readonly ProfileProblemAt[], text: string | null): Diagnostic[] {
  const lines = text === null ? null : new LineIndex(text);
  return problems.map((p) => {
    let range = { start: { line: p.line, character: 0 }, end: { line: p.line, character: 0 } };
    if (lines && p.line < lines.lineCount) {
      const start = lines.lineStarts[p.line]!;
      const end = lines.lineEnd(p.line);
      const lineText = text!.slice(start, end);
      const indent = lineText.length - lineText.trimStart().length;
      range = toRange(lines, { start: start + indent, end: Math.max(start + indent, end) });
    }
    return {
      range,
      severity: DiagnosticSeverity.Error,
      code: 'profile',
      source: SOURCE,
      message: `${describe(p)}. Papers under this profile are not checked until it is corrected.`,
    };
  });
}

function describe(p: ProfileProblemAt): string {
  const m = trimEndWhere(p.message, (ch) => ch === '.' || isWhitespace(ch));
  if (p.key === '(file)' || p.key === '(YAML)') return `This profile ${m}`;
  if (p.key.startsWith('(')) return m.charAt(0).toUpperCase() + m.slice(1);
  return `${p.key}: ${m}`;
}
