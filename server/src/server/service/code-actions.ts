/**
 * Code actions: the fix of each fixable diagnostic (preferred), its
 * suggestions (not preferred), "fix all of this rule", and
 * `source.fixAll.boardpaper` (every automatic fix, as `--fix` applies them:
 * core/fix-all.ts) for fix-on-save.
 */
import {
  CodeActionKind,
  type CodeAction,
  type CodeActionContext,
  type Diagnostic,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { fixAll } from '../../core/fix-all';
import type { Finding } from '../../core/types';
import { minimalEdit, sameRange, toLspFix, toRange, type LspFix } from './convert';
import { SOURCE, type DiagnosticData } from './diagnostics';
import type { DocumentModel } from './model';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.boardpaper`;

export interface CodeActionOptions {
  /** The client takes `documentChanges` (versioned edits). */
  documentChanges: boolean;
}

/** Is an action of `kind` wanted by a request limited to `only`? */
function wanted(kind: string, only: readonly string[] | undefined): boolean {
  if (!only || only.length === 0) return true;
  return only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

export function codeActions(model: DocumentModel, context: CodeActionContext, opts: CodeActionOptions): CodeAction[] {
  const out: CodeAction[] = [];
  const only = context.only;
  const edit = (edits: LspTextEdit[]): WorkspaceEdit =>
    opts.documentChanges ? { documentChanges: [{ textDocument: { uri: model.uri, version: model.version }, edits }] } : { changes: { [model.uri]: edits } };

  if (wanted(CodeActionKind.QuickFix, only) && model.loaded) {
    const rulesOffered = new Set<string>();
    for (const d of context.diagnostics) {
      if (d.source !== SOURCE || typeof d.code !== 'string') continue;
      const found = fixesFor(model, d);
      if (!found) continue;
      if (found.fix) {
        out.push({ title: found.fix.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: true, edit: edit(found.fix.edits) });
      }
      for (const s of found.suggestions) {
        out.push({ title: s.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: false, edit: edit(s.edits) });
      }
      const rule = d.code;
      if (!rulesOffered.has(rule) && model.analysis.findings.some((f) => f.rule === rule && f.fix)) {
        rulesOffered.add(rule);
        const fixed = fixAll(model.text, model.loaded.profile, { matchesPaperGlob: model.matchesPaperGlob }, rule);
        const e = minimalEdit(model.lines, model.text, fixed.text);
        if (e) {
          const n = model.analysis.findings.filter((f) => f.rule === rule && f.fix).length;
          out.push({
            title: `Fix all ${rule} problems${n > 1 ? ` (${n})` : ''}`,
            kind: CodeActionKind.QuickFix,
            diagnostics: context.diagnostics.filter((x) => x.source === SOURCE && x.code === rule),
            isPreferred: false,
            edit: edit([e]),
          });
        }
      }
    }
  }

  const explicitFixAll = !!only?.length && wanted(FIX_ALL_KIND, only);
  if (model.loaded && (explicitFixAll || (!only?.length && model.analysis.findings.some((f) => f.fix)))) {
    const fixed = fixAll(model.text, model.loaded.profile, { matchesPaperGlob: model.matchesPaperGlob });
    const e = minimalEdit(model.lines, model.text, fixed.text);
    if (e) {
      out.push({
        title: `Fix all automatically fixable boardpaper problems (${fixed.applied.length})`,
        kind: FIX_ALL_KIND,
        diagnostics: [],
        edit: edit([e]),
      });
    }
  }
  return out;
}

/** The fix and suggestions for a diagnostic, from the current analysis or the diagnostic's own data. */
function fixesFor(model: DocumentModel, d: Diagnostic): { fix?: LspFix; suggestions: LspFix[] } | null {
  const match: Finding | undefined = model.analysis.findings.find((f) => f.rule === d.code && sameRange(toRange(model.lines, f.range), d.range));
  if (match) {
    return { fix: match.fix ? toLspFix(model.lines, match.fix) : undefined, suggestions: (match.suggestions ?? []).map((s) => toLspFix(model.lines, s)) };
  }
  const data = d.data as DiagnosticData | undefined;
  if (data && typeof data === 'object' && data.version === model.version && data.rule === d.code) {
    return { fix: data.fix, suggestions: Array.isArray(data.suggestions) ? data.suggestions : [] };
  }
  return null;
}
