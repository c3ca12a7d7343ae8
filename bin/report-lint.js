#!/usr/bin/env node
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const bundle = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(bundle)) {
  console.error('report-lint: the CLI is not built yet; run `npm run build` (npm install does this) and try again.');
  process.exit(2);
}
require(bundle)
  .main(process.argv.slice(2))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      console.error(`report-lint: internal error: ${err && err.stack ? err.stack : err}`);
      process.exitCode = 2;
    },
  );
