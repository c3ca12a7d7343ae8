import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { ReportLintApi } from '../../../client/src/extension';
import { EXTENSION_ID, extensionApi, fixtureUri, open, waitFor } from './helpers';

suite('activation', () => {
  test('the extension waits for a Markdown file before activating', () => {
    const ext = vscode.extensions.getExtension<ReportLintApi>(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not installed in this extension host`);
    const markdownOpen = vscode.workspace.textDocuments.some((d) => d.languageId === 'markdown');
    if (!markdownOpen) assert.equal(ext.isActive, false, 'active before any Markdown file was opened');
  });

  test('opening a Markdown report activates it and its API reports the activation time', async () => {
    const editor = await open(fixtureUri('superscript-report.md'));
    assert.equal(editor.document.languageId, 'markdown');
    const ext = vscode.extensions.getExtension<ReportLintApi>(EXTENSION_ID)!;
    await waitFor(() => ext.isActive, 'the extension to activate on a Markdown file');
    const api = await extensionApi();
    assert.equal(typeof api.activationMs, 'number');
    assert.ok(Number.isFinite(api.activationMs) && api.activationMs >= 0, `activationMs = ${api.activationMs}`);
    // Reported, not asserted: timing belongs to the benchmarks, not to pass/fail.
    console.log(`      Report Lint activated in ${api.activationMs.toFixed(1)} ms`);
  });

  test('every command of the manifest is registered', async () => {
    await extensionApi();
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const contributed = (ext.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const command of contributed) assert.ok(registered.has(command), `${command} is contributed but not registered`);
  });
});
