/**
 * duplicate-agenda-item: two papers for the same meeting (aliases resolved)
 * and date have the same `agenda_item` text. The check needs several papers,
 * so it runs in `core/across.ts` (`checkAcrossPapers`), called by the CLI for
 * the papers it was given and by the language server for the workspace; the
 * single-paper check does nothing.
 */
import { defineRule } from '../rule';

export const rule = defineRule({
  id: 'duplicate-agenda-item',
  severity: 'warning',
  description: 'Two papers for the same meeting and date have the same agenda item number.',
  fixable: false,
  check() {
    // Across papers only: see core/across.ts.
  },
});
