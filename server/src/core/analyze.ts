/**
 * The engine: text + profile in, paper model + findings out. No I/O.
 *
 * Invariants:
 * - `analyze` never throws: a rule that fails on a strange paper is skipped
 *   for that paper (tests run with `strict` so such a failure is seen).
 * - Findings are sorted by position; every range lies inside the text.
 * - A paper that is not a board paper (FORMAT.md) gets no findings.
 */
import { parsePaper, looksLikePaper, type Paper } from './paper';
import type { Profile } from './profile';
import { meetingDateOf } from './queries/dates';
import { suppressor } from './directives';
import { RULES } from './rules';
import type { Rule, RuleContext } from './rule';
import type { Finding } from './types';

export { meetingDateOf };

export interface AnalyzeOptions {
  /** The file matches the profile's `papers` globs (decided by the caller). */
  matchesPaperGlob?: boolean;
  /** Re-throw rule failures (tests). */
  strict?: boolean;
  /** Use this model instead of parsing `text` again (incremental callers). */
  paper?: Paper;
}

export interface Analysis {
  paper: Paper;
  isPaper: boolean;
  findings: Finding[];
}

export function analyze(text: string, profile: Profile, options: AnalyzeOptions = {}): Analysis {
  const paper = options.paper ?? parsePaper(text);
  const isPaper = looksLikePaper(paper) || !!options.matchesPaperGlob;
  if (!isPaper) return { paper, isPaper, findings: [] };
  const findings: Finding[] = [];
  const ctxBase = { paper, profile, meetingDate: meetingDateOf(paper) };
  for (const rule of RULES) {
    const configured = profile.rules[rule.id];
    const severity = configured ?? rule.severity;
    if (severity === 'off') continue;
    const ctx: RuleContext = {
      ...ctxBase,
      // A severity set in the profile wins over one a rule gives a finding.
      report: (r) => findings.push({ rule: rule.id, ...r, severity: configured === undefined ? (r.severity ?? severity) : severity, range: clampRange(r.range, text.length) }),
    };
    runRule(rule, ctx, options.strict);
  }
  return { paper, isPaper, findings: finalise(paper, findings) };
}

function runRule(rule: Rule, ctx: RuleContext, strict?: boolean) {
  try {
    rule.check(ctx);
  } catch (e) {
    if (strict) throw new Error(`rule ${rule.id} failed: ${(e as Error).stack ?? e}`);
  }
}


function clampRange(r: { start: number; end: number }, len: number) {
  const start = Math.max(0, Math.min(r.start, len));
  return { start, end: Math.max(start, Math.min(r.end, len)) };
}

/** Drop suppressed findings and sort. Shared with the across-papers rules. */
export function finalise(paper: Paper, findings: Finding[]): Finding[] {
  const sup = suppressor(paper.directives);
  return findings
    .filter((f) => !sup.isSuppressed(f.rule, paper.lines.lineOf(f.range.start), !!f.paperWide))
    .sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end || a.rule.localeCompare(b.rule));
}
