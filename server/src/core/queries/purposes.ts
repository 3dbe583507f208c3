/**
 * The purposes a paper's cover sheet gives (`purpose`), as the rules that
 * compare them with the paper read them: one of FORMAT.md's six words, or,
 * where the organisation's template lets a paper tick more than one
 * (`type: list` on `purpose` in the profile: Oxford Health's "For Assurance
 * and Approval"), a list of them. Anything else is field-type's to report,
 * and gives no purposes here (so no other rule speaks about it).
 */
import type { Paper } from '../paper';
import { PURPOSES, type Profile, type Purpose } from '../profile';
import { templateField } from '../template-fields';
import { getNode, scalarText } from '../yaml';

const isPurpose = (s: string): s is Purpose => (PURPOSES as readonly string[]).includes(s);

/** The template lets a paper give more than one purpose (`- key: purpose` with `type: list`). */
export function purposeIsList(profile: Profile): boolean {
  return templateField(profile, 'purpose')?.type === 'list';
}

/** The paper's purposes (lower case, each once, in the order written), or undefined when there is none that is valid. */
export function paperPurposes(paper: Paper, profile: Profile): Purpose[] | undefined {
  const node = getNode(paper.cover, 'purpose');
  if (!node) return undefined;
  if (node.kind === 'scalar') {
    const s = scalarText(node)?.trim().toLowerCase();
    return s && isPurpose(s) ? [s] : undefined;
  }
  if (node.kind !== 'seq' || !purposeIsList(profile) || node.items.length === 0) return undefined;
  const out: Purpose[] = [];
  for (const item of node.items) {
    const s = item.kind === 'scalar' ? scalarText(item)?.trim().toLowerCase() : undefined;
    if (!s || !isPurpose(s)) return undefined;
    if (!out.includes(s)) out.push(s);
  }
  return out;
}

/** "assure", "assure and approve", "note, discuss and approve". */
export function purposesText(purposes: readonly string[]): string {
  return purposes.length <= 1 ? purposes.join('') : `${purposes.slice(0, -1).join(', ')} and ${purposes.at(-1)}`;
}
