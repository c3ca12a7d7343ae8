import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import {
  closeAllEditors,
  extensionApi,
  fixtureUri,
  open,
  openFixtureCopy,
  positionOf,
  reportLintDiagnostics,
  ruleOf,
  waitFor,
  waitForDiagnostics,
} from './helpers';

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

suite('hover and quick fixes', () => {
  suiteSetup(() => extensionApi());
  teardown(() => closeAllEditors());

  test('hovering a cited participant ID shows the agency and position from the table', async () => {
    const uri = fixtureUri('findings-gfm.md');
    const editor = await open(uri);
    // The citation in the prose, not the table row (occurrence 1 is the prose).
    const at = positionOf(editor.document, 'RA2-LS-02-A', 1).translate(0, 3);
    const text = await waitFor(async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at);
      const t = hoverText(hovers ?? []);
      return t.includes('Ministry of Social Development') ? t : undefined;
    }, 'a hover naming the agency of RA2-LS-02-A');
    assert.match(text, /District Social Worker/);
  });

  test('a discouraged term offers the preferred terms, and applying one clears the finding', async () => {
    const editor = await openFixtureCopy('findings-gfm.md');
    const uri = editor.document.uri;
    const [finding] = await waitForDiagnostics(uri, 'the terminology-avoid finding', (ds) => ds.some((d) => ruleOf(d) === 'terminology-avoid')).then((ds) =>
      ds.filter((d) => ruleOf(d) === 'terminology-avoid'),
    );
    assert.equal(editor.document.getText(finding.range), 'child pornography');

    const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider',
      uri,
      finding.range,
      vscode.CodeActionKind.QuickFix.value,
      20,
    );
    const quickFixes = actions.filter((a): a is vscode.CodeAction => 'kind' in a || 'edit' in a);
    const titles = quickFixes.map((a) => a.title);
    const preferredTitle = titles.find((t) => t.includes('child sexual abuse material (CSAM)'));
    assert.ok(preferredTitle, `a fix to "child sexual abuse material (CSAM)" among ${JSON.stringify(titles)}`);
    assert.ok(
      titles.some((t) => t.includes('child sexual exploitation material (CSEM)')),
      `a fix to "child sexual exploitation material (CSEM)" among ${JSON.stringify(titles)}`,
    );
    const fix = quickFixes.find((a) => a.title === preferredTitle)!;
    assert.equal(fix.isPreferred, true, 'the first preferred term is the preferred fix');
    assert.ok(fix.edit, 'the fix carries its edit');

    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(editor.document.getText(), /Several officials still speak of child sexual abuse material \(CSAM\) when/);
    await waitForDiagnostics(uri, 'the terminology-avoid finding to go', (ds) => ds.length > 0 && !ds.some((d) => ruleOf(d) === 'terminology-avoid'));
    assert.ok(reportLintDiagnostics(uri, 'terminology-caution').length > 0, 'the rest of the sentence is still checked');
  });

  test('a malformed participant ID offers its canonical spelling as the preferred fix', async () => {
    const editor = await openFixtureCopy('findings-gfm.md');
    const uri = editor.document.uri;
    const [finding] = (
      await waitForDiagnostics(uri, 'the participant-malformed finding', (ds) => ds.some((d) => ruleOf(d) === 'participant-malformed'))
    ).filter((d) => ruleOf(d) === 'participant-malformed');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      finding.range,
      vscode.CodeActionKind.QuickFix.value,
      20,
    );
    const fix = actions.find((a) => a.isPreferred && a.title.includes('RA2-LS-03-A'));
    assert.ok(fix?.edit, `a preferred fix to RA2-LS-03-A among ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(editor.document.getText(), /long delays \(RA2-LS-03-A\)/);
    await waitForDiagnostics(uri, 'the participant-malformed finding to go', (ds) => ds.length > 0 && !ds.some((d) => ruleOf(d) === 'participant-malformed'));
  });
});
