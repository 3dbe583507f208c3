/**
 * The *ask* of a section (RULES.md v2, "Precision on real papers"): the
 * sentences or list items that ask the meeting to act — "The Board is asked
 * to note …", "Members are invited to …", "The Board is to approve …", "It is recommended that the
 * Committee approves …", "The Board's approval is sought …", "To note …", or
 * a list item under the heading that begins with a verb ("- Approve the
 * plan") — and the verbs they ask for. A noun elsewhere in the section
 * ("check and challenge assurance sources", "the Board Assurance Statement")
 * is not an ask.
 *
 * Words are compared as tokens (no regular expression runs over the text
 * but one tokeniser), so the cost is linear in the section's length.
 */
import type { Nodes } from 'mdast';
import { renderedText, type Section } from '../paper';

export interface Ask {
  /** The verbs (and asked-for nouns: "assurance") the ask names, lower case: `['consider', 'endorse']`, `['take', 'assurance']`. */
  terms: string[];
  /** The ask's words from its first verb to the end of its sentence or item, lower case. */
  phrase: string[];
  /**
   * How to name it in a message, a part per verb asked for: `['note']`,
   * `['consider', 'endorse']`, `['take assurance']`, `['give its views']`;
   * one part, its first words, when the verb is not a known one.
   */
  parts: string[];
  /** A whole request: a verb and what it is about, or a verb ending a sentence ("… is asked to note."). */
  complete: boolean;
  /**
   * The word that makes the sentence an ask, for "… is asked / invited /
   * recommended / requested / required to …" (lower case), or "that" for "it
   * is recommended that" with the meeting named ("… that Trust Board
   * accepts …"); absent for an ask read from how a sentence or list item
   * opens ("To note the report.", "- Approve the plan"), from "it is
   * recommended that" without the meeting, or from "… is sought".
   */
  cue?: string;
}

/**
 * Verbs a meeting is asked to do (base forms). The profile's purpose verbs
 * are added to these when the asks are read (nouns such as "assurance" and
 * "information" are not verbs and are not added).
 */
const ASK_VERBS = [
  'accept',
  'acknowledge',
  'action',
  'be',
  'feel',
  'adopt',
  'affirm',
  'agree',
  'appoint',
  'approve',
  'assure',
  'authorise',
  'authorize',
  'challenge',
  'choose',
  'comment',
  'commission',
  'commit',
  'confirm',
  'consider',
  'continue',
  'debate',
  'decide',
  'delegate',
  'determine',
  'direct',
  'discuss',
  'endorse',
  'ensure',
  'escalate',
  'explore',
  'feed',
  'gain',
  'give',
  'highlight',
  'identify',
  'instruct',
  'mandate',
  'nominate',
  'note',
  'obtain',
  'offer',
  'provide',
  'ratify',
  'reaffirm',
  'receive',
  'recognise',
  'recognize',
  'recommend',
  'record',
  'refer',
  'reflect',
  'request',
  'retain',
  'review',
  'scrutinise',
  'scrutinize',
  'seek',
  'select',
  'sign',
  'submit',
  'support',
  'take',
  'thank',
  'welcome',
];

/** Words that name a thing, not an action, though a profile may list them among a purpose's verbs. */
const NOUNS = new Set(['assurance', 'assurances', 'information', 'approval', 'approvals', 'decision', 'decisions', 'receipt']);

/** Verbs after which "assurance" is what is asked for ("take assurance", "gain a reasonable level of assurance"). */
const ASSURANCE_TAKERS = new Set([
  'take',
  'takes',
  'taking',
  'gain',
  'gains',
  'gaining',
  'obtain',
  'obtaining',
  'seek',
  'seeking',
  'draw',
  'derive',
  'get',
  'receive',
  'receiving',
  'have',
]);
/** Words that may stand between such a verb and "assurance". */
const ASSURANCE_FILLERS = new Set([
  'a',
  'an',
  'the',
  'some',
  'any',
  'of',
  'level',
  'levels',
  'degree',
  'significant',
  'substantial',
  'reasonable',
  'limited',
  'partial',
  'full',
  'moderate',
  'adequate',
  'sufficient',
  'positive',
  'good',
  'high',
  'its',
  'their',
  'further',
]);

