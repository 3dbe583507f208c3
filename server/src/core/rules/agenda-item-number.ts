/**
 * agenda-item-number: `agenda_item` is written without quotes and YAML reads
 * it as a number that is not what was written: `10.10` loads as 10.1, `010`
 * as 10, `1e3` as 1000. A plain `10` (loads as 10) and any quoted value are
 * fine. Agenda items are always compared as their source text, but anything
 * that reads the loaded value (a spreadsheet, another tool) sees the wrong item.
 *
 * Fix: quote exactly what was written.
 */
import { defineRule, fix } from '../rule';
import { getNode } from '../yaml';

export const rule = defineRule({
  id: 'agenda-item-number',
  severity: 'warning',
  description: 'An unquoted agenda item number is read by YAML as a different number.',
  fixable: true,
  check({ paper, report }) {
    const node = getNode(paper.cover, 'agenda_item');
    if (!node || node.kind !== 'scalar' || node.empty || node.style !== 'plain') return;
    if (typeof node.value !== 'number') return;
    const written = node.source.trim();
    if (String(node.value) === written) return;
    const quoted = JSON.stringify(written);
    report({
      message: `Agenda item ${written} is written without quotes, so YAML reads it as the number ${String(node.value)}: item ${written} could be listed, sorted or matched as item ${String(node.value)}, a different item on the agenda. Put it in quotes: ${quoted}.`,
      range: { start: node.start, end: node.end },
      fix: fix(`Quote the agenda item: ${quoted}`, { start: node.start, end: node.end, newText: quoted }),
    });
  },
});
