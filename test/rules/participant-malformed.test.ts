import { strict as assert } from 'node:assert';
import { participantMalformed } from '../../server/src/core/rules/participant-malformed';
import { lint, only, table } from '../core/helpers';
import { documentedExamples } from './examples';

describe('rule participant-malformed', () => {
  documentedExamples(participantMalformed);

  it('an en dash is fixed safely; the data says what was meant', () => {
    const text = `${table(['RA1-KE-01-A'])}\nAs said (RA1–KE–01–A).\n`;
    const [f] = only(lint(text), 'participant-malformed');
    assert.match(f.message, /dash other than a hyphen/);
    assert.deepEqual(f.data, { canonical: 'RA1-KE-01-A', options: ['RA1-KE-01-A'] });
    assert.equal(f.fixes[0].safe, true);
  });

  it('a missing activity number with two activities in the table offers both, none of them safe', () => {
    const text = `${table(['RA1-KE-05-A', 'RA2-KE-05-A'])}\nAs noted (RA-KE-05-A).\n`;
    const [f] = only(lint(text), 'participant-malformed');
    assert.deepEqual(f.data?.options, ['RA1-KE-05-A', 'RA2-KE-05-A']);
    assert.equal(f.data?.canonical, undefined);
    assert.ok(f.fixes.every((x) => !x.safe));
  });

  it('two rows that both read as one ID get no fix: fixing either would list the participant twice (found by npm run fuzz)', () => {
    for (const rows of [
      ['RA1KE01A', 'ra1ke1-a'],
      ['RA1-KE-1-A', 'RA1 KE 01 A'],
    ]) {
      const text = `${table(rows)}\nAs said (RA1-KE-01-A).\n`;
      const findings = only(lint(text), 'participant-malformed');
      assert.ok(findings.length >= 1, JSON.stringify(findings.map((f) => f.message)));
      for (const f of findings.filter((x) => !x.message.includes('&'))) {
        assert.deepEqual(f.fixes, []);
        assert.match(f.message, /another row of the table (also names|is already) RA1-KE-01-A\b/);
      }
    }
    // One misspelt row among others is still fixed safely.
    const single = only(lint(`${table(['RA1KE01A', 'RA1-KE-02-A'])}\nAs said (RA1-KE-01-A).\n`), 'participant-malformed');
    assert.equal(single.length, 1);
    assert.equal(single[0].fixes[0]?.safe, true);
  });
});