/**
 * The forms of "to be" an ask is made in: now or to come ("is asked to",
 * "will be asked to"). Not the past: "Trusts were asked to assess themselves
 * …" tells what happened, it asks the meeting nothing (OUH, 2014).
 */
const BE = new Set(['is', 'are', 'be', 'being', 'am']);
/** The last word of how a paper names the meeting it asks ("the Board", "the Governing Body", "Members"). */
const MEETING_WORDS = new Set([
  'board',
  'committee',
  'members',
  'body',
  'council',
  'governors',
  'directors',
  'group',
  'panel',
  'forum',
  'meeting',
  'partnership',
]);
const ASKED = new Set(['asked', 'invited', 'recommended', 'requested', 'required']);
const THAT_TRIGGERS = new Set(['recommended', 'requested', 'proposed', 'recommends', 'proposes']);
const ADVERBS = new Set(['therefore', 'also', 'further', 'now', 'hereby', 'formally', 'fully', 'kindly', 'again', 'specifically', 'both']);
const PLACEHOLDER_WORDS = new Set(['tbc', 'tba', 'tbd', 'xxx']);

/** Letters (with an apostrophe inside a word) or one of , ; : . ! ? as a token. */
const TOKEN = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*|[,;:.!?]/gu;

function tokens(text: string): string[] {
  return text.toLowerCase().match(TOKEN) ?? [];
}

const isWord = (t: string | undefined): t is string => !!t && !',;:.!?'.includes(t);

/** Every inflection of the ask verbs (note, notes, noted, noting), built once per set of extra verbs. */
class Verbs {
  private readonly forms = new Set<string>();
  readonly base = new Set<string>();
  constructor(extra: readonly string[]) {
    for (const v of [...ASK_VERBS, ...extra]) {
      const w = v.toLowerCase().trim();
      if (!w || w.includes(' ') || NOUNS.has(w)) continue;
      this.base.add(w);
      for (const f of inflections(w)) this.forms.add(f);
    }
  }
  /** Any inflection of a known ask verb. */
  has(w: string | undefined): boolean {
    return !!w && this.forms.has(w);
  }
}

/**
 * The verbs with a profile's extra verbs, built once per list (a profile
 * has one list; a few at most are alive at a time, so the cache is small).
 */
const VERBS_BY_EXTRA = new Map<string, Verbs>();
function verbsWith(extra: readonly string[]): Verbs {
  const key = JSON.stringify(extra);
  let v = VERBS_BY_EXTRA.get(key);
  if (!v) {
    if (VERBS_BY_EXTRA.size >= 16) VERBS_BY_EXTRA.clear();
    v = new Verbs(extra);
    VERBS_BY_EXTRA.set(key, v);
  }
  return v;
}

/**
 * Whether `word` (any case) is a form of one of the built-in ask verbs
 * ("ACCEPT", "RATIFY", "NOTED"): a word, never an acronym, when an author
 * writes it in capitals for emphasis.
 */
export function isAskVerbForm(word: string): boolean {
  return (builtInVerbs ??= new Verbs([])).has(word.toLowerCase());
}
let builtInVerbs: Verbs | undefined;

function inflections(v: string): string[] {
  const out = [v, `${v}s`, `${v}es`, `${v}d`, `${v}ed`, `${v}ing`];
  if (v.endsWith('e')) out.push(`${v.slice(0, -1)}ing`);
  if (/[^aeiou]y$/.test(v)) out.push(`${v.slice(0, -1)}ies`, `${v.slice(0, -1)}ied`);
  return out;
}

/** The text blocks of a section: each paragraph, and whether it opens a list item. */
function blocks(nodes: readonly Nodes[], inItem: boolean, out: { text: string; item: boolean }[]): void {
  for (const n of nodes) {
    if (n.type === 'paragraph') {
      out.push({ text: renderedText([n]), item: inItem });
      inItem = false;
    } else if (n.type === 'list') {
      for (const li of n.children) blocks(li.children as Nodes[], true, out);
    } else if (n.type === 'blockquote') {
      blocks(n.children as Nodes[], false, out);
    }
  }
}

