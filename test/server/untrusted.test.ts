/**
 * Untrusted workspaces: a `.boardpaper.yaml` cannot make the server read files
 * outside the workspace (an `extends` or `risk_register` pointing out of it
 * is refused and shown on the profile), while a trusted workspace reads them.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TestClient, uri, workspace } from './lsp-client';
import { CLEAN } from './papers';

describe('untrusted workspace', function () {
  this.timeout(30000);
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'boardpaper-outside-'));
  fs.writeFileSync(path.join(outside, 'register.csv'), 'id,title\n019,NOF ratings\n');
  const profile = `risk_register: ${path.join(outside, 'register.csv')}\n`;

  for (const untrusted of [true, false]) {
    it(untrusted ? 'refuses a register outside the workspace, on the profile file' : 'a trusted workspace reads the same register', async () => {
      const dir = workspace({ '.boardpaper.yaml': profile, 'papers/p.md': CLEAN });
      const client = await TestClient.start({ folders: [dir], initializationOptions: { untrustedWorkspace: untrusted } });
      try {
        const u = client.open(path.join(dir, 'papers/p.md'), CLEAN);
        if (untrusted) {
          const d = await client.diagnosticsFor(uri(path.join(dir, '.boardpaper.yaml')), (x) => x.length > 0);
          assert.match(d.map((x) => x.message).join(' '), /outside the workspace/);
        } else {
          const d = await client.diagnosticsFor(u, (x) => x.some((y) => y.code === 'unknown-risk'));
          assert.equal(d.filter((x) => x.code === 'unknown-risk').length, 1, 'the register was read: 008 is not on it');
        }
      } finally {
        await client.stop();
      }
    });
  }
});

describe('untrusted workspace: every way out is closed', function () {
  this.timeout(30000);
  const outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'boardpaper-outside-')));
  fs.writeFileSync(path.join(outside, 'base.yaml'), 'rules:\n  field-type: "off"\n');
  fs.writeFileSync(path.join(outside, 'register.csv'), 'id,title\n"019",NOF ratings\n');
  const approval = CLEAN.replace('purpose: note', 'purpose: approval');

  async function refused(files: Record<string, string>, link?: [string, string], settings: Record<string, unknown> = {}, why = /outside the workspace/) {
    const dir = workspace({ 'papers/p.md': approval, ...files });
    if (link) fs.symlinkSync(link[1], path.join(dir, link[0]));
    const client = await TestClient.start({ folders: [dir], settings, initializationOptions: { untrustedWorkspace: true } });
    try {
      const u = client.open(path.join(dir, 'papers/p.md'));
      // The outside profile would switch field-type off, its register would name 019: neither is read,
      // and the paper is not checked against a half-loaded profile.
      assert.deepEqual(await client.diagnosticsFor(u), []);
      const problems = await client.until(
        () => {
          for (const [k, v] of client.diagnostics) if (k.endsWith('.yaml') && v.at(-1)!.diagnostics.length) return v.at(-1)!.diagnostics;
          return undefined;
        },
        8000,
        'a profile error',
      );
      assert.match(problems.map((x) => x.message).join(' '), why);
      assert.ok(client.alive());
    } finally {
      await client.stop();
    }
  }

  it('extends: a relative path out of the workspace is refused', () => refused({ '.boardpaper.yaml': `extends: ../${path.basename(outside)}/base.yaml\n` }));
  it('extends: an absolute path is refused', () => refused({ '.boardpaper.yaml': `extends: ${path.join(outside, 'base.yaml')}\n` }));
  it('extends: a symbolic link inside the workspace to a file outside is refused', () =>
    refused({ '.boardpaper.yaml': 'extends: base.yaml\n' }, ['base.yaml', path.join(outside, 'base.yaml')]));
  it('risk_register: a symbolic link inside the workspace to a file outside is refused', () =>
    refused({ '.boardpaper.yaml': 'risk_register: reg.csv\n' }, ['reg.csv', path.join(outside, 'register.csv')]));
  it('boardPaper.profile naming a file outside the workspace is refused (VS Code also ignores the workspace value: restrictedConfigurations)', () =>
    refused({}, undefined, { profile: path.join(outside, 'base.yaml') }));
  it('no profile runs code: tags that would build functions or objects are an error, and nothing runs', async () => {
    const marker = path.join(outside, 'ran');
    const code = `require('fs').writeFileSync(${JSON.stringify(marker)}, 'x')`;
    for (const profile of [
      `organisation: !!js/function "function () { ${code.replace(/"/g, '\\"')} }"\n`,
      `organisation: !<tag:yaml.org,2002:js/function> "() => ${code.replace(/"/g, '\\"')}"\n`,
      `organisation: !!python/object/apply:os.system ["touch ${marker}"]\n`,
      `rules: !!js/regexp /x/\n`,
    ]) {
      await refused({ '.boardpaper.yaml': profile }, undefined, {}, /tag|unknown|must|YAML/i);
      assert.equal(fs.existsSync(marker), false, profile);
    }
  });
  it('the extension declares limited support for untrusted workspaces, with boardPaper.profile restricted', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.deepEqual(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations, ['boardPaper.profile']);
  });
  it('a profile inside the workspace that extends one inside it still works', async () => {
    const dir = workspace({
      'papers/p.md': approval,
      '.boardpaper.yaml': 'extends: profiles/base.yaml\n',
      'profiles/base.yaml': 'rules:\n  field-type: "off"\n',
    });
    const client = await TestClient.start({ folders: [dir], initializationOptions: { untrustedWorkspace: true } });
    try {
      const u = client.open(path.join(dir, 'papers/p.md'));
      assert.deepEqual(await client.diagnosticsFor(u), []);
    } finally {
      await client.stop();
    }
  });
});
