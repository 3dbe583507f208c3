/**
 * missing-section: the Executive summary or Recommendations (or another
 * section the profile requires) is not in the paper.
 *
 * Also home to the small section helpers the body rules share
 * (`bodySection`, `sectionTitle`, `insertSection`).
 */
import { defineRule, fix } from '../rule';
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

/** Where a new section goes at the very start of the body: before the first section, after a leading `# Title`. */
function startOfBody(paper: Paper): number {
  const first = paper.sections[0];
  if (first) return lineStartOf(paper, first.headingRange.start);
  const kids = paper.mdast.children.filter((n) => n.type !== 'yaml');
  const h1 = kids[0];
  if (h1 && h1.type === 'heading' && h1.depth === 1 && h1.position?.end.offset !== undefined) {
    const line = paper.lines.lineOf(h1.position.end.offset);
    return paper.lines.lineStarts[line + 1] ?? paper.text.length;
  }
  return Math.min(paper.bodyStart, paper.text.length);
}

function guidanceFor(key: string, profile: Profile): string {
  if (key === 'executive summary') {
    const limit = Number.isFinite(profile.executive_summary_words) ? profile.executive_summary_words : 400;
    return `<!-- What the paper is about, the key points the meeting needs to know and what it is asked to do, in no more than ${limit} words. -->`;
  }
  if (key === 'recommendations') {
    return '<!-- What the meeting is asked to do, consistent with the purpose on the cover sheet, e.g. "The Board is asked to approve …" or "… to note …". -->';
  }
  return '<!-- Write this section. -->';
}

export const rule = defineRule({
  id: 'missing-section',
  severity: 'error',
  description: 'A required section (Executive summary, Recommendations, or one the profile adds) is missing.',
  fixable: false,
  check({ paper, profile, report }) {
    const required = Array.isArray(profile.required_sections) ? profile.required_sections : [];
    const seen = new Set<string>();
    for (const name of required) {
      if (typeof name !== 'string') continue;
      const key = normaliseHeading(name);
      if (!key || seen.has(key)) continue;
      seen.add(key);
      if (bodySection(paper, [name])) continue;

      let at: number;
      let where: string;
      if (key === 'executive summary') {
        at = startOfBody(paper);
        where = 'at the start of the body';
      } else if (key === 'recommendations') {
        at = paper.text.length;
        where = 'at the end of the paper';
      } else {
        const recs = recommendationsSection(paper);
        at = recs ? lineStartOf(paper, recs.headingRange.start) : paper.text.length;
        where = recs ? 'before the Recommendations' : 'at the end of the paper';
      }
      const why =
        key === 'executive summary'
          ? 'members read it first to see what the paper is about and what they are asked to do'
          : key === 'recommendations'
            ? 'without it the meeting is not told what it is asked to decide or note, and the minutes cannot record it'
            : 'the organisation requires every paper to have it';
      report({
        message: `The paper has no "${name}" section: ${why}. Add a level-2 heading "## ${name}" ${where} and write the section.`,
        range: paper.anchor,
        paperWide: true,
        suggestions: [fix(`Insert the "${name}" section`, insertSection(paper, at, [`## ${name}`, '', guidanceFor(key, profile)]))],
      });
    }
  },
});
