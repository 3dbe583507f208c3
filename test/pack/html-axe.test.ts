/**
 * The HTML pack has no WCAG 2.2 A/AA violations under axe-core (npm) in a
 * real browser: Debian's Chromium driven by playwright-core (never
 * `npx playwright install`). CI installs Chromium (.ci/install-code-server.sh);
 * on a machine without /usr/bin/chromium the suite says it is skipped.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureBuilt, meetingFixture, runCli, tempDir, writePapers } from './helpers';

const CHROMIUM = process.env.BOARDPAPER_CHROMIUM ?? '/usr/bin/chromium';
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

interface AxeResult {
  violations: { id: string; impact: string; help: string; nodes: { target: string[]; failureSummary?: string }[] }[];
  passes: { id: string }[];
}

describe('boardpaper pack: the HTML pack passes axe-core (WCAG 2.2 A/AA) in Chromium', function () {
  this.timeout(240000);
  let dir: string;
  let browser: import('playwright-core').Browser | undefined;

  before(async function () {
    if (!fs.existsSync(CHROMIUM)) {
      // CI (.ci/run) installs Chromium and sets BOARDPAPER_CI=1: there a missing browser is a failure, not a skip.
      if (process.env.BOARDPAPER_CI === '1')
        assert.fail(`no Chromium at ${CHROMIUM}, and BOARDPAPER_CI=1 says every suite must run (apt-get install -y chromium)`);
      console.log(`      skipped: no Chromium at ${CHROMIUM} (install Debian's chromium, as .ci/install-code-server.sh does, or set BOARDPAPER_CHROMIUM)`);
      this.skip();
    }
    ensureBuilt();
    dir = tempDir('boardpaper-axe-');
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  after(async () => {
    await browser?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function axe(file: string): Promise<AxeResult> {
    const page = await browser!.newPage();
    try {
      await page.goto(`file://${file}`);
      await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
      return (await page.evaluate(
        `axe.run(document, ${JSON.stringify({ runOnly: { type: 'tag', values: TAGS }, resultTypes: ['violations', 'passes'] })})`,
      )) as AxeResult;
    } finally {
      await page.close();
    }
  }

  function report(r: AxeResult): string {
    return r.violations
      .map(
        (v) =>
          `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes
            .slice(0, 3)
            .map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`)
            .join('\n  ')}`,
      )
      .join('\n');
  }

  it('a realistic meeting, public and private, final and draft: no violations', async () => {
    for (const extra of [[], ['--draft']]) {
      const out = path.join(dir, `srtb${extra.length ? '-draft' : ''}.html`);
      const r = runCli(['pack', meetingFixture, '--meeting', 'SRTB', '--date', '2024-06-18', '--part', 'both', ...extra, '--out', out]);
      assert.equal(r.status, 0, r.stderr);
      for (const part of ['public', 'private']) {
        const file = out.replace(/\.html$/, `-${part}.html`);
        const res = await axe(file);
        assert.equal(res.violations.length, 0, `${path.basename(file)}:\n${report(res)}`);
        const passed = new Set(res.passes.map((p) => p.id));
        for (const rule of ['html-has-lang', 'document-title', 'color-contrast', 'th-has-data-cells', 'bypass'])
          assert.ok(passed.has(rule), `${rule} was checked and passed on ${path.basename(file)}`);
      }
    }
  });

  it('an agenda with verbal items, a document, a missing paper and images: no violations', async () => {
    const root = path.join(dir, 'agenda');
    writePapers(root, {
      '01-plan.md': {
        title: 'Winter Plan',
        item: '2',
        body: '### Deep heading first\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n![Chart of beds](chart.png)\n\n![](chart.png)\n',
      },
    });
    fs.writeFileSync(
      path.join(root, 'chart.png'),
      Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGNgYPj/n4GB4T8DEwMDAwA4EgT/1m1a9wAAAABJRU5ErkJggg==', 'base64'),
    );
    fs.writeFileSync(path.join(root, 'minutes.md'), '# Minutes\n\nAgreed.\n');
    fs.writeFileSync(
      path.join(root, 'agenda.yaml'),
      'meeting: Integrated Care Board\ndate: 2024-07-10\nitems:\n  - item: "1"\n    title: Welcome\n    kind: verbal\n    time: "13:00"\n  - item: "1.1"\n    title: Minutes\n    kind: document\n    file: minutes.md\n  - item: "2"\n    title: Winter plan\n  - item: "3"\n    title: Quality report\n  - item: "4"\n    title: Contract\n    confidential: true\n',
    );
    const out = path.join(dir, 'agenda.html');
    const r = runCli(['pack', root, '--meeting', 'Integrated Care Board', '--date', '2024-07-10', '--draft', '--part', 'both', '--out', out]);
    assert.equal(r.status, 0, r.stderr);
    for (const part of ['public', 'private']) {
      const res = await axe(out.replace(/\.html$/, `-${part}.html`));
      assert.equal(res.violations.length, 0, `${part}:\n${report(res)}`);
    }
  });

  it('has one h1, a skip link to the agenda and headings that never skip a level', async () => {
    const file = path.join(dir, 'srtb-draft-private.html');
    const page = await browser!.newPage();
    try {
      await page.goto(`file://${file}`);
      const levels = await page.$$eval('h1, h2, h3, h4, h5, h6', (hs) => hs.map((h) => Number(h.tagName.slice(1))));
      assert.equal(levels.filter((l) => l === 1).length, 1, 'one h1');
      assert.equal(levels[0], 1);
      for (let i = 1; i < levels.length; i++) assert.ok(levels[i]! <= levels[i - 1]! + 1, `h${levels[i]} after h${levels[i - 1]}`);
      const skip = await page.$eval('a.skip', (a) => ({ href: a.getAttribute('href'), first: a === a.ownerDocument.body.querySelector('a') }));
      assert.deepEqual(skip, { href: '#agenda', first: true });
      assert.equal(await page.$eval('main', (m) => !!m.querySelector('#agenda')), true);
    } finally {
      await page.close();
    }
  });
});
