import { strict as assert } from 'node:assert';
import { footnoteDuplicate } from '../../server/src/core/rules/footnote-duplicate';
import { lint, only } from '../core/helpers';
import { documentedExamples } from './examples';

describe('rule footnote-duplicate', () => {
  documentedExamples(footnoteDuplicate);

  it('GFM definitions with one label are duplicates; the message names the first line', () => {
    const text = 'A claim.[^1]\n\n[^1]: One.\n\n[^1]: Two.\n';
    const [f] = only(lint(text), 'footnote-duplicate');
    assert.match(f.message, /first on line 3/);
  });
});
