// Run a @vscode/test-electron style suite (a module exporting `run(): Promise<void>`) inside
// code-server's Node extension host, driven by headless chromium.
//
// The workbench URL carries `payload` with extensionDevelopmentPath / extensionTestsPath as
// vscode-remote:// URIs whose authority is exactly the host:port the browser uses. The workbench
// forwards every log line (mocha's reporter too) to window.codeAutomationLog and calls
// window.codeAutomationExit(code) when run() settles (0 = resolved, 1 = rejected or threw).
//
// CLI:  node test/e2e/runExtensionHostSuite.mjs --extensionDevelopmentPath DIR \
//         --extensionTestsPath FILE_OR_DIR --folder WORKSPACE [--env K=V ...] [--vsix FILE ...] [--timeout 180]

import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import { fileURLToPath } from 'node:url';
import { ARTIFACTS_DIR, exitCodeOf, launchChromium, makeProfile, installVsix, parseEnvArgs, startCodeServer } from './codeServer.mjs';

export class SuiteTimeoutError extends Error {}

/**
 * Workbench log entries that are expected offline and say nothing about the suite; dropped unless
 * REPORT_LINT_E2E_VERBOSE=1. Matched against the whole entry (message plus stack).
 */
export const LOG_NOISE = [
  /getaddrinfo ENOTFOUND/, // extension gallery lookups; no internet here
  /\bvsda\b/, // 404 for the proprietary vsda module
  /^(Resolving connection token|Resolved connection token|Creating a socket|Updating additional builtin extensions cache|\[Service Worker\] registered|ChatSessionStore: Migrating|Creation of workbench contribution .* took \d+ms)/,
];

/**
 * @param {{
 *   extensionDevelopmentPath: string | string[],  // folder(s) with the extension's package.json
 *   extensionTestsPath: string,        // module (or folder with index.js) exporting run()
 *   workspaceFolder?: string,          // folder to open; omitted = empty window
 *   env?: Record<string,string>,       // env for code-server, hence the extension host and language server
 *   vsix?: string[],                   // .vsix files to install into the fresh profile first
 *   settings?: object,                 // user settings merged over CLEAN_SETTINGS
 *   timeoutMs?: number,                // whole-suite limit after navigation (default 180 s)
 *   name?: string,                     // used for artifact file names
 *   log?: (line: string) => void,      // where suite output goes (default: stdout)
 * }} opts
 * @returns {Promise<number>} the suite's exit code (0 = pass)
 */
