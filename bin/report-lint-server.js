#!/usr/bin/env node
'use strict';
// The language server for any LSP client: `report-lint-server --stdio`.
const path = require('node:path');
const fs = require('node:fs');
const args = process.argv.slice(2);
// Run by hand, the server would sit waiting for an editor on stdin: say what it is instead.
if (args.includes('--version') || args.includes('-v')) {
  console.log(require('../package.json').version);
  process.exit(0);
}
if (args.includes('--help') || args.includes('-h')) {
  console.log(
    [
      'Usage: report-lint-server [--stdio | --node-ipc | --socket=PORT | --pipe=NAME] [--clientProcessId=PID]',
      '',
      'The Report Lint language server. An editor starts it and speaks the Language Server Protocol',
      'to it, over stdin and stdout unless told otherwise; it is not run by hand. To check reports',
      'from the command line, use report-lint. Setting it up in Neovim, Helix and other editors:',
      'docs/editors.md.',
    ].join('\n'),
  );
  process.exit(0);
}
const bundle = path.join(__dirname, '..', 'dist', 'server.js');
if (!fs.existsSync(bundle)) {
  console.error('report-lint-server: the server is not built yet; run `npm run build` and try again.');
  process.exit(2);
}
if (!process.argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'))) process.argv.push('--stdio');
require(bundle);
