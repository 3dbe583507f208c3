/**
 * recommendation-purpose: the Recommendations section does not ask the
 * meeting to do what the cover sheet's `purpose` says.
 *
 * Only the *ask* is read (`queries/ask.ts`): the sentences and list items
 * that ask the meeting to act, and their verbs, compared with the profile's
 * verbs for the purpose in any inflection (note, notes, noted, noting). The
 * finding says what was asked and what the purpose is ("asks the meeting to
 * note, but the cover sheet's purpose is assure"). A section with no ask at
 * all is reported only when none of the purpose's words appears in it, nor
 * the phrase a template prints for it: a noting paper "provided for
 * information", or a paper for information that gives "an update", says
 * what the meeting is to do (`SAID_OF`). A mismatch between purposes on
 * which the meeting resolves nothing (discuss, note, information) is info
 * (`NO_RESOLUTION`).
 *
 * An ask that agrees with the purpose answers for the others, with one
 * exception: a paper whose purpose resolves nothing that also asks for an
 * approval ("receive … for information; and ratify the use of the seal") is
 * reported, naming the approval, unless the approval is conditional
 * ("approve actions where indicated").
 */
import { defineRule } from '../rule';
import { renderedText } from '../paper';
import { PURPOSES, type Profile, type Purpose } from '../profile';
import { placeNameAtStart, recommendationsAsk } from '../queries/recommendations';
import { isPlaceholder, purposeAsk } from '../queries/placeholder';
import { asksOf, type Ask } from '../queries/ask';
import { paperPurposes, purposesText } from '../queries/purposes';

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
  return text
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .filter(Boolean);
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

/**
 * Phrases that, in a section with no ask, say what the meeting is to do for
 * a purpose whose own verbs they do not use. Boards use "for information"
 * and "for noting" of the same ask (no decision: receive the report), and a
 * template whose purpose tick reads "Information / noting" gets
 * recommendations such as "The report is provided for information" (East of
 * England Ambulance Service, November 2025). The whole phrase is needed: the
 * word "information" alone ("includes information on …") says nothing of
 * the ask. A paper for information asks the meeting only to receive it, so
 * one that says it gives "an update" ("The purpose of this paper is to
 * provide an update on …", NHS England, February 2025) says what the meeting
 * is to do; a paper for noting still needs "note" or "for information".
 */
const SAID_OF: Partial<Record<Purpose, readonly string[]>> = {
  note: ['for information'],
  information: ['an update', 'to update'],
};

/** How to ask the meeting for each purpose, in a sentence ("The Board is asked to …"). */
const ASK_FOR: Record<Purpose, string> = {
  approve: 'approve',
  decide: 'decide',
  discuss: 'discuss',
  assure: 'take assurance from',
  note: 'note',
  information: 'receive it for information',
};

/**
 * Purposes on which the meeting resolves nothing: it discusses or notes the
 * paper and the minutes say so. When the cover sheet gives only these and the
 * ask is only these too ("For discussion", "asked to note"), they disagree on
 * how the item is taken, not on whether a decision is made, so the finding is
 * info: NHS England's Board papers of 2023-2025 print "For discussion" over
 * "The Board is asked to note …" as house style. Where the cover says
 * approve, decide or assure, or the ask does (or uses a verb of no purpose
 * other than those that only acknowledge, `ACKNOWLEDGE`), the meeting's
 * outcome is at stake and the finding stays a warning.
 */
const NO_RESOLUTION: readonly Purpose[] = ['discuss', 'note', 'information'];

/**
 * Verbs of no purpose that resolve nothing either: the meeting acknowledges
 * something ("The recommendation is for Trust Board to recognise the
 * compliments to complaint ratio", EEAST's patient story, November 2025).
 * An ask made only of these, or of the no-resolution purposes' verbs, on a
 * paper for discussion, noting or information is info; on a paper for a
 * decision it stays a warning.
 */
const ACKNOWLEDGE: readonly string[] = ['acknowledge', 'recognise', 'recognize', 'welcome', 'celebrate', 'thank', 'commend'];

/** Qualifiers that make an approval conditional: "approve actions where indicated" may ask for none. */
const CONDITIONAL = [
  ' where indicated ',
  ' where required ',
  ' where appropriate ',
  ' where necessary ',
  ' as appropriate ',
  ' as required ',
  ' if required ',
  ' if necessary ',
  ' if appropriate ',
];

/** The ask's words with a space at each end, so that a phrase is found only as whole words. */
const spaced = (a: Ask): string => ` ${a.phrase.join(' ')} `;

function isConditional(a: Ask): boolean {
  const phrase = spaced(a);
  return CONDITIONAL.some((q) => phrase.includes(q));
}

