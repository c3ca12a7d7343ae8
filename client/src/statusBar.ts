/**
 * The status bar item shown with a Markdown report: the server's state (starting,
 * checking, ready, crashed, off) and the report's findings by severity. A click
 * opens the Problems panel (or, when checking is off or the server stopped, offers
 * the way back); `reportLint.toggleChecking` turns checking off and on for the workspace.
 */
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { plural } from '../../server/src/core/text';

export type ServerState = 'starting' | 'checking' | 'ready' | 'crashed' | 'off';

export const TOGGLE_CHECKING_COMMAND = 'reportLint.toggleChecking';
const CLICK_COMMAND = 'reportLint.statusBarClicked';
/** The `source` of the server's diagnostics (server/src/lsp/convert.ts). */
const DIAGNOSTIC_SOURCE = 'report-lint';
/** A check normally answers within the debounce and a few milliseconds; never spin forever if it does not publish. */
const CHECKING_LIMIT_MS = 10_000;

export interface StatusBarServer {
  client: LanguageClient;
  /** The languages the server checks. */
  languages: readonly string[];
}

export function registerStatusBar(context: vscode.ExtensionContext, server: StatusBarServer): { state(): ServerState } {
  const item = vscode.window.createStatusBarItem('reportLint.status', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Report Lint';
  let clientState: 'starting' | 'running' | 'stopped' = server.client.state === State.Running ? 'running' : 'starting';
  /** Documents edited since their last diagnostics arrived. */
  const pending = new Map<string, NodeJS.Timeout>();

  const enabledFor = (document: vscode.TextDocument) => vscode.workspace.getConfiguration('reportLint', document.uri).get<boolean>('enable', true);
  const activeReport = () => {
    const document = vscode.window.activeTextEditor?.document;
    return document && server.languages.includes(document.languageId) ? document : undefined;
  };

  const stateOf = (document: vscode.TextDocument | undefined): ServerState => {
    if (document && !enabledFor(document)) return 'off';
    if (clientState === 'stopped') return 'crashed';
    if (clientState === 'starting') return 'starting';
    return document && pending.has(document.uri.toString()) ? 'checking' : 'ready';
  };

  const update = () => {
    const document = activeReport();
    if (!document) {
      item.hide();
      return;
    }
    const state = stateOf(document);
    const counts = { error: 0, warning: 0, information: 0, hint: 0 };
    for (const d of vscode.languages.getDiagnostics(document.uri)) {
      if (d.source !== DIAGNOSTIC_SOURCE) continue;
      if (d.severity === vscode.DiagnosticSeverity.Error) counts.error++;
      else if (d.severity === vscode.DiagnosticSeverity.Warning) counts.warning++;
      else if (d.severity === vscode.DiagnosticSeverity.Information) counts.information++;
      else counts.hint++;
    }
    const tally = `$(error) ${counts.error} $(warning) ${counts.warning} $(info) ${counts.information}`;
    const tooltip = new vscode.MarkdownString(undefined, true);
    item.backgroundColor = undefined;
    switch (state) {
      case 'off':
        item.text = '$(circle-slash) Report Lint: off';
        tooltip.appendMarkdown('Report Lint is not checking this workspace.\n\nClick to turn checking on.');
        item.command = { title: 'Turn checking on', command: TOGGLE_CHECKING_COMMAND };
        break;
      case 'crashed':
        item.text = '$(debug-disconnect) Report Lint: stopped';
        item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
        tooltip.appendMarkdown('The Report Lint server stopped and is not checking reports.\n\nClick to restart it.');
        item.command = { title: 'Restart the server', command: 'reportLint.restartServer' };
        break;
      case 'starting':
        item.text = '$(sync~spin) Report Lint: starting';
        tooltip.appendMarkdown('The Report Lint server is starting.');
        item.command = { title: 'Show the output', command: 'reportLint.showOutput' };
        break;
      case 'checking':
      case 'ready':
        item.text = `${state === 'checking' ? '$(sync~spin)' : '$(check)'} Report Lint ${tally}`;
        tooltip.appendMarkdown(
          `Report Lint: ${state === 'checking' ? 'checking' : 'ready'}\n\n` +
            `${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${plural(counts.information, 'information finding')}` +
            (counts.hint ? ` and ${plural(counts.hint, 'hint')}` : '') +
            ' in this report.\n\nClick to open the Problems panel.',
        );
        item.command = { title: 'Open the Problems panel', command: CLICK_COMMAND };
        break;
    }
    item.tooltip = tooltip;
    item.accessibilityInformation = { label: `Report Lint: ${state}. ${counts.error} errors, ${counts.warning} warnings, ${counts.information} information.` };
    item.show();
  };

  const settle = (uri: string) => {
    clearTimeout(pending.get(uri));
    pending.delete(uri);
  };

  context.subscriptions.push(
    item,
    { dispose: () => pending.forEach((t) => clearTimeout(t)) },
    server.client.onDidChangeState((e) => {
      clientState = e.newState === State.Running ? 'running' : e.newState === State.Starting ? 'starting' : 'stopped';
      pending.forEach((t) => clearTimeout(t));
      pending.clear();
      update();
    }),
    vscode.window.onDidChangeActiveTextEditor(update),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (!e.contentChanges.length || !server.languages.includes(e.document.languageId) || !enabledFor(e.document)) return;
      const uri = e.document.uri.toString();
      clearTimeout(pending.get(uri));
      pending.set(
        uri,
        setTimeout(() => (settle(uri), update()), CHECKING_LIMIT_MS),
      );
      if (e.document === vscode.window.activeTextEditor?.document) update();
    }),
    vscode.languages.onDidChangeDiagnostics((e) => {
      for (const uri of e.uris) settle(uri.toString());
      update();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('reportLint.enable')) update();
    }),
    vscode.commands.registerCommand(CLICK_COMMAND, () => vscode.commands.executeCommand('workbench.actions.view.problems')),
    vscode.commands.registerCommand(TOGGLE_CHECKING_COMMAND, () => toggleChecking()),
  );
  update();
  return {
    state: () => stateOf(activeReport()),
  };
}

/**
 * Turns checking off or on for the workspace (the workspace setting, which the
 * server follows). Off when the active report is checked, else on.
 */
async function toggleChecking(): Promise<void> {
  const document = vscode.window.activeTextEditor?.document;
  const config = vscode.workspace.getConfiguration('reportLint', document?.uri);
  const next = !config.get<boolean>('enable', true);
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await config.update('enable', next, target);
  // A folder's own value would win over the workspace's: say so instead of seeming to do nothing.
  const folderValue = document && vscode.workspace.getWorkspaceFolder(document.uri) ? config.inspect<boolean>('enable')?.workspaceFolderValue : undefined;
  if (folderValue !== undefined && folderValue !== next)
    void vscode.window.showWarningMessage(
      `Report Lint: this folder's own settings keep checking ${folderValue ? 'on' : 'off'} here (reportLint.enable in .vscode/settings.json).`,
    );
  else vscode.window.setStatusBarMessage(`Report Lint: checking turned ${next ? 'on' : 'off'} for the workspace.`, 5000);
}
