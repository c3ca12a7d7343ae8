import type { ConfigProblem } from '../../core/config';
import type { Severity } from '../../core/types';
import type { FileReport } from '../check';
import { displayPath } from '../files';
import { printable } from './printable';

/** GitHub's workflow-command escaping: the message (data) and property values differ. */
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

type Level = 'error' | 'warning' | 'notice';

function command(level: Level, properties: Record<string, string | number | undefined>, message: string): string {
  const props = Object.entries(properties)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${escapeProperty(printable(String(v), false))}`)
    .join(',');
  // GitHub's log viewer obeys ANSI escapes as a terminal does.
  return `::${level}${props ? ` ${props}` : ''}::${escapeData(printable(message))}`;
}

const LEVEL: Record<Severity, Level> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };

/**
 * GitHub Actions workflow commands (`::error file=…,line=…,col=…::message`): each
 * finding becomes an annotation on its line in the pull request. Configuration and
 * bibliography problems, and files that could not be checked, are annotated too,
 * since a CI log is rarely read.
 */
export function formatGithub(reports: FileReport[], configProblems: ConfigProblem[], bibliographyProblems: ConfigProblem[], cwd: string): string {
  const lines: string[] = [];
  const place = (file: string, line: number, column: number) => ({ file: displayPath(file, cwd).split('\\').join('/'), line, col: column });
  for (const p of configProblems) lines.push(command('error', { ...place(p.file, p.line, p.column), title: 'report-lint configuration' }, p.message));
  for (const p of bibliographyProblems) lines.push(command('warning', { ...place(p.file, p.line, p.column), title: 'report-lint bibliography' }, p.message));
  for (const r of reports) {
    if (r.error) lines.push(command('error', { file: place(r.file, 1, 1).file, title: 'report-lint' }, r.error));
    for (const f of r.findings) {
      lines.push(
        command(
          LEVEL[f.severity],
          { ...place(r.file, f.line, f.column), endLine: f.endLine, endColumn: f.endColumn, title: `report-lint ${f.ruleId}` },
          `${f.message} [${f.ruleId}]`,
        ),
      );
    }
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}
