import { strict as assert } from 'node:assert';
import { matchingItems } from '../../client/src/pickMatch';

const PARTICIPANTS = [
  { label: 'RA1-KE-01-A', description: 'Kenya Police Service', detail: 'Inspector · cited 2 times' },
  { label: 'RA1-KE-01-B', description: 'Kenya Police Service', detail: 'Sergeant · not cited yet' },
  { label: 'RA1-KE-02-A', description: "Department of Children's Services", detail: 'Officer · cited once' },
  { label: 'RA1-KE-12-A', description: 'Office of the Director of Public Prosecutions', detail: 'Counsel' },
];
const labels = (items: { label: string }[]) => items.map((i) => i.label);

describe('quick pick matching (what Enter takes when no row is highlighted)', () => {
  it('an empty filter keeps every entry in order', () => {
    assert.deepEqual(labels(matchingItems(PARTICIPANTS, '  ')), labels(PARTICIPANTS));
  });

  it('a full ID, in any case, puts that entry first', () => {
    assert.deepEqual(labels(matchingItems(PARTICIPANTS, 'ra1-ke-02-a')), ['RA1-KE-02-A']);
    assert.equal(matchingItems(PARTICIPANTS, 'RA1-KE-01-B')[0].label, 'RA1-KE-01-B');
  });

  it('a partial ID matches the entries containing it, those starting with it first', () => {
    assert.deepEqual(labels(matchingItems(PARTICIPANTS, 'KE-01')), ['RA1-KE-01-A', 'RA1-KE-01-B']);
    assert.equal(matchingItems(PARTICIPANTS, 'RA1-KE-1')[0].label, 'RA1-KE-12-A');
  });

  it('characters in order match as VS Code’s fuzzy filter does', () => {
    assert.deepEqual(labels(matchingItems(PARTICIPANTS, 'ke02')), ['RA1-KE-02-A']);
  });

  it('description and detail match only when the pick searches them, after label matches', () => {
    assert.deepEqual(labels(matchingItems(PARTICIPANTS, 'prosecutions')), []);
    assert.deepEqual(labels(matchingItems(PARTICIPANTS, 'prosecutions', { matchOnDescription: true })), ['RA1-KE-12-A']);
    assert.deepEqual(labels(matchingItems(PARTICIPANTS, 'sergeant', { matchOnDescription: true })), []);
    assert.deepEqual(labels(matchingItems(PARTICIPANTS, 'sergeant', { matchOnDetail: true })), ['RA1-KE-01-B']);
  });

  it('text that matches nothing gives nothing (the pick then says so instead of inserting a guess)', () => {
    assert.deepEqual(matchingItems(PARTICIPANTS, 'RA9-ZZ', { matchOnDescription: true, matchOnDetail: true }), []);
  });

  it('codicons in labels are not part of the text', () => {
    assert.deepEqual(labels(matchingItems([{ label: '$(note) Cite again: Smith 2020' }, { label: 'New footnote' }], 'cite')), [
      '$(note) Cite again: Smith 2020',
    ]);
  });
});
