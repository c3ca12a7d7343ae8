import { strict as assert } from 'node:assert';
import { bibliographyCitationText, entryMatches, openCitationGroup } from '../../client/src/citationText';

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
