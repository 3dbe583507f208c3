/**
 * Checking papers on disk: the CLI's `check`, the pack and the server's
 * workspace index all go through here, so a paper is found, read and
 * analysed the same way everywhere.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, finalise, type Analysis } from '../core/analyze';
import { checkAcrossPapers } from '../core/across';
import type { Finding } from '../core/types';
import { ProfileResolver, matchesPaperGlobs, ProfileError, type LoadedProfile } from './profile-loader';
import { markdownFilesUnder } from './files';
import { rulesFromEnvironment } from './rule-set';

const RULES_FOR_RUN = rulesFromEnvironment();

export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

export interface CheckedPaper {
  /** Path as given or found (relative when the input was). */
  file: string;
  text: string;
  analysis: Analysis;
  loaded: LoadedProfile;
  findings: Finding[];
}

/** Expand paths (files and folders) into Markdown files, in a stable order. */
export function expandPaths(paths: readonly string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const p of paths) {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch (e) {
      throw new InputError(`cannot read ${p}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : (e as Error).message}`);
    }
    const files = st.isDirectory() ? markdownFilesUnder(p).map((f) => (path.isAbsolute(p) ? f : path.relative(process.cwd(), path.resolve(f)) || f)) : [p];
    for (const f of files) {
      const key = path.resolve(f);
      if (seen.has(key)) continue;
      seen.add(key);
      if (st.isDirectory() || /\.(md|markdown)$/i.test(f)) out.push(f);
      else out.push(f); // a named file is checked whatever its extension
    }
  }
  return out;
}

/** Analyse one file; null when it is not a board paper. Throws ProfileError / InputError. */
export function checkFile(file: string, resolver: ProfileResolver, text?: string): CheckedPaper | null {
  const loaded = resolver.forFile(file);
  let content: string;
  try {
    content = text ?? fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const analysis = analyze(content, loaded.profile, { matchesPaperGlob: matchesPaperGlobs(file, loaded), rules: RULES_FOR_RUN });
  if (!analysis.isPaper) return null;
  // A rule that failed would silently drop its findings: refuse (exit 2) and say which (as markdownlint's handleRuleFailures does).
  const failed = analysis.ruleFailures[0];
  if (failed) {
    const more = analysis.ruleFailures.length > 1 ? ` (and ${analysis.ruleFailures.length - 1} more rule${analysis.ruleFailures.length > 2 ? 's' : ''})` : '';
    throw new InputError(
      `rule ${failed.rule} failed on ${file}${more}: ${failed.message.split('\n')[0]} — this is a bug in boardpaper; please report it with the paper`,
    );
  }
  return { file, text: content, analysis, loaded, findings: analysis.findings };
}

/** Add the across-papers findings (duplicate agenda items) to each paper. */
export function addAcrossFindings(papers: CheckedPaper[]): void {
  const across = checkAcrossPapers(papers.map((p) => ({ key: p.file, paper: p.analysis.paper, profile: p.loaded.profile })));
  for (const p of papers) {
    const extra = across.get(p.file);
    if (extra?.length) p.findings = finalise(p.analysis.paper, [...p.findings, ...extra]);
  }
}

export { ProfileError, ProfileResolver };
