/**
 * The five agenda rules over one agenda file: agenda-syntax,
 * agenda-paper-missing, paper-not-on-agenda, agenda-paper-mismatch,
 * meeting-name-near-miss (MEETING.md). Findings are on the agenda file's
 * offsets. Severities follow the profile (`rules:`), `off` included.
 * Never throws: a rule that fails is skipped (tests pass `strict`).
 */
import type { Profile } from '../profile';
import type { Finding } from '../types';
import * as agendaPaperMismatch from '../rules/agenda-paper-mismatch';
import * as agendaPaperMissing from '../rules/agenda-paper-missing';
import * as agendaSyntax from '../rules/agenda-syntax';
import * as meetingNameNearMiss from '../rules/meeting-name-near-miss';
import * as paperNotOnAgenda from '../rules/paper-not-on-agenda';
import type { AgendaPaper, Readiness } from './model';
import type { ParsedAgenda } from './parse';
import { agendaReadiness } from './readiness';
import type { AgendaRuleContext, AgendaRuleModule } from './rule-context';

/** In catalogue order. */
export const AGENDA_RULES: readonly AgendaRuleModule[] = [agendaPaperMissing, paperNotOnAgenda, agendaPaperMismatch, agendaSyntax, meetingNameNearMiss];

export interface CheckAgendaOptions {
  profile: Profile;
  /** YYYY-MM-DD: decides missing or overdue. */
  today: string;
  /** Files in the meeting's folder, relative and `/`-separated (for `file:`); undefined: not known. */
  files?: ReadonlySet<string>;
  strict?: boolean;
}

export interface AgendaCheck {
  findings: Finding[];
  readiness: Readiness;
}

/** Check an agenda file against the papers found in its folder. */
export function checkAgenda(parsed: ParsedAgenda, papers: readonly AgendaPaper[], options: CheckAgendaOptions): AgendaCheck {
  const { profile } = options;
  const readiness = agendaReadiness(parsed.agenda, papers, { profile, today: options.today });
  const findings: Finding[] = [];
  const len = parsed.text.length;
  // With a file that does not parse, only agenda-syntax speaks.
  const broken = !parsed.root || parsed.root.kind !== 'map';
  for (const mod of AGENDA_RULES) {
    const id = mod.rule.id;
    if (broken && id !== 'agenda-syntax') continue;
    const configured = profile.rules[id];
    if (configured === 'off') continue;
    const ctx: AgendaRuleContext = {
      parsed,
      readiness,
      papers,
      profile,
      files: options.files,
      report: (r) => {
        const start = Math.max(0, Math.min(r.range.start, len));
        findings.push({
          rule: id,
          severity: configured ?? r.severity ?? mod.rule.severity,
          message: r.message,
          range: { start, end: Math.max(start, Math.min(r.range.end, len)) },
        });
      },
    };
    try {
      mod.checkAgenda(ctx);
    } catch (e) {
      if (options.strict) throw new Error(`agenda rule ${id} failed: ${(e as Error).stack ?? e}`);
    }
  }
  findings.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end || a.rule.localeCompare(b.rule));
  return { findings, readiness };
}
