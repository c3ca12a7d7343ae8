// Helpers for end-to-end tests against code-server (VS Code web workbench + Node extension host)
// driven by Debian chromium through playwright-core. Plain ESM so it runs without a build.
//
//   const profile = makeProfile();                       // fresh user-data + extensions dirs
//   await installVsix(profile, 'report-lint-0.1.0.vsix'); // optional
//   const server = await startCodeServer({ profile, env: { FOO: '1' } });
//   const browser = await launchChromium();
//   const page = await (await browser.newContext()).newPage();
//   await page.goto(server.workbenchUrl({ folder: '/abs/workspace' }));
//   ...
//   await browser.close(); await server.stop(); profile.cleanup();

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_PATH, codeServerPaths, freePort, isSetupComplete } from '../../scripts/e2e-setup.mjs';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Screenshots, traces and logs of e2e runs (git-ignored). */
export const ARTIFACTS_DIR = path.join(REPO_ROOT, 'test', 'e2e', '.artifacts');

/** `--env KEY=VALUE` command-line pairs as an object (a bare KEY means "1"). */
export function parseEnvArgs(pairs = []) {
  return Object.fromEntries(
    pairs.map((kv) => {
      const i = kv.indexOf('=');
      return i < 0 ? [kv, '1'] : [kv.slice(0, i), kv.slice(i + 1)];
    }),
  );
}

/** A suite runner's outcome as the process exit code: `promise.then(...exitCodeOf)`. */
export const exitCodeOf = [
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.error(`[e2e] FAILED: ${err.message}`);
    process.exitCode = 1;
  },
];

/** User settings for a clean first window (no trust prompt, welcome page, tips or update checks). */
export const CLEAN_SETTINGS = Object.freeze({
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'extensions.autoCheckUpdates': false,
  'update.mode': 'none',
  'files.hotExit': 'off',
  // Browser VS Code saves automatically by default; suites that edit must never write their fixtures.
  'files.autoSave': 'off',
  // Not in the shared README: stops the "git repository found in the parent folders" toast,
  // which appears because the fixtures live inside this repo and can cover hovers and widgets.
  'git.openRepositoryInParentFolders': 'never',
});

/** Chromium flags that work headless, as root, offline, in a container. */
export const CHROMIUM_ARGS = Object.freeze([
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]);

// Variables that must not leak from a parent VS Code / code-server into ours:
// with VSCODE_IPC_HOOK_CLI set, code-server acts as a CLI for the parent instead of starting.
const ENV_BLOCKLIST = /^(VSCODE_|ELECTRON_RUN_AS_NODE$|CODE_SERVER_|PASSWORD$|HASHED_PASSWORD$)/;

/** Paths of the installed code-server; throws a clear error when `npm run test:e2e` setup has not run. */
export function requireCodeServer() {
  const paths = codeServerPaths();
  if (!isSetupComplete(paths.cacheDir)) {
    throw new Error(`code-server is not installed in ${paths.cacheDir}; run: node scripts/e2e-setup.mjs`);
  }
  return paths;
}

export { freePort };

/**
 * Fresh user-data and extensions folders under a new temp folder, with the clean settings.json.
 * @param {{ settings?: object, prefix?: string, keep?: boolean }} [opts]
 *   settings: merged over CLEAN_SETTINGS; keep: cleanup() leaves the folder (for debugging).
 */
export function makeProfile({ settings = {}, prefix = 'report-lint-e2e-', keep = !!process.env.REPORT_LINT_E2E_KEEP } = {}) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const userDataDir = path.join(root, 'user-data');
  const extensionsDir = path.join(root, 'extensions');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...CLEAN_SETTINGS, ...settings }, null, 2) + '\n');
  // Our own config file, so code-server never creates ~/.config/code-server/config.yaml.
  const configFile = path.join(root, 'config.yaml');
  fs.writeFileSync(configFile, 'auth: none\ncert: false\n');
  const profile = {
    root,
    userDataDir,
    extensionsDir,
    configFile,
    cleanup() {
      liveProfiles.delete(profile);
      if (keep) return;
      fs.rmSync(root, { recursive: true, force: true, maxRetries: 3 });
    },
  };
  liveProfiles.add(profile);
  installExitHooks();
  return profile;
}

