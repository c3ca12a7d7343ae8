import { strict as assert } from 'node:assert';
import { bibliographyCitationText, documentCitationStyle, entryMatches, openCitationGroup } from '../../client/src/citationText';

describe('client: Insert Bibliography Citation text', () => {
  it('outside brackets makes a new group, after a space when the cursor follows a word', () => {
    assert.equal(bibliographyCitationText('Risks rose', '.', ['achieng2021']), ' [@achieng2021]');
    assert.equal(bibliographyCitationText('Risks rose ', '.', ['achieng2021', 'baraka2019']), '[@achieng2021; @baraka2019]');
    assert.equal(bibliographyCitationText('Risks rose', '.', ['achieng2021'], 'p. 12'), ' [@achieng2021, p. 12]');
  });

  it('inside a citation group adds to it with "; "', () => {
    assert.equal(bibliographyCitationText('as shown [@a, p. 3', ']', ['b']), '; @b');
    assert.equal(bibliographyCitationText('as shown [@a; ', ']', ['b']), '@b');
    assert.equal(bibliographyCitationText('as shown [@a;', ']', ['b']), ' @b');
    assert.equal(bibliographyCitationText('as shown [', '@a]', ['b']), '@b; ');
    assert.equal(bibliographyCitationText('as shown [', ']', ['b', 'c']), '@b; @c');
  });

  it("in the document's style: one work is cited narratively (@key, locator in brackets) in a document that mostly cites that way", () => {
    assert.equal(documentCitationStyle(5, 2), 'narrative');
    assert.equal(documentCitationStyle(2, 2), 'bracketed');
    assert.equal(documentCitationStyle(0, 0), 'bracketed');
    assert.equal(bibliographyCitationText('As noted by', ',', ['achieng2021'], undefined, 'narrative'), ' @achieng2021');
    assert.equal(bibliographyCitationText('As noted by ', ',', ['achieng2021'], 'p. 12', 'narrative'), '@achieng2021 [p. 12]');
    // Several works, or a group the cursor is in, stay bracketed.
    assert.equal(bibliographyCitationText('Risks rose', '.', ['a', 'b'], undefined, 'narrative'), ' [@a; @b]');
    assert.equal(bibliographyCitationText('as shown [@a; ', ']', ['b'], undefined, 'narrative'), '@b');
  });

  it('where a sentence starts, one work is its subject: @key in any document', () => {
    assert.equal(bibliographyCitationText('', ' found the same.', ['achieng2021']), '@achieng2021');
    assert.equal(bibliographyCitationText('Risks rose. ', ' found the same.', ['achieng2021'], 'p. 4'), '@achieng2021 [p. 4]');
    assert.equal(bibliographyCitationText('Risks rose (', ').', ['achieng2021']), '[@achieng2021]');
    // At the start of a line: a sentence starts only after a blank line or the end of one (hard-wrapped text).
    assert.equal(bibliographyCitationText('', ' found the same.', ['a'], undefined, 'bracketed', 'Risks rose.'), '@a');
    assert.equal(bibliographyCitationText('', ' for children.', ['a'], undefined, 'bracketed', 'Earlier work mapped the risks'), '[@a]');
  });

  it('editorial brackets, links, footnotes and closed groups are not citation groups', () => {
    assert.equal(openCitationGroup('as [seen ', 'here]'), -1);
    assert.equal(openCitationGroup('see [here', '](https://x.org)'), -1);
    assert.equal(openCitationGroup('note[^', '1]'), -1);
    assert.equal(openCitationGroup('done [@a] and ', ''), -1);
    assert.equal(bibliographyCitationText('as [seen', ' here]', ['b']), ' [@b]');
  });

  it('matches typed words against key, author–year and title, ignoring case and accents', () => {
    const e = { key: 'muller2020', authorYear: 'Müller 2020', title: 'Grooming on Social Media' };
    assert.ok(entryMatches(e, 'social med'));
    assert.ok(entryMatches(e, 'muller 2020'));
    assert.ok(!entryMatches(e, 'social 2019'));
  });
});
