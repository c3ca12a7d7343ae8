#!/usr/bin/env node
// `npm run test:e2e`: install code-server + chromium if needed (scripts/e2e-setup.mjs), then run
// every end-to-end suite in `suites` one after another and exit non-zero if any failed.
//
//   node scripts/e2e.mjs                 all suites
//   node scripts/e2e.mjs --only a,b      just these suites (also REPORT_LINT_E2E_ONLY=a,b)
//   node scripts/e2e.mjs --list          print the suite names
//   node scripts/e2e.mjs --setup-only    install and stop
// Env: REPORT_LINT_E2E_CACHE (cache root), REPORT_LINT_E2E_VERBOSE=1 (all workbench/code-server
//      output), REPORT_LINT_E2E_KEEP=1 (keep the temp profiles), REPORT_LINT_E2E_GREP (mocha grep).
//
// ADDING A SUITE: append an entry to `suites` below. Paths are relative to the repo root.
//
//   extension-host suite (test-electron contract: a module exporting `run(): Promise<void>`,
//   loaded by the extension host with require(), so CommonJS; test/e2e/mochaSuite.cjs runs mocha):
//     { name: 'diagnostics', kind: 'extension-host',
//       extensionDevelopmentPath: '.',                       // or vsix: [packageExtension]
//       extensionTestsPath: 'test/e2e/suites/diagnostics',   // folder with index.js, or a .js file
//       workspaceFolder: 'test/e2e/workspaces/basic',
//       env: { REPORT_LINT_LOG: 'debug' },                   // reaches the extension host + server
//       before: () => npmRun('build'),                       // optional hook, see below
//       timeoutMs: 180_000 }
//
//   ui suite (Playwright; default export `async ({ page, server, workspaceFolder, screenshot, log })`,
//   helpers such as quickOpen / runCommand / editorText in test/e2e/codeServer.mjs):
//     { name: 'hover-ui', kind: 'ui', suite: 'test/e2e/ui/hover.ui.mjs',
//       workspaceFolder: 'test/e2e/workspaces/basic', vsix: [packageExtension] }
//
//   command suite (any program; passes when it exits 0; output goes straight to the terminal):
//     { name: 'neovim', kind: 'command', command: [process.execPath, 'test/e2e/nvim/run.mjs'],
//       env: { ... }, before: () => npmRun('build'), timeoutMs: 180_000 }
//
// Hooks: any of `before`, and each item of `vsix`, may be a function (sync or async). They are
// called only when that suite is selected, right before it runs. `npmRun(script)` and
// `packageExtension()` run `npm run <script>` / `npm run package` at most once per invocation;
// packageExtension resolves to the built .vsix path, so `vsix: [packageExtension]` tests the
// packaged extension (dist/client.js + dist/server.js) exactly as users get it.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import { fileURLToPath } from 'node:url';
import { setupE2E } from './e2e-setup.mjs';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const r = (p) => path.join(REPO_ROOT, p);

const npmRuns = new Map();
/** `npm run <script>` in the repo root, at most once per e2e invocation. */
export function npmRun(script) {
  if (!npmRuns.has(script)) {
    npmRuns.set(
      script,
      new Promise((resolve, reject) => {
        console.log(`[e2e] npm run ${script}`);
        const child = spawn('npm', ['run', script], { cwd: REPO_ROOT, stdio: 'inherit' });
        child.on('error', reject);
        child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`npm run ${script} failed with exit ${code}`))));
      }),
    );
  }
  return npmRuns.get(script);
}

/** `npm run package` (once) and the path of the .vsix it wrote (<name>-<version>.vsix). */
export async function packageExtension() {
  await npmRun('package');
  const { name, version } = JSON.parse(fs.readFileSync(r('package.json'), 'utf8'));
  const vsix = r(`${name}-${version}.vsix`);
  if (!fs.existsSync(vsix)) throw new Error(`npm run package did not produce ${vsix}`);
  // Issue 12: the VSIX (built from the same "files" as the npm package) stays under 1 MB.
  const { size } = fs.statSync(vsix);
  if (size >= 1_000_000) throw new Error(`${vsix} is ${size} bytes; it must stay under 1 MB`);
  console.log(`${path.basename(vsix)}: ${size} bytes`);
  return vsix;
}

