// Benchmark aid: appends one JSON line per diagnostics change the extension host sees
// (after vscode-languageclient has converted and set them) to REPORT_LINT_TIMING_LOG.
'use strict';
const fs = require('node:fs');
const vscode = require('vscode');

function activate(context) {
  const file = process.env.REPORT_LINT_TIMING_LOG;
  if (!file) return;
  context.subscriptions.push(
    vscode.languages.onDidChangeDiagnostics((e) => {
      const at = performance.timeOrigin + performance.now();
      for (const uri of e.uris) {
        const count = vscode.languages.getDiagnostics(uri).length;
        fs.appendFileSync(file, `${JSON.stringify({ event: 'exthost', uri: uri.toString(), count, at })}\n`);
      }
    }),
  );
}

module.exports = { activate, deactivate() {} };
