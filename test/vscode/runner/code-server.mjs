// Reusable helpers to run a real VS Code (code-server, VS Code OSS in a browser)
// and drive its workbench with playwright-core + Debian's Chromium.
//
//   import { startCodeServer, launchBrowser, openWorkbench } from './code-server.mjs';
//   const server = await startCodeServer();
//   const browser = await launchBrowser();
//   const page = await openWorkbench(server, browser, { folder: '/abs/workspace' });
//   await page.screenshot({ path: 'shot.png' });
//   await browser.close(); await server.stop();
//
// Install code-server first with .ci/install-code-server.sh. See README.md.

import { spawn, execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const CODE_SERVER_VERSION = process.env.BOARDPAPER_CODE_SERVER_VERSION || '4.100.3';

const DEFAULT_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'git.autoRepositoryDetection': false,
  'npm.autoDetect': 'off',
  'typescript.disableAutomaticTypeAcquisition': true,
  'window.restoreWindows': 'none',
  'chat.disableAIFeatures': true,
  'github.copilot.enable': { '*': false },
};

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

// ------------------------------------------------------------------ cleanup registry
// Everything started here registers a synchronous killer so that SIGINT/SIGTERM
// or an uncaught error never leaves code-server or Chromium running.
const cleanups = new Set();
let signalHandlersInstalled = false;
function installSignalHandlers() {
  if (signalHandlersInstalled) return;
  signalHandlersInstalled = true;
  process.on('exit', () => {
    for (const fn of [...cleanups]) {
      try {
        fn();
      } catch {
        /* ignore */
      }
    }
  });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(sig, () => {
      process.stderr.write(`\n[code-server-runner] ${sig}: cleaning up\n`);
      for (const fn of [...cleanups]) {
        try {
          fn();
        } catch {
          /* ignore */
        }
      }
      process.exit(sig === 'SIGINT' ? 130 : 143);
    });
  }
}
function registerCleanup(fn) {
  installSignalHandlers();
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

// ------------------------------------------------------------------ small utils
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function findCodeServerBin() {
  if (process.env.BOARDPAPER_CODE_SERVER_BIN) return process.env.BOARDPAPER_CODE_SERVER_BIN;
  const dir = process.env.BOARDPAPER_CODE_SERVER_DIR || path.join(os.homedir(), '.cache', 'boardpaper-code-server');
  const bin = path.join(dir, 'node_modules', '.bin', 'code-server');
  if (!fs.existsSync(bin)) {
    throw new Error(
      `code-server not found at ${bin}. Run: bash .ci/install-code-server.sh ` + '(or set BOARDPAPER_CODE_SERVER_BIN / BOARDPAPER_CODE_SERVER_DIR)',
    );
  }
  return bin;
}

/**
 * What the real-editor suites need and is not installed: one line each, with
 * how to install it (empty when everything is there). With
 * `--electron`, test-electron downloads VS Code itself and needs none of it.
 */
export function missingForRealEditor() {
  const missing = [];
  try {
    findCodeServerBin();
  } catch {
    missing.push('code-server (bash .ci/install-code-server.sh)');
  }
  try {
    findChromium();
  } catch {
    missing.push('Chromium (apt-get install chromium, or set BOARDPAPER_CHROMIUM)');
  }
  return missing;
}

/**
 * Called by a real-editor suite before it starts: when something it needs is
 * missing, say clearly that the suite is skipped and exit 0 — except under
 * CI (BOARDPAPER_CI=1, set by .ci/run, which installs everything), where a
 * skipped suite would hide a failure, so it exits 1.
 */
export function skipUnlessRealEditor(suite) {
  const missing = missingForRealEditor();
  if (!missing.length) return;
  if (process.env.BOARDPAPER_CI === '1') {
    console.error(`${suite}: FAILED: not installed: ${missing.join('; ')} (BOARDPAPER_CI=1: every suite must run)`);
    process.exit(1);
  }
  console.log(`${suite}: SKIPPED — not installed: ${missing.join('; ')}`);
  process.exit(0);
}

export function findChromium() {
  const cands = [process.env.BOARDPAPER_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
  for (const c of cands) if (fs.existsSync(c)) return c;
  throw new Error(`Chromium not found (tried ${cands.join(', ')}). apt-get install chromium, or set BOARDPAPER_CHROMIUM`);
}

/** Load playwright-core: normal resolution, else BOARDPAPER_PLAYWRIGHT_CORE (a dir or a node_modules dir), else cwd. */
export async function loadPlaywright() {
  const tries = [];
  const norm = (m) => (m.chromium ? m : m.default);
  try {
    return norm(await import('playwright-core'));
  } catch (e) {
    tries.push(`import: ${e.code || e.message}`);
  }
  const bases = [process.env.BOARDPAPER_PLAYWRIGHT_CORE, path.join(process.cwd(), 'package.json')].filter(Boolean);
  for (const base of bases) {
    try {
      let resolved;
      if (fs.existsSync(path.join(base, 'package.json')) && path.basename(base) === 'playwright-core') {
        resolved = createRequire(path.join(base, 'package.json')).resolve('playwright-core');
      } else {
        const from = fs.existsSync(base) && fs.statSync(base).isDirectory() ? path.join(base, 'x.js') : base;
        resolved = createRequire(from).resolve('playwright-core');
      }
      return norm(await import(pathToFileURL(resolved).href));
    } catch (e) {
      tries.push(`${base}: ${e.code || e.message}`);
    }
  }
  throw new Error('playwright-core is not installed (npm install -D playwright-core; never `npx playwright install`). ' + `Tried: ${tries.join('; ')}`);
}

export function getFreePort(host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, host, () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function httpGetStatus(url, timeoutMs = 2000) {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('timeout', () => {
      req.destroy();
      resolve(0);
    });
    req.on('error', () => resolve(0));
  });
}

function killTree(proc, signal) {
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
  try {
    process.kill(-proc.pid, signal);
  } catch {
    try {
      proc.kill(signal);
    } catch {
      /* gone */
    }
  }
}

// ------------------------------------------------------------------ code-server
/**
 * Start an isolated code-server on 127.0.0.1:<free port>.
 * @param {object} [opts]
 * @param {string} [opts.bin]            code-server binary (default: findCodeServerBin())
 * @param {number} [opts.port]           default: a free port
 * @param {string} [opts.tmpRoot]        folder for user-data/extensions/XDG dirs (default: fresh mkdtemp, removed on stop)
 * @param {object} [opts.settings]       extra user settings.json entries
 * @param {string[]} [opts.installExtensions] .vsix files (or ids) to install first with --install-extension
 * @param {string[]} [opts.extraArgs]    extra code-server args
 * @param {(line:string)=>void} [opts.onOutput] code-server stdout/stderr lines (default: kept in memory, shown on failure)
 * @param {number} [opts.startTimeoutMs] default 60000
 * @param {boolean} [opts.keepTmp]       keep tmpRoot on stop (for debugging)
 */
export async function startCodeServer(opts = {}) {
  const bin = opts.bin || findCodeServerBin();
  const ownsTmp = !opts.tmpRoot;
  const tmpRoot = opts.tmpRoot || (await fsp.mkdtemp(path.join(os.tmpdir(), 'bp-code-server-')));
  const dirs = {
    userData: path.join(tmpRoot, 'user-data'),
    extensions: path.join(tmpRoot, 'extensions'),
    xdgConfig: path.join(tmpRoot, 'xdg-config'),
    xdgData: path.join(tmpRoot, 'xdg-data'),
    xdgCache: path.join(tmpRoot, 'xdg-cache'),
  };
  for (const d of Object.values(dirs)) await fsp.mkdir(d, { recursive: true });
  await fsp.mkdir(path.join(dirs.userData, 'User'), { recursive: true });
  await fsp.writeFile(path.join(dirs.userData, 'User', 'settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, ...(opts.settings || {}) }, null, 2));
  const configFile = path.join(tmpRoot, 'config.yaml');
  await fsp.writeFile(configFile, 'auth: none\ncert: false\n');

  const env = {
    ...process.env,
    XDG_CONFIG_HOME: dirs.xdgConfig,
    XDG_DATA_HOME: dirs.xdgData,
    XDG_CACHE_HOME: dirs.xdgCache,
  };
  // code-server reads these; make sure nothing from the caller's env leaks in.
  delete env.PASSWORD;
  delete env.HASHED_PASSWORD;
  delete env.VSCODE_PROXY_URI;
  delete env.VSCODE_IPC_HOOK_CLI;
  delete env.ELECTRON_RUN_AS_NODE;
  const baseArgs = ['--config', configFile, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];

  const output = [];
  const onOutput =
    opts.onOutput ||
    ((line) => {
      output.push(line);
      if (output.length > 400) output.shift();
    });

  for (const ext of opts.installExtensions || []) {
    const t0 = Date.now();
    try {
      execFileSync(bin, [...baseArgs, '--install-extension', ext, '--force'], { env, stdio: 'pipe', timeout: 120000 });
    } catch (e) {
      throw new Error(`code-server --install-extension ${ext} failed: ${e.stderr || e.stdout || e.message}`);
    }
    onOutput(`[runner] installed ${ext} in ${Date.now() - t0} ms`);
  }

  const port = opts.port || (await getFreePort());
  const args = [
    ...baseArgs,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    ...(opts.extraArgs || []),
  ];
  const t0 = Date.now();
  const proc = spawn(bin, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const unregister = registerCleanup(() => {
    killTree(proc, 'SIGKILL');
    if (ownsTmp && !opts.keepTmp) {
      try {
        fs.rmSync(tmpRoot, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
      } catch {
        /* best effort */
      }
    }
  });
  for (const stream of [proc.stdout, proc.stderr]) {
    let buf = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      buf += chunk;
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        onOutput(buf.slice(0, i));
        buf = buf.slice(i + 1);
      }
    });
  }
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));

  const url = `http://127.0.0.1:${port}`;
  const server = {
    url,
    port,
    proc,
    tmpRoot,
    dirs,
    bin,
    output,
    /** `vscode-remote://` URI string for an absolute path on the server machine. */
    remoteUri: (absPath) => `vscode-remote://127.0.0.1:${port}${encodeURI(path.resolve(absPath))}`,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) {
        killTree(proc, 'SIGTERM');
        const done = await Promise.race([exited.then(() => true), sleep(5000).then(() => false)]);
        if (!done) {
          killTree(proc, 'SIGKILL');
          await Promise.race([exited, sleep(2000)]);
        }
      }
      // Children (extension host, watchers, pty host) share the process group; make sure they are gone.
      try {
        process.kill(-proc.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
      unregister();
      if (ownsTmp && !opts.keepTmp) await fsp.rm(tmpRoot, { recursive: true, force: true }).catch(() => {});
    },
  };

  const deadline = Date.now() + (opts.startTimeoutMs || 60000);
  let early = null;
  exited.then((r) => {
    early = r;
  });
  while (true) {
    if (early) {
      await server.stop();
      throw new Error(`code-server exited before answering (code ${early.code}, signal ${early.signal}):\n${output.join('\n')}`);
    }
    if ((await httpGetStatus(`${url}/healthz`)) === 200) break;
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`code-server did not answer on ${url} within ${opts.startTimeoutMs || 60000} ms:\n${output.join('\n')}`);
    }
    await sleep(200);
  }
  server.startupMs = Date.now() - t0;
  return server;
}

