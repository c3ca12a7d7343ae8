import { isMarkdownPath, MAX_REPORT_BYTES, readBoundedFile } from '../core/files';
import type { TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position } from 'vscode-languageserver';
import type { IdToken, ReportModel } from '../core/model';
import type { FootnoteDefFact, FootnoteRefFact, TermFact } from '../core/facts';
import type { IdScheme } from '../core/participantIds';
import { citations, citedIds, interviewWidth, resolveIdToken } from '../core/participants';
import type { LintResult } from '../core/engine';
import type { Analysis, ReportWorkspace } from './analyses';
import { isMarkdown } from './files';
import { uriToPath } from './convert';

/** A checked document and everything a request handler needs from it. */
export interface CheckedDocument {
  doc: TextDocument;
  analysis: Analysis;
  result: LintResult;
  model: ReportModel;
  scheme: IdScheme;
}

/** The current analysis of an open, checked Markdown document (undefined otherwise). */
export function checkedDocument(documents: TextDocuments<TextDocument>, workspace: ReportWorkspace, uri: string): CheckedDocument | undefined {
  const doc = documents.get(uri);
  if (!doc || !isMarkdown(doc) || !workspace.settingsFor(uri).enable) return undefined;
  return checked(doc, workspace.current(doc));
}

/**
 * An open document, or else the Markdown file on disk (for commands a client
 * runs on a file it has not opened). Files on disk are checked without being kept.
 */
export function openOrDiskDocument(documents: TextDocuments<TextDocument>, workspace: ReportWorkspace, uri: string): CheckedDocument | undefined {
  if (documents.get(uri)) return checkedDocument(documents, workspace, uri);
  const file = uriToPath(uri);
  if (!file || !isMarkdownPath(file) || !workspace.settingsFor(uri).enable) return undefined;
  const read = readBoundedFile(file, MAX_REPORT_BYTES);
  if (!read.ok) return undefined;
  return checked(TextDocument.create(uri, 'markdown', 0, read.text), workspace.analyze(uri, read.text, null));
}

function checked(doc: TextDocument, analysis: Analysis): CheckedDocument | undefined {
  if (!analysis.result) return undefined;
  return { doc, analysis, result: analysis.result, model: analysis.result.model, scheme: analysis.linter.config.idScheme };
}

export function offsetAt(checked: CheckedDocument, position: Position): number {
  return checked.model.lines.offsetAt(position);
}

/** A span "at" the cursor includes the cursor just after its last character. */
function at<T extends { start: number; end: number }>(items: T[], offset: number): T | undefined {
  return items.find((x) => x.start <= offset && offset < x.end) ?? items.find((x) => x.start <= offset && offset === x.end);
}

export function idTokenAt(model: ReportModel, offset: number): IdToken | undefined {
  return at(model.ids, offset);
}

export function footnoteRefAt(model: ReportModel, offset: number): FootnoteRefFact | undefined {
  return at(model.footnoteRefs, offset);
}

export function footnoteDefLabelAt(model: ReportModel, offset: number): FootnoteDefFact | undefined {
  return model.footnoteDefs.find((d) => d.labelSpan.start <= offset && offset <= d.labelSpan.end);
}

export function termAt(model: ReportModel, offset: number): TermFact | undefined {
  return at(model.terms, offset);
}

/**
 * The single IDs a token stands for, as meant (resolveIdToken, whatever rules are
 * on): canonical tokens as written, malformed ones as they would be corrected, and
 * where the correction is ambiguous every registry ID that fits.
 */
export function intendedIds(checked: CheckedDocument, token: IdToken): string[] {
  const { scheme, analysis } = checked;
  const { wellFormed, canonical } = resolveIdToken(token, analysis.registry, scheme);
  if (wellFormed) return scheme.expand(token.parts);
  const parsed = canonical === undefined ? undefined : scheme.find(canonical)[0];
  if (parsed) return scheme.expand(parsed.parts);
  return citedIds(token, scheme, interviewWidth(analysis.registry, scheme), analysis.registry);
}

/**
 * Which participant of a combined token the cursor is on ("RA1-MW-01-A&B": on "B"
 * → 1). Undefined when the cursor is on the shared part.
 */
export function participantIndexAt(token: IdToken, offset: number): number | undefined {
  if (token.parts.participants.length < 2) return 0;
  const letters = participantLetterOffsets(token);
  if (!letters) return undefined;
  const i = letters.findIndex((o) => offset === o || offset === o + 1);
  return i >= 0 ? i : undefined;
}

/**
 * Offsets of the participant letters of a token, assuming they end it (as in
 * every format the ID scheme's combined form "…-A&B" allows). Undefined if not.
 */
export function participantLetterOffsets(token: IdToken): number[] | undefined {
  const m = /[A-Za-z](?:[ \t]*&[ \t]*[A-Za-z])*$/.exec(token.raw);
  if (!m) return undefined;
  const offsets: number[] = [];
  for (let i = 0; i < m[0].length; i++) if (/[A-Za-z]/.test(m[0][i])) offsets.push(token.start + m.index + i);
  return offsets.length === token.parts.participants.length ? offsets : undefined;
}

/** Citations (not table keys) that stand for `id`, in order. */
export function citationsOf(checked: CheckedDocument, id: string): IdToken[] {
  return citations(checked.model).filter((t) => intendedIds(checked, t).includes(id));
}

/** Citation counts per ID, computed once per request. */
export function citationCounts(checked: CheckedDocument): Map<string, { count: number; lines: number[] }> {
  const counts = new Map<string, { count: number; lines: number[] }>();
  for (const t of citations(checked.model)) {
    const line = checked.model.lines.positionAt(t.start).line + 1;
    for (const id of new Set(intendedIds(checked, t))) {
      const c = counts.get(id) ?? { count: 0, lines: [] };
      c.count++;
      if (!c.lines.includes(line)) c.lines.push(line);
      counts.set(id, c);
    }
  }
  return counts;
}

/** "RA1-MW-01" for "RA1-MW-01-A": the ID without its participant letter. */
export function interviewKey(scheme: IdScheme, id: string): string {
  const p = scheme.parseCanonical(id);
  if (!p) return id;
  return scheme.format({ activity: p.activity, country: p.country, interview: p.interview, participant: '' }).replace(/[-\s_.]+$/, '');
}

export function lineList(lines: number[], limit = 12): string {
  const shown = lines.slice(0, limit).join(', ');
  return lines.length > limit ? `${shown} and ${lines.length - limit} more` : shown;
}
