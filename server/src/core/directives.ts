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
  // rules null: every rule but those in except.
  type Range = { from: number; to: number; rules: string[] | null; except?: string[] };
  const ranges: Range[] = [];
  const open = new Map<string, number>(); // rule id → line it was disabled at
  const all = { from: -1, except: new Set<string>() }; // a disable without ids (from -1: none)
  const lineOf = (offset: number) => model.lines.positionAt(offset).line;
  const closeAll = (line: number) => {
    if (all.from >= 0) ranges.push({ from: all.from, to: line, rules: null, except: [...all.except] });
    all.from = -1;
  };
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
        if (!rules) {
          closeAll(line);
          all.from = line;
          all.except = new Set();
        } else for (const r of rules) if (!open.has(r)) open.set(r, line);
        break;
      case 'enable':
        if (!rules) {
          closeAll(line);
          for (const [r, from] of open) ranges.push({ from, to: line, rules: [r] });
          open.clear();
        } else
          for (const r of rules) {
            const from = open.get(r);
            if (from !== undefined) {
              ranges.push({ from, to: line, rules: [r] });
              open.delete(r);
            }
            // Enabling one rule inside a disable-all carves it out from here on (as markdownlint does).
            if (all.from >= 0 && !all.except.has(r)) {
              const except = new Set([...all.except, r]);
              closeAll(line);
              all.from = line;
              all.except = except;
            }
          }
        break;
    }
  }
  closeAll(Number.MAX_SAFE_INTEGER);
  for (const [r, from] of open) ranges.push({ from, to: Number.MAX_SAFE_INTEGER, rules: [r] });
  return findings.filter((f) => {
    const line = lineOf(f.start);
    return !ranges.some((r) => line >= r.from && line <= r.to && (r.rules === null ? !r.except?.includes(f.ruleId) : r.rules.includes(f.ruleId)));
  });
}
