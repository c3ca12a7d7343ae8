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

describe('rule citation-undefined: suggestions of entries with nothing to describe', () => {
  it('names the key alone, without empty parentheses or a dangling dash', () => {
    const doc = '---\nreferences:\n- id: notitle\n---\n\nAs shown [@notitl].\n';
    const [finding] = only(lint(doc), 'citation-undefined');
    assert.equal(finding.message, 'Citation @notitl is not in the bibliography. Did you mean @notitle?');
    assert.deepEqual(
      finding.fixes?.map((f) => f.title),
      ['Change to @notitle'],
    );
  });
});
