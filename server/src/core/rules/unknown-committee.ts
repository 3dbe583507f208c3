/**
 * unknown-committee: a meeting name — the paper's own `meeting`, or a
 * `committee_history[].meeting` — that is not one of the profile's
 * committees or aliases (compared with `normaliseName`: case, punctuation and
 * `&`/`and` aside, so "System Recovery and Transformation Board" is known).
 *
 * The closest committee is suggested. It is a fix only when certain: exactly
 * one committee is matched by abbreviation (every word written is the start
 * of the committee's word in the same place: "Exec Team" → "Executive
 * Team"; or its initials: "ICB"), or by spelling (a small edit distance on the normalised names:
 * "Quality Committe" → "Quality Committee"), and the two ways do not point
 * at different committees. A looser likeness (one committee uses every
 * distinctive word written: "Finance Committee") is offered as a suggestion.
 * Placeholders (`TBC`) are left alone.
 */
import { distance } from 'fastest-levenshtein';
import { defineRule, fix, replaceScalar } from '../rule';
import { findCommittee, normaliseName, type Committee, type Profile } from '../profile';
import { getNode, scalarText, type YNode } from '../yaml';

const PLACEHOLDER = /^(?:tbc|tba|tbd|n\/?a|to follow|to be confirmed)$/i;

/** Common abbreviations in minutes and cover sheets. */
const ABBREVIATIONS: Record<string, string> = {
  cttee: 'committee',
  ctte: 'committee',
  cmte: 'committee',
  ctee: 'committee',
  mtg: 'meeting',
  grp: 'group',
  bd: 'board',
  f: 'finance',
  p: 'performance',
};

/** Words that say what kind of meeting it is, not which. */
const GENERIC = new Set(['committee', 'board', 'team', 'group', 'meeting', 'and', 'of', 'the', 'for', 'sub', 'subcommittee', 'icb', 'nhs']);

function tokens(s: string): string[] {
  return normaliseName(s).split(' ').filter(Boolean);
}

/** Every word written is the committee's word in the same place, or the start of it (3+ letters), or a known abbreviation. */
function abbreviates(written: string[], full: string[]): boolean {
  if (written.length !== full.length || !written.length) return false;
  let shortened = false;
  for (let i = 0; i < written.length; i++) {
    const w = written[i]!;
    const f = full[i]!;
    if (w === f) continue;
    if ((w.length >= 3 && f.startsWith(w)) || ABBREVIATIONS[w] === f) shortened = true;
    else return false;
  }
  return shortened;
}

/** A single word that is the committee's initials (`ICB`, `FPC` for Finance and Performance Committee). */
function initials(written: string[], full: string[]): boolean {
  if (written.length !== 1 || full.length < 2) return false;
  const w = written[0]!;
  if (w.length < 2) return false;
  const all = full.map((t) => t[0]).join('');
  const content = full
    .filter((t) => !['and', 'of', 'for', 'the'].includes(t))
    .map((t) => t[0])
    .join('');
  return w === all || w === content;
}

function names(c: Committee): string[] {
  return [c.name, ...(Array.isArray(c.aliases) ? c.aliases : [])].filter((n) => typeof n === 'string' && n.trim());
}

interface KnownName {
  /** `normaliseName` of the name. */
  norm: string;
  tokens: string[];
  tokenSet: Set<string>;
}

/** Each committee's names, normalised and split, once per committees list (profiles are not changed once built). */
const compiled = new WeakMap<readonly Committee[], { committee: Committee; names: KnownName[] }[]>();

function committeeNames(committees: readonly Committee[]) {
  let out = compiled.get(committees);
  if (!out) {
    out = committees.map((committee) => ({
      committee,
      names: names(committee).map((n) => {
        const t = tokens(n);
        return { norm: normaliseName(n), tokens: t, tokenSet: new Set(t) };
      }),
    }));
    compiled.set(committees, out);
  }
  return out;
}

export interface CommitteeGuess {
  committee: Committee;
  certain: boolean;
}

