import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ReportLintApi } from '../../../client/src/extension';

export const EXTENSION_ID = 'report-lint.report-lint';

/** Rule ids of the public contract (the suite checks every one reaches the editor). */
export const RULE_IDS = [
  'participant-unknown',
  'participant-malformed',
  'participant-uncited',
  'participant-duplicate',
  'participant-count',
  'footnote-undefined',
  'footnote-unused',
  'footnote-duplicate',
  'footnote-order',
  'terminology-avoid',
  'terminology-caution',
  'link-placeholder',
];

export function workspaceFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the suite needs the fixture workspace open (test/vscode/fixtures/workspace)');
  return folder.uri;
}

export function fixtureUri(name: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder(), name);
}

/**
 * Polls until `probe` returns something other than undefined/false. Waiting is not
 * asserted on: the limit only turns a hang into a failure that says what never happened.
 */
export async function waitFor<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, what: string, limitMs = 30_000): Promise<T> {
  const end = Date.now() + limitMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

let api: ReportLintApi | undefined;

/** The extension's API once it is active and its language server has started. */
export async function extensionApi(): Promise<ReportLintApi> {
  if (api) return api;
  const ext = vscode.extensions.getExtension<ReportLintApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not installed in this extension host`);
  const exports = ext.isActive ? ext.exports : await ext.activate();
  await exports.ready;
  api = exports;
  return exports;
}

export function ruleOf(d: vscode.Diagnostic): string | undefined {
  const code = d.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

export function reportLintDiagnostics(uri: vscode.Uri, ruleId?: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'report-lint' && (ruleId === undefined || ruleOf(d) === ruleId));
}

export async function open(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc, { preview: false });
}

/** A scratch folder outside the repository, with the fixture configuration, for tests that edit and save. */
let scratchDir: string | undefined;
export function scratchFolder(): string {
  if (!scratchDir) {
    scratchDir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-lint-suite-'));
    fs.copyFileSync(fixtureUri('.reportlintrc.json').fsPath, path.join(scratchDir, '.reportlintrc.json'));
  }
  return scratchDir;
}

let scratchCount = 0;
/** Writes a new Markdown file in the scratch folder and opens it. */
export async function openScratch(text: string, name = 'report'): Promise<vscode.TextEditor> {
  const file = path.join(scratchFolder(), `${name}-${++scratchCount}.md`);
  fs.writeFileSync(file, text);
  return open(vscode.Uri.file(file));
}

/** Opens a copy of a fixture report in the scratch folder. */
export async function openFixtureCopy(name: string): Promise<vscode.TextEditor> {
  return openScratch(fs.readFileSync(fixtureUri(name).fsPath, 'utf8'), path.basename(name, '.md'));
}

/** Reverts every edited document first: closing a dirty editor would ask to save and block the suite. */
export async function closeAllEditors(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments) {
    if (!doc.isDirty || doc.isUntitled) continue;
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** @public required by index.ts once the suites have run. */
export function removeScratchFolder(): void {
  if (scratchDir) fs.rmSync(scratchDir, { recursive: true, force: true });
  scratchDir = undefined;
}

/** Puts the cursor right after the first occurrence of `marker` (or at its start with `before`). */
export function placeCursor(editor: vscode.TextEditor, marker: string, where: 'after' | 'before' = 'after'): vscode.Position {
  const offset = editor.document.getText().indexOf(marker);
  assert.ok(offset >= 0, `marker ${JSON.stringify(marker)} not in the document`);
  const position = editor.document.positionAt(where === 'after' ? offset + marker.length : offset);
  editor.selection = new vscode.Selection(position, position);
  return position;
}

export function positionOf(document: vscode.TextDocument, text: string, occurrence = 0): vscode.Position {
  let offset = -1;
  for (let i = 0; i <= occurrence; i++) {
    offset = document.getText().indexOf(text, offset + 1);
    assert.ok(offset >= 0, `${JSON.stringify(text)} (occurrence ${occurrence}) not in ${document.uri.fsPath}`);
  }
  return document.positionAt(offset);
}

/** Diagnostics of a document are computed for its current text: waits until the server has caught up with an edit. */
export async function waitForDiagnostics(uri: vscode.Uri, what: string, accept: (all: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  return waitFor(() => {
    const all = reportLintDiagnostics(uri);
    return accept(all) ? all : undefined;
  }, what);
}
