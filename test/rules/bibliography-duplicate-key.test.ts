import { strict as assert } from 'node:assert';
import { bibliographyDuplicateKey } from '../../server/src/core/rules/bibliography-duplicate-key';
import { lint, only } from '../core/helpers';
import { documentedExamples } from './examples';

describe('rule bibliography-duplicate-key', () => {
  documentedExamples(bibliographyDuplicateKey);

  it('reports every later definition on its id, pointing at the first, and leaves citations of the key alone', () => {
    const text =
      '---\nreferences:\n- id: a2020\n  title: First\n- id: "a2020"\n  title: Second\n- id: b2021\n  title: Other\n- id: a2020\n  title: Third\n---\n\nAs found [@a2020; @b2021].\n';
    const findings = only(lint(text), 'bibliography-duplicate-key');
    assert.deepEqual(
      findings.map((f) => [text.slice(f.start, f.end), f.data?.firstLine, text.slice(f.related![0].start, f.related![0].end)]),
      [
        ['a2020', 3, 'a2020'],
        ['a2020', 3, 'a2020'],
      ],
    );
    // On lines 5 (the quoted id) and 9.
    assert.deepEqual(
      findings.map((f) => text.slice(0, f.start).split('\n').length),
      [5, 9],
    );
    assert.deepEqual(only(lint(text), 'citation-undefined'), []);
  });

  it('a document without inline references, or with distinct keys, is not reported', () => {
    assert.deepEqual(only(lint('---\nbibliography: refs.bib\n---\n\nText.\n'), 'bibliography-duplicate-key'), []);
    assert.deepEqual(only(lint('---\nreferences:\n- id: a\n- id: b\n---\n\nText.\n'), 'bibliography-duplicate-key'), []);
  });
});
