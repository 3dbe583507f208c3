/**
 * The agenda checks of `boardpaper check` (INTERFACES.md v2): every
 * `agenda.yaml` in a folder given (or named itself) is checked against the
 * papers under its folder; the findings' `file` is the agenda file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fg from 'fast-glob';
import { AGENDA_FILE } from '../core/agenda';
import type { Finding } from '../core/types';
import type { CheckedPaper } from '../node/check-files';
import { loadMeeting } from '../node/meeting';
import type { ProfileResolver } from '../node/profile-loader';
import type { JsonFile } from './output';

export interface CheckedAgenda {
  file: string;
  json: JsonFile;
  findings: Finding[];
}

/** The agenda files under the paths given (folders searched; a file named agenda.yaml taken as it is). */
export function agendaFilesIn(paths: readonly string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const p of paths) {
    let found: string[] = [];
    try {
      const st = fs.statSync(p);
      if (st.isDirectory()) {
        found = fg
          .sync(`**/${AGENDA_FILE}`, { cwd: p, ignore: ['**/node_modules/**'], dot: false, followSymbolicLinks: false, onlyFiles: true })
          .sort((a, b) => a.localeCompare(b))
          .map((rel) => path.join(p, rel));
      } else if (path.basename(p) === AGENDA_FILE) found = [p];
    } catch {
      continue; // expandPaths has already said why
    }
    for (const f of found) {
      const k = path.resolve(f);
      if (!seen.has(k)) {
        seen.add(k);
        out.push(f);
      }
    }
  }
  return out;
}

/** Check each agenda file; papers already checked are reused. */
export function checkAgendas(
  agendaFiles: readonly string[],
  papers: readonly CheckedPaper[],
  resolver: ProfileResolver,
  today: string,
  filter: (f: Finding) => boolean,
): CheckedAgenda[] {
  const checked = new Map(papers.map((p) => [path.resolve(p.file), p]));
  return agendaFiles.map((file) => {
    const m = loadMeeting(path.dirname(file), { today, resolver, checked });
    const lines = m.parsed!.lines;
    const findings = m.findings.filter(filter);
    return {
      file,
      findings,
      json: {
        file: file.split('\\').join('/'),
        diagnostics: findings.map((f) => ({ rule: f.rule, severity: f.severity, message: f.message, ...lines.range1(f.range), fixable: false })),
      },
    };
  });
}
