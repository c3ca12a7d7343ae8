import { strict as assert } from 'node:assert';
import { terminologyCaution } from '../../server/src/core/rules/terminology-caution';
import { lint, only } from '../core/helpers';
import { documentedExamples } from './examples';

describe('rule terminology-caution', () => {
  documentedExamples(terminologyCaution);

  it('offers the preferred wording as fixes that are not safe', () => {
    const findings = only(lint('Officers reported several cases of sextortion.\n'), 'terminology-caution');
    assert.equal(findings.length, 1);
    assert.ok(findings[0].fixes.every((f) => !f.safe));
  });
});
