import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { closeAllEditors, extensionApi, fixtureUri, ruleOf, waitFor, waitForDiagnostics } from './helpers';

suite('Quarto documents', () => {
  suiteSetup(() => extensionApi());
  teardown(() => closeAllEditors());

  test('a .qmd with language id "quarto" is checked against its bibliography', async () => {
    const uri = fixtureUri('quarto-report.qmd');
    let document = await vscode.workspace.openTextDocument(uri);
    // Without the Quarto extension a .qmd opens as plain text: set the language id a Quarto user has.
    if (document.languageId !== 'quarto') document = await vscode.languages.setTextDocumentLanguage(document, 'quarto');
    assert.equal(document.languageId, 'quarto');
    const editor = await vscode.window.showTextDocument(document);
    const all = await waitForDiagnostics(uri, 'citation-undefined on quarto-report.qmd', (ds) => ds.some((d) => ruleOf(d) === 'citation-undefined'));
    assert.deepEqual(
      all.map((d) => [ruleOf(d), document.getText(d.range)]),
      [['citation-undefined', '@bakara2019']],
    );
    assert.match(all[0].message, /Did you mean @baraka2019 \(Baraka 2019, Reporting Pathways for Online Abuse\)/);

    // The quick fix offers the closest key with its author, year and title.
    const actions = await waitFor(async () => {
      const list = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, all[0].range);
      return list?.some((a) => /baraka2019/.test(a.title)) ? list : undefined;
    }, 'a quick fix for @bakara2019');
    assert.ok(
      actions.some((a) => a.title === 'Change to @baraka2019 — Baraka 2019, Reporting Pathways for Online Abuse'),
      JSON.stringify(actions.map((a) => a.title)),
    );

    // Hover on a citation shows the reference.
    const at = document.positionAt(document.getText().indexOf('@achieng2021') + 3);
    const hovers = await waitFor(async () => {
      const h = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at);
      return h?.some((x) => x.contents.some((c) => /Online Risks for Children/.test(typeof c === 'string' ? c : c.value))) ? h : undefined;
    }, 'the hover of @achieng2021');
    assert.ok(hovers.length > 0);
    assert.ok(editor);
  });
});
