import type { FileReport } from '../check';
import { displayPath } from '../files';

/**
 * One entry per file, in path order: its findings (1-based places; `endColumn`
 * is the column after the range), the problems of the configuration it was
 * checked with, and `error` when it was skipped.
 */
export function formatJson(reports: FileReport[], cwd: string): string {
  const entries = reports.map((r) => ({
    file: displayPath(r.file, cwd),
    findings: r.findings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
      line: f.line,
      column: f.column,
      endLine: f.endLine,
      endColumn: f.endColumn,
      fixes: f.fixes.map((x) => ({ title: x.title, safe: x.safe })),
    })),
    configProblems: r.configProblems.map((p) => ({ file: displayPath(p.file, cwd), line: p.line, column: p.column, message: p.message })),
    ...(r.applied.length ? { fixed: r.applied.map((a) => ({ line: a.line, ruleId: a.ruleId, title: a.title })) } : {}),
    ...(r.error ? { error: r.error } : {}),
  }));
  return JSON.stringify(entries, null, 2) + '\n';
}
