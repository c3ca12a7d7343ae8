import { strict as assert } from 'node:assert';
import { participantDuplicate } from '../../server/src/core/rules/participant-duplicate';
import { lint, only, table } from '../core/helpers';
import { documentedExamples } from './examples';

describe('rule participant-duplicate', () => {
  documentedExamples(participantDuplicate);

  it('a row repeated in another spelling of the same ID is a duplicate too', () => {
    const text = `${table(['RA1-KE-01-A', 'ra1-ke-01-a'])}\nAs said (RA1-KE-01-A).\n`;
    assert.equal(only(lint(text), 'participant-duplicate').length, 1);
  });
});
