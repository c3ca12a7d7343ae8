import { strict as assert } from 'node:assert';
import { citationUndefined } from '../../server/src/core/rules/citation-undefined';
import { lint, only } from '../core/helpers';
import { documentedExamples } from './examples';

describe('rule citation-undefined', () => {
  documentedExamples(citationUndefined);

  it('a document without a bibliography is not checked', () => {
    assert.deepEqual(only(lint('As shown [@smith2020].\n'), 'citation-undefined'), []);
  });
});
