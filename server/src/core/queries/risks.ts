/** The risk references on the cover sheet (`risks.items`) and the register's entry for an id. */
import type { Paper } from '../paper';
import type { RiskEntry, RiskRegister } from '../profile';
import { getNode, scalarText, type YMap, type YNode } from '../yaml';

export interface RiskItem {
  item: YMap;
  idNode?: YNode;
  /** The id as written, trimmed. */
  id?: string;
  titleNode?: YNode;
  /** True inside a flow collection (`[{ id: …, title: … }]`). */
  inFlow: boolean;
}

/** The `risks.items` entries that are mappings. */
export function riskItems(paper: Paper): RiskItem[] {
  const items = getNode(getNode(paper.cover, 'risks'), 'items');
  if (!items || items.kind !== 'seq') return [];
  const out: RiskItem[] = [];
  for (const item of items.items) {
    if (item.kind !== 'map') continue;
    const idNode = getNode(item, 'id');
    const id = scalarText(idNode)?.trim();
    out.push({ item, idNode, id: id || undefined, titleNode: getNode(item, 'title'), inFlow: items.flow || item.flow });
  }
  return out;
}

export function registerEntry(register: RiskRegister, id: string): RiskEntry | undefined {
  return register.entries.find((e) => String(e.id).trim() === id);
}
