// Run a Playwright UI suite against the code-server workbench.
//
// A UI suite is an ES module whose default export is `async ({ page, server, workspaceFolder,
// screenshot, log }) => void`; it throws to fail. The runner gives it a fresh profile, a started
// code-server, a headless chromium page already showing the workbench for `workspaceFolder`, and
// takes a failure screenshot plus the code-server log into test/e2e/.artifacts/ when it throws, and
// keeps the Report Lint output channel (<name>-report-lint-output.log) after every run.
//
// The extension under test is loaded either from source (extensionDevelopmentPath, passed through
// the workbench `payload` parameter without a tests path) or from a packaged .vsix (vsix).
//
// CLI:  node test/e2e/runUiSuite.mjs --suite FILE.mjs --folder WORKSPACE
//         [--extensionDevelopmentPath DIR ...] [--vsix FILE ...] [--env K=V ...] [--timeout 180]

import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  ARTIFACTS_DIR,
  installVsix,
  launchChromium,
  makeProfile,
  exitCodeOf,
  keepOutputChannel,
  parseEnvArgs,
  screenshot as takeScreenshot,
  startCodeServer,
  tailOf,
  waitForWorkbench,
} from './codeServer.mjs';

/**
 * @param {{
 *   suite: string | Function,          // module path (default export) or the function itself
 *   workspaceFolder?: string,
 *   extensionDevelopmentPath?: string | string[],
 *   vsix?: string[],
 *   env?: Record<string,string>,
 *   settings?: object,
 *   timeoutMs?: number,                // whole-suite limit (default 180 s)
 *   name?: string,
 *   log?: (line: string) => void,
 *   viewport?: { width: number, height: number },
 * }} opts
 * @returns {Promise<number>} 0 when the suite passed, 1 when it threw or timed out
 */
export async function runUiSuite({
  suite,
  workspaceFolder,
  extensionDevelopmentPath = [],
  vsix = [],
  env = {},
  settings = {},
  timeoutMs = 180_000,
  name,
  log = (line) => process.stdout.write(line + '\n'),
  viewport = { width: 1280, height: 800 },
}) {
  const fn = typeof suite === 'function' ? suite : (await import(pathToFileURL(path.resolve(suite)).href)).default;
  if (typeof fn !== 'function') throw new Error(`UI suite ${suite} has no default-exported function`);
  name ??= typeof suite === 'string' ? path.basename(suite).replace(/\.m?[jt]s$/, '') : fn.name || 'ui-suite';
  const devPaths = (Array.isArray(extensionDevelopmentPath) ? extensionDevelopmentPath : [extensionDevelopmentPath])
    .filter(Boolean)
    .map((p) => path.resolve(p));

  const t0 = Date.now();
  const profile = makeProfile({ settings });
  let server;
  let browser;
  let page;
  let timer;
  let failed = false;
  try {
    for (const file of vsix) installVsix(profile, file);
    server = await startCodeServer({ profile, env });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport });
    page = await context.newPage();
    page.on('pageerror', (err) => log(`[page error] ${err.message}`));
    const payload = devPaths.map((p) => ['extensionDevelopmentPath', server.remoteUri(p)]);
    const run = async () => {
      await page.goto(server.workbenchUrl({ folder: workspaceFolder, payload }), { waitUntil: 'domcontentloaded' });
      await waitForWorkbench(page);
      log(`[e2e] ${name}: workbench ready after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      await fn({
        page,
        server,
        workspaceFolder: workspaceFolder && path.resolve(workspaceFolder),
        log,
        screenshot: async (shotName) => {
          const file = await takeScreenshot(page, `${name}-${shotName}`);
          log(`[e2e] ${name}: screenshot ${path.relative(process.cwd(), file)}`);
          return file;
        },
      });
    };
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`UI suite "${name}" did not finish within ${Math.round(timeoutMs / 1000)} s`)), timeoutMs);
    });
    const crashed = new Promise((_, reject) => {
      server.exited.then((info) => reject(new Error(`code-server exited during the suite (${JSON.stringify(info)})`)));
    });
    crashed.catch(() => {});
    await Promise.race([run(), timeout, crashed]);
    log(`[e2e] ${name}: passed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return 0;
  } catch (err) {
    failed = true;
    log(`[e2e] ${name}: FAILED: ${err.stack || err.message || err}`);
    if (page) {
      try {
        const file = await takeScreenshot(page, `${name}-failure`);
        log(`[e2e] ${name}: screenshot ${path.relative(process.cwd(), file)}`);
      } catch {
        /* page gone */
      }
    }
    if (server) {
      try {
        fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
        fs.copyFileSync(server.logFile, path.join(ARTIFACTS_DIR, `${name}-code-server.log`));
        log(`[e2e] ${name}: code-server log, last lines:\n${server.logTail(25)}`);
      } catch {
        /* ignore */
      }
    }
    return 1;
  } finally {
    clearTimeout(timer);
    await browser?.close().catch(() => {});
    await server?.stop();
    keepServerOutput(profile, name, failed, log);
    profile.cleanup();
  }
}

/**
 * Every run, passed or failed, keeps the Report Lint output channel (server errors, and the
 * protocol trace the e2e runner turns on) in the artifacts: a failure seen once in CI explains
 * itself. After a failure its last lines go to the console too.
 */
function keepServerOutput(profile, name, failed, log) {
  try {
    const kept = keepOutputChannel(profile, name);
    if (!kept) return log(`[e2e] ${name}: the Report Lint output channel wrote nothing`);
    log(`[e2e] ${name}: Report Lint output ${path.relative(process.cwd(), kept)}`);
    if (failed) log(`[e2e] ${name}: Report Lint output, last lines:\n${tailOf(kept, 40)}`);
  } catch (err) {
    log(`[e2e] ${name}: could not keep the Report Lint output: ${err.message}`);
  }
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const { values } = util.parseArgs({
    options: {
      suite: { type: 'string' },
      folder: { type: 'string' },
      extensionDevelopmentPath: { type: 'string', multiple: true },
      vsix: { type: 'string', multiple: true },
      env: { type: 'string', multiple: true },
      timeout: { type: 'string' },
    },
  });
  const env = parseEnvArgs(values.env);
  runUiSuite({
    suite: values.suite,
    workspaceFolder: values.folder,
    extensionDevelopmentPath: values.extensionDevelopmentPath || [],
    vsix: values.vsix || [],
    env,
    timeoutMs: values.timeout ? Number(values.timeout) * 1000 : undefined,
  }).then(...exitCodeOf);
}