/** Leading clause numbers and bullets: `5.1`, `(a)`, `i)`. */
function skipNumbering(toks: readonly string[], i: number): number {
  while (i < toks.length) {
    const t = toks[i]!;
    if (/^\d+$/.test(t) || ((t.length === 1 || /^[ivx]+$/.test(t)) && (toks[i + 1] === '.' || toks[i + 1] === ')'))) i++;
    else if (t === '.' || t === ')' || t === ':') i++;
    else break;
  }
  return i;
}

/** Split tokens into sentences at `.`, `!` and `?` (the mark kept at each sentence's end). */
function sentences(toks: readonly string[]): string[][] {
  const out: string[][] = [];
  let cur: string[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    cur.push(t);
    // "5.1" tokenises as 5 . 1: a full stop between numbers does not end a sentence.
    if ((t === '.' || t === '!' || t === '?') && !(t === '.' && /^\d/.test(toks[i - 1] ?? '') && /^\d/.test(toks[i + 1] ?? ''))) {
      out.push(cur);
      cur = [];
    }
  }
  if (cur.length) out.push(cur);
  return out;
}

/** The ask that starts at `start` in `toks` (its first verb), up to the end of the sentence. */
function readAsk(toks: readonly string[], start: number, verbs: Verbs): Ask | undefined {
  let i = start;
  while (ADVERBS.has(toks[i] ?? '')) i++;
  const first = toks[i];
  if (!isWord(first) || PLACEHOLDER_WORDS.has(first)) return undefined;
  const end = toks.length;
  const phrase = toks.slice(i, end).filter(isWord);
  const terms: string[] = [];
  const labels: string[] = [];
  const add = (at: number): number => {
    const v = toks[at]!;
    terms.push(v);
    let label = v;
    let next = at + 1;
    if (v === 'be' || v === 'feel') {
      const w = toks[next];
      if (isWord(w)) {
        terms.push(w);
        label = `${v} ${w}`;
        next++;
      }
    } else if (ASSURANCE_TAKERS.has(v)) {
      let j = next;
      while (j < end && ASSURANCE_FILLERS.has(toks[j]!) && j - next < 5) j++;
      if (toks[j] === 'assurance' || toks[j] === 'assurances') {
        terms.push('assurance');
        label = `${v} assurance`;
        next = j + 1;
      }
    }
    labels.push(label);
    return next;
  };
  let j = add(i);
  const known = verbs.has(first);
  // An ask that opens "… to note X" may go on ", to approve Y"; in one that opens with the bare verb
  // ("Note and approve the need for support to help finalise the strategy, to submit bids …") a
  // comma then "to" starts what the thing asked for is for, not another ask (Bexley CCG, 2016).
  const infinitive = toks[start - 1] === 'to';
  // Further verbs joined to the first: "consider and endorse", "receive this report, noting the risks".
  for (; j < end; j++) {
    const t = toks[j]!;
    if (t !== 'and' && t !== 'or' && t !== ',' && t !== ';') continue;
    if ((t === ',' || t === ';') && toks[j + 1] === 'to' && !infinitive) continue;
    let k = j + 1;
    if (toks[k] === 'and' || toks[k] === 'to') k++;
    while (ADVERBS.has(toks[k] ?? '')) k++;
    if (toks[k] === 'to') k++;
    if (verbs.has(toks[k]) && !NOUNS.has(toks[k]!)) j = add(k) - 1;
  }
  const parts = known ? labels : [`${phrase.slice(0, 4).join(' ')}${phrase.length > 4 ? ' …' : ''}`];
  const closed = toks.at(-1) === '.' || toks.at(-1) === '!';
  // "… is asked to approve TBC." is a skeleton still to be written, not a whole request.
  const unfinished = phrase.some((w) => PLACEHOLDER_WORDS.has(w));
  return { terms, phrase, parts, complete: !unfinished && (phrase.length >= 2 || closed) };
}

