import { strict as assert } from 'node:assert';
import { footnoteUnused } from '../../server/src/core/rules/footnote-unused';
import { lint, only, texts } from '../core/helpers';
import { documentedExamples } from './examples';

describe('rule footnote-unused', () => {
  documentedExamples(footnoteUnused);

  it('a superscript definition nothing references is reported', () => {
    const text = 'A claim.¹\n\n¹ Used.\n\n² Unused.\n';
    assert.deepEqual(texts(text, only(lint(text), 'footnote-unused')), ['² Unused.']);
  });
});
