/** Helpers for the agenda pack tests: papers written on the fly, PDF text per page (pdf.js). */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot, runCli } from '../helpers/run-cli';

export { repoRoot, runCli };
export { tempDir } from '../helpers/run-cli';

export const meetingFixture = path.join(repoRoot, 'test', 'fixtures', 'meeting');

/** Build dist/cli.js when it is missing (`npm test` builds first anyway). */
export function ensureBuilt(): void {
  if (fs.existsSync(path.join(repoRoot, 'dist', 'cli.js')) && fs.existsSync(path.join(repoRoot, 'dist', 'fonts'))) return;
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'build.mjs')], { cwd: repoRoot, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm run build failed: ${r.stderr}`);
}

export interface PaperSpec {
  title: string;
  meeting?: string;
  date?: string;
  item?: string | null;
  /** agenda_item exactly as written in the YAML (e.g. unquoted `10.10`). */
  itemRaw?: string;
  /** YAML text for `confidential:` as written (default `false`). */
  confidential?: string;
  reason?: string;
  presenter?: string;
  author?: string;
  purpose?: string;
  /** Extra body Markdown, after the executive summary. */
  body?: string;
  /** Replace the whole front-matter block (for broken YAML). */
  rawFrontmatter?: string;
}

/** A clean board paper (no errors or warnings) unless the spec breaks it. */
export function paperText(s: PaperSpec): string {
  const purpose = s.purpose ?? 'note';
  const verb =
    { note: 'note', approve: 'approve', decide: 'decide', discuss: 'discuss', assure: 'take assurance from', information: 'note' }[purpose] ?? purpose;
  const fm =
    s.rawFrontmatter ??
    [
      `title: ${JSON.stringify(s.title)}`,
      `meeting: ${s.meeting ?? 'Integrated Care Board'}`,
      `date: ${s.date ?? '2024-07-10'}`,
      ...(s.item === null ? [] : [`agenda_item: ${s.itemRaw ?? JSON.stringify(s.item ?? '1')}`]),
      `presented_by: ${s.presenter ?? 'Alison Kershaw, Deputy Chief Executive'}`,
      `author: ${s.author ?? 'Owen Sharples, Corporate Governance Manager'}`,
      `confidential: ${s.confidential ?? 'false'}`,
      ...(s.reason ? [`confidential_reason: ${s.reason}`] : []),
      `purpose: ${purpose}`,
      'strategic_objectives: [SO2, SO6]',
      'risks:',
      '  status: no',
      '  comment: The paper does not give rise to any new risks',
      'financial_implications:',
      '  status: no',
      '  comment: There are no financial implications',
      'committee_history: []',
      'conflicts_of_interest: Not applicable',
      'impact_assessments:',
      '  quality:',
      '    status: n/a',
      '    comment: The paper proposes no change to services',
      '  equality:',
      '    status: n/a',
      '    comment: The paper proposes no change to services',
      '  data_privacy:',
      '    status: n/a',
      '    comment: No personal data is involved',
      'authorised_by: Alison Kershaw, Deputy Chief Executive',
    ].join('\n');
  return `---
${fm}
---

## Executive summary

This paper sets out ${s.title.toLowerCase()} for the meeting. It summarises the position, the work done since the last meeting and what happens next.

${s.body ?? ''}

## Health inequalities and unwarranted variation

The programme has considered unwarranted variation in access, experience and outcomes across the four places, with data broken down by deprivation, ethnicity, age and sex, and the effect on Core20PLUS5 groups.

## Recommendations

The meeting is asked to ${verb} this paper and the actions it sets out for the coming quarter.
`;
}

export function writePapers(dir: string, papers: Record<string, PaperSpec | string>): void {
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, spec] of Object.entries(papers)) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, typeof spec === 'string' ? spec : paperText(spec));
  }
}

// PDFs are read through pdf.js (npm), never with a system tool: `npm test` needs Node and npm alone.
export { pdfImageCount, pdfInfo, pdfMarkedText, pdfPageCount, pdfPages, pdfText, readPdf, outlineTitles } from './pdf-read';
export type { StructNode } from './pdf-read';

/** Collapse whitespace and normalise dashes/quotes so wrapped PDF text can be searched. */
export function flat(s: string): string {
  return s
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

/** A 2×2 PNG. */
export const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGNgYPj/n4GB4T8DEwMDAwA4EgT/1m1a9wAAAABJRU5ErkJggg==', 'base64');
