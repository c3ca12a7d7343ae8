import { strict as assert } from 'node:assert';
import { participantUncited } from '../../server/src/core/rules/participant-uncited';
import { lint, only, table, texts } from '../core/helpers';
import { documentedExamples } from './examples';

describe('rule participant-uncited', () => {
  documentedExamples(participantUncited);

  it('a malformed citation still cites the participant it means', () => {
    const text = `${table(['RA1-KE-01-A', 'RA1-KE-02-A'])}\nAs said (ra1-ke-1-a) and (RA1-KE-02-A).\n`;
    assert.deepEqual(only(lint(text), 'participant-uncited'), []);
  });

  it('a participant table alone reports every row', () => {
    const text = table(['RA1-KE-01-A', 'RA1-KE-02-A']);
    assert.deepEqual(texts(text, only(lint(text), 'participant-uncited')), ['RA1-KE-01-A', 'RA1-KE-02-A']);
  });
});
