import { strict as assert } from 'node:assert';
import { participantUnknown } from '../../server/src/core/rules/participant-unknown';
import { lint, only, table, texts } from '../core/helpers';
import { documentedExamples } from './examples';

describe('rule participant-unknown', () => {
  documentedExamples(participantUnknown);

  it('inside a table the suggestion is named but not offered as a fix (it could make two rows share an ID; found by npm run fuzz)', () => {
    const text = `${table(['RA1-MW-01-A', 'RA1-MW-02-A'])}\n| Quote | Source |\n| --- | --- |\n| "Yes." | RA1-MW-01-B |\n\nAs said (RA1-MW-01-B).\n`;
    const findings = only(lint(text), 'participant-unknown');
    assert.equal(findings.length, 2);
    const [inTable, inProse] = findings;
    assert.match(inTable.message, /Did you mean RA1-MW-01-A/);
    assert.deepEqual(inTable.fixes, []);
    assert.ok(inProse.fixes.length > 0, 'prose still gets the suggestion as a fix');
  });

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
