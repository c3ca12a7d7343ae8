import { strict as assert } from 'node:assert';
import { scanQuotes } from '../../server/src/core/quotes';
import { lint, texts } from './helpers';

// Issue 8, class 5: quotation marks of other languages open and close quotations
// like “ ” do; nested and multi-paragraph quotations keep their span.
function flagged(text: string): string[] {
  return texts(
    text,
    lint(text).filter((f) => f.ruleId.startsWith('terminology-')),
  );
}

describe('drafts: quotation marks of other languages', () => {
  const styles: [string, string, string][] = [
    ['French guillemets', '« ', ' »'],
    ['French guillemets without spaces', '«', '»'],
    ['Danish and German reversed guillemets', '»', '«'],
    ['Finnish guillemets', '»', '»'],
    ['single guillemets', '‹', '›'],
    ['German low-9 and left double', '„', '“'],
    ['Polish low-9 and right double', '„', '”'],
    ['Swedish right doubles', '”', '”'],
    ['German single low-9', '‚', '‘'],
    ['Japanese corner brackets', '「', '」'],
    ['Japanese white corner brackets', '『', '』'],
  ];
  for (const [what, open, close] of styles) {
    it(`${what}: silent inside, the author's words after are flagged`, () => {
      const text = `An officer said ${open}child pornography is everywhere${close} and we wrote child pornography.\n`;
      assert.deepEqual(flagged(text), ['child pornography']);
      assert.equal(lint(text).find((f) => f.ruleId === 'terminology-avoid')!.start, text.lastIndexOf('child pornography'));
    });
  }

  it('a closing mark that opens in other languages does not open a quotation after a word (« … » then our words)', () => {
    assert.deepEqual(flagged('He said « yes » and child pornography was our phrase.\n'), ['child pornography']);
    assert.deepEqual(flagged('Er sagte „ja“ und child pornography war unser Wort.\n'), ['child pornography']);
  });

  it('nested quotations keep the outer span', () => {
    assert.deepEqual(flagged('She said « the officer told me “it is child pornography” and child pornography is common » and child pornography.\n'), [
      'child pornography',
    ]);
    assert.deepEqual(flagged('She said “the officer told me ‘it is child pornography’ and child pornography is common” and child pornography.\n'), [
      'child pornography',
    ]);
    assert.deepEqual(flagged('Sie sagte „der Beamte sagte ‚child pornography‘ und child pornography“ and child pornography.\n'), ['child pornography']);
  });

  it('a closing mark of the outer quotation closes an inner one left open', () => {
    const text = 'She said « the officer told me “it is child pornography and child pornography » and child pornography.\n';
    assert.deepEqual(flagged(text), ['child pornography']);
  });

  it('multi-paragraph quotations: each paragraph reopens the mark, only the last closes it', () => {
    for (const [open, close] of [
      ['“', '”'],
      ['« ', ' »'],
      ['„', '“'],
      ['「', '」'],
    ]) {
      const text = `A parent said: ${open}We did not know about child pornography.\n\n${open}Then child pornography was found on the phone.\n\n${open}Now we talk about child pornography${close} (RA4-KE-01-A).\n\nWe call it child pornography.\n`;
      assert.deepEqual(flagged(text), ['child pornography'], `${open}…${close}`);
    }
  });

  it('French continuation: a paragraph that starts with » continues the quotation', () => {
    const text = 'Un parent a dit : « We did not know about child pornography.\n\n» Then child pornography was found. »\n\nWe call it child pornography.\n';
    assert.deepEqual(flagged(text), ['child pornography']);
  });

  it('apostrophes inside a nested quotation do not close it', () => {
    const text = 'He said “the children’s ‘child pornography’ folder” and more.';
    assert.deepEqual(scanQuotes(text).quotes, [{ start: text.indexOf('“'), end: text.indexOf('”') + 1 }]);
  });

  it('a stray closing guillemet at the start of a paragraph text ends a quotation begun earlier', () => {
    const text = 'A judge said « we see child pornography every\n\nday in court » and we wrote child pornography.\n';
    assert.deepEqual(flagged(text), ['child pornography']);
  });
});
