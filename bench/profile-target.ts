/**
 * What `node --cpu-prof` records for the hot-spot report: the core's analyze
 * on one paper, a few times. Run by bench/benches/profile.ts:
 *   node --cpu-prof --cpu-prof-dir=DIR --import=tsx bench/profile-target.ts FILE COUNT
 */
import * as fs from 'node:fs';
import { analyze } from '../server/src/core/analyze';
import { ProfileResolver, matchesPaperGlobs } from '../server/src/node/profile-loader';

const [file, countArg] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: profile-target.ts FILE [COUNT]\n');
  process.exit(2);
}
const text = fs.readFileSync(file, 'utf8');
const loaded = new ProfileResolver({}).forFile(file);
const opts = { matchesPaperGlob: matchesPaperGlobs(file, loaded) };
const count = Number(countArg ?? 5);
let findings = 0;
for (let i = 0; i < count; i++) findings = analyze(text, loaded.profile, opts).findings.length;
process.stdout.write(JSON.stringify({ count, findings }) + '\n');
