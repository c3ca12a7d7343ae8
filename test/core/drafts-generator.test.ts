import { strict as assert } from 'node:assert';
import { ReportLinter } from '../../server/src/core/engine';
import { applyEdits } from '../../server/src/core/text';
import { generateDraft, type Draft } from './draftGenerator';

/**
 * Issue 8: seeded report drafts with conversion artefacts; the generator computes
 * the findings from what it wrote, and the engine must report exactly those (no
 * more, no fewer), with the fixes the generator expects.
 */
export function checkDraft(draft: Draft, linter = new ReportLinter()): void {
  const { findings } = linter.lint(draft.text);
  const got = findings
    .map((f) => ({ ruleId: f.ruleId, start: f.start, text: draft.text.slice(f.start, f.end), fix: f.fixes[0] }))
    .sort((a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId));
  const context = (o: number) => JSON.stringify(draft.text.slice(Math.max(0, o - 60), o + 60));
  assert.deepEqual(
    got.map(({ ruleId, start, text }) => ({ ruleId, start, text })),
    draft.expected.map(({ ruleId, start, text }) => ({ ruleId, start, text })),
    `seed ${draft.seed}: findings differ. Around the first difference: ${context((got.find((g, i) => g.start !== draft.expected[i]?.start) ?? draft.expected.find((e, i) => e.start !== got[i]?.start) ?? { start: 0 }).start)}`,
  );
  got.forEach((g, i) => {
    const want = draft.expected[i].fix;
    if (want === undefined) return;
    assert.ok(g.fix, `seed ${draft.seed}: a fix for ${g.ruleId} ${JSON.stringify(g.text)}`);
    // The fix applied to the finding's own text.
    const local = g.fix.edits.map((e) => ({ start: e.start - g.start, end: e.end - g.start, newText: e.newText }));
    assert.equal(applyEdits(g.text, local).text, want, `seed ${draft.seed}: fix of ${g.ruleId} ${JSON.stringify(g.text)}`);
  });
}

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
    assert.deepEqual([...rules].sort(), ['participant-count', 'participant-malformed', 'terminology-avoid', 'terminology-caution']);
    assert.ok(findings > SEEDS, `${findings} findings`);
  });

  it('is deterministic per seed', () => {
    assert.deepEqual(generateDraft(7), generateDraft(7));
    assert.notEqual(generateDraft(7).text, generateDraft(8).text);
  });
});
