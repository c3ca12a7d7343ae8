import { strict as assert } from 'node:assert';
import type { Rule } from '../../server/src/core/rule';
import { applyFirstFixes, lint, only, texts } from '../core/helpers';

/**
 * remark-lint style: a rule's documented examples are its contract, so they run as
 * its first tests — the place (exact text) and the message of every finding, and
 * the text after the fix where the example shows one.
 */
export function documentedExamples(rule: Rule): void {
  rule.docs.examples.forEach((example, i) => {
    it(`documented example ${i + 1}: ${example.title}`, () => {
      const findings = only(lint(example.markdown, example.config), rule.id);
      assert.deepEqual(texts(example.markdown, findings), example.flags, `places of the ${rule.id} findings`);
      assert.deepEqual(
        findings.map((f) => f.message),
        example.messages,
        `messages of the ${rule.id} findings`,
      );
      if (example.fixed !== undefined) {
        assert.ok(findings.length > 0, 'an example with a fix needs findings to fix');
        assert.equal(applyFirstFixes(example.markdown, findings), example.fixed);
      }
    });
  });
}
