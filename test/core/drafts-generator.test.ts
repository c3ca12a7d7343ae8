import { strict as assert } from 'node:assert';
import { ReportLinter } from '../../server/src/core/engine';
import { checkDraft, generateDraft } from './draftGenerator';

// Issue 8: seeded report drafts with conversion artefacts; the generator computes the
// findings from what it wrote, and the engine must report exactly those.

describe('drafts: seeded generator of converted report drafts', function () {
  const SEEDS = Number(process.env.REPORT_LINT_DRAFT_SEEDS ?? 250);
  it(`the engine finds exactly the generated findings on ${SEEDS} seeds`, function () {
    const linter = new ReportLinter();
    let findings = 0;
    const rules = new Set<string>();
    for (let seed = 1; seed <= SEEDS; seed++) {
      const draft = generateDraft(seed);
      checkDraft(draft, linter);
      findings += draft.expected.length;
      for (const e of draft.expected) rules.add(e.ruleId);
    }
    // The generator exercises every kind of finding it can produce.
    assert.deepEqual([...rules].sort(), ['link-placeholder', 'participant-count', 'participant-malformed', 'terminology-avoid', 'terminology-caution']);
    assert.ok(findings > SEEDS, `${findings} findings`);
  });

  it('is deterministic per seed', () => {
    assert.deepEqual(generateDraft(7), generateDraft(7));
    assert.notEqual(generateDraft(7).text, generateDraft(8).text);
  });
});
