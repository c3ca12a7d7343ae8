import { strict as assert } from 'node:assert';
import { citationInsertText, combineParticipantIds, shortFootnoteText, unclosedParenthesis } from '../../client/src/insertions';

describe('client insertions: participant citations', () => {
  it('cites one participant as it is', () => {
    assert.equal(combineParticipantIds(['RA1-MW-02-A']), 'RA1-MW-02-A');
  });

  it('combines participants of one interview with sorted letters', () => {
    assert.equal(combineParticipantIds(['RA1-MW-01-C', 'RA1-MW-01-A', 'RA1-MW-01-B']), 'RA1-MW-01-A&B&C');
  });

  it('joins different interviews with "; ", keeping the pick order', () => {
    assert.equal(combineParticipantIds(['RA1-MW-03-A', 'RA1-MW-01-B', 'RA1-MW-01-A']), 'RA1-MW-03-A; RA1-MW-01-A&B');
  });

  it('cites IDs of another shape unchanged', () => {
    assert.equal(combineParticipantIds(['P7', 'P9']), 'P7; P9');
  });

  it('finds an unclosed parenthesis before the cursor', () => {
    assert.equal(unclosedParenthesis('as she said (see'), 12);
    assert.equal(unclosedParenthesis('as she said (RA1-MW-02-A) and'), -1);
    assert.equal(unclosedParenthesis('(a (b) c'), 0);
  });

  it('wraps the citation in parentheses outside them, after a space', () => {
    assert.equal(citationInsertText('the officer agreed ', 'RA1-MW-02-A'), '(RA1-MW-02-A)');
    assert.equal(citationInsertText('the officer agreed', 'RA1-MW-02-A'), ' (RA1-MW-02-A)');
    assert.equal(citationInsertText('', 'RA1-MW-02-A'), '(RA1-MW-02-A)');
  });

  it('inserts only the ID inside an open parenthesis, separated from earlier citations', () => {
    assert.equal(citationInsertText('the officer agreed (', 'RA1-MW-02-A'), 'RA1-MW-02-A');
    assert.equal(citationInsertText('agreed (RA1-MW-03-A', 'RA1-MW-02-A'), '; RA1-MW-02-A');
    assert.equal(citationInsertText('agreed (RA1-MW-03-A;', 'RA1-MW-02-A'), ' RA1-MW-02-A');
    assert.equal(citationInsertText('agreed (RA1-MW-03-A; ', 'RA1-MW-02-A'), 'RA1-MW-02-A');
  });
});

describe('client insertions: footnotes', () => {
  it('shortens long footnote texts for the picker', () => {
    assert.equal(shortFootnoteText('  A   short\ntext '), 'A short text');
    assert.equal(shortFootnoteText('Ministry. (2020). [*A Title*](https://example.org/x), p. 4.'), 'Ministry. (2020). A Title, p. 4.');
    const long = shortFootnoteText('x'.repeat(200), 20);
    assert.equal(long.length, 20);
    assert.ok(long.endsWith('…'));
  });
});
