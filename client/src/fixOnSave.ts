/**
 * `reportLint.fixOnSave`: the safe fixes applied whenever a report is saved,
 * whatever the reason (Ctrl+S, files.autoSave after a delay or on focus change).
 *
 * Why not only `editor.codeActionsOnSave`: VS Code runs code actions on save only
 * for explicit saves, so with auto-save (the default in VS Code for the Web) they
 * never run. A will-save participant runs for every save. The edits come from the
 * server's fix-all (safe fixes only) for exactly the text being saved: if the
 * document changed meanwhile (another save participant, such as codeActionsOnSave,
 * already edited it), nothing is applied rather than edits meant for other text.
 */
import * as vscode from 'vscode';

interface Position {
  line: number;
  character: number;
}

/** What `reportLint.fixAllEdits` answers. */
export interface FixAllEdits {
  version: number;
  edits: { range: { start: Position; end: Position }; newText: string }[];
  applied: number;
}

export function registerFixOnSave(
  languages: readonly string[],
  fixAllEdits: (uri: vscode.Uri) => Promise<FixAllEdits | undefined>,
  log: (line: string) => void,
): vscode.Disposable {
  return vscode.workspace.onWillSaveTextDocument((event) => {
    const document = event.document;
    if (!languages.includes(document.languageId)) return;
    if (!vscode.workspace.getConfiguration('reportLint', document.uri).get<boolean>('fixOnSave', false)) return;
    event.waitUntil(editsOnSave(document, fixAllEdits, log));
  });
}

async function editsOnSave(
  document: vscode.TextDocument,
  fixAllEdits: (uri: vscode.Uri) => Promise<FixAllEdits | undefined>,
  log: (line: string) => void,
): Promise<vscode.TextEdit[]> {
  const version = document.version;
  let result: FixAllEdits | undefined;
  try {
    result = await fixAllEdits(document.uri);
  } catch (e) {
    // A save must never fail because of a fix: log and save as it is.
    log(`Fix on save skipped for ${document.uri.fsPath}: ${e instanceof Error ? e.message : String(e)}`);
    return [];
  }
  if (!result?.edits.length) return [];
  if (result.version !== version || document.version !== version) {
    log(`Fix on save skipped for ${document.uri.fsPath}: the report changed while the fixes were computed.`);
    return [];
  }
  const at = (p: Position) => new vscode.Position(p.line, p.character);
  return result.edits.map((e) => vscode.TextEdit.replace(new vscode.Range(at(e.range.start), at(e.range.end)), e.newText));
}
