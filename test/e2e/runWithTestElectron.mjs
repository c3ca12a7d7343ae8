// Run the same test-electron-contract suite in a desktop VS Code downloaded by @vscode/test-electron.
// For machines that can reach the VS Code download servers; the project machines cannot (they only
// reach the npm registry and Debian), so there runExtensionHostSuite.mjs (code-server) is the way.
//
// CLI:  node test/e2e/runWithTestElectron.mjs --extensionDevelopmentPath DIR \
//         --extensionTestsPath FILE_OR_DIR --folder WORKSPACE [--env K=V ...] [--version 1.100.3]
// Env:  REPORT_LINT_VSCODE_EXECUTABLE=/path/to/code   use an installed VS Code, skip the download
//       REPORT_LINT_VSCODE_VERSION=stable|insiders|1.x.y (default 1.100.3, like code-server)
// Linux without a display needs xvfb: `xvfb-run -a node test/e2e/runWithTestElectron.mjs ...`.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import util from 'node:util';
import { fileURLToPath } from 'node:url';
import { cacheRoot } from '../../scripts/e2e-setup.mjs';
import { CLEAN_SETTINGS, parseEnvArgs } from './codeServer.mjs';

export class VSCodeDownloadError extends Error {}

/**
 * @param {{
 *   extensionDevelopmentPath: string | string[], extensionTestsPath: string, workspaceFolder?: string,
 *   env?: Record<string,string>, version?: string, vscodeExecutablePath?: string, launchArgs?: string[],
 * }} opts
 * @returns {Promise<number>} exit code of VS Code (0 = pass)
 */
export async function runWithTestElectron({
  extensionDevelopmentPath,
  extensionTestsPath,
  workspaceFolder,
  env = {},
  launchArgs = [],
  version = process.env.REPORT_LINT_VSCODE_VERSION || '1.100.3',
  vscodeExecutablePath = process.env.REPORT_LINT_VSCODE_EXECUTABLE,
}) {
  const { downloadAndUnzipVSCode, runTests, TestRunFailedError } = await import('@vscode/test-electron');
  const devPaths = (Array.isArray(extensionDevelopmentPath) ? extensionDevelopmentPath : [extensionDevelopmentPath]).map((p) => path.resolve(p));
  const cachePath = path.join(cacheRoot(), 'vscode-test');

  if (!vscodeExecutablePath) {
    try {
      vscodeExecutablePath = await downloadAndUnzipVSCode({ version, cachePath, timeout: 30_000 });
    } catch (err) {
      throw new VSCodeDownloadError(
        `@vscode/test-electron could not download VS Code ${version} (${err.message || err}).\n` +
          'This machine probably cannot reach the VS Code download servers (only the npm registry is reachable here).\n' +
          'Use the code-server runner instead: node test/e2e/runExtensionHostSuite.mjs (or npm run test:e2e),\n' +
          'or point REPORT_LINT_VSCODE_EXECUTABLE at an installed VS Code binary.',
      );
    }
  }

  // Fresh profile per run, with the same clean settings as the code-server runs.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'report-lint-e2e-electron-'));
  const userDataDir = path.join(tmp, 'user-data');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(CLEAN_SETTINGS, null, 2) + '\n');
  try {
    return await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: devPaths,
      extensionTestsPath: path.resolve(extensionTestsPath),
      extensionTestsEnv: env,
      launchArgs: [
        ...(workspaceFolder ? [path.resolve(workspaceFolder)] : []),
        '--user-data-dir',
        userDataDir,
        '--extensions-dir',
        path.join(tmp, 'extensions'),
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--disable-gpu',
        ...launchArgs,
      ],
    });
  } catch (err) {
    // runTests rejects with TestRunFailedError when VS Code exits non-zero (failing tests).
    if (err instanceof TestRunFailedError) return typeof err.code === 'number' ? err.code : 1;
    throw err;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
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
      version: { type: 'string' },
    },
  });
  const env = parseEnvArgs(values.env);
  runWithTestElectron({
    extensionDevelopmentPath: values.extensionDevelopmentPath || [],
    extensionTestsPath: values.extensionTestsPath,
    workspaceFolder: values.folder,
    env,
    ...(values.version ? { version: values.version } : {}),
  }).then(
    (code) => {
      console.log(`[e2e] VS Code exited with ${code}`);
      process.exitCode = code;
    },
    (err) => {
      console.error(`[e2e] FAILED: ${err.message}`);
      process.exitCode = err instanceof VSCodeDownloadError ? 2 : 1;
    },
  );
}
