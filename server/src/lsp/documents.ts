/**
 * Applying an editor's changes to a document. vscode-languageserver-textdocument applies
 * the changes of one didChange one after the other, copying the whole text for each: a
 * replace-all of 10,000 matches in a 1 MB report (one didChange with 10,000 changes)
 * took 10 s, in the worker and again in the supervisor's copy, with the server unable to
 * answer. Editors send such changes from the last in the text to the first, so each
 * range is valid in the text as it was: those are applied in one pass; any other list
 * goes through the library as before.
 */
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { Position } from 'vscode-languageserver-textdocument';

/** Below this many changes the library's way costs nothing worth avoiding. */
const ONE_PASS_FROM = 8;

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

/** The offset of a position that lies in the text (not past a line's end, nor inside a line break), else -1. */
function exactOffset(doc: TextDocument, p: Position): number {
  if (p.line >= doc.lineCount) return -1;
  const offset = doc.offsetAt(p);
  return offset - doc.offsetAt({ line: p.line, character: 0 }) === p.character ? offset : -1;
}

export function updateDocument(doc: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument {
  if (changes.length < ONE_PASS_FROM) return TextDocument.update(doc, changes, version);
  const text = doc.getText();
  const spans: { start: number; end: number; text: string }[] = [];
  let limit: Position | undefined;
  for (const change of changes) {
    if (!('range' in change) || !change.range) return TextDocument.update(doc, changes, version);
    const { start, end } = change.range;
    // Each range must end where the previous one starts, or before, and lie in the text (a position
    // past a line's end is clamped, differently once an earlier change lengthened that line): then no
    // earlier change moved it.
    if (!before(start, end) || (limit && !before(end, limit))) return TextDocument.update(doc, changes, version);
    const from = exactOffset(doc, start);
    const to = exactOffset(doc, end);
    if (from < 0 || to < 0) return TextDocument.update(doc, changes, version);
    limit = start;
    spans.push({ start: from, end: to, text: change.text });
  }
  const parts: string[] = [];
  let at = 0;
  for (let i = spans.length - 1; i >= 0; i--) {
    parts.push(text.slice(at, spans[i].start), spans[i].text);
    at = spans[i].end;
  }
  parts.push(text.slice(at));
  return TextDocument.create(doc.uri, doc.languageId, version, parts.join(''));
}

/** The configuration TextDocuments is made with. */
export const DOCUMENT_UPDATES = { create: TextDocument.create, update: updateDocument };
