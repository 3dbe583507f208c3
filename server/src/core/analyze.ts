/**
 * The engine: text + profile in, paper model + findings out. No I/O.
 *
 * Invariants:
 * - `analyze` never throws: a rule that fails on a strange paper is skipped
 *   for that paper and the failure is returned in `ruleFailures` (never lost:
 *   the CLI reports it and exits 2, the server logs it with the rule id and
 *   the document). Tests run with `strict`, which re-throws instead.
 * - Under `strict`, a rule not declared `fixable` that returns a `fix` fails:
 *   `fixable` is the catalogue's promise that `--fix` may apply its fixes.
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
  /** The rules to run (default: the whole catalogue, `RULES`). */
  rules?: readonly Rule[];
}

/** A rule that threw on this paper: its findings for the paper are missing. */
export interface RuleFailure {
  rule: string;
  message: string;
}

export interface Analysis {
  paper: Paper;
  isPaper: boolean;
  findings: Finding[];
  /** Rules that failed on this paper (empty when every rule ran). */
  ruleFailures: RuleFailure[];
}

export function analyze(text: string, profile: Profile, options: AnalyzeOptions = {}): Analysis {
  const paper = options.paper ?? parsePaper(text);
  const isPaper = looksLikePaper(paper) || !!options.matchesPaperGlob;
  if (!isPaper) return { paper, isPaper, findings: [], ruleFailures: [] };
  const findings: Finding[] = [];
  const ruleFailures: RuleFailure[] = [];
  const ctxBase = { paper, profile, meetingDate: meetingDateOf(paper) };
  for (const rule of options.rules ?? RULES) {
    const configured = profile.rules[rule.id];
    const severity = configured ?? rule.severity;
    if (severity === 'off') continue;
    const ctx: RuleContext = {
      ...ctxBase,
      // A severity set in the profile wins over one a rule gives a finding.
      report: (r) => {
        if (options.strict && r.fix && !rule.fixable) throw new Error(`rule ${rule.id} is not declared fixable but returned a fix ("${r.fix.title}")`);
        findings.push({
          rule: rule.id,
          ...r,
          severity: configured === undefined ? (r.severity ?? severity) : severity,
          range: clampRange(r.range, text.length),
        });
      },
    };
    const failure = runRule(rule, ctx, options.strict);
    if (failure) ruleFailures.push(failure);
  }
  return { paper, isPaper, findings: finalise(paper, findings), ruleFailures };
}

function runRule(rule: Rule, ctx: RuleContext, strict?: boolean): RuleFailure | undefined {
  try {
    rule.check(ctx);
    return undefined;
  } catch (e) {
    if (strict) throw new Error(`rule ${rule.id} failed: ${(e as Error).stack ?? e}`);
    return { rule: rule.id, message: e instanceof Error ? e.message : String(e) };
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
