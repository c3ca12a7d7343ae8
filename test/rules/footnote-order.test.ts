import { strict as assert } from 'node:assert';
import { footnoteOrder } from '../../server/src/core/rules/footnote-order';
import { lint, only, texts } from '../core/helpers';
import { documentedExamples } from './examples';

describe('rule footnote-order', () => {
  documentedExamples(footnoteOrder);

  it('non-numeric labels are left in the order the author chose', () => {
    assert.deepEqual(only(lint('One.[^b] Two.[^a]\n\n[^a]: A.\n[^b]: B.\n'), 'footnote-order'), []);
  });

  it('only the first place the order breaks is reported', () => {
    const text = 'A.[^3] B.[^2] C.[^1]\n\n[^1]: One.\n[^2]: Two.\n[^3]: Three.\n';
    assert.deepEqual(texts(text, only(lint(text), 'footnote-order')), ['[^3]']);
  });
});
