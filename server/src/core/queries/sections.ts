/**
 * The body's sections as the rules, completion, hover and render read them:
 * which level-2 section is the Executive summary or the Recommendations (or
 * any heading a profile accepts), the heading as people read it, and an edit
 * inserting a new section.
 */
import { normaliseHeading, type Paper, type Section } from '../paper';
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

/** The section's match key, ignoring an inline HTML comment on the heading line. */
export function sectionKey(s: Section): string {
  return s.heading.includes('<!--') ? normaliseHeading(headingText(s)) : s.key;
}

/**
 * The first level-2 section whose heading matches one of `headings`
 * (case, punctuation and a leading clause number ignored; the words must
 * otherwise be the same: `## Recommendation` is not `Recommendations`).
 */
export function bodySection(paper: Paper, headings: readonly string[]): Section | undefined {
  const keys = new Set<string>();
  for (const h of headings) if (typeof h === 'string' && h.trim()) keys.add(normaliseHeading(h));
  return paper.sections.find((s) => keys.has(sectionKey(s)));
}

export const RECOMMENDATIONS = ['Recommendations'];
export const EXECUTIVE_SUMMARY = ['Executive summary'];

export function recommendationsSection(paper: Paper): Section | undefined {
  return bodySection(paper, RECOMMENDATIONS);
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
