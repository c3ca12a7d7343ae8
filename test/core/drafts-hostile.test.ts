import { strict as assert } from 'node:assert';
import { ReportLinter } from '../../server/src/core/engine';

// The issue-8 readers (HTML markup, reference structure, count scopes, loose joins,
// link references) on hostile input: each shape gives the findings it should; a
// shape that made a reader quadratic or exponential would run into mocha's timeout.
describe('drafts: hostile shapes for the new readers', () => {
  const lint = (text: string) => new ReportLinter().lint(text).findings;
  it('unclosed tags, comments and code elements in an HTML block', () => {
    for (const unit of ['<a x ', '<!-- x ', '<code> x ']) assert.deepEqual(lint(`<div>\n${unit.repeat(6000)}\n`), []);
  });
  it('thousands of author-year references in one footnote, and runs of capitals before a year', () => {
    assert.deepEqual(lint(`A.[^1]\n\n[^1]: ${'Doe, J. (2019). '.repeat(3000)}\n`), []);
    assert.deepEqual(lint(`A.[^1]\n\n[^1]: ${'ABCDEFGHIJKLMNOP'.repeat(200)} x (2019). Title.\n`), []);
  });
  it('thousands of reference links, quotation marks and count claims', () => {
    assert.equal(lint(`${'[a][b] '.repeat(8000)}\n\n[b]: #\n`).length, 8000);
    assert.deepEqual(lint(`${'« “ „ ‚ 「 '.repeat(8000)}\n`), []);
    const counts = lint(`${'In RA1, 3 interviews. '.repeat(3000)}\n\n| ID | x |\n| --- | --- |\n| RA1-KE-01-A | a |\n| RA4-KE-01-A | b |\n`);
    assert.equal(counts.filter((f) => f.ruleId === 'participant-count').length, 3000);
  });
});

describe('drafts: quotation marks that never close', () => {
  it('thousands of unclosed opening marks of each kind: one quotation to the end of the paragraph', () => {
    for (const mark of ['“', '„', '«', '「', '‚']) {
      const text = `We wrote child pornography ${`${mark}word `.repeat(20_000)}child pornography\n`;
      const found = new ReportLinter().lint(text).findings.filter((f) => f.ruleId === 'terminology-avoid');
      assert.equal(found.length, 1, mark);
      assert.equal(found[0].start, text.indexOf('child pornography'));
    }
  });
});
