import { strict as assert } from 'node:assert';
import { citationUnused } from '../../server/src/core/rules/citation-unused';
import { lint, only } from '../core/helpers';
import { documentedExamples } from './examples';

describe('rule citation-unused', () => {
  documentedExamples(citationUnused);

  it('a document without a bibliography has nothing unused', () => {
    assert.deepEqual(only(lint('No citations here.\n'), 'citation-unused'), []);
  });
});