/** Replaces `to` with a copy of the fixture folder `from` (repo-relative): suites that write settings run on copies. */
export function freshCopy(from, to) {
  fs.rmSync(r(to), { recursive: true, force: true });
  fs.cpSync(r(from), r(to), { recursive: true });
}

/**
 * The end-to-end suites, run in this order. Edit this list to add suites (see the header).
 * @type {Array<{ name: string, kind: 'extension-host' | 'ui' | 'command', [key: string]: any }>}
 */
export const suites = [
  // Probes of the infrastructure itself (a tiny extension in test/e2e/fixtures); ~10 s each.
  {
    name: 'probe-extension-host',
    kind: 'extension-host',
    extensionDevelopmentPath: r('test/e2e/fixtures/probe-extension'),
    extensionTestsPath: r('test/e2e/fixtures/probe-suite'),
    workspaceFolder: r('test/e2e/fixtures/probe-workspace'),
    env: { PROBE_ENV: 'from-launcher' },
  },
  {
    name: 'probe-ui',
    kind: 'ui',
    suite: r('test/e2e/fixtures/probe-ui/probe.ui.mjs'),
    extensionDevelopmentPath: r('test/e2e/fixtures/probe-extension'),
    workspaceFolder: r('test/e2e/fixtures/probe-workspace'),
  },
  // The extension from source (dist/ built first) with its extension-host suite (test/vscode).
  {
    name: 'extension',
    kind: 'extension-host',
    extensionDevelopmentPath: r('.'),
    extensionTestsPath: r('dist/test/suite/index.js'),
    workspaceFolder: r('test/vscode/fixtures/workspace'),
    before: () => npmRun('build'),
    timeoutMs: 300_000,
  },
  // The same suite against the packaged .vsix, installed as users install it (minified bundles, no node_modules).
  {
    name: 'extension-vsix',
    kind: 'extension-host',
    vsix: [packageExtension],
    // Tests run only in a development window; this empty extension opens one without shadowing the .vsix.
    extensionDevelopmentPath: r('test/vscode/fixtures/vsix-host'),
    extensionTestsPath: r('dist/test/suite/index.js'),
    workspaceFolder: r('test/vscode/fixtures/workspace'),
    timeoutMs: 300_000,
  },
  // The packaged .vsix driven through the UI: squiggles, Problems panel, hovers, quick fixes and
  // the Insert Participant Citation command (test/e2e/ui/report.ui.mjs); screenshots per step.
  {
    name: 'report-ui',
    kind: 'ui',
    suite: r('test/e2e/ui/report.ui.mjs'),
    workspaceFolder: r('test/e2e/workspaces/ui'),
    vsix: [packageExtension],
    // VS Code in the browser defaults to files.autoSave "afterDelay": the suite's edits would be
    // saved into the committed fixture.
    settings: { 'files.autoSave': 'off' },
    timeoutMs: 240_000,
  },
  // The author's overview through the UI: status bar item, Participants and Footnotes views, toggling
  // checking (test/e2e/ui/views.ui.mjs). Runs on a fresh copy: the toggle writes workspace settings.
  {
    name: 'views-ui',
    kind: 'ui',
    suite: r('test/e2e/ui/views.ui.mjs'),
    workspaceFolder: r('test/e2e/.artifacts/workspaces/views'),
    before: () => freshCopy('test/e2e/workspaces/views', 'test/e2e/.artifacts/workspaces/views'),
    vsix: [packageExtension],
    // No wrapping: End must reach the end of a sentence, not of its first screen line.
    settings: { 'files.autoSave': 'off', '[markdown]': { 'editor.wordWrap': 'off' } },
    timeoutMs: 240_000,
  },
  // A Quarto report through the UI: Insert Bibliography Citation from the palette by typing part of
  // a title and pressing Enter, with the real quick pick (test/e2e/ui/quarto.ui.mjs).
  {
    name: 'quarto-ui',
    kind: 'ui',
    suite: r('test/e2e/ui/quarto.ui.mjs'),
    workspaceFolder: r('test/e2e/workspaces/quarto'),
    vsix: [packageExtension],
    settings: { 'files.autoSave': 'off' },
    timeoutMs: 240_000,
  },
  // A new user's first minutes: the Getting Started walkthrough, a quick fix, a citation and
  // Create Configuration File (test/e2e/ui/gettingStarted.ui.mjs), on a copy (it writes the file).
  {
    name: 'getting-started-ui',
    kind: 'ui',
    suite: r('test/e2e/ui/gettingStarted.ui.mjs'),
    workspaceFolder: r('test/e2e/.artifacts/workspaces/getting-started'),
    before: () => freshCopy('test/e2e/workspaces/getting-started', 'test/e2e/.artifacts/workspaces/getting-started'),
    vsix: [packageExtension],
    settings: { 'files.autoSave': 'off' },
    timeoutMs: 240_000,
  },
  // Per-folder settings: a multi-root workspace whose two folders set different rules and registries
  // in their own .vscode/settings.json (test/e2e/ui/multiRoot.ui.mjs).
  {
    name: 'multi-root-ui',
    kind: 'ui',
    suite: r('test/e2e/ui/multiRoot.ui.mjs'),
    workspaceFolder: r('test/e2e/workspaces/multi-root/multi-root.code-workspace'),
    vsix: [packageExtension],
    settings: { 'files.autoSave': 'off' },
    timeoutMs: 240_000,
  },
  // Issue 11's real-workbench defects (test/e2e/ui/editorFixes.ui.mjs): renumbering superscript
  // notes, Insert Footnote mid-report, typed picks + Enter, combined-ID completion, fix on save
  // under auto-save, a broken .reportlintrc.json, offline rule docs. The steps save files, so they
  // run on a fresh copy of the fixture.
  {
    name: 'editor-fixes-ui',
    kind: 'ui',
    suite: r('test/e2e/ui/editorFixes.ui.mjs'),
    workspaceFolder: r('test/e2e/.artifacts/workspaces/editor-fixes'),
    before: () => freshCopy('test/e2e/workspaces/editor-fixes', 'test/e2e/.artifacts/workspaces/editor-fixes'),
    vsix: [packageExtension],
    settings: { 'files.autoSave': 'off' },
    // Tall enough for the whole report without scrolling.
    viewport: { width: 1280, height: 1000 },
    timeoutMs: 300_000,
  },
  // The standalone language server in a second LSP client: Neovim, set up as the README says;
  // diagnostics compared with the CLI, hover, a settings change (test/e2e/nvim/run.mjs).
  {
    name: 'neovim',
    kind: 'command',
    command: [process.execPath, r('test/e2e/nvim/run.mjs')],
    before: () => npmRun('build'),
    timeoutMs: 240_000,
  },
];