// ------------------------------------------------------------------ browser
/**
 * Launch Debian's Chromium with a fresh profile via playwright-core.
 * Returns { context, page, close() }.
 */
export async function launchBrowser(opts = {}) {
  const { chromium } = await loadPlaywright();
  const root = await fsp.mkdtemp(path.join(os.tmpdir(), 'bp-chromium-'));
  const profile = path.join(root, 'profile');
  await fsp.mkdir(profile);
  const context = await chromium.launchPersistentContext(profile, {
    // Chromium writes "Crash Reports" and dconf under XDG dirs: keep them out of ~.
    env: { ...process.env, XDG_CONFIG_HOME: path.join(root, 'xdg-config'), XDG_CACHE_HOME: path.join(root, 'xdg-cache') },
    executablePath: opts.executablePath || findChromium(),
    headless: opts.headless ?? true,
    args: [...CHROMIUM_ARGS, ...(opts.args || [])],
    viewport: opts.viewport || { width: 1400, height: 900 },
    timeout: opts.launchTimeoutMs || 60000,
  });
  const browserProc = context.browser?.()?.process?.();
  let closed = false;
  // Playwright starts Chromium detached (its own process group): kill the whole group.
  const killSync = () => {
    if (browserProc?.pid) {
      try {
        process.kill(-browserProc.pid, 'SIGKILL');
      } catch {
        try {
          process.kill(browserProc.pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
    }
    try {
      fs.rmSync(root, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    } catch {
      /* best effort */
    }
  };
  const unregister = registerCleanup(killSync);
  const page = context.pages()[0] || (await context.newPage());
  return {
    context,
    page,
    profile,
    async close() {
      if (closed) return;
      closed = true;
      await Promise.race([context.close().catch(() => {}), sleep(10000)]);
      killSync();
      unregister();
    },
  };
}

const automationHandlers = new WeakMap();

/** Build the workbench URL. folder: absolute path on the server; payload: [[key, value], ...]. */
export function workbenchUrl(server, { folder, payload } = {}) {
  const q = [];
  if (folder) q.push(`folder=${encodeURIComponent(path.resolve(folder))}`);
  if (payload && payload.length) q.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
  return `${server.url}/${q.length ? `?${q.join('&')}` : ''}`;
}

/**
 * Open the workbench in the browser's page.
 * @param {object} server  from startCodeServer()
 * @param {object} browser from launchBrowser()
 * @param {object} opts
 * @param {string} [opts.folder]                    absolute workspace folder
 * @param {string} [opts.extensionDevelopmentPath]  absolute extension dir (loaded like F5 / test-electron)
 * @param {string} [opts.extensionTestsPath]        absolute path to a tests module exporting run()
 * @param {(code:number, logs:any)=>void} [opts.onExit]  window.codeAutomationExit handler
 * @param {(type:string, args:any)=>void} [opts.onLog]   window.codeAutomationLog handler
 * @param {(msg:import('playwright-core').ConsoleMessage)=>void} [opts.onConsole]
 * @param {boolean} [opts.waitForWorkbench]  wait until .monaco-workbench is shown (default true)
 * @param {number} [opts.timeoutMs]          default 60000
 */
export async function openWorkbench(server, browser, opts = {}) {
  const { page } = browser;
  const payload = [];
  if (opts.extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', server.remoteUri(opts.extensionDevelopmentPath)]);
  if (opts.extensionTestsPath) payload.push(['extensionTestsPath', server.remoteUri(opts.extensionTestsPath)]);
  // Must be exposed before navigation: the workbench looks them up on window.
  // exposeFunction works once per name and page, so route through per-page handlers.
  let h = automationHandlers.get(page);
  if (!h) {
    h = {};
    automationHandlers.set(page, h);
    await page.exposeFunction('codeAutomationExit', (code, logs) => {
      h.onExit?.(code, logs);
    });
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      h.onLog?.(type, args);
    });
  }
  h.onExit = opts.onExit;
  h.onLog = opts.onLog;
  if (opts.onConsole) page.on('console', opts.onConsole);
  const url = workbenchUrl(server, { folder: opts.folder, payload });
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: opts.timeoutMs || 60000 });
  if (opts.waitForWorkbench ?? true) {
    await page.waitForSelector('.monaco-workbench', { state: 'visible', timeout: opts.timeoutMs || 60000 });
  }
  return page;
}

/**
 * Run a command through the command palette (F1), e.g. 'View: Focus Problems'.
 * Keyboard-driven on purpose: VS Code's DOM class names change between versions.
 */
export async function runCommand(page, title, { timeoutMs = 15000 } = {}) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: timeoutMs });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row').first().waitFor({ timeout: timeoutMs });
  await page.keyboard.press('Enter');
}

