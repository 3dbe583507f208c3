/**
 * Papers in CI (docs/ci.md): the pre-commit hook definitions run the CLI on
 * staged papers as pre-commit would run them; the SARIF the CLI writes has
 * what SARIF 2.1.0 and code scanning's upload require; the example GitHub
 * Actions workflow writes that SARIF and uploads the same file.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as jsyaml from 'js-yaml';
import { cliPath, repoRoot, tempDir } from '../helpers/run-cli';
import { RULES } from '../../server/src/core/rules';
import { sarifUri } from '../../server/src/cli/output';

const examples = path.join(repoRoot, 'examples', 'papers', '2024-05-08');
const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { bin: Record<string, string> };

interface Hook {
  id: string;
  name: string;
  entry: string;
  language: string;
  files?: string;
  exclude?: string;
  types?: string[];
  types_or?: string[];
  args?: string[];
  pass_filenames?: boolean;
  require_serial?: boolean;
}

/** The file-type tags of pre-commit's `identify` used by these hooks, by extension. */
const TAGS: Record<string, RegExp> = { markdown: /\.(md|markdown|mdown|mkdn|mkd)$/i, text: /./ };

/** The staged files pre-commit would pass to a hook: `files`/`exclude` as Python's re.search, `types` all present. */
function filesForHook(hook: Hook, staged: string[]): string[] {
  for (const t of [...(hook.types ?? []), ...(hook.types_or ?? [])]) assert.ok(TAGS[t], `tag ${t} not known to this test`);
  return staged.filter(
    (f) =>
      (hook.files === undefined || new RegExp(hook.files).test(f)) &&
      (hook.exclude === undefined || !new RegExp(hook.exclude).test(f)) &&
      (hook.types ?? []).every((t) => TAGS[t]!.test(f)) &&
      (!hook.types_or || hook.types_or.some((t) => TAGS[t]!.test(f))),
  );
}

/** Run a hook as pre-commit does: its entry (split like a shell would), its args, then the files, from the repository's root. */
function runHook(hook: Hook, cwd: string, files: string[]) {
  const [command, ...entryArgs] = hook.entry.trim().split(/\s+/);
  // language: node — pre-commit installs this package, so the command is one of its bins.
  const bin = pkg.bin[command!];
  assert.ok(bin, `the hook's command "${command}" is not a bin of this package`);
  assert.equal(path.resolve(repoRoot, bin), cliPath);
  const args = [...entryArgs, ...(hook.args ?? []), ...(hook.pass_filenames === false ? [] : files)];
  return spawnSync(process.execPath, [cliPath, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
}

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.org' },
  });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

/** A git repository of papers with some files staged. */
function repoWith(files: Record<string, string>): string {
  const dir = tempDir('boardpaper-precommit-');
  git(dir, 'init', '-q');
  for (const [rel, from] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.copyFileSync(from, path.join(dir, rel));
  }
  git(dir, 'add', '.');
  return dir;
}

