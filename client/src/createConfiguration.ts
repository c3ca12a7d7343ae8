/**
 * Report Lint: Create Configuration File — writes a commented `.reportlintrc.json`
 * into the workspace folder of the open report. The text comes from the server
 * (`reportLint/starterConfig`), which builds it with the same core function as the
 * CLI's `--init`, the participant-ID pattern derived from the report's participant
 * table. An existing file is never overwritten: it is opened instead.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { StarterConfigParams, StarterConfigResult } from '../../server/src/lsp/starterConfig';

export const CREATE_CONFIGURATION_COMMAND = 'reportLint.createConfigurationFile';
const STARTER_CONFIG_REQUEST = 'reportLint/starterConfig';
const CONFIG_FILE_NAME = '.reportlintrc.json';

export interface ConfigurationServer {
  client: LanguageClient;
  ready(): Promise<void>;
  languages: readonly string[];
}

/**
 * The report to derive the ID pattern from: the active editor's, else one visible
 * beside it (the command also runs from the walkthrough page, which is no text editor),
 * else the report opened last.
 */
function openReport(languages: readonly string[]): vscode.TextDocument | undefined {
  const isReport = (d: vscode.TextDocument | undefined): d is vscode.TextDocument => !!d && !d.isClosed && languages.includes(d.languageId);
  const active = vscode.window.activeTextEditor?.document;
  if (isReport(active)) return active;
  const visible = vscode.window.visibleTextEditors.map((e) => e.document).find(isReport);
  return visible ?? [...vscode.workspace.textDocuments].reverse().find(isReport);
}

/** The folder to write into: the open report's, the only one, or the one the user picks. */
async function targetFolder(report: vscode.TextDocument | undefined): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const own = report && vscode.workspace.getWorkspaceFolder(report.uri);
  if (own) return own;
  if (folders.length === 1) return folders[0];
  if (!folders.length) {
    void vscode.window.showInformationMessage(`Report Lint: open a folder first; ${CONFIG_FILE_NAME} applies to the reports in a folder and below.`);
    return undefined;
  }
  return vscode.window.showWorkspaceFolderPick({ placeHolder: `Folder for ${CONFIG_FILE_NAME}` });
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

export async function createConfigurationFile(server: ConfigurationServer): Promise<vscode.Uri | undefined> {
  const report = openReport(server.languages);
  const folder = await targetFolder(report);
  if (!folder) return undefined;
  const target = vscode.Uri.joinPath(folder.uri, CONFIG_FILE_NAME);
  if (await exists(target)) {
    await vscode.window.showTextDocument(target);
    void vscode.window.showInformationMessage(
      `Report Lint: ${vscode.workspace.asRelativePath(target)} already exists; it is open for you to edit (it was not replaced).`,
    );
    return target;
  }
  const params: StarterConfigParams = report
    ? { textDocument: { uri: report.uri.toString() }, name: report.isUntitled ? undefined : vscode.workspace.asRelativePath(report.uri, false) }
    : {};
  let starter: StarterConfigResult | null;
  try {
    await server.ready();
    starter = await server.client.sendRequest<StarterConfigResult | null>(STARTER_CONFIG_REQUEST, params);
    if (!starter) throw new Error('the server failed to build it (see Report Lint: Show Output)');
  } catch (e) {
    void vscode.window.showErrorMessage(`Report Lint: could not build the configuration: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
  // Checked again just before writing: nothing the user wrote meanwhile is replaced.
  if (await exists(target)) {
    await vscode.window.showTextDocument(target);
    return target;
  }
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(starter.text));
  await vscode.window.showTextDocument(target);
  void vscode.window.showInformationMessage(`Report Lint: wrote ${vscode.workspace.asRelativePath(target)}: ${starter.summary}.`);
  return target;
}
