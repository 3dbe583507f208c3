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

/** The words an ask can be written as, naming the purpose it serves, and that purpose. */
const NAMED: Readonly<Record<string, Purpose>> = {
  information: 'information',
  noting: 'note',
  note: 'note',
  awareness: 'note',
  discussion: 'discuss',
  discuss: 'discuss',
  consideration: 'discuss',
  consider: 'discuss',
  review: 'discuss',
  approval: 'approve',
  approve: 'approve',
  ratification: 'approve',
  ratify: 'approve',
  endorsement: 'approve',
  endorse: 'approve',
  agreement: 'approve',
  agree: 'approve',
  decision: 'decide',
  decide: 'decide',
  assurance: 'assure',
  assure: 'assure',
};

/**
 * The purposes an ask written as the purpose it serves names ("For
 * information", "For approval and ratification", "To note"), each once; undefined
 * when `norm` (lower case, words split by one space) is not such an ask.
 */
export function purposesNamed(norm: string): Purpose[] | undefined {
  const [first, ...rest] = norm.split(' ');
  if ((first !== 'for' && first !== 'to') || rest.length === 0) return undefined;
  const out: Purpose[] = [];
  for (const w of rest) {
    if (w === 'and' || w === 'or') continue;
    const p = NAMED[w];
    if (!p) return undefined;
    if (!out.includes(p)) out.push(p);
  }
  return out.length ? out : undefined;
}
