/**
 * recommendation-purpose: the Recommendations section does not ask the
 * meeting to do what the cover sheet's `purpose` says — none of the
 * profile's verbs for that purpose appears (in any inflection: note, notes,
 * noted, noting), or it asks for another purpose's verb instead
 * (purpose `approve`, "asked to note").
 */
import { defineRule } from '../rule';
import { renderedText } from '../paper';
import { PURPOSES, type Profile, type Purpose } from '../profile';
import { getNode, scalarText } from '../yaml';
import { recommendationsSection, sectionTitle } from '../queries/sections';
import { isPlaceholder } from '../queries/placeholder';

const IRREGULAR: Record<string, string[]> = {
  decide: ['decision', 'decisions'],
  receive: ['receipt'],
  assure: ['assurance', 'assurances'],
  assurance: ['assure', 'assures', 'assured', 'assuring'],
  assured: ['assure', 'assures', 'assuring', 'assurance'],
  approve: ['approval', 'approvals'],
  inform: ['information'],
  information: ['inform', 'informed'],
};

/** The inflections of a verb that count as using it: approve → approves, approved, approving, approval. */
export function verbForms(verb: string): string[] {
  const v = verb.toLowerCase().trim();
  if (!v) return [];
  const forms = new Set<string>([v, `${v}s`, `${v}es`, `${v}d`, `${v}ed`, `${v}ing`, `${v}ment`, `${v}ments`, `${v}ion`, `${v}ation`, `${v}al`]);
  if (v.endsWith('e')) {
    const stem = v.slice(0, -1);
    for (const s of ['ing', 'ed', 'al', 'ation', 'ance']) forms.add(stem + s);
  }
  if (/[^aeiou]y$/.test(v)) {
    const stem = v.slice(0, -1);
    for (const s of ['ies', 'ied', 'ication']) forms.add(stem + s);
  }
  for (const f of IRREGULAR[v] ?? []) forms.add(f);
  return [...forms];
}

function verbsOf(profile: Profile, purpose: Purpose): string[] {
  const list = profile.purposes?.[purpose];
  return Array.isArray(list) ? list.filter((v): v is string => typeof v === 'string' && v.trim() !== '') : [];
}

/** Words of the text, lower case, letters only. */
function wordsOf(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}]+/u).filter(Boolean);
}

/** The first of `verbs` the text uses (a phrase must appear as whole words), or undefined. */
function usedVerb(wordSet: ReadonlySet<string>, joined: string, verbs: readonly string[]): string | undefined {
  for (const verb of verbs) {
    const parts = wordsOf(verb);
    if (parts.length === 0) continue;
    if (parts.length === 1) {
      if (verbForms(parts[0]!).some((f) => wordSet.has(f))) return verb;
    } else {
      const head = parts.slice(0, -1).join(' ');
      if (verbForms(parts.at(-1)!).some((f) => joined.includes(` ${head} ${f} `))) return verb;
    }
  }
  return undefined;
}

function list(verbs: readonly string[]): string {
  const q = verbs.map((v) => `"${v}"`);
  return q.length <= 1 ? q.join('') : `${q.slice(0, -1).join(', ')} or ${q.at(-1)}`;
}

export const rule = defineRule({
  id: 'recommendation-purpose',
  severity: 'warning',
  description: 'The Recommendations section does not ask the meeting to do what the purpose on the cover sheet says.',
  fixable: false,
  check({ paper, profile, report }) {
    const raw = scalarText(getNode(paper.cover, 'purpose'))?.trim().toLowerCase();
    if (!raw || !(PURPOSES as readonly string[]).includes(raw)) return;
    const purpose = raw as Purpose;
    const own = verbsOf(profile, purpose);
    if (own.length === 0) return;
    const section = recommendationsSection(paper, profile);
    if (!section || isPlaceholder(section)) return;

    const words = wordsOf(renderedText(section.nodes));
    const wordSet = new Set(words);
    const joined = ` ${words.join(' ')} `;
    if (usedVerb(wordSet, joined, own)) return;

    const ownSet = new Set(own.map((v) => v.toLowerCase()));
    let other: { verb: string; purpose: Purpose } | undefined;
    for (const p of PURPOSES) {
      if (p === purpose) continue;
      const verbs = verbsOf(profile, p).filter((v) => !ownSet.has(v.toLowerCase()));
      const v = usedVerb(wordSet, joined, verbs);
      if (v) {
        other = { verb: v, purpose: p };
        break;
      }
    }
    const title = sectionTitle(section);
    const ask = (v: string) => (v.toLowerCase() === 'information' ? 'receive it for information' : v);
    const message = other
      ? `The "${title}" section asks the meeting to ${ask(other.verb)} (a "${other.purpose}" item), but the cover sheet says purpose: ${purpose}. ` +
        `Members need to know whether they are being asked to ${purpose === 'information' ? 'receive it for information' : purpose} or to ${ask(other.verb)}, and the minutes must record the right outcome. ` +
        `Make them agree: ask the meeting to ${list(own)}, or change the purpose.`
      : `The "${title}" section does not say what the meeting is asked to do: the purpose is ${purpose}, but none of ${list(own)} appears. ` +
        `Without a clear ask the meeting cannot reach, and the minutes cannot record, the outcome the paper needs. ` +
        `Say, for example, "The Board is asked to ${own[0]} …".`;
    report({ message, range: section.headingRange });
  },
});
