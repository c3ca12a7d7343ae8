import { strict as assert } from 'node:assert';
import { participantUnknown } from '../../server/src/core/rules/participant-unknown';
import { lint, only, table, texts } from '../core/helpers';
import { documentedExamples } from './examples';

describe('rule participant-unknown', () => {
  documentedExamples(participantUnknown);

  it('an ID whose interview number lacks its zero padding is checked as the registry pads it', () => {
    const text = `${table(['RA1-KE-01-A'])}\nAs said (RA1-KE-1-A) and (RA1-KE-03-A).\n`;
    assert.deepEqual(texts(text, only(lint(text), 'participant-unknown')), ['RA1-KE-03-A']);
  });

  it('says nothing without a participant table or registry', () => {
    assert.deepEqual(only(lint('As said (RA1-KE-03-A).\n'), 'participant-unknown'), []);
  });

  it('IDs inside code are not citations', () => {
    const text = `${table(['RA1-KE-01-A'])}\nThe format is \`RA1-KE-09-A\`.\n`;
    assert.deepEqual(only(lint(text), 'participant-unknown'), []);
  });
});
