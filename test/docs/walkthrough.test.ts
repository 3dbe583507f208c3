/**
 * The VS Code walkthrough (package.json `contributes.walkthroughs`): every
 * step's media file exists and is packaged in the .vsix (`.vscodeignore`),
 * every command it links or completes on is contributed and registered by
 * the extension, and the steps go through the first hour: the examples, a
 * finding fixed, the preview, a new paper, the agenda pack.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';

const root = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

interface Step {
  id: string;
  title: string;
  description: string;
  media: { markdown?: string; image?: string | Record<string, string>; svg?: string; altText?: string };
  completionEvents?: string[];
}
const walkthroughs = (pkg.contributes.walkthroughs ?? []) as { id: string; title: string; description: string; steps: Step[] }[];
const contributed = new Set((pkg.contributes.commands as { command: string }[]).map((c) => c.command));

/** `command:ID` links (with or without arguments) in a text. */
const commandLinks = (text: string) => [...text.matchAll(/\]\(command:([\w.]+)/g)].map((m) => m[1]!);

/** Is a file packaged in the .vsix? `.vscodeignore` here ignores everything, then lets paths back in with `!`. */
function inVsix(rel: string): boolean {
  const lines = fs
    .readFileSync(path.join(root, '.vscodeignore'), 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  assert.equal(lines[0], '**', '.vscodeignore starts by ignoring everything');
  let included = false;
  for (const l of lines.slice(1)) {
    const negated = l.startsWith('!');
    const pattern = negated ? l.slice(1) : l;
    if (picomatch.isMatch(rel, pattern, { dot: true }) || picomatch.isMatch(rel, `${pattern}/**`, { dot: true })) included = negated;
  }
  return included;
}

/** Every file under the folders the extension's sources live in, joined (to find registrations). */
function clientSources(): string {
  return fs
    .readdirSync(path.join(root, 'client', 'src'))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => fs.readFileSync(path.join(root, 'client', 'src', f), 'utf8'))
    .join('\n');
}

describe('the VS Code walkthrough', () => {
  it('is contributed, with steps through the first hour in order', () => {
    assert.equal(walkthroughs.length, 1);
    const w = walkthroughs[0]!;
    assert.ok(w.id && w.title && w.description);
    assert.deepEqual(
      w.steps.map((s) => commandLinks(s.description)[0]),
      ['boardPaper.openExamples', 'boardPaper.fixAll', 'boardPaper.showPreviewToSide', 'boardPaper.newPaper', 'boardPaper.generatePack'],
    );
    assert.equal(new Set(w.steps.map((s) => s.id)).size, w.steps.length, 'step ids are unique');
  });

  for (const step of walkthroughs[0]?.steps ?? []) {
    describe(`step ${step.id}`, () => {
      it('has a title, a description and one media file that exists and is packaged in the .vsix', () => {
        assert.ok(step.title.trim() && step.description.trim());
        const files = [
          step.media.markdown,
          step.media.svg,
          ...(typeof step.media.image === 'string' ? [step.media.image] : Object.values(step.media.image ?? {})),
        ].filter((f): f is string => !!f);
        assert.equal(files.length, 1, 'one media file');
        for (const f of files) {
          assert.ok(fs.existsSync(path.join(root, f)), `${f} is missing`);
          assert.ok(inVsix(f), `${f} is not packaged (.vscodeignore)`);
        }
        if (step.media.image) assert.ok(step.media.altText, 'an image needs altText');
      });

      it('links and completes on commands the extension contributes and registers', () => {
        const media = step.media.markdown ? fs.readFileSync(path.join(root, step.media.markdown), 'utf8') : '';
        const commands = [
          ...commandLinks(step.description),
          ...commandLinks(media),
          ...(step.completionEvents ?? []).filter((e) => e.startsWith('onCommand:')).map((e) => e.slice('onCommand:'.length)),
        ];
        assert.ok(commands.length > 0, 'the step links a command');
        const sources = clientSources();
        for (const c of commands) {
          assert.ok(contributed.has(c), `${c} is not in contributes.commands`);
          assert.ok(sources.includes(`'${c}'`), `${c} is not registered in client/src`);
        }
      });
    });
  }

  it('the examples the first step copies are packaged, with the paper it opens', () => {
    const src = fs.readFileSync(path.join(root, 'client', 'src', 'examples.ts'), 'utf8');
    const first = /FIRST_PAPER = \[([^\]]+)\]/
      .exec(src)?.[1]
      ?.split(',')
      .map((s) => s.trim().replace(/^'|'$/g, ''));
    assert.ok(first, 'FIRST_PAPER in client/src/examples.ts');
    const rel = ['examples', ...first].join('/');
    assert.ok(fs.existsSync(path.join(root, rel)), rel);
    for (const f of ['examples/README.md', rel]) assert.ok(inVsix(f), `${f} is not packaged`);
    assert.ok(!inVsix('test/fixtures/rules/clean-example.md'), 'the .vscodeignore check itself: tests are not packaged');
  });
});
