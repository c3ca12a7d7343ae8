import { strict as assert } from 'node:assert';
import { footnoteUnused } from '../../server/src/core/rules/footnote-unused';
import { lint, linterFor, only, texts } from '../core/helpers';
import { applyEdits } from '../../server/src/core/text';
import { documentedExamples } from './examples';

describe('rule footnote-unused', () => {
  documentedExamples(footnoteUnused);

  it('a superscript definition nothing references is reported', () => {
    const text = 'A claim.¹\n\n¹ Used.\n\n² Unused.\n';
    assert.deepEqual(texts(text, only(lint(text), 'footnote-unused')), ['² Unused.']);
  });

  /** The text after applying the removal fix of footnote `label`. */
  function removed(text: string, label: string): string {
    const finding = only(lint(text), 'footnote-unused').find((f) => f.data?.label === label);
    assert.ok(finding, `footnote ${label} is reported as unused in ${JSON.stringify(text)}`);
    return applyEdits(text, finding.fixes[0].edits).text;
  }

  it('removing a definition never joins the blocks around it (found by npm run fuzz: the blank line went, the notes became a quotation)', () => {
    const text = '>\n\n³ \n⁴ .⁴\n\n¹ ';
    assert.equal(removed(text, '3'), '>\n\n⁴ .⁴\n\n¹ ');
    // The remaining note is still a definition and its reference still resolves.
    assert.deepEqual(only(lint(removed(text, '3')), 'footnote-undefined'), []);
    assert.equal(removed(text, '1'), '>\n\n³ \n⁴ .⁴');
  });

  it('removes whole lines of a definition, with the blank lines after it when it was a block of its own', () => {
    const text = 'A claim.¹\n\n¹ Used.\n\n² Unused.\n\nMore text.\n';
    assert.equal(removed(text, '2'), 'A claim.¹\n\n¹ Used.\n\nMore text.\n');
    const list = 'A claim.¹ B.³\n\n¹ Used.\n² Unused,\ncontinued.\n³ Used.\n';
    assert.equal(removed(list, '2'), 'A claim.¹ B.³\n\n¹ Used.\n³ Used.\n');
    const crlf = 'A claim.[^1]\r\n\r\n[^2]: Unused.\r\n\r\n[^1]: Used.\r\n';
    assert.equal(removed(crlf, '2'), 'A claim.[^1]\r\n\r\n[^1]: Used.\r\n');
  });

  it('at the end of the text, removes the space before the definition and keeps the final line break', () => {
    assert.equal(removed('A claim.¹\n\n¹ Used.\n\n² Unused.\n', '2'), 'A claim.¹\n\n¹ Used.\n');
    assert.equal(removed('A claim.[^1]\n\n[^1]: Used.\n\n[^2]: Unused.', '2'), 'A claim.[^1]\n\n[^1]: Used.');
  });

  it('keeps a byte-order mark when the first definition goes', () => {
    assert.equal(removed('\uFEFF[^2]: Unused.\n\nA claim.[^1]\n\n[^1]: Used.\n', '2'), '\uFEFFA claim.[^1]\n\n[^1]: Used.\n');
  });

  it('removes only its own span when the definition shares its line with other text', () => {
    const text = 'A claim.[^1]\n\n[^1]: Used.\n\n> [^2]: Unused.\n';
    const after = removed(text, '2');
    assert.ok(after.startsWith('A claim.[^1]\n\n[^1]: Used.\n\n>'), JSON.stringify(after));
    assert.ok(!after.includes('Unused'), JSON.stringify(after));
  });

  it('a superscript definition ends where a GFM definition starts, so removing it keeps that one (found by npm run fuzz)', () => {
    const text = 'A claim.[^2]\n\n¹ Unused.\n[^2]: Used.\n';
    assert.deepEqual(texts(text, only(lint(text), 'footnote-unused')), ['¹ Unused.']);
    const after = removed(text, '1');
    assert.equal(after, 'A claim.[^2]\n\n[^2]: Used.\n');
    assert.deepEqual(only(lint(after), 'footnote-undefined'), []);
  });

  it('a superscript number opening a continuation line of a GFM definition is that note’s text, not a definition', () => {
    const text = 'A claim.[^2] Another.¹\n\n¹ Source.\n\n[^2]: Source, page\n¹⁰ and on.\n';
    const { findings, model } = linterFor().lint(text);
    assert.deepEqual(
      model.footnoteDefs.map((d) => d.label),
      ['1', '2'],
    );
    assert.deepEqual(only(findings, 'footnote-unused'), []);
  });

  it('removing the last definition keeps the line above whole: `¹⁰ ` with its space is still a definition (found by npm run fuzz)', () => {
    const text = 'A claim.¹⁰\n\n¹⁰  \n\n[^x]: Unused.\n';
    assert.equal(removed(text, 'x'), 'A claim.¹⁰\n\n¹⁰  \n');
    assert.deepEqual(only(lint(removed(text, 'x')), 'footnote-undefined'), []);
  });

  it('offers no removal of a definition that holds a report-lint directive (what it silences would come back; found by npm run fuzz)', () => {
    const text = 'A claim.[^9]\n\n[^x]: Unused <!-- report-lint-disable footnote-undefined -->\n';
    const [finding] = only(lint(text), 'footnote-unused');
    assert.ok(finding, 'still reported');
    assert.deepEqual(finding.fixes, []);
    assert.equal(removed('A claim.[^1]\n\n[^1]: Used.\n\n[^x]: Unused.\n', 'x'), 'A claim.[^1]\n\n[^1]: Used.\n');
  });

  it('superscript notes right after a GFM definition are notes already: removing the definition changes nothing else (found by npm run fuzz)', () => {
    const text = 'A.¹ B.²\n\n[^x]: \n¹ One.\n² Two.\n';
    const { findings, model } = linterFor().lint(text);
    assert.deepEqual(
      model.footnoteDefs.map((d) => d.label),
      ['x', '1', '2'],
    );
    assert.deepEqual(only(findings, 'footnote-undefined'), []);
    assert.equal(removed(text, 'x'), 'A.¹ B.²\n\n¹ One.\n² Two.\n');
    assert.deepEqual(only(lint(removed(text, 'x')), 'footnote-undefined'), []);
  });

  it('offers no removal that would join the line after to the text above (found by npm run fuzz)', () => {
    const text = 'A.[^1] B.²³\n\n[^1]: One.  \n[^x]:\n²³ Two.\n';
    const [finding] = only(lint(text), 'footnote-unused');
    assert.equal(finding?.data?.label, 'x');
    assert.deepEqual(finding.fixes, []);
    // Followed by another GFM definition, it goes.
    assert.equal(removed('A.[^1] B.[^2]\n\n[^1]: One.\n[^x]: Unused.\n[^2]: Two.\n', 'x'), 'A.[^1] B.[^2]\n\n[^1]: One.\n[^2]: Two.\n');
  });

  it('offers no removal in a block read by the bounded parser (without the pathology remark reads the block otherwise; found by npm run fuzz)', () => {
    const text = `A.[^1]\n\n[^1]: One.\n\nText ${'['.repeat(40)}\n[^x]: Unused.\n`;
    const { findings, model } = linterFor().lint(text);
    assert.ok(model.blocks.some((b) => b.bounded));
    const [finding] = only(findings, 'footnote-unused');
    assert.equal(finding?.data?.label, 'x');
    assert.deepEqual(finding.fixes, []);
  });
});
