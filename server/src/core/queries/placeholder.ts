/**
 * Whether a section holds only a placeholder (TBC, N/A, only HTML comments,
 * nothing, or fewer than 10 words and no sentence), and which sections must
 * have real content.
 */
import type { Paper, Section } from '../paper';
import { normaliseLabel, type Profile, type Purpose } from '../profile';
import { purposesNamed } from './purposes';
import { healthInequalitiesRequired, healthInequalitiesSection } from './health-inequalities';
import { findRequiredSection, sectionId, sectionTitle } from './sections';
import { recommendationsAsk } from './recommendations';
import { hasCompleteAsk, hasSentence, opensWithAsk } from './ask';

export const MIN_SECTION_WORDS = 10;

const PLACEHOLDER_TEXTS = new Set([
  'tbc',
  'tba',
  'tbd',
  'n a',
  'na',
  'to follow',
  'to be confirmed',
  'to be added',
  'to be completed',
  'to be agreed',
  'to be written',
  'not applicable',
  'none',
  'nil',
  'pending',
  'placeholder',
  'xxx',
  'tbc to follow',
  // What Word's content controls show until a box is filled in: a template's boxes left as they came.
  'click here to enter text',
  'click or tap here to enter text',
  'click here to enter a date',
  'click or tap to enter a date',
  'choose an item',
]);

/**
 * "None" and its kin: a whole answer in a cover-sheet box, and in a section
 * that asks whether there is any (see `asksWhetherAny`).
 */
const NONE_ANSWERS = new Set(['none', 'nil', 'n a', 'na', 'not applicable', 'none identified', 'none to report', 'nothing to report', 'no issues']);

/**
 * Whether a cover-sheet value is only a placeholder still to be written:
 * "TBC", "TBA", "To follow", "To be confirmed", "XXX", with or without a
 * hint in brackets after it ("TBC (name, role)", as `boardpaper new`
 * writes; the tools' own fixes insert "TBC"). "N/A" and "None" are
 * answers, not placeholders, in a box.
 */
export function isPlaceholderValue(text: string): boolean {
  // With the hint `boardpaper new` writes after it: "TBC (name, role)" (no regular expression: a
  // pattern anchored at the end after optional spaces backtracks on long runs of spaces).
  const t = text.trimEnd();
  const open = t.endsWith(')') ? t.lastIndexOf('(') : -1;
  const norm = normaliseLabel(open > 0 ? t.slice(0, open) : t);
  return norm !== '' && PLACEHOLDER_TEXTS.has(norm) && !NONE_ANSWERS.has(norm);
}

/**
 * Whether a section's heading asks whether there is anything of a kind
 * ("Issues Arising", "Risks", "Conflicts of interest", "Legal implications",
 * "Matters for escalation"), so that "None" answers it. A summary, the ask
 * and the health inequalities section are never answered so (the caller
 * leaves them out).
 */
function asksWhetherAny(heading: string): boolean {
  return /\b(?:issues?|risks?|conflicts?|concerns?|exceptions?|escalations?|escalate|implications?|arising|declarations?|interests?)\b/.test(
    normaliseLabel(heading),
  );
}

/** The section's whole text when it is an ask named by its purpose ("For approval"), as written, with the purposes it names; else undefined. */
export function purposeAsk(section: Section): { text: string; purposes: Purpose[] } | undefined {
  const words = section.words;
  if (words.length === 0 || words.length >= MIN_SECTION_WORDS) return undefined;
  const joined = words.join(' ');
  const purposes = purposesNamed(normaliseLabel(joined));
  if (!purposes) return undefined;
  let end = joined.length; // without the closing stop: "For approval."
  while (end > 0 && '.;:'.includes(joined[end - 1]!)) end--;
  return { text: joined.slice(0, end), purposes };
}

export type PlaceholderKind = { kind: 'empty' } | { kind: 'comment' } | { kind: 'text'; text: string } | { kind: 'short'; words: number };

/**
 * Why a section counts as a placeholder, or undefined when it has real
 * content. Fewer than 10 words make a placeholder only when the section has
 * no sentence at all: a whole request ("Board members are asked to note the
 * report.") or any other sentence is content, however short; and never in a
 * cover-sheet field that holds the ask (`place: 'cover field'`), where a
 * short answer is what the box is for. An ask written as the purpose it
 * serves ("For information", "For approval") is an ask, not a placeholder
 * (`opts.ask`: the section is the paper's Recommendations). In a section
 * the organisation adds (`opts.own`: not the summary, the ask or health
 * inequalities) only a placeholder's words or nothing make a placeholder,
 * never the count of words, and "None" answers a heading that asks whether
 * there are any ("Issues Arising").
 */
export function placeholderKind(section: Section, opts: { ask?: boolean; own?: boolean } = {}): PlaceholderKind | undefined {
  const words = section.words;
  if (words.length >= MIN_SECTION_WORDS) return undefined;
  if (words.length === 0) {
    return section.nodes.some((n) => n.type === 'html') ? { kind: 'comment' } : { kind: 'empty' };
  }
  const joined = words.join(' ');
  const norm = normaliseLabel(joined);
  // "Issues Arising: None" (Greenwich CCG, 2016): the answer to a box that asks whether there are any.
  if (opts.own && NONE_ANSWERS.has(norm) && asksWhetherAny(sectionTitle(section))) return undefined;
  if (PLACEHOLDER_TEXTS.has(norm)) return { kind: 'text', text: joined.length > 40 ? `${joined.slice(0, 40)}…` : joined };
  // A cover-sheet box is made for a short answer: "Action Required by the Board: For information" is the
  // whole ask of a paper for information (Royal National Orthopaedic Hospital, 2009). There only a
  // placeholder's words (TBC, N/A …) or nothing make a placeholder, not the count of words.
  if (section.place === 'cover field') return undefined;
  // An organisation's own section that is not the summary, the ask or health inequalities ("Timing: For
  // the 12 month period ended 30 June 2011", Public Health Wales, 2011): a short answer is an answer.
  if (opts.own) return undefined;
  // The ask named by the purpose it serves, "For Information" under "Trust Board action required"
  // (Northern Lincolnshire and Goole, 2018): the whole of the ask of a paper the Board only receives.
  if (opts.ask && purposesNamed(norm)) return undefined;
  // The ask as an instruction, "Note the content of the report" (NLG, 2015): a whole request, however short.
  if (opts.ask && opensWithAsk(section)) return undefined;
  if (hasCompleteAsk(section) || hasSentence(section)) return undefined;
  return { kind: 'short', words: words.length };
}

/** `ask`: the section is where the paper's ask is (its Recommendations, or the template's place for them); `own`: see placeholderKind. */
export function isPlaceholder(section: Section, opts: { ask?: boolean; own?: boolean } = {}): boolean {
  return placeholderKind(section, opts) !== undefined;
}

/** The sections that must have real content, each once. */
export function requiredSections(paper: Paper, profile: Profile, meetingDate: string | undefined): Section[] {
  const out: Section[] = [];
  const names = Array.isArray(profile.required_sections) ? profile.required_sections : [];
  for (const name of names) {
    if (typeof name !== 'string') continue;
    // The Recommendations where the template puts them: a section, a labelled paragraph or a cover-sheet field.
    const s = sectionId(name) === 'recommendations' ? recommendationsAsk(paper, profile) : findRequiredSection(paper, profile, name);
    if (s && !out.includes(s)) out.push(s);
  }
  if (healthInequalitiesRequired(paper, profile, meetingDate)) {
    const hi = healthInequalitiesSection(paper, profile);
    if (hi && !out.includes(hi)) out.push(hi);
  }
  return out;
}
