/**
 * The rules a run of the CLI or the server uses: the catalogue, unless the
 * environment asks for fault injection. `BOARDPAPER_FAIL_RULE=<rule-id>` makes
 * that rule throw on every paper, so tests can prove end to end that a
 * crashing rule is visible (the CLI exits 2 naming it; the server logs it with
 * the rule id and the document) rather than silently dropping its findings.
 */
import { RULES } from '../core/rules';
import type { Rule } from '../core/rule';

export function rulesFromEnvironment(env: NodeJS.ProcessEnv = process.env): readonly Rule[] | undefined {
  const id = env.BOARDPAPER_FAIL_RULE;
  if (!id) return undefined;
  return RULES.map((r) =>
    r.id === id
      ? {
          ...r,
          check: () => {
            throw new Error(`injected failure (BOARDPAPER_FAIL_RULE=${id})`);
          },
        }
      : r,
  );
}
