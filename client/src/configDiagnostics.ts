/**
 * One diagnostic per broken configuration file, not two: while a `.reportlintrc.json`
 * (or a JSON registry file) is open, VS Code's own JSON validator already marks a
 * syntax error in it, so the server's "invalid JSON" diagnostic for that file is held
 * back; when the file is closed, the server's diagnostic is shown again (VS Code
 * validates only open files). Other configuration problems (an unknown rule, a bad
 * pattern) are always shown: only the server knows them.
 */
import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';

/** The server's diagnostic code for "not valid JSON" (server/src/lsp/diagnostics.ts). */
const SYNTAX_CODE = 'invalid-json';

type Publish = (uri: vscode.Uri, diagnostics: vscode.Diagnostic[]) => void;

export function jsonSyntaxDiagnosticsFilter(): { middleware: Pick<Middleware, 'handleDiagnostics'>; disposable: vscode.Disposable } {
  /** The server's latest diagnostics of files that have a syntax diagnostic. */
  const latest = new Map<string, { uri: vscode.Uri; diagnostics: vscode.Diagnostic[] }>();
  let publish: Publish | undefined;
  const isSyntax = (d: vscode.Diagnostic) => d.code === SYNTAX_CODE || (typeof d.code === 'object' && d.code?.value === SYNTAX_CODE);
  const isOpen = (uri: vscode.Uri) => vscode.workspace.textDocuments.some((doc) => doc.uri.toString() === uri.toString());
  const shown = (uri: vscode.Uri, diagnostics: vscode.Diagnostic[]) => (isOpen(uri) ? diagnostics.filter((d) => !isSyntax(d)) : diagnostics);
  const republish = (doc: vscode.TextDocument) => {
    const entry = latest.get(doc.uri.toString());
    if (entry && publish) publish(entry.uri, shown(entry.uri, entry.diagnostics));
  };
  const middleware: Pick<Middleware, 'handleDiagnostics'> = {
    handleDiagnostics(uri, diagnostics, next) {
      publish = next;
      if (diagnostics.some(isSyntax)) latest.set(uri.toString(), { uri, diagnostics });
      else latest.delete(uri.toString());
      next(uri, shown(uri, diagnostics));
    },
  };
  const disposable = vscode.Disposable.from(
    vscode.workspace.onDidOpenTextDocument(republish),
    // On close the document is still listed for a moment; republish once it is gone.
    vscode.workspace.onDidCloseTextDocument((doc) => setTimeout(() => republish(doc), 0)),
  );
  return { middleware, disposable };
}