/**
 * Open a workspace file by its relative path through Quick Open (Ctrl+P), and
 * wait until its tab is the active one. Quick Open sometimes lists the recently
 * opened files a moment after the search results, or loses a keystroke while a
 * closing editor takes focus; a try that does not end with the file's tab
 * active is retried (Escape, then again), up to three times.
 */
export async function openFile(page, relPath, { timeoutMs = 15000 } = {}) {
  const base = relPath.split('/').pop();
  const activeTab = page.locator(`.tabs-container .tab.active[aria-label*="${base.replace(/"/g, '\\"')}"]`).first();
  const input = page.locator('.quick-input-widget input');
  let lastError;
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      await page.keyboard.press('Control+P');
      await input.waitFor({ state: 'visible', timeout: timeoutMs });
      await input.fill(relPath);
      // The row of the file itself, chosen by its name rather than by position.
      const row = page.locator('.quick-input-list .monaco-list-row', { hasText: base }).first();
      await row.waitFor({ timeout: timeoutMs });
      await row.click();
      await activeTab.waitFor({ timeout: Math.min(timeoutMs, 20000) });
      await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: timeoutMs });
      return;
    } catch (err) {
      lastError = err;
      await page.screenshot({ path: `out/openfile-attempt-${attempt}.png` }).catch(() => {});
      await page.keyboard.press('Escape').catch(() => {});
    }
  }
  throw lastError;
}

/** Live (non-zombie) processes in a process group, as [{pid, stat, cmd}]. Linux `ps`. */
export function groupMembers(pgid) {
  let out = '';
  try {
    out = execFileSync('ps', ['-eo', 'pid=,pgid=,stat=,args='], { encoding: 'utf8' });
  } catch {
    return [];
  }
  return out
    .split('\n')
    .map((l) => l.trim().match(/^(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/))
    .filter(Boolean)
    .filter((m) => Number(m[2]) === pgid && !m[3].startsWith('Z'))
    .map((m) => ({ pid: Number(m[1]), stat: m[3], cmd: m[4] }));
}

/** True when no live process is left in code-server's process group (call after stop()). */
export function noLeftovers(server) {
  return groupMembers(server.proc.pid).length === 0;
}
