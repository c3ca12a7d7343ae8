import { strict as assert } from 'node:assert';
import { footnoteOrder } from '../../server/src/core/rules/footnote-order';
import { applyFirstFixes, lint, only, texts } from '../core/helpers';
import { documentedExamples } from './examples';

describe('rule footnote-order', () => {
  documentedExamples(footnoteOrder);

  it('non-numeric labels are left in the order the author chose', () => {
    assert.deepEqual(only(lint('One.[^b] Two.[^a]\n\n[^a]: A.\n[^b]: B.\n'), 'footnote-order'), []);
  });

  it('only the first place the order breaks is reported', () => {
    const text = 'A.[^3] B.[^2] C.[^1]\n\n[^1]: One.\n[^2]: Two.\n[^3]: Three.\n';
    assert.deepEqual(texts(text, only(lint(text), 'footnote-order')), ['[^3]']);
  });

  it('a superscript note that is only its label is relabelled in place, not moved (moved, it would read as a reference)', () => {
    // Found by npm run fuzz: moving "² " lost the blank that made it a note.
    const text = 'Text² more¹\n\n¹\t`one\n² \n';
    const [finding] = only(lint(text), 'footnote-order');
    assert.ok(finding, 'the order is reported');
    const fixed = applyFirstFixes(text, [finding]);
    const errorsAfter = lint(fixed).filter((f) => f.ruleId === 'footnote-undefined');
    assert.deepEqual(errorsAfter, []);
    assert.equal(fixed.split('\n').filter((l) => /^[¹²]/.test(l)).length, 2, 'both notes still start their lines');
  });

  it('notes with a backtick are relabelled in place, not moved (moved, a code span could pair across notes and hide a label)', () => {
    // Found by npm run fuzz: "¹\t`²\n² `" reordered became "¹ `\n²\t`¹", one code span over both notes.
    const text = 'Text² more¹\n\n¹ See `a\n² And `b\n';
    const [finding] = only(lint(text), 'footnote-order');
    assert.ok(finding, 'the order is reported');
    const fixed = applyFirstFixes(text, [finding]);
    assert.equal(fixed, 'Text¹ more²\n\n² See `a\n¹ And `b\n');
    assert.deepEqual(
      lint(fixed).filter((f) => f.ruleId === 'footnote-undefined' || f.ruleId === 'footnote-unused'),
      [],
    );
  });

  it('blocks separated by a blank line of lone CRs are separate blocks (superscript notes in a CR file are definitions)', () => {
    const text = 'A.¹ B.²\r\r[^x]: Named.\r\r¹ One.\r\r² Two.\r';
    assert.deepEqual(
      lint(text).filter((f) => f.ruleId === 'footnote-undefined'),
      [],
    );
  });
});
