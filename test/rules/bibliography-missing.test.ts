import { strict as assert } from 'node:assert';
import { bibliographyMissing } from '../../server/src/core/rules/bibliography-missing';
import { lint, only } from '../core/helpers';
import { documentedExamples } from './examples';

describe('rule bibliography-missing', () => {
  documentedExamples(bibliographyMissing);

  it('a document that names no bibliography is not reported', () => {
    assert.deepEqual(only(lint('As shown [@smith2020].\n'), 'bibliography-missing'), []);
  });
});
