import { strict as assert } from 'node:assert';
import { ReportLinter } from '../../server/src/core/engine';
import { footnoteInsertion, FootnoteInsertionError, referenceOffset } from '../../server/src/core/footnoteInsertion';
import { applyEdits } from '../../server/src/core/text';
import { lint } from './helpers';

/** Inserts a footnote where `|` is, returns the text with `|` at the resulting cursor (or after the reference). */
function insert(marked: string, style: 'gfm' | 'superscript', body = '', cursor: 'definition' | 'reference' = 'definition'): string {
  const offset = marked.indexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const { model } = new ReportLinter().lint(text);
  const r = footnoteInsertion(model, offset, style, body);
  assert.equal(applyEdits(text, r.edits).text, r.text, 'the edits give the text');
  const at = cursor === 'definition' ? r.definitionEnd : r.referenceEnd;
  return r.text.slice(0, at) + '|' + r.text.slice(at);
}
const footnoteFindings = (text: string) => lint(text.replace('|', '')).filter((f) => f.ruleId.startsWith('footnote-') && f.ruleId !== 'footnote-unused');

describe('Insert Footnote: as a word processor does', () => {
  it('attaches to the preceding word when the cursor follows a space', () => {
    assert.equal(referenceOffset('word  ', 6), 4);
    assert.equal(referenceOffset('word\n  ', 7), 7, 'nothing to attach to at a line start');
    assert.equal(referenceOffset('word', 2), 2, 'inside a word: at the cursor');
  });

  it('superscript, in the middle: takes the number its place calls for and renumbers the later references and notes', () => {
    const text = 'First claim.¹ Middle claim. |\n\n¹ One.\n\nLater claim.² And.³\n\n² Two.\n\n³ Three.\n';
    const result = insert(text, 'superscript');
    assert.equal(result, 'First claim.¹ Middle claim.² \n\n¹ One.\n\n² |\n\nLater claim.³ And.⁴\n\n³ Two.\n\n⁴ Three.\n');
    assert.deepEqual(footnoteFindings(result.replace('|', 'New.')), [], 'the result is in order');
  });

  it('superscript: the new note goes between the notes of its paragraph in number order, in their spacing', () => {
    assert.equal(insert('A.¹ B|. C.²\n\n¹ One.\n² Two.\n', 'superscript'), 'A.¹ B². C.³\n\n¹ One.\n² |\n³ Two.\n');
    assert.equal(insert('A.¹ B.² C|.\n\n¹ One.\n\n² Two.\n', 'superscript'), 'A.¹ B.² C³.\n\n¹ One.\n\n² Two.\n\n³ |\n');
  });

  it('superscript: a paragraph without notes gets a new block after it', () => {
    assert.equal(insert('Plain paragraph|.\n\nNext paragraph.\n', 'superscript'), 'Plain paragraph¹.\n\n¹ |\n\nNext paragraph.\n');
    assert.equal(insert('Line end|', 'superscript'), 'Line end¹\n\n¹ |');
  });

  it('superscript: after the whole paragraph (several lines), before the next one; CRLF documents too', () => {
    assert.equal(
      insert('First paragraph.¹ More|.\nSame paragraph.\n\n¹ One.\n\nNext paragraph.\n', 'superscript'),
      'First paragraph.¹ More².\nSame paragraph.\n\n¹ One.\n\n² |\n\nNext paragraph.\n',
    );
    assert.equal(insert('Intro.\r\n\r\nLast claim|', 'superscript'), 'Intro.\r\n\r\nLast claim¹\n\n¹ |');
  });

  it('gfm, in the middle: the reference is numbered for its place and the definition goes before the next one', () => {
    const text = 'A.[^1] B |and C.[^2]\n\n[^1]: One.\n\n[^2]: Two.\n';
    const result = insert(text, 'gfm', 'Repeated source.');
    assert.equal(result, 'A.[^1] B[^2] and C.[^3]\n\n[^1]: One.\n\n[^2]: Repeated source.|\n\n[^3]: Two.\n');
    assert.deepEqual(footnoteFindings(result), []);
  });

  it('gfm with named labels: only the numeric ones are numbered, the named ones stay as written', () => {
    assert.equal(
      insert('A.[^who] B.[^1] C |and D.[^2]\n\n[^who]: WHO.\n\n[^1]: One.\n\n[^2]: Two.\n', 'gfm', '', 'reference'),
      'A.[^who] B.[^1] C[^2]| and D.[^3]\n\n[^who]: WHO.\n\n[^1]: One.\n\n[^2]: \n\n[^3]: Two.\n',
    );
  });

  it('gfm at the end: after the last definition; a report without footnotes gets a definition at the end', () => {
    assert.equal(insert('A.[^1] B.|\n\n[^1]: One.\n', 'gfm'), 'A.[^1] B.[^2]\n\n[^1]: One.\n\n[^2]: |');
    assert.equal(insert('Teachers asked for a guide|.\n', 'gfm', '', 'reference'), 'Teachers asked for a guide[^1]|.\n\n[^1]: ');
    assert.equal(insert('Text|\n\n', 'gfm'), 'Text[^1]\n\n[^1]: |');
    assert.equal(insert('Text|', 'gfm'), 'Text[^1]\n\n[^1]: |');
  });

  it('gfm: right before an existing reference, the new one goes after it', () => {
    assert.equal(insert('A.|[^1]\n\n[^1]: One.\n', 'gfm', '', 'reference'), 'A.[^1][^2]|\n\n[^1]: One.\n\n[^2]: ');
  });

  it('numbers out of order: no guessing, the next free number and nothing renumbered', () => {
    assert.equal(insert('A.² B|. C.¹\n\n¹ One.\n\n² Two.\n', 'superscript', '', 'reference'), 'A.² B³|. C.¹\n\n¹ One.\n\n² Two.\n\n³ \n');
  });

  it('superscript next to another superscript number is refused with a reason (the digits would merge)', () => {
    const text = 'A.¹\n\n¹ One.\n';
    const { model } = new ReportLinter().lint(text);
    assert.throws(() => footnoteInsertion(model, 3, 'superscript', ''), FootnoteInsertionError);
  });
});
