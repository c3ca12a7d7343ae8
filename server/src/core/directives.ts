import type { Finding } from './types';
import type { ReportModel } from './model';

/**
 * markdownlint-style inline control:
 *   <!-- report-lint-disable [rule …] -->       until enable (or the end)
 *   <!-- report-lint-enable [rule …] -->
 *   <!-- report-lint-disable-line [rule …] -->  this line
 *   <!-- report-lint-disable-next-line [rule …] --> the next line
 * No rule ids means every rule.
 */
export function applyDirectives(findings: Finding[], model: ReportModel): Finding[] {
  if (!model.directives.length) return findings;
  type Range = { from: number; to: number; rules: string[] | null };
  const ranges: Range[] = [];
  const open = new Map<string, number>(); // rule id ('*' for all) → line it was disabled at
  const lineOf = (offset: number) => model.lines.positionAt(offset).line;
  for (const d of model.directives) {
    const line = lineOf(d.start);
    const rules = d.rules.length ? d.rules : null;
    switch (d.kind) {
      case 'disable-line':
        ranges.push({ from: line, to: line, rules });
        break;
      case 'disable-next-line': {
        const endLine = lineOf(d.end);
        ranges.push({ from: endLine + 1, to: endLine + 1, rules });
        break;
      }
      case 'disable':
        for (const r of rules ?? ['*']) if (!open.has(r)) open.set(r, line);
        break;
      case 'enable':
        if (!rules) {
          for (const [r, from] of open) ranges.push({ from, to: line, rules: r === '*' ? null : [r] });
          open.clear();
        } else
          for (const r of rules) {
            const from = open.get(r);
            if (from !== undefined) {
              ranges.push({ from, to: line, rules: [r] });
              open.delete(r);
            }
          }
        break;
    }
  }
  for (const [r, from] of open) ranges.push({ from, to: Number.MAX_SAFE_INTEGER, rules: r === '*' ? null : [r] });
  return findings.filter((f) => {
    const line = lineOf(f.start);
    return !ranges.some((r) => line >= r.from && line <= r.to && (r.rules === null || r.rules.includes(f.ruleId)));
  });
}
