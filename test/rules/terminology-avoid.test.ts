import { strict as assert } from 'node:assert';
import { terminologyAvoid } from '../../server/src/core/rules/terminology-avoid';
import { lint, only } from '../core/helpers';
import { documentedExamples } from './examples';

describe('rule terminology-avoid', () => {
  documentedExamples(terminologyAvoid);

  it('inside code and URLs the words are not the author’s', () => {
    assert.deepEqual(only(lint('See `child pornography` and https://example.org/child-pornography.\n'), 'terminology-avoid'), []);
  });

  it('in quotations it is silent by default and a hint when configured', () => {
    const text = 'An officer said: “child pornography is rising”.\n';
    assert.deepEqual(only(lint(text), 'terminology-avoid'), []);
    const [f] = only(lint(text, { terminologyInQuotations: 'hint' }), 'terminology-avoid');
    assert.equal(f.severity, 'hint');
    assert.equal(f.data?.exempt, 'quotation');
  });
});