async function resolveHook(value) {
  return typeof value === 'function' ? value() : value;
}

function abs(p) {
  return p == null ? p : Array.isArray(p) ? p.map(abs) : path.resolve(REPO_ROOT, p);
}

/** Runs `command` ([program, ...args]) in the repo root; resolves to its exit code, 1 after a timeout. */
function runCommandSuite({ name, command, env, timeoutMs = 180_000 }) {
  return new Promise((resolve, reject) => {
    const child = spawn(command[0], command.slice(1), { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: 'inherit' });
    const timer = setTimeout(() => {
      console.error(`[e2e] ${name}: no exit after ${timeoutMs / 1000} s; killing it`);
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`cannot run ${command[0]}: ${err.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(code ?? 1);
    });
  });
}

/** Run one suite entry; resolves to its exit code (0 = pass). */
export async function runSuite(suite) {
  await resolveHook(suite.before);
  const vsix = await Promise.all((suite.vsix || []).map(resolveHook));
  const common = {
    name: suite.name,
    workspaceFolder: abs(suite.workspaceFolder),
    extensionDevelopmentPath: abs(suite.extensionDevelopmentPath),
    vsix: vsix.map(abs),
    env: suite.env || {},
    settings: suite.settings || {},
    timeoutMs: suite.timeoutMs,
    ...(suite.viewport ? { viewport: suite.viewport } : {}),
  };
  if (suite.kind === 'extension-host') {
    const { runExtensionHostSuite } = await import('../test/e2e/runExtensionHostSuite.mjs');
    return runExtensionHostSuite({ ...common, extensionTestsPath: abs(suite.extensionTestsPath) });
  }
  if (suite.kind === 'ui') {
    const { runUiSuite } = await import('../test/e2e/runUiSuite.mjs');
    // The protocol trace (each request, its answer and its time) goes to the Report Lint output
    // channel, which the runner keeps in the artifacts: a step that fails once under load (a quick
    // fix menu with "No code actions available") then shows what the server was asked and answered.
    const settings = { 'reportLint.trace.server': 'verbose', ...common.settings };
    return runUiSuite({ ...common, settings, suite: typeof suite.suite === 'function' ? suite.suite : abs(suite.suite) });
  }
  if (suite.kind === 'command') return runCommandSuite({ ...common, command: suite.command });
  throw new Error(`suite ${suite.name}: unknown kind ${JSON.stringify(suite.kind)} (expected 'extension-host', 'ui' or 'command')`);
}

async function main() {
  const { values } = util.parseArgs({
    options: {
      only: { type: 'string' },
      list: { type: 'boolean' },
      'setup-only': { type: 'boolean' },
    },
  });
  if (values.list) {
    for (const s of suites) console.log(`${s.name}\t${s.kind}`);
    return 0;
  }
  const only = (values.only || process.env.REPORT_LINT_E2E_ONLY || '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = only.filter((n) => !suites.some((s) => s.name === n));
  if (unknown.length) {
    console.error(`[e2e] unknown suite(s): ${unknown.join(', ')}; known: ${suites.map((s) => s.name).join(', ')}`);
    return 2;
  }
  const names = new Set(suites.map((s) => s.name));
  if (names.size !== suites.length) {
    console.error('[e2e] two suites share a name; names must be unique');
    return 2;
  }

  const t0 = Date.now();
  try {
    await setupE2E();
  } catch (err) {
    console.error(`[e2e] setup FAILED: ${err.message}`);
    return 1;
  }
  if (values['setup-only']) return 0;

  const selected = only.length ? suites.filter((s) => only.includes(s.name)) : suites;
  const results = [];
  for (const suite of selected) {
    const s0 = Date.now();
    console.log(`\n[e2e] ===== ${suite.name} (${suite.kind}) =====`);
    let code;
    try {
      code = await runSuite(suite);
    } catch (err) {
      console.error(`[e2e] ${suite.name}: ${err.message}`);
      code = 1;
    }
    results.push({ name: suite.name, kind: suite.kind, code, seconds: (Date.now() - s0) / 1000 });
  }

  console.log('\n[e2e] summary');
  for (const { name, kind, code, seconds } of results) {
    console.log(`  ${code === 0 ? 'PASS' : 'FAIL'}  ${name} (${kind}) ${seconds.toFixed(1)} s${code === 0 ? '' : `, exit ${code}`}`);
  }
  const failed = results.filter((x) => x.code !== 0).length;
  console.log(`[e2e] ${results.length - failed}/${results.length} passed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return failed ? 1 : 0;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      console.error(`[e2e] FAILED: ${err.stack || err}`);
      process.exitCode = 1;
    },
  );
}
