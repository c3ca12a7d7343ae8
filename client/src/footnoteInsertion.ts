/**
 * Applies what the server computed for Insert Footnote (server/src/core/footnoteInsertion.ts):
 * the reference, the renumbered later footnotes and the definition, as one edit, so
 * one Undo takes the whole insertion back.
 */
import * as vscode from 'vscode';

interface Position {
  line: number;
  character: number;
}

/** What `reportLint.footnoteInsertion` answers. */
export type FootnoteInsertionResult =
  | {
      version: number;
      number: number;
      style: 'gfm' | 'superscript';
      edits: { range: { start: Position; end: Position }; newText: string }[];
      referenceEnd: Position;
      definitionEnd: Position;
    }
  | { message: string };

const toPosition = (p: Position) => new vscode.Position(p.line, p.character);

/**
 * `cursorInDefinition`: a new footnote leaves the cursor in its empty definition,
 * ready for its text; a repeated one leaves it after the reference.
 */
export async function applyFootnoteInsertion(
  editor: vscode.TextEditor,
  result: FootnoteInsertionResult | undefined,
  cursorInDefinition: boolean,
): Promise<boolean> {
  if (!result) return false;
  if ('message' in result) {
    void vscode.window.showInformationMessage(`Report Lint: ${result.message}`);
    return false;
  }
  if (editor.document.version !== result.version) {
    void vscode.window.showInformationMessage('Report Lint: the report changed while the footnote was prepared; run Insert Footnote again.');
    return false;
  }
  const applied = await editor.edit(
    (edit) => {
      for (const e of result.edits) edit.replace(new vscode.Range(toPosition(e.range.start), toPosition(e.range.end)), e.newText);
    },
    { undoStopBefore: true, undoStopAfter: true },
  );
  if (!applied) return false;
  const cursor = toPosition(cursorInDefinition ? result.definitionEnd : result.referenceEnd);
  editor.selection = new vscode.Selection(cursor, cursor);
  editor.revealRange(new vscode.Range(cursor, cursor), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return true;
}
