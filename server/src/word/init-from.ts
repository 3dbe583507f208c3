/**
 * `boardpaper init --from FILE.docx`: what an organisation's real Word paper
 * says about its template — the strategic objectives its cover sheet lists
 * (ticked or not), the committees it names (the meeting, where the paper was
 * discussed before) and the labels its cover sheet prints, in its order — as
 * the options of a starting profile. Pure: the import's reading in, data out.
 */
import type { ImportResult } from './import-html';
import { builtInLabel } from './labels';

export interface WordTemplate {
  strategic_objectives: Record<string, string>;
  /** Committee names, the paper's own meeting first. */
  committees: string[];
  /** The cover sheet's fields in the template's order; `label` as the template prints it. */
  cover_sheet: { key: string; label: string }[];
}

export function templateFromImport(r: Pick<ImportResult, 'fields' | 'template'>): WordTemplate {
  const committees: string[] = [];
  const add = (m: unknown) => {
    const s = typeof m === 'string' ? m.trim() : '';
    if (s && !committees.some((c) => c.toLowerCase() === s.toLowerCase())) committees.push(s);
  };
  add(r.fields.meeting);
  for (const h of (r.fields.committee_history as { meeting?: string }[] | undefined) ?? []) add(h.meeting);
  const seen = new Set<string>();
  const cover_sheet: { key: string; label: string }[] = [];
  for (const { key, label } of r.template.labels) {
    if (seen.has(key)) continue;
    seen.add(key);
    cover_sheet.push({ key, label: label || builtInLabel(key) });
  }
  return { strategic_objectives: { ...r.template.objectives }, committees, cover_sheet };
}
