/** Board papers for the protocol tests, built from the clean example of the spec. */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const CLEAN = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'rules', 'clean-example.md'), 'utf8');

/** The clean example with some cover-sheet values replaced (`key: value` lines at the top level). */
export function paper(changes: Record<string, string> = {}, body?: string): string {
  let text = CLEAN;
  for (const [k, v] of Object.entries(changes)) {
    const re = new RegExp(`^${k}:.*$`, 'm');
    if (!re.test(text)) throw new Error(`no ${k} in the clean example`);
    text = text.replace(re, `${k}: ${v}`);
  }
  if (body !== undefined) {
    const end = text.indexOf('\n---\n', 4) + 5;
    text = text.slice(0, end) + body;
  }
  return text;
}

/** A short, otherwise clean body for papers of meetings after April 2024. */
export const BODY_2024 = `
## Executive summary

This paper sets out the plan for the coming year and the actions the Integrated Care Board (ICB) will take to deliver it with partners across the system.

## Health inequalities and unwarranted variation

Access varies by deprivation, ethnicity, age and sex across the area; the plan targets the most deprived fifth of neighbourhoods and the locally agreed inclusion groups first.

## Recommendations

The Board is asked to note the plan and the actions set out in this paper.
`;