/** Install a .vsix into the profile's extensions dir (offline, about a second). */
export function installVsix(profile, vsixPath) {
  const paths = requireCodeServer();
  const abs = path.resolve(vsixPath);
  if (!fs.existsSync(abs)) throw new Error(`installVsix: no such file ${abs}`);
  const res = spawnSync(
    process.execPath,
    [
      paths.codeServerBin,
      '--config',
      profile.configFile,
      '--user-data-dir',
      profile.userDataDir,
      '--extensions-dir',
      profile.extensionsDir,
      '--install-extension',
      abs,
      '--force',
    ],
    { encoding: 'utf8', env: cleanEnv(), timeout: 60_000 },
  );
  if (res.status !== 0) {
    throw new Error(`installing ${abs} failed (exit ${res.status}${res.error ? ', ' + res.error.message : ''}):\n${res.stdout}\n${res.stderr}`);
  }
  return res.stdout;
}

function cleanEnv(extra = {}) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!ENV_BLOCKLIST.test(k)) env[k] = v;
  return { ...env, ...extra };
}

// Processes and folders we created, so they go away with us even if a test forgets stop() or the
// run is interrupted (Ctrl+C): servers are killed first, then the profile folders removed.
const liveServers = new Set();
const liveProfiles = new Set();
let exitHooksInstalled = false;
function cleanupNow() {
  for (const s of liveServers) s.killNow();
  for (const p of liveProfiles) p.cleanup();
}
function installExitHooks() {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  process.on('exit', cleanupNow);
  const codes = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
  for (const [sig, code] of Object.entries(codes)) {
    process.once(sig, () => {
      console.error(`[e2e] ${sig}: stopping code-server and removing temp profiles`);
      cleanupNow();
      process.exit(code); // 'exit' handlers (Playwright's closes chromium) still run
    });
  }
}

/** All descendants of pid (Linux /proc); taken before killing, since orphans get reparented. */
function descendants(pid) {
  let entries;
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return [];
  }
  const children = new Map();
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${e}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(e));
    } catch {
      /* process gone */
    }
  }
  const out = [];
  const stack = [pid];
  while (stack.length) {
    for (const c of children.get(stack.pop()) || []) {
      out.push(c);
      stack.push(c);
    }
  }
  return out;
}

