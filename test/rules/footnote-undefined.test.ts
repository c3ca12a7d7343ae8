import { strict as assert } from 'node:assert';
import { footnoteUndefined } from '../../server/src/core/rules/footnote-undefined';
import { lint, only } from '../core/helpers';
import { documentedExamples } from './examples';

describe('rule footnote-undefined', () => {
  documentedExamples(footnoteUndefined);

  it('a reference inside code is not a reference', () => {
    assert.deepEqual(only(lint('Write `[^1]` for a footnote.\n'), 'footnote-undefined'), []);
  });

  it('the stub is offered once per label', () => {
    const findings = only(lint('One.[^1] Two.[^1]\n'), 'footnote-undefined');
    assert.equal(findings.length, 2);
    assert.deepEqual(
      findings.map((f) => f.fixes.length),
      [1, 0],
    );
  });
});
