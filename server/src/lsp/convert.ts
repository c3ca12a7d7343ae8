import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  DiagnosticSeverity,
  type Diagnostic,
  type DiagnosticRelatedInformation,
  type Location,
  type Range,
  type TextEdit as LspTextEdit,
} from 'vscode-languageserver';
import type { Finding, Severity, Span, TextEdit } from '../core/types';
import type { LineIndex } from '../core/text';

/** Where the rule documentation lives; every diagnostic links to `#<rule-id>` under it. */
const RULE_DOCS_BASE_URL = 'https://github.com/report-lint/report-lint';
export const DIAGNOSTIC_SOURCE = 'report-lint';

function ruleDocsUrl(ruleId: string): string {
  return `${RULE_DOCS_BASE_URL}#${ruleId}`;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

function toLspSeverity(severity: Severity): DiagnosticSeverity {
  return SEVERITY[severity];
}

export function rangeOf(lines: LineIndex, span: Span): Range {
  return { start: lines.positionAt(span.start), end: lines.positionAt(span.end) };
}


/** A 1-based line of another file, as a whole-line range. */
export function fileLineRange(line: number): Range {
  const l = Math.max(0, line - 1);
  return { start: { line: l, character: 0 }, end: { line: l + 1, character: 0 } };
}

/** The file system path of a `file:` URI (undefined for untitled and other schemes). */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(filePath: string): string {
  return pathToFileURL(path.resolve(filePath)).href;
}

export function toLspEdits(lines: LineIndex, edits: TextEdit[]): LspTextEdit[] {
  return edits.map((e) => ({ range: rangeOf(lines, e), newText: e.newText }));
}

export interface DiagnosticOptions {
  /** The client shows relatedInformation (textDocument.publishDiagnostics.relatedInformation). */
  relatedInformation: boolean;
}

export function toDiagnostic(finding: Finding, lines: LineIndex, uri: string, options: DiagnosticOptions): Diagnostic {
  const diagnostic: Diagnostic = {
    range: rangeOf(lines, finding),
    severity: toLspSeverity(finding.severity),
    code: finding.ruleId,
    codeDescription: { href: ruleDocsUrl(finding.ruleId) },
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
  };
  if (options.relatedInformation && finding.related?.length) {
    diagnostic.relatedInformation = finding.related.map(
      (r): DiagnosticRelatedInformation => ({
        location: r.file
          ? { uri: pathToUri(r.file), range: fileLineRange(r.line ?? 1) }
          : { uri, range: rangeOf(lines, r) },
        message: r.message,
      }),
    );
  }
  return diagnostic;
}

export function location(uri: string, lines: LineIndex, span: Span): Location {
  return { uri, range: rangeOf(lines, span) };
}

export function rangesIntersect(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character < q.character);
  // Touching counts: a cursor at the end of a finding still gets its fixes.
  return !before(a.end, b.start) && !before(b.end, a.start);
}
