/**
 * The extension-host suite (the @vscode/test-electron contract: `run()` settles when
 * the tests are done). Bundled by scripts/build.mjs to dist/test/suite/index.js with
 * `vscode` and `mocha` left external: both resolve at run time, mocha from the
 * repository's node_modules (in code-server too, where the suite runs in the remote
 * extension host).
 *
 * The test files are required inside run(), after mocha has defined its globals
 * (suite, test, …): a bundle evaluates them only when required.
 */
import type MochaType from 'mocha';

export function run(): Promise<void> {
  const Mocha = require('mocha') as typeof MochaType;
  const mocha = new Mocha({
    ui: 'tdd',
    color: false,
    reporter: 'spec',
    // Generous: the first test waits for the workbench, the extension and the server.
    timeout: 60_000,
    grep: process.env.REPORT_LINT_E2E_GREP || undefined,
  });
  mocha.suite.emit('pre-require', globalThis, 'report-lint-extension-suite', mocha);
  require('./activation.test');
  require('./diagnostics.test');
  require('./languageFeatures.test');
  require('./commands.test');
  require('./fixOnSave.test');
  require('./quarto.test');
  // Last: it crashes the language server on purpose.
  require('./serverCrash.test');
  const { removeScratchFolder } = require('./helpers') as typeof import('./helpers');
  mocha.suite.afterAll(removeScratchFolder);
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} extension-host test(s) failed.`)) : resolve()));
  });
}
