#!/usr/bin/env node
'use strict';
// The language server for any LSP client: `report-lint-server --stdio`.
const path = require('node:path');
const fs = require('node:fs');
const bundle = path.join(__dirname, '..', 'dist', 'server.js');
if (!fs.existsSync(bundle)) {
  console.error('report-lint-server: the server is not built yet; run `npm run build` and try again.');
  process.exit(2);
}
if (!process.argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'))) process.argv.push('--stdio');
require(bundle);
