#!/usr/bin/env node
// Idempotent installer for the end-to-end test environment:
// code-server 4.100.3 (VS Code 1.100.3 web workbench + a Node extension host),
// built offline against the running Node, plus Debian chromium and ripgrep (and neovim, for the
// neovim suite).
// See /work/shared/e2e/README.md (or the project's e2e notes) for why each step exists.
//
// Usage: node scripts/e2e-setup.mjs            (prints the cache folder on success)
//        import { setupE2E } from './e2e-setup.mjs'; const env = await setupE2E();
//
// Cache: ${REPORT_LINT_E2E_CACHE || ~/.cache/report-lint-e2e}/code-server-4.100.3-node-abi<ABI>
// A marker file written at the end makes later runs return in well under a second.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
export const CHROMIUM_PATH = '/usr/bin/chromium';
const MARKER_NAME = '.report-lint-e2e-complete.json';
const MARKER_FORMAT = 1; // bump when the steps change, to force a reinstall

// Debian packages: the browser, ripgrep (VS Code search), and the headers the natives build against.
const APT_PACKAGES = ['libkrb5-dev', 'libx11-dev', 'libxkbfile-dev', 'libsecret-1-dev', 'ripgrep', 'chromium'];
// Neovim for the `neovim` suite (a second LSP client); added to the apt step only when nvim is missing.
const NEOVIM_PACKAGE = 'neovim';
// Native modules in lib/vscode that must be compiled for this Node. For the ones built by node-gyp
// the .node file proves the build ran; @parcel/watcher ships N-API prebuilds in optional packages
// and @vscode/deviceid has no native part on Linux, so those are only checked by require().
const VSCODE_NATIVES = {
  kerberos: 'build/Release/kerberos.node',
  '@parcel/watcher': null,
  '@vscode/deviceid': null,
  '@vscode/spdlog': 'build/Release/spdlog.node',
  'native-watchdog': 'build/Release/watchdog.node',
  'node-pty': 'build/Release/pty.node',
};

export function cacheRoot() {
  return process.env.REPORT_LINT_E2E_CACHE || path.join(os.homedir(), '.cache', 'report-lint-e2e');
}

export function cacheDir() {
  return path.join(cacheRoot(), `code-server-${CODE_SERVER_VERSION}-node-abi${process.versions.modules}`);
}

export function codeServerPaths(dir = cacheDir()) {
  const pkg = path.join(dir, 'node_modules', 'code-server');
  return {
    cacheDir: dir,
    codeServerPackage: pkg,
    codeServerBin: path.join(pkg, 'out', 'node', 'entry.js'),
    vscodeDir: path.join(pkg, 'lib', 'vscode'),
    marker: path.join(dir, MARKER_NAME),
    chromium: CHROMIUM_PATH,
  };
}

/** True when the cache is complete for this code-server version, Node ABI and step format. */
export function isSetupComplete(dir = cacheDir()) {
  const { marker, codeServerBin } = codeServerPaths(dir);
  try {
    const m = JSON.parse(fs.readFileSync(marker, 'utf8'));
    return (
      m.format === MARKER_FORMAT &&
      m.codeServer === CODE_SERVER_VERSION &&
      m.abi === process.versions.modules &&
      fs.existsSync(codeServerBin) &&
      fs.existsSync(CHROMIUM_PATH)
    );
  } catch {
    return false;
  }
}

class StepError extends Error {}

function fmt(ms) {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/**
 * Run a command, appending its output to the log file; on failure show the tail of the output.
 */
function run(cmd, args, { cwd, env, logFile, allowFail = false } = {}) {
  return new Promise((resolve, reject) => {
    const out = fs.openSync(logFile, 'a');
    fs.writeSync(out, `\n$ (cd ${cwd || process.cwd()} && ${cmd} ${args.join(' ')})\n`);
    const child = spawn(cmd, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', out, out],
    });
    child.on('error', (err) => {
      fs.closeSync(out);
      reject(new StepError(`cannot run ${cmd}: ${err.message}`));
    });
    child.on('close', (code, signal) => {
      fs.closeSync(out);
      if (code === 0 || allowFail) return resolve(code);
      const log = fs.readFileSync(logFile, 'utf8');
      const tail = log.split('\n').slice(-40).join('\n');
      reject(
        new StepError(
          `\`${cmd} ${args.join(' ')}\` failed (${signal ? 'signal ' + signal : 'exit ' + code}) in ${cwd || process.cwd()}\n` +
            `--- last lines of ${logFile} ---\n${tail}`,
        ),
      );
    });
  });
}

