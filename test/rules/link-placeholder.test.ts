import { strict as assert } from 'node:assert';
import { linkPlaceholder } from '../../server/src/core/rules/link-placeholder';
import { lint, only, texts } from '../core/helpers';
import { documentedExamples } from './examples';

describe('rule link-placeholder', () => {
  documentedExamples(linkPlaceholder);

  it('a target of spaces is a placeholder too; a fragment with a name is not', () => {
    const text = 'See [here](<  >) and [there](#methods).\n';
    assert.deepEqual(texts(text, only(lint(text), 'link-placeholder')), ['[here](<  >)']);
  });
});
