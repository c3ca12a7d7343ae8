/**
 * Applying an editor's changes to a document. vscode-languageserver-textdocument applies
 * the changes of one didChange one after the other, copying the whole text for each: a
 * replace-all of 10,000 matches in a 1 MB report (one didChange with 10,000 changes)
 * took 10 s, in the worker and again in the supervisor's copy, with the server unable to
 * answer. Editors send such changes in text order, each non-overlapping: from the last to
 * the first (VS Code), so each range is valid in the text as it was, or from the first to
 * the last (Helix), each range in the text as the earlier changes left it. Both are
 * applied in one pass; any other list goes through the library as before.
 */
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { Position } from 'vscode-languageserver-textdocument';

/** Below this many changes the library's way costs nothing worth avoiding. */
const ONE_PASS_FROM = 8;

interface Span {
  start: number;
  end: number;
  text: string;
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

/** The offset of a position that lies in the text (not past a line's end, nor inside a line break), else -1. */
function exactOffset(doc: TextDocument, p: Position): number {
  if (p.line < 0 || p.line >= doc.lineCount || p.character < 0) return -1;
  const offset = doc.offsetAt(p);
  return offset - doc.offsetAt({ line: p.line, character: 0 }) === p.character ? offset : -1;
}

/**
 * Whether replacing text between `charBefore` and `charAfter` by `insert` joins a CR and a LF into
 * one line break (lines after it then move by one, which the one pass does not follow). An
 * unknown neighbour (undefined) counts as joining.
 */
function joinsLineBreaks(charBefore: string | undefined, insert: string, charAfter: string | undefined): boolean {
  const first = insert.length ? insert[0] : charAfter;
  const last = insert.length ? insert[insert.length - 1] : charBefore;
  return charBefore === undefined || charAfter === undefined || (charBefore === '\r' && first === '\n') || (last === '\r' && charAfter === '\n');
}

type Changes = TextDocumentContentChangeEvent[];
const hasRange = (c: TextDocumentContentChangeEvent): c is { range: { start: Position; end: Position }; text: string } => 'range' in c && !!c.range;

/**
 * From the last to the first: each range ends where the previous one starts, or before, and
 * lies in the text (a position past a line's end is clamped, differently once an earlier change
 * lengthened that line): then no earlier change moved it. The spans in text order, or undefined.
 */
function lastToFirst(doc: TextDocument, changes: Changes): Span[] | undefined {
  const text = doc.getText();
  const spans: Span[] = [];
  let limit: Position | undefined;
  for (const change of changes) {
    if (!hasRange(change)) return undefined;
    const { start, end } = change.range;
    if (!before(start, end) || (limit && !before(end, limit))) return undefined;
    const from = exactOffset(doc, start);
    const to = exactOffset(doc, end);
    if (from < 0 || to < 0) return undefined;
    // What follows the range when this change is made: the previous change's text if it starts right there.
    const previous = spans[spans.length - 1];
    const after = previous && previous.start === to ? (previous.text ? previous.text[0] : undefined) : (text[to] ?? '');
    if (joinsLineBreaks(from ? text[from - 1] : '', change.text, after)) return undefined;
    limit = start;
    spans.push({ start: from, end: to, text: change.text });
  }
  return spans.reverse();
}

/**
 * From the first to the last: each range starts where the previous change's text ends, or
 * after, in the text as the earlier changes left it; it is mapped back to the text as it was
 * (lines after the previous change shift by the lines it added; on the line where its text
 * ends, characters shift by where it ended). A change whose text ends in CR before a LF, or
 * starts with LF after a CR, joins two line breaks into one: not mapped.
 */
function firstToLast(doc: TextDocument, changes: Changes): Span[] | undefined {
  const text = doc.getText();
  const spans: Span[] = [];
  // Where the previous change's text ends, now and in the text as it was.
  let now: Position = { line: 0, character: 0 };
  let was: Position = { line: 0, character: 0 };
  const toOld = (p: Position): Position =>
    p.line === now.line
      ? { line: was.line, character: was.character + p.character - now.character }
      : { line: p.line - now.line + was.line, character: p.character };
  for (const change of changes) {
    if (!hasRange(change)) return undefined;
    const { start, end } = change.range;
    if (!before(now, start) || !before(start, end)) return undefined;
    const from = exactOffset(doc, toOld(start));
    const to = exactOffset(doc, toOld(end));
    const previous = spans[spans.length - 1];
    if (from < 0 || to < 0 || (previous && from < previous.end)) return undefined;
    // What precedes the range when this change is made: the previous change's text if it ends right there.
    const charBefore = previous && previous.end === from ? (previous.text ? previous.text[previous.text.length - 1] : undefined) : from ? text[from - 1] : '';
    if (joinsLineBreaks(charBefore, change.text, text[to] ?? '')) return undefined;
    const wasEnd = toOld(end);
    spans.push({ start: from, end: to, text: change.text });
    // Where the change's text ends, now.
    const breaks = [...change.text.matchAll(/\r\n|\r|\n/g)];
    const lastBreak = breaks[breaks.length - 1];
    now = lastBreak
      ? { line: start.line + breaks.length, character: change.text.length - lastBreak.index - lastBreak[0].length }
      : { line: start.line, character: start.character + change.text.length };
    was = wasEnd;
  }
  return spans;
}

export function updateDocument(doc: TextDocument, changes: Changes, version: number): TextDocument {
  if (changes.length < ONE_PASS_FROM) return TextDocument.update(doc, changes, version);
  const spans = lastToFirst(doc, changes) ?? firstToLast(doc, changes);
  if (!spans) return TextDocument.update(doc, changes, version);
  const text = doc.getText();
  const parts: string[] = [];
  let at = 0;
  for (const s of spans) {
    parts.push(text.slice(at, s.start), s.text);
    at = s.end;
  }
  parts.push(text.slice(at));
  return TextDocument.create(doc.uri, doc.languageId, version, parts.join(''));
}

/** The configuration TextDocuments is made with. */
export const DOCUMENT_UPDATES = { create: TextDocument.create, update: updateDocument };
