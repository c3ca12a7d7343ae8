#!/usr/bin/env node
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const bundle = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(bundle)) {
  console.error('report-lint: the CLI is not built yet; run `npm run build` (npm install does this) and try again.');
  process.exit(2);
}
let readAhead;
try {
  // A report's BibTeX files start being read on another thread before the engine is loaded (server/src/cli/readAhead.ts).
  readAhead = require(path.join(__dirname, '..', 'dist', 'readAhead.js')).startReadAhead(process.argv.slice(2));
} catch {
  // The check reads them itself.
}
require(bundle)
  .main(process.argv.slice(2), undefined, readAhead)
  .then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      console.error(`report-lint: internal error: ${err && err.stack ? err.stack : err}`);
      process.exitCode = 2;
    },
  );