function which(bin) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    const p = path.join(dir, bin);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {
      /* keep looking */
    }
  }
  return null;
}

function symlink(target, linkPath) {
  try {
    fs.rmSync(linkPath, { force: true, recursive: false });
  } catch {
    /* ignore */
  }
  fs.symlinkSync(target, linkPath);
}

/** A free TCP port on 127.0.0.1 (listen on port 0, read it, close). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Start code-server once on a throwaway profile and wait for /healthz, proving the natives load. */
async function smokeTest(paths, logFile) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'report-lint-e2e-smoke-'));
  const port = await freePort();
  const out = fs.openSync(logFile, 'a');
  fs.writeSync(out, `\n$ code-server smoke test on port ${port}\n`);
  const child = spawn(
    process.execPath,
    [
      paths.codeServerBin,
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--user-data-dir',
      path.join(tmp, 'ud'),
      '--extensions-dir',
      path.join(tmp, 'ext'),
      tmp,
    ],
    { detached: true, stdio: ['ignore', out, out] },
  );
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = { code, signal };
  });
  try {
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (exited) throw new StepError(`code-server exited during the smoke test (${JSON.stringify(exited)}); see ${logFile}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/healthz`);
        if (res.ok) break;
      } catch {
        /* not up yet */
      }
      if (Date.now() > deadline) throw new StepError(`code-server did not answer /healthz within 30 s; see ${logFile}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    // Loading the workbench page makes the server touch more of itself (spdlog, watcher, ...).
    const page = await fetch(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(tmp)}`);
    if (!page.ok) throw new StepError(`code-server answered ${page.status} for the workbench page; see ${logFile}`);
  } finally {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
    fs.closeSync(out);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Check that each native module was built and loads in this Node (catches skipped or wrong-ABI builds). */
async function checkNatives(paths, logFile) {
  const nm = path.join(paths.vscodeDir, 'node_modules');
  const missing = Object.entries(VSCODE_NATIVES)
    .filter(([mod, rel]) => rel && !fs.existsSync(path.join(nm, mod, rel)))
    .map(([mod, rel]) => `${mod} (${rel})`);
  if (missing.length) {
    throw new StepError(
      `npm rebuild did not build: ${missing.join(', ')}.\n` +
        `npm may have skipped install scripts (look for "install-scripts" / "allowScripts" lines in ${logFile}).`,
    );
  }
  const probe = (mods) =>
    `for (const m of ${JSON.stringify(mods)}) { try { require(m); } ` +
    `catch (e) { console.error('cannot load ' + m + ': ' + e.message); process.exitCode = 1; } }`;
  await run(process.execPath, ['-e', probe(Object.keys(VSCODE_NATIVES))], { cwd: paths.vscodeDir, logFile });
  await run(process.execPath, ['-e', probe(['argon2'])], { cwd: paths.cacheDir, logFile });
}

/**
 * Cross-process lock (several checkouts on one machine share the cache): mkdir is atomic.
 * A lock whose owner pid is gone is taken over. Returns a release function.
 */
async function acquireLock(lockDir, log, timeoutMs = 15 * 60_000) {
  const deadline = Date.now() + timeoutMs;
  let told = false;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
      return () => fs.rmSync(lockDir, { recursive: true, force: true });
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
    }
    let owner = NaN;
    try {
      owner = Number(fs.readFileSync(path.join(lockDir, 'pid'), 'utf8'));
    } catch {
      /* being written */
    }
    let alive = false;
    if (owner) {
      try {
        process.kill(owner, 0);
        alive = true;
      } catch (e) {
        alive = e.code === 'EPERM';
      }
    }
    const age = (() => {
      try {
        return Date.now() - fs.statSync(lockDir).mtimeMs;
      } catch {
        return 0;
      }
    })();
    if (!alive && (owner || age > 10_000)) {
      log(`[e2e-setup] removing stale lock ${lockDir}`);
      fs.rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    if (!told) {
      log(`[e2e-setup] another setup (pid ${owner}) is running; waiting for it`);
      told = true;
    }
    if (Date.now() > deadline) throw new StepError(`timed out waiting for the setup lock ${lockDir}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/**
 * Make sure code-server and chromium are installed. Returns the paths.
 * @param {{ log?: (msg: string) => void, force?: boolean }} [opts]
 */
export async function setupE2E({ log = (m) => console.log(m), force = false } = {}) {
  const t0 = Date.now();
  const paths = codeServerPaths();
  if (!force && isSetupComplete(paths.cacheDir)) {
    // A cache made before the neovim suite existed: add Neovim without redoing code-server.
    if (!which('nvim')) await installNeovim(log);
    log(`[e2e-setup] cached: ${paths.cacheDir} (${fmt(Date.now() - t0)})`);
    return paths;
  }
  fs.mkdirSync(cacheRoot(), { recursive: true });
  const release = await acquireLock(`${paths.cacheDir}.lock`, log);
  try {
    if (!force && isSetupComplete(paths.cacheDir)) {
      log(`[e2e-setup] completed by another process: ${paths.cacheDir} (${fmt(Date.now() - t0)})`);
      return paths;
    }
    return await install(paths, t0, log);
  } finally {
    release();
  }
}

/** `apt-get update` and `apt-get install` (through sudo when not root); `missingBins` says why. */
async function aptInstall(missingBins, packages, logFile, step) {
  if (process.getuid && process.getuid() !== 0 && !which('sudo')) {
    throw new StepError(`${missingBins.join(' and ')} missing and not root: install ${packages.join(' ')} with apt-get`);
  }
  const sudo = process.getuid && process.getuid() !== 0 ? ['sudo'] : [];
  const apt = (args) =>
    sudo.length
      ? run('sudo', ['apt-get', ...args], { logFile, env: { DEBIAN_FRONTEND: 'noninteractive' } })
      : run('apt-get', args, { logFile, env: { DEBIAN_FRONTEND: 'noninteractive' } });
  await step(`apt-get update (${missingBins.join(' and ')} missing)`, () => apt(['update']));
  await step(`apt-get install ${packages.join(' ')}`, () => apt(['install', '-y', '--no-install-recommends', ...packages]));
}

/** Only Neovim, for a complete code-server cache. A failure is logged, not thrown: only the neovim suite needs it. */
async function installNeovim(log) {
  const logFile = path.join(cacheRoot(), 'setup-neovim.log');
  fs.writeFileSync(logFile, `report-lint e2e setup (neovim) ${new Date().toISOString()}\n`);
  const step = async (name, fn) => {
    log(`[e2e-setup] ${name} ...`);
    await fn();
  };
  try {
    await aptInstall(['nvim'], [NEOVIM_PACKAGE], logFile, step);
  } catch (err) {
    log(`[e2e-setup] could not install neovim, so the neovim suite will fail: ${err.message}`);
  }
}

async function install(paths, t0, log) {
  fs.mkdirSync(paths.cacheDir, { recursive: true });
  fs.rmSync(paths.marker, { force: true });
  const logFile = path.join(cacheRoot(), `setup-${process.versions.modules}.log`);
  fs.writeFileSync(logFile, `report-lint e2e setup ${new Date().toISOString()} node ${process.version}\n`);
  log(`[e2e-setup] installing code-server ${CODE_SERVER_VERSION} for Node ABI ${process.versions.modules} into ${paths.cacheDir}`);
  log(`[e2e-setup] full command output: ${logFile}`);

  const step = async (name, fn) => {
    const s = Date.now();
    log(`[e2e-setup] ${name} ...`);
    await fn();
    log(`[e2e-setup]   done in ${fmt(Date.now() - s)}`);
  };
  // npm settings for every npm call here: never prompt, no audit/fund noise.
  const npmEnv = { npm_config_yes: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };

  // 1. Debian packages, only when something is missing.
  const missingBins = [
    [CHROMIUM_PATH, fs.existsSync(CHROMIUM_PATH)],
    ['rg', !!which('rg')],
    ['nvim', !!which('nvim')],
  ]
    .filter(([, ok]) => !ok)
    .map(([n]) => n);
  const aptPackages = which('nvim') ? APT_PACKAGES : [...APT_PACKAGES, NEOVIM_PACKAGE];
  if (missingBins.length) {
    await aptInstall(missingBins, aptPackages, logFile, step);
  } else {
    log(`[e2e-setup] chromium, rg and nvim present, skipping apt-get`);
  }
  const rg = which('rg');
  if (!rg) throw new StepError('ripgrep (rg) is still missing after apt-get');

  // 2. code-server itself, without its postinstall (it refuses root and downloads ripgrep).
  await step(`npm install --ignore-scripts code-server@${CODE_SERVER_VERSION}`, async () => {
    if (!fs.existsSync(path.join(paths.cacheDir, 'package.json'))) {
      fs.writeFileSync(path.join(paths.cacheDir, 'package.json'), JSON.stringify({ name: 'report-lint-e2e-cache', private: true }, null, 2) + '\n');
    }
    await run('npm', ['install', '--prefix', paths.cacheDir, '--ignore-scripts', `code-server@${CODE_SERVER_VERSION}`], {
      cwd: paths.cacheDir,
      env: npmEnv,
      logFile,
    });
    if (!fs.existsSync(paths.codeServerBin)) throw new StepError(`npm install finished but ${paths.codeServerBin} is missing`);
  });

  // 3. VS Code's own production dependencies.
  await step('npm install in lib/vscode', () => run('npm', ['install', '--omit=dev', '--ignore-scripts'], { cwd: paths.vscodeDir, env: npmEnv, logFile }));

  // 4. ripgrep: its postinstall would download rg from GitHub; use Debian's.
  await step(`link ripgrep -> ${rg}`, async () => {
    const binDir = path.join(paths.vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin');
    fs.mkdirSync(binDir, { recursive: true });
    symlink(rg, path.join(binDir, 'rg'));
  });

  // 5. Native modules, built against this Node's headers.
  await step(`npm rebuild ${Object.keys(VSCODE_NATIVES).join(' ')}`, () =>
    run('npm', ['rebuild', '--foreground-scripts', ...Object.keys(VSCODE_NATIVES)], { cwd: paths.vscodeDir, env: npmEnv, logFile }),
  );

  // 6. Symlinks code-server expects from its own postinstall.
  await step('postinstall symlinks', async () => {
    symlink('node_modules', path.join(paths.vscodeDir, 'node_modules.asar'));
    symlink('code-linux.sh', path.join(paths.vscodeDir, 'bin', 'remote-cli', 'code-server'));
    symlink('browser-linux.sh', path.join(paths.vscodeDir, 'bin', 'helpers', 'browser.sh'));
  });

  // 7. Built-in extensions' dependencies (markdown, git, ...).
  await step('npm install in lib/vscode/extensions', () =>
    run('npm', ['install', '--omit=dev'], { cwd: path.join(paths.vscodeDir, 'extensions'), env: npmEnv, logFile }),
  );

  // 8. argon2 (code-server's password hashing; loaded at startup even with --auth none).
  await step('npm rebuild argon2', () => run('npm', ['rebuild', '--foreground-scripts', 'argon2'], { cwd: paths.cacheDir, env: npmEnv, logFile }));

  // 9. Prove it: natives load, code-server starts and serves the workbench.
  await step('check native modules load', () => checkNatives(paths, logFile));
  await step('smoke test: start code-server and GET /healthz', () => smokeTest(paths, logFile));

  fs.writeFileSync(
    paths.marker,
    JSON.stringify(
      {
        format: MARKER_FORMAT,
        codeServer: CODE_SERVER_VERSION,
        abi: process.versions.modules,
        node: process.version,
        completedAt: new Date().toISOString(),
      },
      null,
      2,
    ) + '\n',
  );
  log(`[e2e-setup] complete in ${fmt(Date.now() - t0)}`);
  return paths;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const force = process.argv.includes('--force');
  setupE2E({ force }).then(
    (p) => {
      console.log(p.cacheDir);
    },
    (err) => {
      console.error(`[e2e-setup] FAILED: ${err instanceof StepError ? err.message : err.stack || err}`);
      process.exit(1);
    },
  );
}
