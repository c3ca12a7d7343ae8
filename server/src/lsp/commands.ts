import { MessageType, ShowMessageNotification, type Connection } from 'vscode-languageserver';
import { renumberEdits, nextFootnoteNumber } from '../core/footnotes';
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

export function footnoteInfo(checked: CheckedDocument): FootnoteInfo {
  const { model } = checked;
  let style: FootnoteInfo['style'];
  if (model.footnoteStyle === 'mixed') {
    const sup = model.footnoteDefs.filter((d) => d.style === 'superscript').length;
    style = sup * 2 >= model.footnoteDefs.length ? 'superscript' : 'gfm';
  } else style = model.footnoteStyle;
  return {
    style,
    nextNumber: nextFootnoteNumber(model),
    existing: model.footnoteDefs.map((d) => ({ label: d.label, text: model.text.slice(d.content.start, d.content.end).trim(), line: model.lines.positionAt(d.start).line + 1 })),
  };
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
  const r = await connection.workspace.applyEdit({ label: 'Renumber footnotes', edit: workspaceEdit(checked, toLspEdits(model.lines, edits), caps) });
  return { applied: r.applied, message: r.applied ? `Renumbered footnotes (${edits.length} labels changed).` : `The editor did not apply the edit${r.failureReason ? `: ${r.failureReason}` : ''}.` };
}

export async function fixAll(connection: Connection, checked: CheckedDocument, caps: EditCapabilities): Promise<EditCommandResult> {
  const { edits, applied } = fixAllEdits(checked);
  if (!edits.length) return { applied: false, message: 'Nothing to fix: no problem here has a safe fix.' };
  const r = await connection.workspace.applyEdit({ label: 'Fix all safe report-lint problems', edit: workspaceEdit(checked, edits, caps) });
  return { applied: r.applied, message: r.applied ? `Applied ${applied} safe fix${applied === 1 ? '' : 'es'}.` : `The editor did not apply the edit${r.failureReason ? `: ${r.failureReason}` : ''}.` };
}
