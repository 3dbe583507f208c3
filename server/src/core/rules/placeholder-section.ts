/**
 * placeholder-section: a required section (the profile's required sections,
 * and the health inequalities section where it is required) is there but
 * holds only a placeholder: TBC, TBA, N/A, "to follow", only HTML comments,
 * nothing, or fewer than 10 words.
 */
import { defineRule } from '../rule';
import type { Paper, Section } from '../paper';
import type { Profile } from '../profile';
import { bodySection, sectionTitle } from './missing-section';
import { healthInequalitiesRequired, healthInequalitiesSection } from './missing-health-inequalities-section';

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
]);

export type PlaceholderKind =
  | { kind: 'empty' }
  | { kind: 'comment' }
  | { kind: 'text'; text: string }
  | { kind: 'short'; words: number };

/** Why a section counts as a placeholder, or undefined when it has real content. */
export function placeholderKind(section: Section): PlaceholderKind | undefined {
  const words = section.words;
  if (words.length >= MIN_SECTION_WORDS) return undefined;
  if (words.length === 0) {
    return section.nodes.some((n) => n.type === 'html') ? { kind: 'comment' } : { kind: 'empty' };
  }
  const joined = words.join(' ');
  const norm = joined.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  if (PLACEHOLDER_TEXTS.has(norm)) return { kind: 'text', text: joined.length > 40 ? `${joined.slice(0, 40)}…` : joined };
  return { kind: 'short', words: words.length };
}

export function isPlaceholder(section: Section): boolean {
  return placeholderKind(section) !== undefined;
}

/** The sections that must have real content, each once. */
export function requiredSections(paper: Paper, profile: Profile, meetingDate: string | undefined): Section[] {
  const out: Section[] = [];
  const names = Array.isArray(profile.required_sections) ? profile.required_sections : [];
  for (const name of names) {
    if (typeof name !== 'string') continue;
    const s = bodySection(paper, [name]);
    if (s && !out.includes(s)) out.push(s);
  }
  if (healthInequalitiesRequired(paper, profile, meetingDate)) {
    const hi = healthInequalitiesSection(paper, profile);
    if (hi && !out.includes(hi)) out.push(hi);
  }
  return out;
}

function describe(p: PlaceholderKind): string {
  switch (p.kind) {
    case 'empty':
      return 'is empty';
    case 'comment':
      return 'holds only an HTML comment (guidance that is not shown to readers)';
    case 'text':
      return `says only "${p.text}"`;
    case 'short':
      return `has only ${p.words} word${p.words === 1 ? '' : 's'}`;
  }
}

function why(title: string, isHi: boolean): string {
  const t = title.toLowerCase();
  if (isHi) return 'the meeting must be told about unwarranted variation in access, experience and outcomes and what is being done about it';
  if (t.includes('recommendation')) return 'the meeting needs to know exactly what it is asked to do, and the minutes must record it';
  if (t.includes('summary')) return 'members rely on the executive summary to see what the paper is about and what they are asked to do';
  return 'the organisation requires every paper to have it';
}

export const rule = defineRule({
  id: 'placeholder-section',
  severity: 'warning',
  description: 'A required section holds only a placeholder (TBC, N/A, an HTML comment, or fewer than 10 words).',
  fixable: false,
  check({ paper, profile, meetingDate, report }) {
    const hi = healthInequalitiesSection(paper, profile);
    for (const section of requiredSections(paper, profile, meetingDate)) {
      const p = placeholderKind(section);
      if (!p) continue;
      const title = sectionTitle(section) || 'This';
      report({
        message:
          `The "${title}" section ${describe(p)}: ${why(title, section === hi)}. ` +
          `${p.kind === 'empty' ? 'Write the section' : "Replace the placeholder with the section's content"} (at least ${MIN_SECTION_WORDS} words) before the paper goes to the meeting.`,
        range: section.headingRange,
      });
    }
  },
});
