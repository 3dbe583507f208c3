/**
 * The rule catalogue's generated places, from `RULES` (server/src/core/rules):
 * the `boardPaper.rules` setting's properties in package.json and the `rules`
 * properties of the profile's JSON schema. `npm run catalogue` writes them;
 * test/catalogue/catalogue.test.ts fails when they drift (and checks the
 * hand-written places: docs pages, the two rule tables, fixtures).
 *
 * Usage: node --import=tsx scripts/catalogue.ts [--write]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../server/src/core/rules';

export const root = path.resolve(__dirname, '..');
const SEVERITIES = ['error', 'warning', 'info', 'off'];

export interface CatalogueRule {
  id: string;
  docs: string;
}

/** Every rule of the catalogue, sorted by id (the generated places list them so). */
export function catalogue(): CatalogueRule[] {
  return [...RULES].map((r) => ({ id: r.id, docs: r.docs })).sort((a, b) => a.id.localeCompare(b.id));
}

function readJson(file: string): any {
  return JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));
}

function configurationOf(pkg: any): any {
  const c = pkg.contributes.configuration;
  return Array.isArray(c) ? c.find((x: any) => x.properties?.['boardPaper.rules']) : c;
}

/** package.json with the `boardPaper.rules` setting listing every rule. */
export function packageJsonText(): string {
  const pkg = readJson('package.json');
  const props: Record<string, unknown> = {};
  for (const r of catalogue()) props[r.id] = { type: 'string', enum: SEVERITIES, markdownDescription: `Severity of [${r.id}](${r.docs}).` };
  configurationOf(pkg).properties['boardPaper.rules'].properties = props;
  return JSON.stringify(pkg, null, 2) + '\n';
}

/** The profile schema with `rules` listing every rule. */
export function schemaText(): string {
  const schema = readJson('schemas/boardpaper-profile.schema.json');
  const props: Record<string, unknown> = {};
  for (const r of catalogue()) props[r.id] = { enum: SEVERITIES };
  schema.properties.rules.properties = props;
  return JSON.stringify(schema, null, 2) + '\n';
}

export const GENERATED: Record<string, () => string> = {
  'package.json': packageJsonText,
  'schemas/boardpaper-profile.schema.json': schemaText,
};

if (require.main === module) {
  const write = process.argv.includes('--write');
  let drift = 0;
  for (const [file, make] of Object.entries(GENERATED)) {
    const want = make();
    const have = fs.readFileSync(path.join(root, file), 'utf8');
    if (want === have) continue;
    drift++;
    if (write) {
      fs.writeFileSync(path.join(root, file), want);
      console.log(`wrote ${file}`);
    } else console.log(`${file} is out of date: run npm run catalogue`);
  }
  if (!write && drift) process.exit(1);
}
