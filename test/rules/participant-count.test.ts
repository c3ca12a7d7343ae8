import { strict as assert } from 'node:assert';
import { participantCount } from '../../server/src/core/rules/participant-count';
import { lint, only, table } from '../core/helpers';
import { documentedExamples } from './examples';

describe('rule participant-count', () => {
  documentedExamples(participantCount);

  it('a count inside a quotation is the speaker’s, not the study’s', () => {
    const text = `One officer said: “we held 40 interviews last year”.\n\n${table(['RA1-KE-01-A'])}\nCited (RA1-KE-01-A).\n`;
    assert.deepEqual(only(lint(text), 'participant-count'), []);
  });

  it('a count written in words is fixed in words', () => {
    const text = `We held five interviews.\n\n${table(['RA1-KE-01-A', 'RA1-KE-02-A'])}\nCited (RA1-KE-01-A; RA1-KE-02-A).\n`;
    const [f] = only(lint(text), 'participant-count');
    assert.equal(f.fixes[0].edits[0].newText, 'two');
  });
});
