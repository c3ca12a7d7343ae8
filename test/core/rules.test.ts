import { strict as assert } from 'node:assert';
import { RULES } from '../../server/src/core/rules';
import { applyFirstFixes, lint, only, texts } from './helpers';

// remark-lint style: the documented examples are the rule's contract, so they run as tests.
describe('rules: documented examples', () => {
  for (const rule of RULES) {
    describe(rule.id, () => {
      rule.docs.examples.forEach((example, i) => {
        it(`example ${i + 1}: ${example.title}`, () => {
          const findings = only(lint(example.markdown, example.config), rule.id);
          assert.deepEqual(texts(example.markdown, findings), example.flags, `findings of ${rule.id}`);
          if (example.fixed !== undefined) {
            assert.ok(findings.length > 0, 'an example with a fix needs findings to fix');
            assert.equal(applyFirstFixes(example.markdown, findings), example.fixed);
          }
        });
      });
    });
  }
});

describe('rules: metadata', () => {
  it('every rule id is unique and kebab-case', () => {
    const ids = RULES.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^[a-z]+(-[a-z]+)+$/);
  });

  it('the public rule ids are exactly the documented contract', () => {
    assert.deepEqual(RULES.map((r) => r.id).sort(), [
      'footnote-duplicate', 'footnote-order', 'footnote-undefined', 'footnote-unused',
      'link-placeholder',
      'participant-count', 'participant-duplicate', 'participant-malformed', 'participant-uncited', 'participant-unknown',
      'terminology-avoid', 'terminology-caution',
    ]);
  });

  for (const rule of RULES) {
    it(`${rule.id} is documented: description, rationale, an example that fires and one that passes`, () => {
      assert.ok(rule.description.trim().length > 10, 'description');
      assert.ok(rule.docs.rationale.trim().length > 20, 'rationale');
      assert.ok(['error', 'warning', 'information', 'hint'].includes(rule.defaultSeverity));
      assert.ok(rule.docs.examples.length >= 1);
      assert.ok(rule.docs.examples.some((e) => e.flags.length > 0), 'an example with flags');
      // Every rule can stay silent, so each shows a near miss that passes.
      assert.ok(rule.docs.examples.some((e) => e.flags.length === 0), 'a passing example');
      for (const e of rule.docs.examples) assert.ok(e.title.trim(), 'example title');
    });

    it(`${rule.id}: fixable "${rule.fixable}" agrees with the fixes its examples produce`, () => {
      const fixes = rule.docs.examples.flatMap((e) => only(lint(e.markdown, e.config), rule.id).flatMap((f) => f.fixes));
      if (rule.fixable === 'none') assert.equal(fixes.length, 0);
      if (rule.fixable === 'safe') assert.ok(fixes.some((f) => f.safe));
      if (rule.fixable === 'suggestion') assert.ok(fixes.length > 0 && fixes.every((f) => !f.safe));
    });
  }
});
