import { strict as assert } from 'node:assert';
import { fixSafe, ReportLinter } from '../../server/src/core/engine';
import { lint, only, texts } from './helpers';

// Issue 8, classes 6 (case-insensitive GFM labels), 10 (reference-style placeholder
// links) and 11 (footnote order with named labels).
describe('drafts: GFM footnote labels are case-insensitive', () => {
  it('[^ncmec] refers to [^NCMEC]: no undefined/unused pair', () => {
    const text = 'Reports rose.[^ncmec] And fell.[^Unicef 2021]\n\n[^NCMEC]: NCMEC data.\n[^unicef  2021]: UNICEF.\n';
    const findings = lint(text).filter((f) => f.ruleId.startsWith('footnote-'));
    assert.deepEqual(findings, []);
  });
  it('a real difference is still undefined and unused', () => {
    const text = 'Reports rose.[^ncmec]\n\n[^ncmek]: NCMEC data.\n';
    assert.deepEqual(texts(text, only(lint(text), 'footnote-undefined')), ['[^ncmec]']);
    assert.equal(only(lint(text), 'footnote-unused').length, 1);
  });
  it('two definitions differing only in case are duplicates', () => {
    const text = 'Reports rose.[^who]\n\n[^WHO]: One.\n\n[^who]: Two.\n';
    assert.equal(only(lint(text), 'footnote-duplicate').length, 1);
  });
});

describe('drafts: footnote order with named labels', () => {
  it('numeric labels are still checked among themselves', () => {
    const text = 'A.[^who-2020] B.[^3] C.[^1] D.[^2]\n\n[^who-2020]: WHO.\n[^1]: One.\n[^2]: Two.\n[^3]: Three.\n';
    const found = only(lint(text), 'footnote-order');
    assert.deepEqual(texts(text, found), ['[^3]']);
    const fixed = fixSafe(new ReportLinter(), text).text;
    assert.equal(fixed, 'A.[^who-2020] B.[^1] C.[^2] D.[^3]\n\n[^who-2020]: WHO.\n[^2]: One.\n[^3]: Two.\n[^1]: Three.\n');
    assert.deepEqual(only(lint(fixed), 'footnote-order'), []);
  });
  it('named labels alone are never reported', () => {
    const text = 'A.[^zeta] B.[^alpha]\n\n[^alpha]: A.\n[^zeta]: Z.\n';
    assert.deepEqual(only(lint(text), 'footnote-order'), []);
  });
});

describe('drafts: reference-style placeholder links', () => {
  const defs = '\n\n[m]: #\n[E]: <>\n[blank]:\n[ok]: https://example.org/\n';
  const cases: [string, string[]][] = [
    ['full', ['See [the method][m] and [the survey][e].', '[the method][m]|[the survey][e]']],
    ['collapsed', ['See [m][] and [ok][].', '[m][]']],
    ['shortcut', ['See [m] and [blank] and [ok] and [sic].', '[m]|[blank]']],
    ['case-insensitive labels', ['See [the method][M].', '[the method][M]']],
  ];
  for (const [what, [sentence, expected]] of cases) {
    it(`${what}: reported at the link`, () => {
      const text = sentence + defs;
      assert.deepEqual(texts(text, only(lint(text), 'link-placeholder')), expected.split('|'));
    });
  }
  it('not in code, not images, not footnote calls, not inline links with a real target', () => {
    const text = 'Code `[m][m]`, image ![alt][m], call[^m], link [m](https://example.org/).\n\n[^m]: Note.\n[m]: #\n';
    assert.deepEqual(texts(text, only(lint(text), 'link-placeholder')), []);
  });
  it('the first definition of a label wins', () => {
    const text = 'See [x].\n\n[x]: https://example.org/\n[x]: #\n';
    assert.deepEqual(only(lint(text), 'link-placeholder'), []);
  });
});
