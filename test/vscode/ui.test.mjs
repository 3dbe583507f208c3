// UI-level checks through the workbench itself (Playwright + Debian's
// Chromium, inside code-server): the Problems panel shows a paper's findings,
// and the preview shows the cover sheet. Screenshots go to out/vscode-ui/.
// Kept few on purpose: VS Code's DOM changes between versions (pinned 4.100.3).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCodeServer, launchBrowser, openWorkbench, openFile, runCommand, skipUnlessRealEditor } from './runner/code-server.mjs';

skipUnlessRealEditor('UI checks in VS Code (npm run test:ui)');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const shots = path.join(root, 'out', 'vscode-ui');
fs.mkdirSync(shots, { recursive: true });
const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'boardpaper-ui-ws-'));
fs.cpSync(path.join(root, 'test', 'vscode', 'workspace'), ws, { recursive: true });

let server;
let browser;
let failures = 0;
const check = (ok, what) => {
  console.log(`${ok ? '✔' : '✖'} ${what}`);
  if (!ok) failures++;
};

async function until(fn, ms, _what) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn().catch(() => false);
    if (v) return v;
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 500));
  }
}

try {
  // With --vsix, the packaged extension is installed as a user would install
  // it; otherwise the source folder is loaded as a development extension.
  const vsixArg = process.argv.indexOf('--vsix');
  const vsix = vsixArg > 0 ? path.resolve(process.argv[vsixArg + 1]) : null;
  server = await startCodeServer(vsix ? { installExtensions: [vsix] } : {});
  browser = await launchBrowser({});
  const page = await openWorkbench(server, browser, vsix ? { folder: ws } : { folder: ws, extensionDevelopmentPath: root });
  console.log(vsix ? `installed ${path.basename(vsix)}` : 'development extension');
  await page.waitForTimeout(3000);
  await openFile(page, 'papers/2024-05-08/defective.md');
  await runCommand(page, 'View: Focus Problems');
  const problems = await until(async () => {
    const t = await page.locator('.markers-panel').innerText();
    return /agenda-item-number/.test(t) && t;
  }, 40000, 'problems');
  await page.screenshot({ path: path.join(shots, 'problems.png') });
  check(!!problems, 'the Problems panel lists the paper\'s findings with their rule ids');
  check(!!problems && /presented_by/.test(problems), 'a finding\'s message is shown (did you mean presented_by)');

  await openFile(page, 'papers/2024-05-08/clean.md');
  await runCommand(page, 'Board paper: Open Preview to the Side');
  const frameText = await until(async () => {
    for (const f of page.frames()) {
      const t = await f.locator('body').innerText({ timeout: 1000 }).catch(() => '');
      if (/Date of meeting/.test(t) && /Recovery and Transformation Programmes/.test(t)) return t;
    }
    return false;
  }, 40000, 'preview');
  await page.screenshot({ path: path.join(shots, 'preview.png') });
  check(!!frameText, 'the preview webview shows the cover sheet (Date of meeting, title)');
  check(!!frameText && /SO1/.test(frameText) && /Improve quality/.test(frameText), 'the preview lists the strategic objectives with their wording');
} catch (e) {
  console.error(e);
  failures++;
} finally {
  await browser?.close?.().catch(() => {});
  await server?.stop?.().catch(() => {});
  fs.rmSync(ws, { recursive: true, force: true });
}
console.log(`${4 - Math.min(failures, 4)} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