export async function runExtensionHostSuite({
  extensionDevelopmentPath,
  extensionTestsPath,
  workspaceFolder,
  env = {},
  vsix = [],
  settings = {},
  timeoutMs = 180_000,
  name,
  log = (line) => process.stdout.write(line + '\n'),
}) {
  const devPaths = (Array.isArray(extensionDevelopmentPath) ? extensionDevelopmentPath : [extensionDevelopmentPath])
    .filter(Boolean)
    .map((p) => path.resolve(p));
  if (!extensionTestsPath) throw new Error('runExtensionHostSuite: extensionTestsPath is required');
  const testsPath = path.resolve(extensionTestsPath);
  for (const p of devPaths) {
    if (!fs.existsSync(path.join(p, 'package.json'))) throw new Error(`extensionDevelopmentPath ${p} has no package.json`);
  }
  if (!fs.existsSync(testsPath) && !fs.existsSync(testsPath + '.js')) {
    throw new Error(`extensionTestsPath ${testsPath} does not exist (build the tests first?)`);
  }
  if (workspaceFolder && !fs.existsSync(workspaceFolder)) throw new Error(`workspace folder ${workspaceFolder} does not exist`);
  name ??= path.basename(fs.existsSync(testsPath) && fs.statSync(testsPath).isDirectory() ? testsPath : path.dirname(testsPath));

  const verbose = !!process.env.REPORT_LINT_E2E_VERBOSE;
  const t0 = Date.now();
  const profile = makeProfile({ settings });
  let server;
  let browser;
  try {
    for (const file of vsix) installVsix(profile, file);
    server = await startCodeServer({ profile, env });
    const payload = [...devPaths.map((p) => ['extensionDevelopmentPath', server.remoteUri(p)]), ['extensionTestsPath', server.remoteUri(testsPath)]];
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });

    let settle;
    const done = new Promise((resolve, reject) => {
      settle = { resolve, reject };
    });
    done.catch(() => {}); // a late rejection (server stopped after a timeout) is not an unhandled one
    // Both must exist before the workbench loads: expose them on the context before goto().
    await context.exposeFunction('codeAutomationLog', (type, args) => {
      const text = util.formatWithOptions({ colors: false }, ...(Array.isArray(args) ? args : [args]));
      if (!verbose && LOG_NOISE.some((re) => re.test(text))) return;
      for (const line of text.replace(/\n$/, '').split('\n')) log(type === 'error' || type === 'warn' ? `[${type}] ${line}` : line);
    });
    await context.exposeFunction('codeAutomationExit', (code, logs) => {
      saveWorkbenchLogs(name, logs);
      settle.resolve(typeof code === 'number' ? code : 1);
    });
    const page = await context.newPage();
    page.on('pageerror', (err) => log(`[page error] ${err.message}`));
    page.on('crash', () => settle.reject(new Error('the workbench page crashed (out of memory?)')));
    server.exited.then((info) => settle.reject(new Error(`code-server exited during the suite (${JSON.stringify(info)}). Last output:\n${server.logTail()}`)));

    let timer;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new SuiteTimeoutError(
              `suite "${name}" did not finish within ${Math.round(timeoutMs / 1000)} s ` +
                `(no codeAutomationExit). Check that extensionTestsPath exports run() and that it settles.`,
            ),
          ),
        timeoutMs,
      );
    });
    const url = server.workbenchUrl({ folder: workspaceFolder, payload });
    log(`[e2e] ${name}: code-server ${server.authority} ready in ${((Date.now() - t0) / 1000).toFixed(1)} s; opening workbench`);
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    try {
      const code = await Promise.race([done, timeout]);
      log(`[e2e] ${name}: exit code ${code} after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      if (code !== 0) await failureArtifacts(page, server, name, log);
      return code;
    } catch (err) {
      log(`[e2e] ${name}: ${err.message}`);
      await failureArtifacts(page, server, name, log);
      throw err;
    } finally {
      clearTimeout(timer);
    }
  } finally {
    await browser?.close().catch(() => {});
    await server?.stop();
    profile.cleanup();
  }
}

function saveWorkbenchLogs(name, logs) {
  if (!Array.isArray(logs) || logs.length === 0) return;
  const dir = path.join(ARTIFACTS_DIR, `${name}-logs`);
  fs.rmSync(dir, { recursive: true, force: true });
  for (const { relativePath, contents } of logs) {
    const file = path.join(dir, path.normalize(String(relativePath)).replace(/^(\.\.(\/|\\|$))+/, ''));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, contents ?? '');
  }
}

async function failureArtifacts(page, server, name, log) {
  try {
    fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
    const shot = path.join(ARTIFACTS_DIR, `${name}-failure.png`);
    await page.screenshot({ path: shot, timeout: 10_000 });
    log(`[e2e] ${name}: screenshot ${path.relative(process.cwd(), shot)}`);
  } catch {
    /* page may be gone */
  }
  try {
    const copy = path.join(ARTIFACTS_DIR, `${name}-code-server.log`);
    fs.copyFileSync(server.logFile, copy);
    log(`[e2e] ${name}: code-server log ${path.relative(process.cwd(), copy)}; last lines:\n${server.logTail(25)}`);
  } catch {
    /* ignore */
  }
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const { values } = util.parseArgs({
    options: {
      extensionDevelopmentPath: { type: 'string', multiple: true },
      extensionTestsPath: { type: 'string' },
      folder: { type: 'string' },
      env: { type: 'string', multiple: true },
      vsix: { type: 'string', multiple: true },
      timeout: { type: 'string' },
    },
  });
  const env = parseEnvArgs(values.env);
  runExtensionHostSuite({
    extensionDevelopmentPath: values.extensionDevelopmentPath || [],
    extensionTestsPath: values.extensionTestsPath,
    workspaceFolder: values.folder,
    env,
    vsix: values.vsix || [],
    timeoutMs: values.timeout ? Number(values.timeout) * 1000 : undefined,
  }).then(...exitCodeOf);
}
