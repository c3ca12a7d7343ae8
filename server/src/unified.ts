/**
 * `report-lint/unified`: a unified (remark) plugin that runs the Report Lint engine
 * on each file and adds its findings as vfile messages, so remark-cli,
 * remark-language-server and any unified pipeline report what the CLI reports.
 *
 *   remark --use report-lint/unified reports/
 *   unified().use(remarkParse).use(reportLint, { rules: { 'link-placeholder': 'off' } })
 *
 * The engine parses the text itself (the tree of the pipeline is not needed), so
 * the findings are identical to the CLI's for the same file and options.
 */
import * as path from 'node:path';
import type { VFile } from 'vfile';
import { lint, rules, type LintOptions, type Finding } from './api';

/** The API's options, without `filePath`: the plugin takes it from each file. */
export type Options = Omit<LintOptions, 'filePath'>;

const SOURCE = 'report-lint';

function place(f: { line: number; column: number; endLine: number; endColumn: number }) {
  return { start: { line: f.line, column: f.column }, end: { line: f.endLine, column: f.endColumn } };
}

/** Fixes with one edit replacing the finding's own range are what remark-lint calls `expected`. */
function expected(f: Finding): string[] {
  const values: string[] = [];
  for (const fix of f.fixes) {
    const [edit] = fix.edits;
    if (fix.edits.length === 1 && edit.line === f.line && edit.column === f.column && edit.endLine === f.endLine && edit.endColumn === f.endColumn)
      values.push(edit.newText);
  }
  return values;
}

export default function reportLint(options: Options = {}) {
  return (_tree: unknown, file: VFile): void => {
    const filePath = file.path ? path.resolve(file.cwd, file.path) : undefined;
    const result = lint(String(file.value ?? ''), { ...options, cwd: options.cwd ?? file.cwd, filePath });
    for (const p of result.configProblems) {
      const message = file.message(`${path.relative(file.cwd, p.file) || p.file}:${p.line}:${p.column}: configuration error: ${p.message}`, {
        ruleId: 'configuration',
        source: SOURCE,
      });
      message.fatal = true;
    }
    for (const f of result.findings) {
      const message = file.message(f.message, { place: place(f), ruleId: f.ruleId, source: SOURCE });
      // As remark-lint maps its severities: errors fail the run, warnings warn, the rest inform.
      message.fatal = f.severity === 'error' ? true : f.severity === 'warning' ? false : undefined;
      const values = expected(f);
      if (values.length) message.expected = values;
      message.url = rules.find((r) => r.id === f.ruleId)?.url;
    }
  };
}
