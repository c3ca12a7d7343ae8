import * as assert from 'node:assert/strict';
import type { CliFinding, FileReport } from '../../server/src/cli/check';
import { formatStylish, painter } from '../../server/src/cli/format/stylish';

describe('stylish format on a very large report', () => {
  // A 5 MB one-line report gave 160 000 findings, and sizing the columns with
  // Math.max(...list) overflowed the call stack: "internal error", exit 2.
  it('lists 200 000 findings without overflowing the call stack', () => {
    const findings: CliFinding[] = Array.from({ length: 200_000 }, (_, i) => ({
      ruleId: 'participant-malformed',
      severity: 'warning',
      message: 'Participant ID "RA1- IN-07-A" is not in canonical form (it contains spaces): write RA1-IN-07-A.',
      line: 3,
      column: 1 + i * 60,
      endLine: 3,
      endColumn: 13 + i * 60,
      fixes: [],
    }));
    const report: FileReport = { file: '/reports/huge.md', findings, configProblems: [], applied: [], checked: true };
    const out = formatStylish([report], '/reports', painter(false));
    const rows = out.split('\n').filter((l) => /^ {2}\d+:\d+ /.test(l));
    assert.equal(rows.length, 200_000);
    assert.ok(out.includes('✖ 200000 problems (0 errors, 200000 warnings, 0 infos)'), out.slice(-300));
  });
});
