#!/usr/bin/env node
// Run an extension-host test suite (the @vscode/test-electron contract: a module
// exporting run()) inside a real VS Code: code-server + headless Chromium.
//
//   node test/vscode/runner/run-in-code-server.mjs \
//     --extension /abs/extension/dir --tests /abs/out/test/index.js \
//     --workspace /abs/folder [--screenshot shot.png] [--timeout 180000] \
//     [--vsix other.vsix ...] [--verbose]
//
// Exit code: what the tests reported through window.codeAutomationExit
// (0 = all passed), 2 for a bad command line, 3 for a runner/infra error,
// 124 for a timeout. code-server and Chromium are always stopped.

import fs from 'node:fs';
import path from 'node:path';
import util, { parseArgs } from 'node:util';
import { startCodeServer, launchBrowser, openWorkbench } from './code-server.mjs';

const USAGE =
  'usage: run-in-code-server.mjs --extension <abs dir> --tests <abs tests index.js> ' +
  '--workspace <abs folder> [--screenshot <png>] [--timeout <ms>] [--vsix <file>]... [--verbose]';

function log(msg) {
  process.stderr.write(`[run-in-code-server] ${msg}\n`);
}

let args;
try {
  ({ values: args } = parseArgs({
    options: {
      extension: { type: 'string' },
      tests: { type: 'string' },
      workspace: { type: 'string' },
      screenshot: { type: 'string' },
      timeout: { type: 'string' },
      vsix: { type: 'string', multiple: true },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  }));
} catch (e) {
  log(`${e.message}\n${USAGE}`);
  process.exit(2);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const verbose = args.verbose || process.env.BOARDPAPER_RUNNER_VERBOSE === '1';

function requireAbs(name, kind) {
  const v = args[name];
  if (!v) {
    log(`missing --${name}\n${USAGE}`);
    process.exit(2);
  }
  const abs = path.resolve(v);
  let st;
  try {
    st = fs.statSync(abs);
  } catch {
    log(`--${name} ${abs} does not exist`);
    process.exit(2);
  }
  if (kind === 'dir' && !st.isDirectory()) {
    log(`--${name} ${abs} is not a directory`);
    process.exit(2);
  }
  if (kind === 'file' && !st.isFile()) {
    log(`--${name} ${abs} is not a file`);
    process.exit(2);
  }
  return abs;
}
const extensionDir = requireAbs('extension', 'dir');
const testsPath = requireAbs('tests', 'file');
const workspace = requireAbs('workspace', 'dir');
if (!fs.existsSync(path.join(extensionDir, 'package.json'))) {
  log(`--extension ${extensionDir} has no package.json`);
  process.exit(2);
}
const timeoutMs = Number(args.timeout || process.env.BOARDPAPER_TEST_TIMEOUT_MS || 180000);
if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
  log(`bad --timeout ${args.timeout}`);
  process.exit(2);
}
const screenshot = args.screenshot ? path.resolve(args.screenshot) : null;

const t0 = Date.now();
const secs = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
let server = null;
let browser = null;
let exitCode = 3;

// In a test run (extensionTestsPath set) the workbench forwards the extension
// host's console.* calls, unlabelled, to its logger, which calls
// window.codeAutomationLog(level, [format, ...args]). The workbench's own log
// lines come the same way, so drop the known start-up/offline noise unless --verbose.
const WORKBENCH_NOISE = [
  /^Resolving connection token/,
  /^Resolved connection token/,
  /^Creating a socket \(renderer-/,
  /^Updating additional builtin extensions cache/,
  /^\[Service Worker\]/,
  /^ChatSessionStore:/,
  /ENOTFOUND|getaddrinfo|EAI_AGAIN|open-vsx\.org|marketplace|gallery/i,
  /^Settings Sync:/,
  /^\[(?:Extension Host|remote-connection|UserDataSync)/,
];
function relayLog(type, logArgs) {
  const parts = Array.isArray(logArgs) ? logArgs : [logArgs];
  const text = util.format(...parts);
  if (!verbose && WORKBENCH_NOISE.some((re) => re.test(text))) return;
  const out = type === 'error' || type === 'warn' ? process.stderr : process.stdout;
  out.write(`${text}\n`);
}

// Hard stop in case start-up itself hangs (each start-up step also has its own timeout).
const watchdog = setTimeout(() => {
  log(`WATCHDOG: run exceeded ${timeoutMs + 180000} ms; killing code-server and Chromium`);
  process.exit(124); // the 'exit' handlers in code-server.mjs kill both process trees
}, timeoutMs + 180000);
watchdog.unref();

try {
  log(`starting code-server (timeout ${timeoutMs} ms)`);
  server = await startCodeServer({
    installExtensions: args.vsix || [],
    onOutput: verbose ? (l) => process.stderr.write(`[code-server] ${l}\n`) : undefined,
  });
  log(`code-server answering at ${server.url} after ${server.startupMs} ms`);
  browser = await launchBrowser();
  log(`chromium launched (${secs()})`);

  let resolveExit;
  const exitPromise = new Promise((r) => {
    resolveExit = r;
  });
  await openWorkbench(server, browser, {
    folder: workspace,
    extensionDevelopmentPath: extensionDir,
    extensionTestsPath: testsPath,
    waitForWorkbench: false,
    onExit: (code) => resolveExit(Number(code)),
    onLog: relayLog,
    onConsole: verbose ? (msg) => process.stderr.write(`[browser:${msg.type()}] ${msg.text()}\n`) : undefined,
    timeoutMs: 60000,
  });
  browser.page.on('pageerror', (err) => log(`page error: ${err.message}`));
  browser.page.on('crash', () => {
    log('page crashed');
    resolveExit(3);
  });
  log(`workbench loading with tests payload (${secs()})`);

  let timer;
  const result = await Promise.race([
    exitPromise,
    new Promise((r) => {
      timer = setTimeout(() => r('timeout'), timeoutMs);
    }),
    new Promise((r) => server.proc.on('exit', (c, s) => r(`code-server exited (${c ?? s})`))),
  ]);
  clearTimeout(timer);
  if (result === 'timeout') {
    log(`TIMEOUT: tests did not report a result within ${timeoutMs} ms`);
    if (!verbose) log('re-run with --verbose to see code-server and browser logs');
    exitCode = 124;
  } else if (typeof result === 'string') {
    log(`ERROR: ${result}`);
    if (server.output.length) log(`code-server output:\n${server.output.join('\n')}`);
    exitCode = 3;
  } else {
    exitCode = Number.isInteger(result) ? result : 3;
    log(`tests reported exit code ${exitCode} (${secs()})`);
  }
  if (screenshot) {
    try {
      await browser.page.screenshot({ path: screenshot, timeout: 15000 });
      log(`screenshot: ${screenshot}`);
    } catch (e) {
      log(`screenshot failed: ${e.message}`);
    }
  }
} catch (e) {
  log(`ERROR: ${e.stack || e.message}`);
  exitCode = 3;
} finally {
  if (browser) await browser.close().catch(() => {});
  if (server) await server.stop().catch(() => {});
  log(`done in ${secs()}, exit ${exitCode}`);
}
process.exit(exitCode);
