/**
 * What the Getting Started walkthrough (package.json `contributes.walkthroughs`)
 * needs besides the product's own commands: a sample report to try it on.
 */
import * as vscode from 'vscode';

export const OPEN_SAMPLE_COMMAND = 'reportLint.openSample';

/**
 * Opens the bundled sample report as an unsaved Markdown document: the walkthrough
 * writes nothing into the user's folder, and every feature works on it.
 */
export function registerWalkthrough(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(OPEN_SAMPLE_COMMAND, async () => {
      const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, 'samples', 'sample-report.md'));
      const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: new TextDecoder().decode(bytes) });
      return vscode.window.showTextDocument(document);
    }),
  );
}
