import { MessageType, ShowMessageNotification, type Connection } from 'vscode-languageserver';
import { nextFootnoteNumber, renumberEdits } from '../core/footnotes';
import { footnoteInsertion as insertion, footnoteNumberAt, FootnoteInsertionError, type FootnoteStyle } from '../core/footnoteInsertion';
import { LineIndex } from '../core/text';
import type { Position, TextEdit as LspTextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { toLspEdits } from './convert';
import { fixAllEdits, workspaceEdit, type EditCapabilities } from './codeActions';
import { citationCounts, interviewKey, type CheckedDocument } from './lookup';
import { SERVER_COMMANDS, type EditCommandResult, type FootnoteInfo, type ParticipantInfo } from '../protocol';

export const COMMAND_NAMES: string[] = Object.values(SERVER_COMMANDS);

/** Commands take a URI as a string, `{ uri }` or `{ textDocument: { uri } }`. */
export function uriArgument(args: unknown[] | undefined): string | undefined {
  const a = args?.[0];
  if (typeof a === 'string') return a;
  if (a && typeof a === 'object') {
    const o = a as { uri?: unknown; textDocument?: { uri?: unknown } };
    if (typeof o.uri === 'string') return o.uri;
    if (typeof o.textDocument?.uri === 'string') return o.textDocument.uri;
  }
  return undefined;
}

export function participants(checked: CheckedDocument): ParticipantInfo[] {
  const { analysis, scheme, model } = checked;
  const counts = citationCounts(checked);
  return [...analysis.registry.values()]
    .map((e) => ({
      id: e.id,
      agency: e.agency,
      position: e.position,
      country: e.country,
      citations: counts.get(e.id)?.count ?? 0,
      interview: interviewKey(scheme, e.id),
      line: e.origin.kind === 'table' ? model.lines.positionAt(e.origin.idSpan.start).line + 1 : undefined,
      file: e.origin.kind === 'file' ? e.origin.file : undefined,
    }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** A position argument (`{ position: { line, character } }` next to the URI), if valid. */
export function positionArgument(args: unknown[] | undefined): Position | undefined {
  const p = (args?.[0] as { position?: { line?: unknown; character?: unknown } } | undefined)?.position;
  return p && Number.isInteger(p.line) && Number.isInteger(p.character) ? { line: p.line as number, character: p.character as number } : undefined;
}

/** With a position, `nextNumber` is the number a footnote inserted there takes. */
export function footnoteInfo(checked: CheckedDocument, position?: Position): FootnoteInfo {
  const { model } = checked;
  let style: FootnoteInfo['style'];
  if (model.footnoteStyle === 'mixed') {
    const sup = model.footnoteDefs.filter((d) => d.style === 'superscript').length;
    style = sup * 2 >= model.footnoteDefs.length ? 'superscript' : 'gfm';
  } else style = model.footnoteStyle;
  return {
    style,
    nextNumber: position ? footnoteNumberAt(model, model.lines.offsetAt(position)) : nextFootnoteNumber(model),
    existing: model.footnoteDefs.map((d) => ({
      label: d.label,
      text: model.text.slice(d.content.start, d.content.end).trim(),
      line: model.lines.positionAt(d.start).line + 1,
    })),
  };
}

/**
 * Asks the editor to apply an edit. An editor that cannot (no workspace/applyEdit: some
 * minimal LSP clients) or that fails the request gets the reason back as "not applied",
 * and is shown it, instead of a protocol error.
 */
async function applyEdit(
  connection: Connection,
  caps: EditCapabilities,
  label: string,
  edit: WorkspaceEdit,
): Promise<{ applied: boolean; failureReason?: string }> {
  let failureReason: string | undefined;
  if (caps.applyEdit === false) failureReason = 'this editor does not let language servers change documents (it does not support workspace/applyEdit)';
  else
    try {
      return await connection.workspace.applyEdit({ label, edit });
    } catch (e) {
      failureReason = `the editor answered: ${(e as Error).message}`;
    }
  void connection.sendNotification(ShowMessageNotification.type, {
    type: MessageType.Warning,
    message: `report-lint: ${label}: not applied: ${failureReason}.`,
  });
  return { applied: false, failureReason };
}

export async function renumberFootnotes(connection: Connection, checked: CheckedDocument, caps: EditCapabilities): Promise<EditCommandResult> {
  const { model } = checked;
  const edits = renumberEdits(model);
  if (!edits) {
    const labels = [...model.footnoteRefs, ...model.footnoteDefs].map((x) => x.label);
    const message = !labels.length
      ? 'This document has no footnotes.'
      : labels.some((l) => !/^\d+$/.test(l))
        ? 'Footnotes can only be renumbered when every label is a number.'
        : new Set(model.footnoteDefs.map((d) => d.label)).size < model.footnoteDefs.length
          ? 'A footnote is defined twice; fix that first (see the footnote-duplicate problem).'
          : 'The footnotes are already numbered in order.';
    void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message: `report-lint: ${message}` });
    return { applied: false, message };
  }
  const r = await applyEdit(connection, caps, 'Renumber footnotes', workspaceEdit(checked, toLspEdits(model.lines, edits), caps));
  return {
    applied: r.applied,
    message: r.applied ? 'Renumbered the footnotes in order.' : `The editor did not apply the edit${r.failureReason ? `: ${r.failureReason}` : ''}.`,
  };
}

export async function fixAll(connection: Connection, checked: CheckedDocument, caps: EditCapabilities): Promise<EditCommandResult> {
  const { edits, applied, stopped } = fixAllEdits(checked);
  const rest = stopped ? ' It stopped at the time limit for a report this size; there may be more: run Fix All again.' : '';
  if (!edits.length) return { applied: false, message: stopped ? `Nothing fixed in time.${rest}` : 'Nothing to fix: no problem here has a safe fix.' };
  const r = await applyEdit(connection, caps, 'Fix all safe report-lint problems', workspaceEdit(checked, edits, caps));
  return {
    applied: r.applied,
    message: r.applied
      ? `Applied ${applied} safe fix${applied === 1 ? '' : 'es'}.${rest}`
      : `The editor did not apply the edit${r.failureReason ? `: ${r.failureReason}` : ''}.`,
  };
}

/** What `reportLint.footnoteInsertion` answers: the edits to make, or why none. */
export type FootnoteInsertionResult =
  { version: number; number: number; style: FootnoteStyle; edits: LspTextEdit[]; referenceEnd: Position; definitionEnd: Position } | { message: string };

/**
 * Inserting a footnote at `position` (Insert Footnote): the reference attached to the
 * word before it, numbered for its place, later footnotes renumbered, the definition
 * with `text` in number order. Answered as edits for the client to apply in one step,
 * with the document version they are for.
 */
export function footnoteInsertion(checked: CheckedDocument, args: unknown[] | undefined): FootnoteInsertionResult {
  const { model, doc } = checked;
  const a = (args?.[0] ?? {}) as { text?: unknown; defaultStyle?: unknown };
  const position = positionArgument(args);
  if (!position) return { message: 'Insert Footnote needs the cursor position.' };
  const documentStyle = footnoteInfo(checked).style;
  const style: FootnoteStyle = documentStyle !== 'none' ? documentStyle : a.defaultStyle === 'superscript' ? 'superscript' : 'gfm';
  try {
    const r = insertion(model, model.lines.offsetAt(position), style, typeof a.text === 'string' ? a.text : '');
    const after = new LineIndex(r.text);
    return {
      version: doc.version,
      number: r.number,
      style,
      edits: toLspEdits(model.lines, r.edits),
      referenceEnd: after.positionAt(r.referenceEnd),
      definitionEnd: after.positionAt(r.definitionEnd),
    };
  } catch (e) {
    if (e instanceof FootnoteInsertionError) return { message: e.message };
    throw e;
  }
}

/** The safe fixes as edits, not applied (for fixing on save, where the editor applies them). */
export function fixAllEditsOf(checked: CheckedDocument): { version: number; edits: LspTextEdit[]; applied: number } {
  return { version: checked.doc.version, ...fixAllEdits(checked) };
}