/** "a, b and c". */
function andList(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

export const rule = defineRule({
  id: 'recommendation-purpose',
  severity: 'warning',
  description: 'The Recommendations section does not ask the meeting to do what the purpose on the cover sheet says.',
  fixable: false,
  check({ paper, profile, report }) {
    // One purpose, or several where the template lets a paper tick more than one: the ask may do any of them.
    const purposes = paperPurposes(paper, profile);
    if (!purposes) return;
    const own = [...new Set(purposes.flatMap((p) => verbsOf(profile, p)))];
    if (own.length === 0) return;
    const purpose = purposesText(purposes);
    // Where the template puts the ask: the section, a labelled paragraph or a cover-sheet field.
    const section = recommendationsAsk(paper, profile);
    if (!section || isPlaceholder(section, { ask: true })) return;
    const place = placeNameAtStart(section);
    const example = `"The Board is asked to ${ASK_FOR[purposes[0]!]} …"`;

    const allVerbs = PURPOSES.flatMap((p) => verbsOf(profile, p));
    const asks = asksOf(section, allVerbs);
    if (asks.length === 0) {
      // No sentence asks the meeting to act: say so only when the purpose's words are nowhere in the section.
      const words = wordsOf(renderedText(section.nodes));
      const said = [...own, ...purposes.flatMap((p) => SAID_OF[p] ?? [])];
      if (usedVerb(new Set(words), ` ${words.join(' ')} `, said)) return;
      // The ask written as the purpose it serves: "For awareness" on a paper for noting agrees; "For approval" does not.
      const named = purposeAsk(section);
      if (named) {
        if (named.purposes.some((p) => purposes.includes(p))) return;
        const noDecision = [...purposes, ...named.purposes].every((p) => NO_RESOLUTION.includes(p));
        report({
          ...(noDecision ? { severity: 'info' as const } : {}),
          message:
            `${place} says "${named.text}", but the cover sheet's purpose is ${purpose}. ` +
            'Members need to know which of the two they are being asked to do, and the minutes must record the right outcome. ' +
            `Make them agree: ask the meeting to do what the purpose says (for example ${example}), or change the purpose.`,
          range: section.headingRange,
        });
        return;
      }
      report({
        message:
          `${place} does not say what the meeting is asked to do: the cover sheet's purpose is ${purpose}, but no sentence asks the meeting to act. ` +
          'Without a clear ask the meeting cannot reach, and the minutes cannot record, the outcome the paper needs. ' +
          `Say, for example, ${example}.`,
        range: section.headingRange,
      });
      return;
    }

    const matches = (a: Ask, verbs: readonly string[]) => usedVerb(new Set(a.terms), spaced(a), verbs) !== undefined;
    let mismatched = asks;
    if (asks.some((a) => matches(a, own))) {
      // A paper for noting that also asks for an approval ("receive … and ratify the use of the seal"):
      // the purpose hides the decision the minutes must record. Any other mix of asks agrees.
      if (!purposes.every((p) => NO_RESOLUTION.includes(p))) return;
      const approvals = verbsOf(profile, 'approve').filter((v) => !own.includes(v));
      mismatched = asks.filter((a) => matches(a, approvals) && !isConditional(a));
      if (mismatched.length === 0) return;
    }

    // Each verb once: "note" (item 1) and "note and approve" (item 3) ask the meeting "to note and approve".
    const asked = andList([...new Set(mismatched.flatMap((a) => a.parts))].slice(0, 3));
    // Info only when nothing on either side asks for a resolution: "to note and approve" is a decision.
    const noResolutionVerbs = [...NO_RESOLUTION.flatMap((p) => verbsOf(profile, p)), ...ACKNOWLEDGE];
    const resolutionVerbs = PURPOSES.filter((p) => !NO_RESOLUTION.includes(p))
      .flatMap((p) => verbsOf(profile, p))
      .filter((v) => !noResolutionVerbs.includes(v));
    const noDecisionEitherWay =
      purposes.every((p) => NO_RESOLUTION.includes(p)) && mismatched.every((a) => matches(a, noResolutionVerbs) && !matches(a, resolutionVerbs));
    report({
      ...(noDecisionEitherWay ? { severity: 'info' as const } : {}),
      message:
        `${place} asks the meeting to ${asked}, but the cover sheet's purpose is ${purpose}. ` +
        `Members need to know whether they are being asked to ${purposes.map((p) => ASK_FOR[p].replace(/ from$/, '')).join(' and ')} or to ${asked}, and the minutes must record the right outcome. ` +
        `Make them agree: ask the meeting to do what the purpose says (for example ${example}), or change the purpose.`,
      range: section.headingRange,
    });
  },
});
