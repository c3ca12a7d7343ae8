// Runs mocha inside the VS Code extension host (test-electron `run()` contract).
// CommonJS on purpose: the extension host loads extensionTestsPath with require().
//
// A suite's index.js:
//   const { runMochaSuite } = require('../../mochaSuite.cjs');   // path relative to the suite
//   exports.run = () => runMochaSuite({ dir: __dirname });         // runs every *.test.js there
//
// mocha is resolved from this file's folder upwards (repo node_modules), not from code-server.
'use strict';
const fs = require('fs');
const path = require('path');

/**
 * @param {{ dir?: string, files?: string[], ui?: 'tdd'|'bdd', timeout?: number, grep?: string }} opts
 *   dir: run every *.test.js (recursively) in it; files: explicit absolute paths.
 *   REPORT_LINT_E2E_GREP in the environment (set on code-server) narrows the tests.
 * @returns {Promise<void>} rejects when a test failed (the host then exits with 1).
 */
function runMochaSuite({ dir, files = [], ui = 'tdd', timeout = 60_000, grep } = {}) {
  // Loaded lazily so a bad mocha install surfaces as a test failure with a message, not a host crash.
  let Mocha;
  try {
    Mocha = require('mocha');
  } catch (err) {
    return Promise.reject(new Error(`cannot load mocha from ${__dirname}: ${err.message}`));
  }
  const mocha = new Mocha({
    ui,
    timeout,
    color: false, // the output goes through codeAutomationLog, not a TTY
    reporter: 'spec',
    grep: grep ?? process.env.REPORT_LINT_E2E_GREP ?? undefined,
  });
  const all = [...files];
  if (dir) all.push(...findTests(dir));
  if (all.length === 0) return Promise.reject(new Error(`no *.test.js files in ${dir}`));
  for (const f of all.sort()) mocha.addFile(f);
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => {
        if (failures > 0) reject(new Error(`${failures} test(s) failed.`));
        else resolve();
      });
    } catch (err) {
      reject(err);
    }
  });
}

function findTests(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() && e.name !== 'node_modules') out.push(...findTests(p));
    else if (e.isFile() && e.name.endsWith('.test.js')) out.push(p);
  }
  return out;
}

module.exports = { runMochaSuite };
