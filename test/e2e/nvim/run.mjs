#!/usr/bin/env node
// End-to-end check of the language server in a second real LSP client: Neovim's built-in one,
// configured exactly as the Neovim snippet of docs/editors.md says (test/e2e/nvim/init.lua).
//
//   node test/e2e/nvim/run.mjs          (needs `nvim` ≥ 0.7 and a built dist/; scripts/e2e.mjs
//                                        runs it as the `neovim` suite after `npm run build`)
//
// It copies samples/sample-report.md into a temporary project (with a .reportlintrc.json that
// changes one severity), opens it in headless Neovim, and lets test/e2e/nvim/check.lua record
// what Neovim received. Then it checks that the diagnostics are the CLI's findings for the same
// file (line, column, rule, severity, message), that hover on a cited participant ID shows the
// agency from the participant table, and that a setting changed in Neovim reaches the server.
// Env: REPORT_LINT_E2E_KEEP=1 keeps the temporary folder; REPORT_LINT_NVIM_WAIT_MS (default 60000)
// limits each wait inside Neovim.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.resolve(HERE, '..', '..', '..');
const SAMPLE = path.join(REPO_ROOT, 'samples', 'sample-report.md');
const HOVER_ID = 'RA1-MW-03-A';
const REQUIRED_CODES = ['participant-malformed', 'terminology-avoid', 'footnote-undefined'];
const WAIT_MS = Number(process.env.REPORT_LINT_NVIM_WAIT_MS) || 60_000; // check.lua's limit for each wait
const NVIM_TIMEOUT_MS = 3 * WAIT_MS + 30_000; // the whole Neovim run: three waits and start-up
const SEVERITY_NAMES = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };

let failed = 0;
let passed = 0;
function check(what, ok, detail = '') {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${!ok && detail ? `\n     ${detail.replace(/\n/g, '\n     ')}` : ''}`);
  return ok;
}

/** `nvim --version` as [major, minor, patch], or null when Neovim is not installed. */
function nvimVersion() {
  const res = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  const m = res.status === 0 && /NVIM v(\d+)\.(\d+)\.(\d+)/.exec(res.stdout);
  return m ? m.slice(1).map(Number) : null;
}

/**
 * init.lua must be the docs/editors.md snippet with only `cmd` swapped, so the README shows what is tested.
 * Returns a description of the difference, or '' when they match.
 */
function snippetDrift(initLua) {
  const readme = fs.readFileSync(path.join(REPO_ROOT, 'docs', 'editors.md'), 'utf8');
  const section = readme.split(/^## /m).find((s) => s.startsWith('Other editors'));
  const snippet = section && /Neovim[\s\S]*?```lua\n([\s\S]*?)```/.exec(section)?.[1];
  if (!snippet) return 'docs/editors.md has no ```lua block after "Neovim" in "## Other editors"';
  const npxCmd = "cmd = { 'npx', 'report-lint-server', '--stdio' },";
  const testCmd = "cmd = { 'node', os.getenv('REPORT_LINT_SERVER_JS'), '--stdio' },";
  if (!snippet.includes(npxCmd)) return `the docs/editors.md snippet has no line \`${npxCmd}\``;
  const expected = snippet.replace(npxCmd, testCmd).trim();
  const actual = initLua.replace(/^(--[^\n]*\n)+\n/, '').trim(); // without init.lua's header comment
  if (actual === expected) return '';
  const a = actual.split('\n');
  const e = expected.split('\n');
  const i = a.findIndex((line, n) => line !== e[n]);
  const at = i < 0 ? Math.min(a.length, e.length) : i;
  return `first difference at snippet line ${at + 1}:\n  README:   ${e[at] ?? '(end)'}\n  init.lua: ${a[at] ?? '(end)'}`;
}

/**
 * The CLI's findings for one file, as comparable keys (see diagnosticKey). It runs from
 * `cwd`, the project folder (Neovim's root): the CLI looks for .reportlintrc.json no
 * higher than the current directory or the repository root.
 */
