/**
 * YAML attacks in the cover sheet and in a profile: alias bombs, huge
 * anchors, deep nesting, unknown tags. Bounded time and memory, and a clear
 * finding (frontmatter-syntax) or profile error rather than a hang.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze } from '../../server/src/core/analyze';
import { DEFAULT_PROFILE } from '../../server/src/core/profile';
import { loadProfileFile, ProfileError } from '../../server/src/node/profile-loader';

const laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
for (let i = 1; i < 9; i++) {
  const prev = String.fromCharCode(96 + i);
  const cur = String.fromCharCode(97 + i);
  laughs.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
}
const BOMB = laughs.join('\n');

const attacks: [string, string][] = [
  ['billion laughs', BOMB],
  ['huge anchor', `big: &big "${'x'.repeat(500_000)}"\ncopy: *big`],
  ['deep flow nesting', `deep: ${'['.repeat(10_000)}${']'.repeat(10_000)}`],
  ['deep block nesting', Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')],
  ['unknown python tag', 'x: !!python/object:os.system ["rm -rf /"]'],
  ['js function tag', 'x: !<tag:yaml.org,2002:js/function> "function(){return 1}"'],
  ['merge bomb', `${BOMB}\nm:\n  <<: [*i, *i, *i]`],
];

describe('robustness: YAML attacks', function () {
  this.timeout(60000);
  for (const [name, yaml] of attacks) {
    it(`cover sheet: ${name}`, () => {
      const text = `---\ntitle: Attack\nmeeting: Integrated Care Board\n${yaml}\n---\n\n## Executive summary\n\nText.\n`;
      const heap = process.memoryUsage().heapUsed;
      const t0 = Date.now();
      const a = analyze(text, DEFAULT_PROFILE, { strict: true });
      const ms = Date.now() - t0;
      assert.ok(ms < 3000, `${name}: ${ms} ms`);
      assert.ok(process.memoryUsage().heapUsed - heap < 200 * 1024 * 1024, 'memory bounded');
      for (const f of a.findings) assert.ok(f.range.end <= text.length);
      if (/bomb|laughs|tag|deep flow/.test(name)) assert.ok(a.findings.some((f) => f.rule === 'frontmatter-syntax' || f.rule === 'unknown-field'), `${name}: reported`);
    });
  }

  it('profile: an alias bomb is a ProfileError, quickly', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'boardpaper-yaml-'));
    const file = path.join(dir, '.boardpaper.yaml');
    fs.writeFileSync(file, `${BOMB}\n`);
    const t0 = Date.now();
    assert.throws(() => loadProfileFile(file), ProfileError);
    assert.ok(Date.now() - t0 < 2000);
  });
});
