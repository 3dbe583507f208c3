// Runs the extension test suite (test/vscode/suite) inside a real VS Code:
// code-server (VS Code OSS) driven by Chromium. Needs `bash .ci/install-code-server.sh`
// first. On a desktop with network, `node scripts/test-vscode.mjs --electron` uses
// @vscode/test-electron instead (it downloads VS Code).
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
if (!process.argv.includes('--electron')) {
  const { skipUnlessRealEditor } = await import('../test/vscode/runner/code-server.mjs');
  skipUnlessRealEditor('extension tests in VS Code (npm run test:vscode)');
}
const out = path.join(root, 'out', 'vscode-test');
fs.rmSync(out, { recursive: true, force: true });
await esbuild.build({
  entryPoints: ['test/vscode/suite/index.ts', 'test/vscode/suite/extension.test.ts', 'test/vscode/suite/meeting.test.ts', 'test/vscode/suite/workflow.test.ts'],
  outdir: out,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  external: ['vscode', 'mocha'],
  absWorkingDir: root,
  logLevel: 'warning',
});
if (!fs.existsSync(path.join(root, 'dist', 'extension.js'))) {
  console.error('dist/extension.js is missing: run `npm run build` first');
  process.exit(2);
}
const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'boardpaper-vscode-ws-'));
fs.cpSync(path.join(root, 'test', 'vscode', 'workspace'), ws, { recursive: true });
const tests = path.join(out, 'index.js');
let r;
if (process.argv.includes('--electron')) {
  const { runTests } = await import('@vscode/test-electron');
  try {
    await runTests({ extensionDevelopmentPath: root, extensionTestsPath: tests, launchArgs: [ws, '--disable-extensions'] });
    r = { status: 0 };
  } catch (e) {
    console.error(e);
    r = { status: 1 };
  }
} else {
  const shot = path.join(root, 'out', 'vscode-test', 'workbench.png');
  r = spawnSync(
    process.execPath,
    [
      path.join(root, 'test', 'vscode', 'runner', 'run-in-code-server.mjs'),
      '--extension',
      root,
      '--tests',
      tests,
      '--workspace',
      ws,
      '--screenshot',
      shot,
      '--timeout',
      '240000',
    ],
    { stdio: 'inherit' },
  );
}
fs.rmSync(ws, { recursive: true, force: true });
process.exit(r.status ?? 1);