/** The asks in one sentence (tokens). */
function asksInSentence(toks: readonly string[], verbs: Verbs, out: Ask[]): void {
  const start = skipNumbering(toks, 0);
  // "To note the report."
  if (toks[start] === 'to' && verbs.has(toks[start + 1])) {
    const a = readAsk(toks, start + 1, verbs);
    if (a) out.push(a);
    return;
  }
  for (let i = start; i < toks.length; i++) {
    const t = toks[i]!;
    // "is asked to", "are (therefore) invited to", "is being asked to"
    if (BE.has(t)) {
      let k = i + 1;
      if (toks[k] === 'being') k++;
      while (ADVERBS.has(toks[k] ?? '')) k++;
      if (ASKED.has(toks[k] ?? '') && toks[k + 1] === 'to') {
        if (toks[k + 2] === ':' || k + 2 >= toks.length) return; // the ask continues in a list
        const a = readAsk(toks, k + 2, verbs);
        if (a) out.push({ ...a, cue: toks[k]! });
        return;
      }
      // "The Board is to approve the report" (Northern Lincolnshire and Goole, 2016): the meeting is to
      // do it. Only with the meeting as the subject: "The purpose of this paper is to provide …" asks nothing.
      if (toks[k] === 'to' && MEETING_WORDS.has(toks[i - 1] ?? '') && verbs.has(toks[k + 1])) {
        const a = readAsk(toks, k + 1, verbs);
        if (a) out.push(a);
        return;
      }
      // "The Board's approval is sought", "views are sought"
      if (toks[k] === 'sought' && isWord(toks[i - 1])) {
        const noun = toks[i - 1]!.replace(/['’]s$/, '');
        out.push({ terms: [noun], phrase: [noun, 'is', 'sought'], parts: [`give its ${noun}`], complete: true });
        return;
      }
    }
    // "The recommendation is for the Board to note …", "The recommendation is to approve …",
    // "The recommendation is that the Committee approves …".
    if ((t === 'recommendation' || t === 'recommendations') && BE.has(toks[i + 1] ?? '')) {
      const k = i + 2;
      if (toks[k] === 'to' && verbs.has(toks[k + 1])) {
        const a = readAsk(toks, k + 1, verbs);
        if (a) out.push(a);
        return;
      }
      // Who is asked, then "to" and the verb ("for Trust Board to recognise"), or, after "that", the first verb.
      const that = toks[k] === 'that';
      if (that || toks[k] === 'for') {
        for (let m = k + 1; m < Math.min(toks.length, k + 10) && isWord(toks[m]); m++) {
          const at = that ? m : toks[m] === 'to' ? m + 1 : -1;
          if (at >= 0 && verbs.has(toks[at])) {
            const a = readAsk(toks, at, verbs);
            if (a) out.push(a);
            return;
          }
        }
      }
    }
    // "It is recommended that the Committee approves …": the first verb within a few words; with the
    // meeting named before it, the sentence asks the meeting (cue "that"), as "is asked to" does.
    if (THAT_TRIGGERS.has(t) && toks[i + 1] === 'that') {
      for (let k = i + 2; k < Math.min(toks.length, i + 10); k++) {
        if (!isWord(toks[k])) break;
        if (verbs.has(toks[k])) {
          const a = readAsk(toks, k, verbs);
          const meeting = toks.slice(i + 2, k).some((w) => MEETING_WORDS.has(w));
          if (a) out.push(meeting ? { ...a, cue: 'that' } : a);
          return;
        }
      }
    }
  }
}

/**
 * The asks of a section, in order. `extraVerbs` are the profile's purpose
 * verbs (so an organisation's own verb is read as a verb).
 */
export function asksOf(section: Section, extraVerbs: readonly string[] = []): Ask[] {
  return asksIn(section.nodes, extraVerbs);
}

/** The asks of some block nodes (a part of a section: a paragraph, a list), in order. */
export function asksIn(nodes: readonly Nodes[], extraVerbs: readonly string[] = []): Ask[] {
  const verbs = verbsWith(extraVerbs);
  const out: Ask[] = [];
  const bs: { text: string; item: boolean }[] = [];
  blocks(nodes, false, bs);
  for (const b of bs) {
    const toks = tokens(b.text);
    // A list item that begins with a verb ("Approve the plan", "Note the risks", "To note …").
    const a = b.item ? instruction(toks, verbs) : undefined;
    if (a) out.push(a);
    else for (const s of sentences(toks)) asksInSentence(s, verbs, out);
  }
  return out;
}

/**
 * The ask of a block written as an instruction, opening with the verb
 * ("Approve the plan", "5.1 Note the risks", "To note …"), or undefined.
 * One word alone ("note;") is a fragment, not a whole request.
 */
function instruction(toks: readonly string[], verbs: Verbs): Ask | undefined {
  let i = skipNumbering(toks, 0);
  if (toks[i] === 'to') i++;
  if (!verbs.has(toks[i])) return undefined;
  const a = readAsk(toks, i, verbs);
  return a && { ...a, complete: a.complete && a.phrase.length >= 2 };
}

/**
 * The words of `ask` as the section writes them ("note and discuss progress
 * made by the National Guardian’s Office"), for a message that quotes it;
 * the ask's own `phrase` is lower case. Read again from the section's text
 * only when a message needs it, so reading asks costs nothing more. Falls
 * back to the lower-case phrase if the words are not found.
 */
export function phraseAsWritten(section: Section, ask: Ask): string {
  const want = ask.phrase;
  const bs: { text: string; item: boolean }[] = [];
  blocks(section.nodes, false, bs);
  for (const b of bs) {
    const words = (b.text.match(TOKEN) ?? []).filter(isWord);
    for (let i = 0; i + want.length <= words.length; i++) {
      let j = 0;
      while (j < want.length && words[i + j]!.toLowerCase() === want[j]) j++;
      if (j === want.length) return tidyPhrase(words.slice(i, i + want.length));
    }
  }
  return tidyPhrase(want);
}

/**
 * A phrase to follow "asked to" in a message: a list item's capital dropped
 * ("Note the report" → "note the report"; not "NHS"), and the "and" / "or"
 * that joined it to the next item left off.
 */
function tidyPhrase(words: readonly string[]): string {
  const w = [...words];
  while (w.length > 1 && (w.at(-1) === 'and' || w.at(-1) === 'or')) w.pop();
  const first = w[0];
  if (first && /^\p{Lu}\p{Ll}+$/u.test(first)) w[0] = first.toLowerCase();
  return w.join(' ');
}

/** Whether the section holds a whole request of the meeting ("Board members are asked to note the report."). */
export function hasCompleteAsk(section: Section): boolean {
  return asksOf(section).some((a) => a.complete);
}

/**
 * Whether a block of the section begins with an ask verb and its object,
 * written as an instruction without a list ("Note the content of the report"
 * under NLG's "Action required by the Board", 2015): in the section that
 * holds the ask, that is the whole request. "Note: …" and "Approve TBC" are
 * not.
 */
export function opensWithAsk(section: Section): boolean {
  const verbs = verbsWith([]);
  const bs: { text: string; item: boolean }[] = [];
  blocks(section.nodes, false, bs);
  return bs.some((b) => {
    const toks = tokens(b.text);
    // The verb straight followed by its object: "Note: …" is a label, not an instruction.
    const i = skipNumbering(toks, 0);
    const verb = toks[i] === 'to' ? i + 1 : i;
    return isWord(toks[verb + 1]) && !!instruction(toks, verbs)?.complete;
  });
}

/**
 * Whether the section has at least one sentence: three or more words ending
 * with a full stop, `!` or `?` that are not a placeholder ("To be added.").
 */
export function hasSentence(section: Section): boolean {
  const bs: { text: string; item: boolean }[] = [];
  blocks(section.nodes, false, bs);
  for (const b of bs) {
    for (const s of sentences(tokens(b.text))) {
      const last = s.at(-1);
      if (last !== '.' && last !== '!' && last !== '?') continue;
      const words = s.slice(skipNumbering(s, 0)).filter(isWord);
      if (words.length < 3) continue;
      const joined = ` ${words.join(' ')} `;
      if (words.some((w) => PLACEHOLDER_WORDS.has(w)) || / to (?:follow|be (?:added|confirmed|completed|agreed|written|provided)) /.test(joined)) continue;
      return true;
    }
  }
  return false;
}
