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

describe('rule citation-unused: an entry with nothing to describe', () => {
  it('is named by its key alone', () => {
    const doc = '---\nreferences:\n- id: bare\n---\n\nNo citations.\n';
    assert.deepEqual(
      only(lint(doc), 'citation-unused').map((f) => f.message),
      ['Reference bare is never cited.'],
    );
  });
});
