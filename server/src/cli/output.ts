/** The CLI's three output formats. */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { RULES } from '../core/rules';
import type { CheckedPaper } from '../node/check-files';
import type { Finding } from '../core/types';

export interface JsonDiagnostic {
  rule: string;
  severity: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fixable: boolean;
}

export interface JsonFile {
  file: string;
  diagnostics: JsonDiagnostic[];
}

export function toJson(papers: CheckedPaper[], filter: (f: Finding) => boolean): JsonFile[] {
  return papers.map((p) => ({
    file: p.file.split('\\').join('/'),
    diagnostics: p.findings.filter(filter).map((f) => ({
      rule: f.rule,
      severity: f.severity,
      message: f.message,
      ...p.analysis.paper.lines.range1(f.range),
      fixable: !!f.fix,
    })),
  }));
}

const useColour = () => !!process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: string, s: string) => (useColour() ? `\u001b[${code}m${s}\u001b[0m` : s);

export function stylish(files: JsonFile[]): string {
  const out: string[] = [];
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  let fixable = 0;
  for (const f of files) {
    if (!f.diagnostics.length) continue;
    out.push(paint('4', f.file));
    const w = Math.max(...f.diagnostics.map((d) => `${d.line}:${d.column}`.length));
    for (const d of f.diagnostics) {
      if (d.severity === 'error') errors++;
      else if (d.severity === 'warning') warnings++;
      else infos++;
      if (d.fixable) fixable++;
      const sev = d.severity === 'error' ? paint('31', 'error  ') : d.severity === 'warning' ? paint('33', 'warning') : paint('36', 'info   ');
      out.push(`  ${`${d.line}:${d.column}`.padEnd(w)}  ${sev}  ${d.message}  ${paint('2', d.rule)}`);
    }
    out.push('');
  }
  const clean = files.filter((f) => !f.diagnostics.some((d) => d.severity !== 'info')).length;
  const total = errors + warnings + infos;
  out.push(
    total === 0
      ? paint('32', `✔ ${files.length} board paper${files.length === 1 ? '' : 's'} checked, no problems`)
      : `${errors ? paint('31', '✖') : '!'} ${total} finding${total === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${infos} info) in ${files.length} board paper${files.length === 1 ? '' : 's'}; ${clean} clean`,
  );
  if (fixable) out.push(`  ${fixable} can be fixed automatically with --fix`);
  return out.join('\n') + '\n';
}

const SARIF_LEVEL: Record<string, string> = { error: 'error', warning: 'warning', info: 'note' };

/**
 * A SARIF `artifactLocation.uri` for a file as the CLI names it: a relative
 * path stays relative (code scanning resolves it against the repository's
 * root), each segment percent-encoded so that a name holding `#`, `?`, `%` or
 * a space is still one file; an absolute path becomes a `file:` URI.
 */
export function sarifUri(file: string): string {
  const slashed = file.split('\\').join('/');
  if (path.isAbsolute(file) || path.posix.isAbsolute(slashed)) return pathToFileURL(file).href;
  return slashed.split('/').map(encodeURIComponent).join('/');
}

export function sarif(files: JsonFile[], version: string): string {
  const rules = RULES.map((r) => ({
    id: r.id,
    name: r.id.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
    shortDescription: { text: r.description },
    helpUri: r.docs,
    defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
  }));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results = files.flatMap((f) =>
    f.diagnostics.map((d) => ({
      ruleId: d.rule,
      ruleIndex: index.get(d.rule),
      level: SARIF_LEVEL[d.severity],
      message: { text: d.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: sarifUri(f.file) },
            region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
          },
        },
      ],
    })),
  );
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'boardpaper', version, informationUri: 'https://github.com/boardpaper/boardpaper', rules } },
        artifacts: files.map((f) => ({ location: { uri: sarifUri(f.file) } })),
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
