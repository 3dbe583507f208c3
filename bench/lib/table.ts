/** The figures as the Markdown table the bench prints and the docs show. */
import type { Figure } from './types';

export function table(figures: Figure[]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const rows = figures.map((f) => `| ${esc(f.label)} | ${esc(f.measured)} | ${esc(f.target)} | ${f.met == null ? '—' : f.met ? 'yes' : '**no**'} |`);
  return ['| figure | measured | target | met? |', '|---|---|---|---|', ...rows].join('\n');
}

export const TABLE_START = '<!-- bench:table (written by `npm run bench -- --docs`) -->';
export const TABLE_END = '<!-- /bench:table -->';

/** `doc` with the text between the table markers replaced by `body` (unchanged when the markers are missing). */
export function replaceTable(doc: string, body: string): string {
  const a = doc.indexOf(TABLE_START);
  const b = doc.indexOf(TABLE_END, a);
  if (a === -1 || b === -1) return doc;
  return `${doc.slice(0, a + TABLE_START.length)}\n${body}\n${doc.slice(b)}`;
}
