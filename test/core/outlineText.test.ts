import { strict as assert } from 'node:assert';
import type { OutlineCountry, OutlineFootnote, OutlineParticipant } from '../../server/src/protocol';
import { countryLabel, firstWords, footnoteDescription, footnoteLabel, groupDescription, participantDescription } from '../../client/src/views/outlineText';

const range = (line: number) => ({ start: { line, character: 0 }, end: { line, character: 5 } });
const person = (id: string, cited: number, extra: Partial<OutlineParticipant> = {}): OutlineParticipant => ({
  id,
  citations: Array.from({ length: cited }, (_, i) => range(i)),
  ...extra,
});

describe('client: words of the Participants and Footnotes views', () => {
  it('describes participants and their groups, marking the uncited', () => {
    assert.equal(participantDescription(person('RA1-KE-01-A', 2, { agency: 'Police', position: 'Inspector' })), 'Police · Inspector · cited 2×');
    assert.equal(participantDescription(person('RA1-KE-01-B', 0, { agency: 'Police' })), 'Police · not cited');
    const kenya: OutlineCountry = {
      code: 'KE',
      name: 'Kenya',
      interviews: [
        { key: 'RA1-KE-01', participants: [person('RA1-KE-01-A', 1), person('RA1-KE-01-B', 0)] },
        { key: 'RA1-KE-02', participants: [person('RA1-KE-02-A', 3)] },
      ],
    };
    assert.equal(countryLabel(kenya), 'Kenya (KE)');
    assert.equal(groupDescription(kenya), '3 participants · 1 uncited');
    assert.equal(groupDescription(kenya.interviews[1]), '1 participant');
    assert.equal(countryLabel({ code: '', interviews: [] }), 'Other IDs');
  });

  it('describes footnotes in their own style', () => {
    const f: OutlineFootnote = {
      label: '12',
      style: 'superscript',
      text: 'One two three four five six seven eight nine',
      definition: range(3),
      references: [range(1), range(2)],
      problems: [],
    };
    assert.equal(footnoteLabel(f), '¹²');
    assert.equal(footnoteLabel({ ...f, style: 'gfm' }), '[^12]');
    assert.equal(footnoteDescription(f), 'One two three four five six seven eight… · 2 references');
    const undefinedNote: OutlineFootnote = {
      ...f,
      text: '',
      definition: undefined,
      references: [range(1)],
      problems: [{ ruleId: 'footnote-undefined', severity: 'error', message: 'm', range: range(1) }],
    };
    assert.equal(footnoteDescription(undefinedNote), 'not defined · 1 reference · 1 problem');
    assert.equal(firstWords('  short   text '), 'short text');
  });
});
