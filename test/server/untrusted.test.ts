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
