import * as assert from 'node:assert/strict';
import { execAtWordStart } from '../../server/src/core/wordStart';
import { BUILTIN_TERMINOLOGY, TermMatcher } from '../../server/src/core/terminology';
import { BUILTIN_OFFICIAL_NAMES, findTitleCaseNames, OfficialNameMatcher } from '../../server/src/core/officialNames';

function allMatches(next: (re: RegExp, text: string) => RegExpExecArray | null, re: RegExp, text: string): [number, string][] {
  const out: [number, string][] = [];
  re.lastIndex = 0;
  for (let m = next(re, text); m; m = next(re, text)) out.push([m.index, m[0]]);
  return out;
}

describe('execAtWordStart', () => {
  // The matchers' own patterns, with and without the lookbehind the helper replaces.
  const patterns = [
    (new TermMatcher(BUILTIN_TERMINOLOGY.entries) as unknown as { regex: RegExp }).regex,
    (new OfficialNameMatcher(BUILTIN_OFFICIAL_NAMES, ['Child Pornography Task Force']) as unknown as { regex: RegExp }).regex,
  ];
  const pieces = [
    'child pornography',
    'Child-Pornography',
    'xchild pornography',
    '1child prostitution',
    '𝐀child pornography',
    'é child sex tourism',
    'sextortion',
    'ſextortion',
    '_child pornography',
    'Optional Protocol to the Convention on the Rights of the Child',
    'Child Pornography Task Force',
  ];
  const glue = ['', ' ', '-', '𝐀', 'a', '1', '\n', '’'];

  it('finds exactly what a (?<![\\p{L}\\p{N}]) lookbehind finds, next to letters, digits and astral letters', () => {
    let compared = 0;
    for (const re of patterns) {
      const withLookbehind = new RegExp(`(?<![\\p{L}\\p{N}])${re.source}`, re.flags);
      for (let i = 0; i < 500; i++) {
        const text = Array.from({ length: 6 }, (_, j) => pieces[(i * 7 + j * 13) % pieces.length] + glue[(i + j * 3) % glue.length]).join('');
        assert.deepEqual(
          allMatches(execAtWordStart, re, text),
          allMatches((r, t) => r.exec(t), withLookbehind, text),
          text,
        );
        compared++;
      }
    }
    assert.equal(compared, 1000);
  });

  it('the matchers (first words, then the full pattern there) find what the lookbehind pattern finds', () => {
    const terms = new TermMatcher(BUILTIN_TERMINOLOGY.entries);
    const names = new OfficialNameMatcher(BUILTIN_OFFICIAL_NAMES, ['Child Pornography Task Force']);
    const [termPattern, namePattern] = patterns.map((re) => new RegExp(`(?<![\\p{L}\\p{N}])${re.source}`, re.flags));
    for (let i = 0; i < 500; i++) {
      const text = Array.from({ length: 8 }, (_, j) => pieces[(i * 5 + j * 11) % pieces.length] + glue[(i * 3 + j) % glue.length]).join('');
      const normalise = (x: string) =>
        x
          .toLowerCase()
          .replace(/[\s\u00A0\-\u2010\u2011]+/g, ' ')
          .trim();
      const expectedTerms = allMatches((r, t) => r.exec(t), termPattern, text).filter(([, m]) =>
        terms.entries.some((e) => e.terms.some((x) => normalise(x) === normalise(m))),
      );
      assert.deepEqual(
        terms.match(text).map((m) => [m.start, m.text]),
        expectedTerms,
        text,
      );
      const expectedNames = allMatches((r, t) => r.exec(t), namePattern, text);
      const titleCase = findTitleCaseNames(text).map((m) => [m.start, m.name]);
      assert.deepEqual(
        names.find(text).map((m) => [m.start, m.name]),
        [...expectedNames, ...titleCase],
        text,
      );
    }
  });

  it('skips a hit inside a word and finds the next one', () => {
    const re = /child(?![\p{L}\p{N}])/giu;
    re.lastIndex = 0;
    assert.equal(execAtWordStart(re, 'grandchild child')?.index, 11);
    re.lastIndex = 0;
    assert.equal(execAtWordStart(re, '𝐀child'), null);
  });
});
