import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { closeAllEditors, extensionApi, openScratch, reportLintDiagnostics, ruleOf, waitForDiagnostics } from './helpers';

const REPORT = `| ID Number | Agency | Position |
| --- | --- | --- |
| RA3-BW-01-A | Ministry of Basic Education | School Counsellor |
| RA3-BW-02-A | Botswana Police Service | Child Protection Officer |

The counsellor spoke first (RA3-BW-01 A) and the officer second (RA3-BW-02-A). Some parents call offenders paedophiles.
`;

suite('fix all on save', () => {
  suiteSetup(() => extensionApi());
  teardown(() => closeAllEditors());

  test('editor.codeActionsOnSave with source.fixAll.reportLint fixes a malformed ID when the report is saved', async () => {
    const editorConfig = vscode.workspace.getConfiguration('editor', { languageId: 'markdown' });
    await editorConfig.update('codeActionsOnSave', { 'source.fixAll.reportLint': 'explicit' }, vscode.ConfigurationTarget.Global, true);
    try {
      const editor = await openScratch(REPORT);
      const uri = editor.document.uri;
      await waitForDiagnostics(uri, 'the malformed ID finding', (ds) => ds.some((d) => ruleOf(d) === 'participant-malformed'));
      // An edit first: saving an unchanged document is a no-op.
      await editor.edit((e) => e.insert(editor.document.positionAt(editor.document.getText().length), '\nThe study ended in June.\n'));
      assert.ok(await editor.document.save(), 'the document saves');

      assert.match(editor.document.getText(), /spoke first \(RA3-BW-01-A\)/);
      assert.match(fs.readFileSync(uri.fsPath, 'utf8'), /spoke first \(RA3-BW-01-A\)/, 'the fixed text is what reached the disk');
      assert.match(editor.document.getText(), /paedophiles/, 'fix-all applies only safe fixes');
      await waitForDiagnostics(uri, 'the malformed ID finding to go', (ds) => ds.length > 0 && !ds.some((d) => ruleOf(d) === 'participant-malformed'));
      assert.ok(reportLintDiagnostics(uri, 'terminology-caution').length > 0);
    } finally {
      await editorConfig.update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Global, true);
    }
  });

  test('reportLint.fixOnSave applies the safe fixes in the save itself, without codeActionsOnSave', async () => {
    const config = vscode.workspace.getConfiguration('reportLint');
    await config.update('fixOnSave', true, vscode.ConfigurationTarget.Global);
    try {
      const editor = await openScratch(REPORT);
      const uri = editor.document.uri;
      await waitForDiagnostics(uri, 'the malformed ID finding', (ds) => ds.some((d) => ruleOf(d) === 'participant-malformed'));
      await editor.edit((e) => e.insert(editor.document.positionAt(editor.document.getText().length), '\nThe study ended in June.\n'));
      assert.ok(await editor.document.save(), 'the document saves');
      assert.match(fs.readFileSync(uri.fsPath, 'utf8'), /spoke first \(RA3-BW-01-A\)/, 'the fixed text is what reached the disk');
      assert.match(editor.document.getText(), /paedophiles/, 'only safe fixes');
      assert.equal(editor.document.isDirty, false);
    } finally {
      await config.update('fixOnSave', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('with reportLint.fixOnSave off (the default) a save changes nothing', async () => {
    const editor = await openScratch(REPORT);
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, 'the malformed ID finding', (ds) => ds.some((d) => ruleOf(d) === 'participant-malformed'));
    await editor.edit((e) => e.insert(editor.document.positionAt(editor.document.getText().length), '\nThe study ended in June.\n'));
    assert.ok(await editor.document.save());
    assert.match(fs.readFileSync(uri.fsPath, 'utf8'), /spoke first \(RA3-BW-01 A\)/);
  });
});