describe('papers in CI', function () {
  this.timeout(60000);

  describe('.pre-commit-hooks.yaml', () => {
    const hooks = jsyaml.load(fs.readFileSync(path.join(repoRoot, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
    const hook = (id: string) => hooks.find((h) => h.id === id)!;

    it('defines the boardpaper hooks as pre-commit requires (id, name, entry, language), run once for all files', () => {
      assert.ok(Array.isArray(hooks));
      assert.deepEqual(
        hooks.map((h) => h.id),
        ['boardpaper', 'boardpaper-fix'],
      );
      for (const h of hooks) {
        for (const k of ['id', 'name', 'entry', 'language'] as const) assert.equal(typeof h[k], 'string', `${h.id}: ${k}`);
        assert.equal(h.language, 'node', 'pre-commit installs this package for the hook');
        assert.equal(h.require_serial, true, 'one run, so papers are compared with each other');
      }
    });

    it('the check hook, on the staged Markdown: reports the defective paper and never the README, exit 1', () => {
      const dir = repoWith({
        'papers/2024-05-08/10.10-virtual-wards.md': path.join(examples, '10.10-virtual-wards.md'),
        'papers/2024-05-08/05-chief-executive-report.md': path.join(examples, '05-chief-executive-report.md'),
        'README.md': path.join(repoRoot, 'examples', 'README.md'),
        'notes.txt': path.join(repoRoot, 'LICENSE'),
      });
      const staged = git(dir, 'diff', '--cached', '--name-only').trim().split('\n');
      const files = filesForHook(hook('boardpaper'), staged);
      assert.deepEqual(files.sort(), ['README.md', 'papers/2024-05-08/05-chief-executive-report.md', 'papers/2024-05-08/10.10-virtual-wards.md']);
      const r = runHook({ ...hook('boardpaper'), args: [...(hook('boardpaper').args ?? []), '--format', 'json'] }, dir, files);
      assert.equal(r.status, 1, r.stderr);
      const out = JSON.parse(r.stdout) as { file: string; diagnostics: { rule: string }[] }[];
      assert.deepEqual(out.map((f) => f.file).sort(), ['papers/2024-05-08/05-chief-executive-report.md', 'papers/2024-05-08/10.10-virtual-wards.md']);
      assert.ok(out.find((f) => f.file.endsWith('10.10-virtual-wards.md'))!.diagnostics.some((d) => d.rule === 'agenda-item-number'));

      // As the hook prints it (stylish), naming the file and the rule.
      const plain = runHook(hook('boardpaper'), dir, files);
      assert.equal(plain.status, 1);
      assert.match(plain.stdout, /papers\/2024-05-08\/10\.10-virtual-wards\.md/);
      assert.match(plain.stdout, /agenda-item-number/);
      assert.doesNotMatch(plain.stdout, /README/);
    });

    it('the check hook passes (exit 0) when the staged papers are clean', () => {
      const dir = repoWith({
        'papers/2024-05-08/09-financial-plan-2024-25.md': path.join(examples, '09-financial-plan-2024-25.md'),
        'README.md': path.join(repoRoot, 'examples', 'README.md'),
      });
      const staged = git(dir, 'diff', '--cached', '--name-only').trim().split('\n');
      const r = runHook(hook('boardpaper'), dir, filesForHook(hook('boardpaper'), staged));
      assert.equal(r.status, 0, r.stdout + r.stderr);
    });

    it('the fix hook fixes the staged paper in the working tree (so pre-commit stops the commit for a look)', () => {
      const dir = repoWith({ 'papers/2024-05-08/10.10-virtual-wards.md': path.join(examples, '10.10-virtual-wards.md') });
      const file = path.join(dir, 'papers/2024-05-08/10.10-virtual-wards.md');
      const before = fs.readFileSync(file, 'utf8');
      const staged = git(dir, 'diff', '--cached', '--name-only').trim().split('\n');
      runHook(hook('boardpaper-fix'), dir, filesForHook(hook('boardpaper-fix'), staged));
      const after = fs.readFileSync(file, 'utf8');
      assert.notEqual(after, before);
      assert.match(after, /agenda_item: "10\.10"/);
      assert.ok(git(dir, 'diff', '--name-only').includes('10.10-virtual-wards.md'), 'the working tree differs from the index');
    });
  });

  describe('SARIF for code scanning', () => {
    let dir: string;
    let log: SarifLog;
    let json: { file: string; diagnostics: { rule: string; line: number; column: number }[] }[];

    interface SarifResult {
      ruleId: string;
      ruleIndex?: number;
      level?: string;
      message: { text: string };
      locations: {
        physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn?: number; endLine?: number; endColumn?: number } };
      }[];
    }
    interface SarifLog {
      $schema?: string;
      version: string;
      runs: {
        tool: {
          driver: {
            name: string;
            version?: string;
            informationUri?: string;
            rules: { id: string; name?: string; shortDescription?: { text: string }; helpUri?: string; defaultConfiguration?: { level: string } }[];
          };
        };
        results: SarifResult[];
      }[];
    }

    before(() => {
      dir = tempDir('boardpaper-sarif-');
      fs.cpSync(examples, path.join(dir, 'papers', '2024-05-08'), { recursive: true });
      // A name with a space and a "#": still one file in the URI.
      fs.copyFileSync(path.join(examples, '10.10-virtual-wards.md'), path.join(dir, 'papers', '2024-05-08', 'item #10.10 copy.md'));
      const r = spawnSync(process.execPath, [cliPath, 'check', '--format', 'sarif'], { cwd: dir, encoding: 'utf8' });
      assert.equal(r.status, 1, r.stderr);
      log = JSON.parse(r.stdout);
      json = JSON.parse(spawnSync(process.execPath, [cliPath, 'check', '--format', 'json'], { cwd: dir, encoding: 'utf8' }).stdout);
    });

    it('is a SARIF 2.1.0 log with one run of the tool boardpaper', () => {
      assert.equal(log.version, '2.1.0');
      assert.match(log.$schema ?? '', /sarif.*2\.1\.0/);
      assert.equal(log.runs.length, 1);
      assert.equal(log.runs[0]!.tool.driver.name, 'boardpaper');
      assert.match(log.runs[0]!.tool.driver.informationUri ?? '', /^https:\/\//);
    });

    it('has a rule entry for every rule: unique id, description, help page, default level', () => {
      const rules = log.runs[0]!.tool.driver.rules;
      assert.deepEqual(
        rules.map((r) => r.id),
        RULES.map((r) => r.id),
      );
      for (const r of rules) {
        assert.ok(r.shortDescription?.text, r.id);
        assert.match(r.helpUri ?? '', /^https:\/\/.+\.md$/, r.id);
        assert.ok(['none', 'note', 'warning', 'error'].includes(r.defaultConfiguration?.level ?? ''), r.id);
      }
    });

    it('has a result for every finding, with what the upload requires: rule, level, message, one located region in a file of the repository', () => {
      const rules = log.runs[0]!.tool.driver.rules;
      const results = log.runs[0]!.results;
      assert.equal(
        results.length,
        json.reduce((n, f) => n + f.diagnostics.length, 0),
      );
      assert.ok(results.length > 10);
      for (const r of results) {
        assert.equal(rules[r.ruleIndex!]!.id, r.ruleId, 'ruleIndex points at the rule');
        assert.ok(['none', 'note', 'warning', 'error'].includes(r.level!), String(r.level));
        assert.ok(r.message.text.trim().length > 0);
        assert.equal(r.locations.length, 1);
        const { artifactLocation, region } = r.locations[0]!.physicalLocation;
        // Relative to the folder the check ran in (the repository's root in the workflow): no scheme, no leading slash, no "..".
        assert.doesNotMatch(artifactLocation.uri, /^[a-z][a-z0-9+.-]*:|^\/|(^|\/)\.\.(\/|$)|\\/i);
        assert.doesNotMatch(artifactLocation.uri, /[#? ]/, 'reserved characters are percent-encoded');
        const file = path.join(dir, ...artifactLocation.uri.split('/').map(decodeURIComponent));
        assert.ok(fs.existsSync(file), `${artifactLocation.uri} names no file`);
        for (const k of ['startLine', 'startColumn', 'endLine', 'endColumn'] as const)
          assert.ok(Number.isInteger(region[k]) && region[k]! >= 1, `${k} ${region[k]}`);
        assert.ok(region.endLine! > region.startLine || (region.endLine === region.startLine && region.endColumn! >= region.startColumn!));
      }
      const odd = results.filter((r) => r.locations[0]!.physicalLocation.artifactLocation.uri.includes('%23'));
      assert.ok(odd.length > 0);
      assert.equal(odd[0]!.locations[0]!.physicalLocation.artifactLocation.uri, 'papers/2024-05-08/item%20%2310.10%20copy.md');
    });

    it('a path given absolute becomes a file: URI of that file', () => {
      const abs = path.join(dir, 'papers', '2024-05-08', 'item #10.10 copy.md');
      assert.equal(fileURLToPath(sarifUri(abs)), abs);
      assert.equal(sarifUri('papers/a b.md'), 'papers/a%20b.md');
    });
  });

  describe('the example GitHub Actions workflow (docs/examples/boardpaper.yml)', () => {
    interface Step {
      id?: string;
      name?: string;
      uses?: string;
      run?: string;
      if?: string;
      with?: Record<string, string>;
      'continue-on-error'?: boolean;
    }
    const wf = jsyaml.load(fs.readFileSync(path.join(repoRoot, 'docs', 'examples', 'boardpaper.yml'), 'utf8')) as {
      permissions: Record<string, string>;
      jobs: Record<string, { steps: Step[] }>;
    };
    const steps = Object.values(wf.jobs)[0]!.steps;

    it('checks with --format sarif, uploads that file with upload-sarif even when papers have errors, then fails the job on errors', () => {
      assert.equal(wf.permissions['security-events'], 'write');
      const check = steps.find((s) => s.run?.includes('boardpaper check'))!;
      assert.match(check.run!, /--format sarif/);
      const written = /> *(\S+)\s*$/.exec(check.run!.trim())?.[1];
      assert.ok(written, 'the check step writes the SARIF to a file');
      assert.equal(check['continue-on-error'], true);
      const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
      assert.ok(upload, 'an upload-sarif step');
      assert.equal(upload.with?.sarif_file, written);
      assert.ok(steps.indexOf(upload) > steps.indexOf(check));
      assert.equal(upload.if, 'always()');
      const fail = steps.at(-1)!;
      assert.equal(fail.if, `steps.${check.id}.outcome == 'failure'`);
      assert.match(fail.run!, /exit 1/);
    });

    it('its check step, run as written with the boardpaper command on PATH, writes a SARIF log of the papers', () => {
      const check = steps.find((s) => s.run?.includes('boardpaper check'))!;
      const repo = tempDir('boardpaper-workflow-');
      fs.cpSync(examples, path.join(repo, 'papers', '2024-05-08'), { recursive: true });
      const bin = path.join(repo, '.bin');
      fs.mkdirSync(bin);
      fs.writeFileSync(path.join(bin, 'boardpaper'), `#!/bin/sh\nexec "${process.execPath}" "${cliPath}" "$@"\n`, { mode: 0o755 });
      const r = spawnSync('bash', ['-e', '-c', check.run!], {
        cwd: repo,
        encoding: 'utf8',
        env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}` },
      });
      assert.equal(r.status, 1, `exit 1: the examples have errors (${r.stderr})`);
      const sarifLog = JSON.parse(fs.readFileSync(path.join(repo, 'boardpaper.sarif'), 'utf8')) as { version: string; runs: { results: unknown[] }[] };
      assert.equal(sarifLog.version, '2.1.0');
      assert.ok(sarifLog.runs[0]!.results.length > 0);
    });
  });
});