function cliKeys(file, lines, cwd, extraArgs = []) {
  const res = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'report-lint.js'), '--format', 'json', ...extraArgs, file], { encoding: 'utf8', cwd });
  if (res.status !== 0 && res.status !== 1) throw new Error(`report-lint exited ${res.status}: ${res.stderr}`);
  const findings = JSON.parse(res.stdout).flatMap((r) => r.findings);
  // The CLI counts columns in UTF-16 code units from 1; Neovim in bytes from 0.
  return findings
    .map((f) => {
      const byteColumn = Buffer.byteLength(lines[f.line - 1].slice(0, f.column - 1), 'utf8');
      return `${f.line}:${byteColumn} ${f.ruleId} ${f.severity}: ${f.message}`;
    })
    .sort();
}

function diagnosticKey(d) {
  return `${d.lnum + 1}:${d.col} ${d.code} ${SEVERITY_NAMES[d.severity] ?? d.severity}: ${d.message}`;
}

function listDiff(expected, actual) {
  const missing = expected.filter((k) => !actual.includes(k));
  const extra = actual.filter((k) => !expected.includes(k));
  return (
    [...missing.map((k) => `only in the CLI:    ${k}`), ...extra.map((k) => `only in Neovim:     ${k}`)].join('\n') ||
    `same keys, different counts (CLI ${expected.length}, Neovim ${actual.length})`
  );
}

function sameList(a, b) {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function runNvim(args, env) {
  return new Promise((resolve) => {
    const child = spawn('nvim', args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), NVIM_TIMEOUT_MS);
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ code: null, signal: null, output: `cannot start nvim: ${err.message}` });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, output });
    });
  });
}

