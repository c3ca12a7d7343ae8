import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { RULE_IDS, closeAllEditors, extensionApi, fixtureUri, open, reportLintDiagnostics, ruleOf, waitForDiagnostics } from './helpers';

suite('diagnostics', () => {
  suiteSetup(() => extensionApi());
  teardown(() => closeAllEditors());

  test('a report with a mistake of every kind gets a diagnostic from every rule', async () => {
    const uri = fixtureUri('findings-gfm.md');
    await open(uri);
    const all = await waitForDiagnostics(uri, 'a diagnostic from every rule on findings-gfm.md', (ds) =>
      RULE_IDS.every((id) => ds.some((d) => ruleOf(d) === id)),
    );
    const byRule = (id: string) => all.filter((d) => ruleOf(d) === id);
    // Spot checks that each diagnostic sits on the mistake it describes.
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())!;
    assert.deepEqual(
      byRule('participant-unknown').map((d) => document.getText(d.range)),
      ['RA2-LS-07-A'],
    );
    assert.deepEqual(
      byRule('participant-malformed').map((d) => document.getText(d.range)),
      ['RA2-LS-03 A'],
    );
    assert.deepEqual(
      byRule('terminology-avoid').map((d) => document.getText(d.range)),
      ['child pornography'],
    );
    assert.deepEqual(
      byRule('footnote-undefined').map((d) => document.getText(d.range)),
      ['[^5]'],
    );
    assert.equal(byRule('participant-unknown')[0].severity, vscode.DiagnosticSeverity.Error);
    for (const d of all) {
      const code = d.code as { value: string; target: vscode.Uri };
      assert.equal(typeof code, 'object', 'the rule id links to its documentation');
      // The rule's page shipped with the extension (docs/rules/<id>.md): it opens offline.
      assert.equal(code.target.scheme, 'file', `${code.value} links to ${code.target}`);
      assert.ok(code.target.path.endsWith(`/docs/rules/${code.value}.md`), `${code.value} links to ${code.target}`);
    }
  });

  test('a superscript-footnote report is read as one: no footnote findings, terminology still checked', async () => {
    const uri = fixtureUri('superscript-report.md');
    await open(uri);
    const all = await waitForDiagnostics(uri, 'the terminology finding on superscript-report.md', (ds) => ds.some((d) => ruleOf(d) === 'terminology-caution'));
    assert.deepEqual(all.map(ruleOf), ['terminology-caution']);
  });

  test('turning a rule off in the settings takes effect without a reload, and back on', async () => {
    const uri = fixtureUri('findings-gfm.md');
    await open(uri);
    await waitForDiagnostics(uri, 'link-placeholder before the change', (ds) => ds.some((d) => ruleOf(d) === 'link-placeholder'));
    const config = vscode.workspace.getConfiguration('reportLint');
    try {
      await config.update('rules', { 'link-placeholder': 'off' }, vscode.ConfigurationTarget.Global);
      const after = await waitForDiagnostics(uri, 'link-placeholder to disappear', (ds) => ds.length > 0 && !ds.some((d) => ruleOf(d) === 'link-placeholder'));
      assert.ok(
        after.some((d) => ruleOf(d) === 'participant-unknown'),
        'other rules keep reporting',
      );

      await config.update('rules', { 'participant-uncited': 'error' }, vscode.ConfigurationTarget.Global);
      const raised = await waitForDiagnostics(uri, 'participant-uncited as an error', (ds) =>
        ds.some((d) => ruleOf(d) === 'participant-uncited' && d.severity === vscode.DiagnosticSeverity.Error),
      );
      assert.ok(
        raised.some((d) => ruleOf(d) === 'link-placeholder'),
        'link-placeholder is back once the setting no longer turns it off',
      );
    } finally {
      await config.update('rules', undefined, vscode.ConfigurationTarget.Global);
    }
    await waitForDiagnostics(uri, 'the default severities again', (ds) =>
      ds.some((d) => ruleOf(d) === 'participant-uncited' && d.severity === vscode.DiagnosticSeverity.Information),
    );
  });

  test('reportLint.enable false clears the diagnostics; true brings them back', async () => {
    const uri = fixtureUri('findings-gfm.md');
    await open(uri);
    await waitForDiagnostics(uri, 'diagnostics before disabling', (ds) => ds.length > 0);
    const config = vscode.workspace.getConfiguration('reportLint');
    try {
      await config.update('enable', false, vscode.ConfigurationTarget.Global);
      await waitForDiagnostics(uri, 'no diagnostics while disabled', (ds) => ds.length === 0);
    } finally {
      await config.update('enable', undefined, vscode.ConfigurationTarget.Global);
    }
    await waitForDiagnostics(uri, 'diagnostics after enabling again', (ds) => ds.length > 0);
    assert.ok(reportLintDiagnostics(uri).length > 0);
  });
});
