import * as fs from 'node:fs';
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

/** The published documentation, linked only when the local copy is missing (a stripped install). */
const RULE_DOCS_BASE_URL = 'https://github.com/report-lint/report-lint';
export const DIAGNOSTIC_SOURCE = 'report-lint';

/**
 * docs/rules/, shipped next to the bundles (dist/ → ../docs/rules) in the VSIX and the
 * npm package, or in the repository when run from source (server/src/lsp → ../../../docs/rules).
 */
const LOCAL_RULE_DOCS = [path.join(__dirname, '..', 'docs', 'rules'), path.join(__dirname, '..', '..', '..', 'docs', 'rules')].find((dir) =>
  fs.existsSync(dir),
);
const ruleDocsUrls = new Map<string, string>();

/**
 * Each diagnostic's rule link: the rule's page on this machine (docs/rules/<id>.md),
 * so it opens offline, as reports are often written; the web page only when the
 * local copy is missing.
 */
function ruleDocsUrl(ruleId: string): string {
  let url = ruleDocsUrls.get(ruleId);
  if (url === undefined) {
    const local = LOCAL_RULE_DOCS && path.join(LOCAL_RULE_DOCS, `${ruleId}.md`);
    url = local && fs.existsSync(local) ? pathToFileURL(local).href : `${RULE_DOCS_BASE_URL}/blob/main/docs/rules/${ruleId}.md`;
    ruleDocsUrls.set(ruleId, url);
  }
  return url;
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
    diagnostic.relatedInformation = finding.related.map((r): DiagnosticRelatedInformation => ({
      location: r.file ? { uri: pathToUri(r.file), range: fileLineRange(r.line ?? 1) } : { uri, range: rangeOf(lines, r) },
      message: r.message,
    }));
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
