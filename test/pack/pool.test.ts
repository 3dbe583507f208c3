/**
 * The HTML pack with render workers (server/src/pack/render-pool.ts) is the
 * same file, byte for byte, as the pack built on one thread: the built
 * dist/cli.js with BOARDPAPER_WORKERS=1 (no worker) and =2 (one worker from
 * dist/pack-worker.js beside the main thread; a forced pool never falls back).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cliPath } from '../helpers/run-cli';
import { ensureBuilt, meetingFixture, repoRoot, tempDir, TINY_PNG, writePapers, type PaperSpec } from './helpers';

function pack(workers: number, args: string[]) {
  const r = spawnSync(process.execPath, [cliPath, 'pack', ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', BOARDPAPER_WORKERS: String(workers) },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('boardpaper pack: render workers', function () {
  this.timeout(120_000);
  const dirs: string[] = [];
  before(() => {
    ensureBuilt();
    if (!fs.existsSync(path.join(path.dirname(cliPath), 'pack-worker.js'))) throw new Error('dist/pack-worker.js is missing: run `npm run build` first');
  });
  after(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  function same(folder: string, meeting: string, date: string) {
    const d = tempDir('boardpaper-pool-');
    dirs.push(d);
    const outs = [1, 2].map((w) => {
      const r = pack(w, [folder, '--meeting', meeting, '--date', date, '--part', 'both', '--format', 'html', '--out', path.join(d, `w${w}.html`)]);
      assert.equal(r.status, 0, r.stderr);
      return { r, pub: fs.readFileSync(path.join(d, `w${w}-public.html`), 'utf8'), priv: fs.readFileSync(path.join(d, `w${w}-private.html`), 'utf8') };
    });
    assert.equal(outs[1]!.r.stdout.replaceAll('w2', 'w1'), outs[0]!.r.stdout);
    assert.equal(outs[1]!.pub, outs[0]!.pub);
    assert.equal(outs[1]!.priv, outs[0]!.priv);
    return outs[1]!;
  }

  it('builds the same public and private packs for a meeting with confidential papers', () => {
    const o = same(meetingFixture, 'System Recovery & Transformation Board', '2024-06-18');
    assert.ok(o.priv.includes('Part 2') && o.priv.length > o.pub.length + 10_000);
    assert.ok(/confidential/.test(o.pub));
  });

  it('builds the same pack for the examples', () => {
    same(path.join(repoRoot, 'examples'), 'Integrated Care Board', '2024-05-08');
  });

  it('builds the same pack from papers with raw HTML, comments, footnotes and images, sanitised the same', () => {
    const d = tempDir('boardpaper-pool-');
    dirs.push(d);
    const root = path.join(d, 'meeting');
    const papers: Record<string, PaperSpec> = {};
    for (let i = 1; i <= 6; i++) {
      papers[`0${i}-paper.md`] = {
        title: `Paper ${i}`,
        item: String(i),
        confidential: i === 5 ? 'true' : undefined,
        body: [
          i % 2 ? '<script>alert(1)</script><img src=x onerror="alert(2)"> <b>raw</b>' : '<!-- only a comment here -->',
          '',
          `Text with a note[^n${i}] and ![Chart](img/chart.png) and ![Remote](https://tracker.example.com/p.png). <!-- note -->`,
          '',
          '| Measure | Value |',
          '|---|--:|',
          `| Waits <!-- cell --> | ${i * 100} |`,
          '',
          `[^n${i}]: The note of paper ${i}.`,
        ].join('\n'),
      };
    }
    writePapers(root, papers);
    fs.mkdirSync(path.join(root, 'img'));
    fs.writeFileSync(path.join(root, 'img', 'chart.png'), TINY_PNG);
    const o = same(root, 'Integrated Care Board', '2024-07-10');
    for (const html of [o.pub, o.priv]) {
      for (const bad of ['<script', 'onerror', 'tracker.example.com', '<!--']) assert.ok(!html.includes(bad), bad);
      assert.ok(html.includes('<b>raw</b>') && html.includes('data:image/png;base64,') && html.includes('data-footnote-ref=""'));
    }
    assert.ok(!o.pub.includes('The note of paper 5.') && o.priv.includes('The note of paper 5.'), 'the confidential body is only in the private pack');
  });
});