/** SIGKILL to a process group and to each of `pids` (descendants that may have left the group); gone ones are skipped. */
function killAll(groupPid, pids) {
  for (const target of [-groupPid, ...pids]) {
    try {
      process.kill(target, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
}

/**
 * Start code-server on a free 127.0.0.1 port and wait until /healthz answers.
 * @param {{
 *   profile: ReturnType<typeof makeProfile>,
 *   env?: Record<string,string>,   // extra env vars; they reach the extension host (and language server)
 *   args?: string[],               // extra code-server arguments
 *   port?: number,
 *   startTimeoutMs?: number,
 *   echo?: boolean,                // also copy code-server's output to our stderr
 * }} opts
 */
export async function startCodeServer({ profile, env = {}, args = [], port, startTimeoutMs = 30_000, echo = !!process.env.REPORT_LINT_E2E_VERBOSE } = {}) {
  if (!profile) throw new Error('startCodeServer: profile is required (use makeProfile())');
  const paths = requireCodeServer();
  port ??= await freePort();
  const host = '127.0.0.1';
  const logFile = path.join(profile.root, 'code-server.log');
  const out = fs.openSync(logFile, 'a');
  const child = spawn(
    process.execPath,
    [
      paths.codeServerBin,
      '--config',
      profile.configFile,
      '--auth',
      'none',
      '--bind-addr',
      `${host}:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--user-data-dir',
      profile.userDataDir,
      '--extensions-dir',
      profile.extensionsDir,
      ...args,
    ],
    {
      detached: true, // own process group: stop() kills the server, extension host and language server together
      stdio: ['ignore', echo ? 'pipe' : out, echo ? 'pipe' : out],
      env: cleanEnv(env),
    },
  );
  fs.closeSync(out);
  if (echo) {
    const sink = fs.createWriteStream(logFile, { flags: 'a' });
    for (const s of [child.stdout, child.stderr]) {
      s.on('data', (d) => {
        sink.write(d);
        process.stderr.write(`[code-server] ${d}`);
      });
    }
  }
  let exitInfo = null;
  const exited = new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      exitInfo = { code, signal };
      resolve(exitInfo);
    }),
  );

  const server = {
    host,
    port,
    pid: child.pid,
    process: child,
    logFile,
    /** host:port exactly as the browser uses it; the vscode-remote authority must match it. */
    authority: `${host}:${port}`,
    url: `http://${host}:${port}/`,
    get exitInfo() {
      return exitInfo;
    },
    exited,
    /** vscode-remote:// URI for a path on this machine (for the `payload` parameter). */
    remoteUri(p) {
      return `vscode-remote://${host}:${port}${path.resolve(p).split(path.sep).map(encodeURIComponent).join('/')}`;
    },
    /** Workbench URL opening `folder`, with an optional payload ([key, value] pairs). */
    workbenchUrl({ folder, payload } = {}) {
      const q = [];
      // A .code-workspace file opens a (multi-root) workspace instead of a folder.
      if (folder) q.push(`${folder.endsWith('.code-workspace') ? 'workspace' : 'folder'}=${encodeURIComponent(path.resolve(folder))}`);
      if (payload && payload.length) q.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
      return `http://${host}:${port}/${q.length ? '?' + q.join('&') : ''}`;
    },
    logTail(lines = 40) {
      try {
        return fs.readFileSync(logFile, 'utf8').split('\n').slice(-lines).join('\n');
      } catch {
        return '';
      }
    },
    killNow() {
      if (exitInfo) {
        liveServers.delete(server);
        return;
      }
      const pids = descendants(child.pid);
      killAll(child.pid, pids);
      liveServers.delete(server);
    },
    /** Stop the whole process tree: SIGTERM to the group, SIGKILL after graceMs. */
    async stop({ graceMs = 3000 } = {}) {
      liveServers.delete(server);
      if (exitInfo) return exitInfo;
      const pids = descendants(child.pid);
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* gone */
      }
      const timer = new Promise((r) => setTimeout(r, graceMs, 'timeout'));
      await Promise.race([exited, timer]);
      // Kill the group and any descendant that left it (e.g. terminals in their own session).
      killAll(child.pid, pids);
      await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
      return exitInfo;
    },
  };
  liveServers.add(server);
  installExitHooks();

  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    if (exitInfo) {
      liveServers.delete(server);
      throw new Error(`code-server exited before it was ready (${JSON.stringify(exitInfo)}). Last output (${logFile}):\n${server.logTail()}`);
    }
    try {
      const res = await fetch(`${server.url}healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`code-server did not answer ${server.url}healthz within ${startTimeoutMs} ms. Last output (${logFile}):\n${server.logTail()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return server;
}

/**
 * Launch Debian's /usr/bin/chromium headless through playwright-core (which downloads no browser).
 * Playwright's chromium.launch() uses a fresh temporary profile each time and deletes it on close.
 * @param {{ headless?: boolean, args?: string[], launchOptions?: object }} [opts]
 */
export async function launchChromium({ headless = true, args = [], launchOptions = {} } = {}) {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} is missing; run: node scripts/e2e-setup.mjs`);
  }
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless,
    args: [...CHROMIUM_ARGS, ...args],
    ...launchOptions,
  });
}

/** Wait until the workbench is usable (its main parts are rendered). */
export async function waitForWorkbench(page, { timeoutMs = 60_000 } = {}) {
  await page.waitForSelector('.monaco-workbench .part.editor', { timeout: timeoutMs });
  await page.waitForSelector('.monaco-workbench .part.statusbar', { timeout: timeoutMs });
}

/** Ctrl+P, type the file name, Enter; resolves when an editor tab with that name is active. */
export async function quickOpen(page, fileName, { timeoutMs = 30_000 } = {}) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: timeoutMs });
  await input.fill(fileName);
  // Wait for the file to appear in the results, or Enter may pick nothing.
  await page
    .locator('.quick-input-list .monaco-list-row', { hasText: path.basename(fileName) })
    .first()
    .waitFor({ timeout: timeoutMs });
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: path.basename(fileName) }).waitFor({ timeout: timeoutMs });
  await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ timeout: timeoutMs });
}

/**
 * Visible text of the active editor. Monaco renders spaces as U+00A0, which are turned back into
 * spaces here (otherwise /two words/ never matches). Only rendered (visible) lines are included.
 */
export async function editorText(page) {
  const text = await page.locator('.editor-instance .monaco-editor .view-lines').first().innerText();
  return text.replace(/\u00a0/g, ' ');
}

/**
 * F1, the command's title, Enter — as a person runs a command (the first match runs, so give the exact title). Resolves once Enter is pressed: a
 * command that shows its own pick (or a Change Language Mode list) reuses the same widget.
 */
export async function startCommand(page, title, { timeoutMs = 30_000 } = {}) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: timeoutMs });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: timeoutMs });
  await page.keyboard.press('Enter');
  return input;
}

/** Runs a command that asks nothing: the palette closes. */
export async function runCommand(page, title, { timeoutMs = 30_000 } = {}) {
  const input = await startCommand(page, title, { timeoutMs });
  await input.waitFor({ state: 'hidden', timeout: timeoutMs });
}

/** Screenshot into test/e2e/.artifacts/<name>.png; returns the path. */
export async function screenshot(page, name) {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name.replace(/[^\w.-]+/g, '_')}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** The name of the extension's output channel: the language client's log, the server's stderr and messages, the trace. */
export const OUTPUT_CHANNEL = 'Report Lint';

/**
 * Copies the extension's output channel (the extension host writes each channel to a file under
 * the profile's logs folder) to test/e2e/.artifacts/<name>-report-lint-output.log, so a failure
 * seen once under load can be read afterwards: the server's errors (handler exceptions caught by
 * its guard go only there) and, with reportLint.trace.server on, every request and its answer.
 * Call after `server.stop()` (the log is flushed) and before `profile.cleanup()`. Returns the
 * copied file, or undefined when the channel wrote nothing (the extension never started).
 */
export function keepOutputChannel(profile, name, channel = OUTPUT_CHANNEL) {
  const found = [];
  const walk = (dir, depth) => {
    if (depth > 8) return;
    let entries = [];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p, depth + 1);
      // Named "<n>-Report Lint.log" (an extension's channel), one per extension host session.
      else if (e.name.endsWith(`-${channel}.log`) || e.name === `${channel}.log`) found.push(p);
    }
  };
  walk(path.join(profile.userDataDir, 'logs'), 0);
  if (!found.length) return undefined;
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const target = path.join(ARTIFACTS_DIR, `${name.replace(/[^\w.-]+/g, '_')}-report-lint-output.log`);
  const sorted = found.sort((a, b) => fs.statSync(a).mtimeMs - fs.statSync(b).mtimeMs);
  fs.writeFileSync(target, sorted.map((f) => `==== ${path.relative(profile.userDataDir, f)}\n${fs.readFileSync(f, 'utf8')}`).join('\n'));
  return target;
}

/** The last `count` lines of a file (for a failure's console summary). */
export function tailOf(file, count) {
  return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-count).join('\n');
}