/** The profile committee a meeting name most likely means. */
export function closestCommittee(profile: Profile, written: string): CommitteeGuess | undefined {
  const w = normaliseName(written);
  if (!w) return undefined;
  const wt = tokens(written);
  const committees = committeeNames(Array.isArray(profile.committees) ? profile.committees : []);

  const byAbbrev = new Set<Committee>();
  for (const { committee: c, names: ns } of committees) if (ns.some((n) => abbreviates(wt, n.tokens) || initials(wt, n.tokens))) byAbbrev.add(c);

  let best = Infinity;
  let bestSet = new Set<Committee>();
  let second = Infinity;
  for (const { committee: c, names: ns } of committees) {
    const d = Math.min(...ns.map((n) => distance(w, n.norm)));
    if (d < best) {
      second = best;
      best = d;
      bestSet = new Set([c]);
    } else if (d === best) bestSet.add(c);
    else if (d < second) second = d;
  }
  // A spelling slip: at most 2 edits, and at most 1 in 6 characters.
  const spellLimit = Math.min(2, Math.floor(w.length / 6));
  const bySpelling = best <= spellLimit && bestSet.size === 1 ? [...bestSet][0] : undefined;

  if (byAbbrev.size === 1) {
    const c = [...byAbbrev][0]!;
    return { committee: c, certain: !bySpelling || bySpelling === c };
  }
  if (byAbbrev.size > 1) return undefined;
  if (bySpelling && second > best) return { committee: bySpelling, certain: true };
  // Looser, a suggestion only: one committee uses every distinctive word written ("Finance Committee").
  const distinctive = wt.filter((t) => !GENERIC.has(t));
  if (distinctive.length) {
    const users = committees.filter(({ names: ns }) => ns.some((n) => distinctive.every((t) => n.tokenSet.has(t))));
    if (users.length === 1) return { committee: users[0]!.committee, certain: false };
  }
  return undefined;
}

export const rule = defineRule({
  id: 'unknown-committee',
  severity: 'info',
  description: "A meeting name is not one of the profile's committees.",
  fixable: true,
  check({ paper, profile, report }) {
    const nodes: { node: YNode; own: boolean; inFlow: boolean }[] = [];
    const own = getNode(paper.cover, 'meeting');
    if (own) nodes.push({ node: own, own: true, inFlow: false });
    const hist = getNode(paper.cover, 'committee_history');
    if (hist && hist.kind === 'seq') {
      for (const item of hist.items) {
        if (item.kind !== 'map') continue;
        const m = getNode(item, 'meeting');
        if (m) nodes.push({ node: m, own: false, inFlow: hist.flow || item.flow });
      }
    }
    for (const { node, own: isOwn, inFlow } of nodes) {
      if (node.kind !== 'scalar' || node.empty || typeof node.value !== 'string') continue;
      const name = scalarText(node)?.trim();
      if (!name || PLACEHOLDER.test(name) || findCommittee(profile, name)) continue;
      const guess = closestCommittee(profile, name);
      const where = isOwn ? 'The meeting this paper goes to' : 'This committee history meeting';
      const base = `${where}, "${name}", is not one of the committees in the ${profile.organisation} profile. Papers are filed and checked by meeting (agenda packs, duplicate agenda items, formal meetings' health inequalities duty), so an unrecognised name can put the paper in the wrong place.`;
      const canFix = node.style === 'plain' || node.style === 'single' || node.style === 'double';
      const f = guess && canFix ? fix(`Replace with "${guess.committee.name}"`, replaceScalar(paper, node, guess.committee.name, inFlow)) : undefined;
      report({
        message: guess
          ? `${base} Did you mean "${guess.committee.name}"?`
          : `${base} Use the committee's name as the profile gives it, or add the committee (or this name as an alias) to the profile.`,
        range: { start: node.start, end: node.end },
        ...(f ? (guess!.certain ? { fix: f } : { suggestions: [f] }) : {}),
      });
    }
  },
});
