/**
 * No rule module imports another rule module (issue 15): what rules share
 * lives in `core/queries/`, so a rule can be changed or removed alone.
 * `rules/index.ts` is the catalogue and imports them all.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from '@babel/parser';

const RULES_DIR = join(__dirname, '../../server/src/core/rules');

/** The rule modules (names, without `.ts`) that `text`, the source of `file`, imports or re-exports. */
function ruleImports(file: string, text = readFileSync(file, 'utf8')): string[] {
  const program = parse(text, { sourceType: 'module', plugins: ['typescript'] }).program;
  const out: string[] = [];
  for (const node of program.body) {
    const from =
      node.type === 'ImportDeclaration' || node.type === 'ExportAllDeclaration' || node.type === 'ExportNamedDeclaration' ? node.source?.value : undefined;
    if (!from || !from.startsWith('.')) continue;
    const target = resolve(dirname(file), from).replace(/\.ts$/, '');
    if (dirname(target) === resolve(RULES_DIR) && !target.endsWith('/index')) out.push(target.split('/').pop()!);
  }
  return out;
}

describe('rule modules stand alone', () => {
  const files = readdirSync(RULES_DIR).filter((f) => f.endsWith('.ts') && f !== 'index.ts');

  it('finds the rule modules', () => {
    assert.ok(files.length >= 25, `only ${files.length} rule modules found in ${RULES_DIR}`);
  });

  it('no rule module imports another rule module', () => {
    const offenders: string[] = [];
    for (const f of files) {
      for (const target of ruleImports(join(RULES_DIR, f))) offenders.push(`${f} imports rules/${target}`);
    }
    assert.deepEqual(offenders, [], `rules must share code through core/queries/, not through each other:\n${offenders.join('\n')}`);
  });

  it('sees an import of a rule module (the check can fail)', () => {
    const text = [
      "import { x } from './missing-section';",
      'export * from "./placeholder-section";',
      "import type { T } from './unknown-risk.ts';",
      "import { y } from '../queries/sections';",
      "import { RULES } from './index';",
    ].join('\n');
    assert.deepEqual(ruleImports(join(RULES_DIR, 'probe.ts'), text), ['missing-section', 'placeholder-section', 'unknown-risk']);
  });
});