async function main() {
  const version = nvimVersion();
  if (
    !check(
      'nvim is installed, version 0.7 or later',
      version && (version[0] > 0 || version[1] >= 7),
      version ? `found ${version.join('.')}` : '`nvim --version` failed: install neovim (scripts/e2e-setup.mjs does it)',
    )
  )
    return;
  console.log(`     Neovim ${version.join('.')}`);

  const initPath = path.join(HERE, 'init.lua');
  const drift = snippetDrift(fs.readFileSync(initPath, 'utf8'));
  check('test/e2e/nvim/init.lua is the docs/editors.md snippet (only cmd differs)', !drift, drift);

  const serverJs = path.join(REPO_ROOT, 'bin', 'report-lint-server.js');
  if (!check('dist/server.js is built', fs.existsSync(path.join(REPO_ROOT, 'dist', 'server.js')), 'run `npm run build` first')) return;

  const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'report-lint-nvim-')));
  try {
    // A project whose config raises participant-uncited to a warning: both the CLI and the server
    // must pick it up, and Neovim's root_dir must be the folder that holds it.
    const project = path.join(tmp, 'project');
    const report = path.join(project, 'chapters', 'sample-report.md');
    fs.mkdirSync(path.dirname(report), { recursive: true });
    fs.writeFileSync(path.join(project, '.reportlintrc.json'), JSON.stringify({ rules: { 'participant-uncited': 'warning' } }, null, 2) + '\n');
    fs.copyFileSync(SAMPLE, report);
    const lines = fs.readFileSync(report, 'utf8').split(/\r?\n/);
    const outPath = path.join(tmp, 'nvim-result.json');

    const home = path.join(tmp, 'home'); // Neovim's state and LSP log stay in the temp folder
    const env = {
      ...process.env,
      HOME: home,
      XDG_CONFIG_HOME: path.join(home, 'config'),
      XDG_DATA_HOME: path.join(home, 'data'),
      XDG_STATE_HOME: path.join(home, 'state'),
      XDG_CACHE_HOME: path.join(home, 'cache'),
      REPORT_LINT_SERVER_JS: serverJs,
      REPORT_LINT_NVIM_OUT: outPath,
      REPORT_LINT_NVIM_HOVER_ID: HOVER_ID,
      REPORT_LINT_NVIM_WAIT_MS: String(WAIT_MS),
    };
    const started = Date.now();
    const nvim = await runNvim(['--headless', '--clean', '-u', initPath, '-c', `luafile ${path.join(HERE, 'check.lua')}`, report], env);
    console.log(`     Neovim ran ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (
      !check(
        'Neovim wrote its result',
        fs.existsSync(outPath),
        `exit ${nvim.code}${nvim.signal ? ` (${nvim.signal}, after ${NVIM_TIMEOUT_MS / 1000} s)` : ''}; output:\n${nvim.output.slice(-3000)}`,
      )
    ) {
      showLspLog(home);
      return;
    }
    const result = JSON.parse(fs.readFileSync(outPath, 'utf8'));
    const list = (x) => (Array.isArray(x) ? x : []); // vim.json encodes an empty list as {}
    check('check.lua ran without a Lua error', !result.error, result.error);
    check('the report opened as markdown', result.filetype === 'markdown', `filetype ${JSON.stringify(result.filetype)}`);
    const clients = list(result.clients);
    check(
      'one report-lint client attached, rooted at the folder with .reportlintrc.json',
      clients.length === 1 && clients[0].name === 'report-lint' && clients[0].root_dir === project,
      `clients: ${JSON.stringify(clients)}; expected root ${project}`,
    );

    const diagnostics = list(result.diagnostics);
    check('diagnostics arrived', result.diagnosticsArrived && diagnostics.length > 0, `none within ${WAIT_MS / 1000} s`);
    const sources = [...new Set(diagnostics.map((d) => d.source))];
    check('every diagnostic has source "report-lint"', sources.length === 1 && sources[0] === 'report-lint', `sources: ${JSON.stringify(sources)}`);
    const codes = new Set(diagnostics.map((d) => d.code));
    const missingCodes = REQUIRED_CODES.filter((c) => !codes.has(c));
    check(`diagnostics include ${REQUIRED_CODES.join(', ')}`, !missingCodes.length, `missing: ${missingCodes.join(', ')}`);

    const cli = cliKeys(report, lines, project);
    const fromNvim = diagnostics.map(diagnosticKey).sort();
    check(
      `the ${fromNvim.length} diagnostics are the CLI's findings (line, column, rule, severity, message)`,
      sameList(cli, fromNvim),
      listDiff(cli, fromNvim),
    );
    check(
      '.reportlintrc.json reached the server (participant-uncited is a warning)',
      diagnostics.some((d) => d.code === 'participant-uncited' && d.severity === 2),
      JSON.stringify(diagnostics.filter((d) => d.code === 'participant-uncited')),
    );

    const row = lines.find((l) => l.startsWith(`| ${HOVER_ID} |`));
    const agency = row?.split('|')[2]?.trim();
    const hover = result.hover ?? {};
    check(
      `hover on ${HOVER_ID} (line ${hover.line != null ? hover.line + 1 : '?'}) shows its agency "${agency}"`,
      !!agency && typeof hover.text === 'string' && hover.text.includes(agency),
      agency ? `hover: ${JSON.stringify(hover)}` : `no table row for ${HOVER_ID} in ${SAMPLE}`,
    );

    const afterSetting = list(result.afterSetting);
    const cliRuleOff = cliKeys(report, lines, project, ['--rule', 'link-placeholder=off']);
    check(
      'settings.reportLint.rules changed in Neovim reach the server (link-placeholder off = CLI --rule link-placeholder=off)',
      result.afterSettingArrived && cli.length !== cliRuleOff.length && sameList(cliRuleOff, afterSetting.map(diagnosticKey).sort()),
      result.afterSettingArrived ? listDiff(cliRuleOff, afterSetting.map(diagnosticKey).sort()) : `link-placeholder still reported after ${WAIT_MS / 1000} s`,
    );
    if (failed) showLspLog(home);
  } finally {
    if (process.env.REPORT_LINT_E2E_KEEP) console.log(`     kept ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** The end of Neovim's LSP log (server stderr and RPC errors land there). */
function showLspLog(home) {
  for (const log of [path.join(home, 'state', 'nvim', 'lsp.log'), path.join(home, 'cache', 'nvim', 'lsp.log')]) {
    if (fs.existsSync(log)) console.log(`--- ${log} (last lines) ---\n${fs.readFileSync(log, 'utf8').split('\n').slice(-40).join('\n')}`);
  }
}

main().then(
  () => {
    console.log(`neovim: ${passed} passed, ${failed} failed`);
    process.exitCode = failed ? 1 : 0;
  },
  (err) => {
    console.error(`neovim: ${err.stack || err}`);
    process.exitCode = 1;
  },
);
