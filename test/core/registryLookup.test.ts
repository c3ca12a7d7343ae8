import * as assert from 'node:assert/strict';
import { boundedLevenshtein, citedIds, closestIds, levenshtein } from '../../server/src/core/participants';
import { DEFAULT_ID_SCHEME, IdScheme } from '../../server/src/core/participantIds';
import type { RegistryEntry } from '../../server/src/core/registry';
import type { IdToken } from '../../server/src/core/model';

/** The textbook dynamic programme, to check the bounded one against. */
function referenceDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

describe('registry look-ups', () => {
  it('boundedLevenshtein is exact up to the bound and above it beyond', () => {
    const alphabet = 'RA1-MW0&B';
    let seed = 11;
    const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const word = () => Array.from({ length: Math.floor(next() * 13) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
    for (let i = 0; i < 2000; i++) {
      const a = word();
      const b = word();
      const exact = referenceDistance(a, b);
      assert.equal(levenshtein(a, b), exact, `${a} / ${b}`);
      const bounded = boundedLevenshtein(a, b, 3);
      if (exact <= 3) assert.equal(bounded, exact, `${a} / ${b}`);
      else assert.ok(bounded > 3, `${a} / ${b}: ${bounded}`);
    }
  });

  const scheme = new IdScheme(DEFAULT_ID_SCHEME);
  const registry = new Map<string, RegistryEntry>(
    ['RA2-KE-05-A', 'RA1-KE-05-A', 'RA1-KE-05-B', 'RA1-KE-06-A', 'RA3-UG-05-A', 'RA3-KE-05-A'].map((id, line) => [
      id,
      { id, origin: { kind: 'file', file: 'r.csv', line } },
    ]),
  );

  it('a citation without its activity number stands for every registry ID that agrees on the rest, in registry order', () => {
    const [token] = scheme.find('(RA-KE-05-A)');
    const ids = citedIds({ ...token, inRegistryTable: false } as IdToken, scheme, 2, registry);
    assert.deepEqual(ids, ['RA2-KE-05-A', 'RA1-KE-05-A', 'RA3-KE-05-A']);
    const [combined] = scheme.find('(RA-KE-05-A&B)');
    assert.deepEqual(citedIds({ ...combined, inRegistryTable: false } as IdToken, scheme, 2, registry), [
      'RA2-KE-05-A',
      'RA1-KE-05-A',
      'RA1-KE-05-B',
      'RA3-KE-05-A',
    ]);
  });

  it('closestIds ranks by distance, then alphabetically', () => {
    assert.deepEqual(
      closestIds('RA1-KE-07-A', registry).map((e) => e.id),
      ['RA1-KE-05-A', 'RA1-KE-06-A', 'RA1-KE-05-B'],
    );
  });
});
