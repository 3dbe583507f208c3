/**
 * The server's settings (section `boardPaper`), as VS Code, Neovim, Helix or
 * Emacs send them: through workspace/configuration, didChangeConfiguration or
 * initializationOptions. Whatever arrives is checked; anything unusable is
 * ignored rather than trusted.
 */
import { RULE_IDS } from '../core/rules';
import type { SeveritySetting } from '../core/types';

export type TraceLevel = 'off' | 'messages' | 'verbose';

export interface Settings {
  /** A profile file used for every paper (relative to the workspace folder). */
  profile: string | null;
  /** Severity overrides applied over the profile's. */
  rules: Record<string, SeveritySetting>;
  trace: { server: TraceLevel };
  /** Milliseconds to wait after a change before checking the paper again. */
  diagnosticsDelay: number;
}

export const SECTION = 'boardPaper';

export const DEFAULT_SETTINGS: Settings = Object.freeze({
  profile: null,
  rules: {},
  trace: { server: 'off' },
  diagnosticsDelay: 150,
}) as Settings;

const SEVERITIES = new Set(['error', 'warning', 'info', 'off']);

export interface SettingsProblem {
  key: string;
  message: string;
}

/**
 * Read a settings object. Accepts `{boardPaper: {...}}`, the section itself,
 * and the flattened dotted keys some clients send (`"boardPaper.profile"`).
 */
export function readSettings(raw: unknown, base: Settings = DEFAULT_SETTINGS, problems: SettingsProblem[] = []): Settings {
  const s: Settings = { ...base, rules: { ...base.rules }, trace: { ...base.trace } };
  const o = sectionOf(raw);
  if (!o) return s;
  if ('profile' in o) {
    const p = o.profile;
    if (p === null || p === undefined || (typeof p === 'string' && p.trim() === '')) s.profile = null;
    else if (typeof p === 'string') s.profile = p.trim();
    else problems.push({ key: 'boardPaper.profile', message: 'must be a path to a profile file' });
  }
  if ('rules' in o && o.rules !== null && o.rules !== undefined) {
    if (typeof o.rules !== 'object' || Array.isArray(o.rules))
      problems.push({ key: 'boardPaper.rules', message: 'must map rule ids to error, warning, info or off' });
    else {
      s.rules = {};
      for (const [id, sev] of Object.entries(o.rules as Record<string, unknown>)) {
        if (!RULE_IDS.includes(id)) problems.push({ key: `boardPaper.rules.${id}`, message: 'is not a boardpaper rule id' });
        else if (typeof sev !== 'string' || !SEVERITIES.has(sev))
          problems.push({ key: `boardPaper.rules.${id}`, message: 'must be error, warning, info or off' });
        else s.rules[id] = sev as SeveritySetting;
      }
    }
  }
  const trace = (o.trace as Record<string, unknown> | undefined)?.server ?? o['trace.server'];
  if (trace === 'off' || trace === 'messages' || trace === 'verbose') s.trace = { server: trace };
  const delay = o.diagnosticsDelay;
  if (typeof delay === 'number' && Number.isFinite(delay) && delay >= 0) s.diagnosticsDelay = Math.min(delay, 10_000);
  return s;
}

function sectionOf(raw: unknown): Record<string, unknown> | null {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const r = raw as Record<string, unknown>;
  const nested = r[SECTION];
  if (nested && typeof nested === 'object' && !Array.isArray(nested)) return nested as Record<string, unknown>;
  // Flattened keys: {"boardPaper.profile": …, "boardPaper.trace.server": …}
  const flat: Record<string, unknown> = {};
  let found = false;
  for (const [k, v] of Object.entries(r)) {
    if (k.startsWith(`${SECTION}.`)) {
      flat[k.slice(SECTION.length + 1)] = v;
      found = true;
    }
  }
  if (found) return flat;
  return r;
}
