/**
 * The body's sections as the rules, completion, hover and render read them:
 * which level-2 section is the Executive summary or the Recommendations (or
 * any heading a profile accepts), the heading as people read it, and an edit
 * inserting a new section.
 */
import { normaliseHeading, type Paper, type Section } from '../paper';
import type { Profile } from '../profile';
import type { TextEdit } from '../types';
import { isWhitespace, trimEndWhere } from '../text';

const HTML_COMMENT = /<!--[\s\S]*?(?:-->|$)/g;

function headingText(s: Section): string {
  return s.heading.includes('<!--') ? s.heading.replace(HTML_COMMENT, ' ').replace(/\s+/g, ' ').trim() : s.heading;
}

/**
 * The heading for messages: as written, without an inline HTML comment, a
 * leading clause number or trailing punctuation (`## 5. Recommendations:` → `Recommendations`).
 */
export function sectionTitle(s: Section): string {
  const numbered = headingText(s).replace(/^\s*(?:section\s+)?\d+(?:\.\d+)*[.)]?\s+(?=\S)/i, '');
  // .replace(/[\s:;.,-]+$/, ''), in linear time
  const t = trimEndWhere(numbered, (ch) => isWhitespace(ch) || ':;.,-'.includes(ch));
  return t || headingText(s);
}

/**
 * A heading's match key (FORMAT.md: case, punctuation and a leading clause
 * number ignored). A plural written `(s)` is the plural: `Recommendation(s)`
 * is `Recommendations`.
 */
export function headingKey(heading: string): string {
  return normaliseHeading(heading.includes('(') ? heading.replace(PLURAL_S, 's') : heading);
}

const PLURAL_S = /(?<=\p{L})\(s\)/giu;

/** The section's match key, ignoring an inline HTML comment on the heading line. */
export function sectionKey(s: Section): string {
  if (s.heading.includes('<!--')) return headingKey(headingText(s));
  return s.heading.includes('(') ? headingKey(s.heading) : s.key;
}

/**
 * The first level-2 section whose heading matches one of `headings`
 * (case, punctuation and a leading clause number ignored; the words must
 * otherwise be the same: `## Next steps` is not `Next step`).
 */
export function bodySection(paper: Paper, headings: readonly string[]): Section | undefined {
  const keys = new Set<string>();
  for (const h of headings) if (typeof h === 'string' && h.trim()) keys.add(headingKey(h));
  if (keys.size === 0) return undefined;
  return paper.sections.find((s) => keys.has(sectionKey(s)));
}

/** The built-in accepted headings of the sections every template has (PROFILE.md v2 `sections`). */
const BUILT_IN: Readonly<Record<string, readonly string[]>> = {
  'executive summary': ['Executive summary', 'Summary'],
  recommendations: ['Recommendations', 'Recommendation', 'Recommendation(s)'],
};

/** A section's identity: `Executive summary`, `executive_summary` and `Executive Summary:` are one. */
export function sectionId(name: string): string {
  return normaliseHeading(name.replace(/_/g, ' '));
}

/** The profile's `sections` (key → accepted headings), read defensively: only lists of text count. */
function profileSections(profile: Profile): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const raw: unknown = profile.sections;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return out;
  for (const [key, list] of Object.entries(raw as Record<string, unknown>)) {
    if (!Array.isArray(list)) continue;
    const headings = list.filter((h): h is string => typeof h === 'string' && h.trim() !== '');
    if (headings.length) out.set(sectionId(key), headings);
  }
  return out;
}

/**
 * The headings accepted for a section named `name` (a `required_sections`
 * entry, or `Executive summary` / `Recommendations`): the profile's
 * `sections` list for it when there is one (it replaces the built-in names),
 * else the built-in list, else the name itself.
 */
export function acceptedHeadings(profile: Profile, name: string): readonly string[] {
  const id = sectionId(name);
  return profileSections(profile).get(id) ?? BUILT_IN[id] ?? [name];
}

/** The headings the profile's own `sections` gives a section, or undefined when it gives none (the built-in names apply). */
export function templateHeadings(profile: Profile, name: string): readonly string[] | undefined {
  return profileSections(profile).get(sectionId(name));
}

/** The section's name in the organisation's template: the first heading its profile accepts (`Executive comment`), else `name`. */
export function templateName(profile: Profile, name: string): string {
  return profileSections(profile).get(sectionId(name))?.[0] ?? name;
}

/** The paper's section for the section named `name`, under any heading the profile accepts. */
export function findRequiredSection(paper: Paper, profile: Profile, name: string): Section | undefined {
  return bodySection(paper, acceptedHeadings(profile, name));
}

export const RECOMMENDATIONS = 'Recommendations';
export const EXECUTIVE_SUMMARY = 'Executive summary';

export function recommendationsSection(paper: Paper, profile: Profile): Section | undefined {
  return findRequiredSection(paper, profile, RECOMMENDATIONS);
}

export function executiveSummarySection(paper: Paper, profile: Profile): Section | undefined {
  return findRequiredSection(paper, profile, EXECUTIVE_SUMMARY);
}

/** Start of the line holding `offset`. */
export function lineStartOf(paper: Paper, offset: number): number {
  return paper.lines.lineStarts[paper.lines.lineOf(offset)] ?? offset;
}

function previousLineBlank(paper: Paper, at: number): boolean {
  if (at <= paper.bom) return true;
  const line = paper.lines.lineOf(at - 1);
  const start = paper.lines.lineStarts[line] ?? 0;
  return paper.text.slice(start, paper.lines.lineEnd(line)).trim() === '';
}

/**
 * An edit inserting a section (`lines`, joined with the paper's line ending)
 * at `at`, which is a line start or the end of the text, with a blank line
 * either side.
 */
export function insertSection(paper: Paper, at: number, lines: readonly string[]): TextEdit {
  const eol = paper.eol;
  const text = paper.text;
  let pre = '';
  if (at > paper.bom) {
    const prev = text.charCodeAt(at - 1);
    if (prev !== 10 && prev !== 13) pre = eol + eol;
    else if (!previousLineBlank(paper, at)) pre = eol;
  }
  const post = at < text.length ? eol : '';
  return { start: at, end: at, newText: `${pre}${lines.join(eol)}${eol}${post}` };
}
