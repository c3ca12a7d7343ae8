import type { FileReport } from '../check';
import { displayPath } from '../files';
import { SEVERITY_LABEL } from './stylish';
import { printable } from './printable';

/**
 * One line per finding, `file:line:col: severity message [rule-id]`, the shape
 * editors' problem matchers (VS Code's `$report-lint`), Vim's errorformat and
 * Emacs compilation mode read. Configuration problems and skipped files go to
 * stderr as in every format.
 */
export function formatCompact(reports: FileReport[], cwd: string): string {
  const lines: string[] = [];
  for (const r of reports) {
    const file = printable(displayPath(r.file, cwd), false);
    // A message on one line: a line break would split the finding in two for a matcher.
    for (const f of r.findings)
      lines.push(`${file}:${f.line}:${f.column}: ${SEVERITY_LABEL[f.severity]} ${printable(f.message.replace(/\s*[\r\n]+\s*/g, ' '), false)} [${f.ruleId}]`);
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/** The problem matcher pattern (package.json `contributes.problemMatchers`) for the lines above. */
export const COMPACT_LINE = /^(.+?):(\d+):(\d+): (error|warning|info|hint) (.*) \[([\w-]+)\]$/;
