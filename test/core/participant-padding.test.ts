import { strict as assert } from 'node:assert';
import { fixSafe, ReportLinter } from '../../server/src/core/engine';
import { lint, only, table, texts } from './helpers';

describe('participants: interview numbers with more zeros than the registry', () => {
  // The default pattern accepts 2 or 3 digits, and the other rules read RA1-IN-005-A
  // as RA1-IN-05-A; it was reported by no rule at all, though its spelling is not the table's.
  const text = `${table(['RA1-IN-05-A', 'RA1-IN-07-A'])}\nOne said so (RA1-IN-005-A), another too (RA1-IN-007-A).\n`;

  it('is malformed, with the registry spelling as the safe fix', () => {
    const found = only(lint(text), 'participant-malformed');
    assert.deepEqual(texts(text, found), ['RA1-IN-005-A', 'RA1-IN-007-A']);
    assert.deepEqual(
      found.map((f) => f.fixes.find((x) => x.safe)?.edits[0].newText),
      ['RA1-IN-05-A', 'RA1-IN-07-A'],
    );
    assert.match(found[0].message, /more leading zeros than the registry uses\): write RA1-IN-05-A/);
  });

  it('fixSafe leaves nothing to report', () => {
    const { text: fixed } = fixSafe(new ReportLinter(), text);
    assert.ok(fixed.includes('(RA1-IN-05-A)') && fixed.includes('(RA1-IN-07-A)'), fixed);
    assert.deepEqual(
      lint(fixed).map((f) => f.ruleId),
      [],
    );
  });

  it('three-digit interview numbers in a three-digit registry stay canonical', () => {
    const three = `${table(['RA1-IN-005-A', 'RA1-IN-120-A'])}\nCited (RA1-IN-005-A) and (RA1-IN-120-A).\n`;
    assert.deepEqual(
      lint(three).map((f) => f.ruleId),
      [],
    );
  });
});
