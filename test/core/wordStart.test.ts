import * as assert from 'node:assert/strict';
import { execAtWordStart, GROUPS_COMPILED_APART, PhraseFinder } from '../../server/src/core/wordStart';
import { escapeRegExp } from '../../server/src/core/text';
import { BUILTIN_TERMINOLOGY, TermMatcher, termPattern, type TermEntry } from '../../server/src/core/terminology';
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

  // Few first words: each one's phrases compiled apart; many (a user's dictionary): compiled by first letter.
  for (const fillers of [0, GROUPS_COMPILED_APART]) {
    it(`phrases merged under one context condition, tried by first word, find what one alternation of every phrase finds (${fillers} more first words)`, () => {
      const entry = (id: string, terms: string[], context: Partial<TermEntry> = {}): TermEntry => ({
        id,
        category: 'avoid',
        terms,
        preferred: [],
        reason: '',
        ...context,
      });
      // Runs of one entry's phrases that share a first word, other entries' phrases of that word or of an overlapping one
      // ("ha", "hadn"), both conditions at once, and first words that only case folding relates ("ſex" and "sex").
      const entries = [
        ...BUILTIN_TERMINOLOGY.entries,
        entry('a', ['had fun with', 'had a game with', 'had words', 'had a'], { followedBy: ['a minor', 'a {n}-year-old', 'game'] }),
        entry('b', ['had a game'], {}),
        entry('c', ['ha ha ha', 'hadn t'], { followedBy: ['a minor'] }),
        entry('d', ['young person', 'young pupil'], { precededBy: ['a {n}-year-old'], followedBy: ['aged {n}'] }),
        entry('e', ['sex tape', 'sex game', 'ſex toy'], { precededBy: ['shared a'] }),
        ...Array.from({ length: fillers }, (_, k) => entry(`f${k}`, [`h${k}x word`, `s${k} é${k}`, `é${k} word`])),
      ];
      // Texts of phrases, context phrases and stray words in a random order.
      const pieces = [
        ...entries.slice(-5).flatMap((e) => e.terms),
        ...['had sex with', 'have sexual intercourse with', 'young woman', 'child pornography', 'a child', 'minors', 'game', 'a game', 'with'],
        ...['a 15-year-old young person', 'young pupil aged 15', 'a 15-year-old young pupil aged 15', 'shared a sex tape', 'shared a ſex toy'],
        ...Array.from({ length: fillers }, (_, k) => `h${k}x word s${k} é${k} word`),
        ...['a minor', 'a 15-year-old', 'aged 15', 'shared a', 'had', 'ha', 'hadn', 'young', 'HAD', 'Young', 'sex', 'ſex', 'with', 'fun'],
      ];
      let seed = 7;
      const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
      const vocabulary = pieces;
      const phrases: string[] = [];
      const entryOf = new Map<string, TermEntry>();
      const normalise = (x: string) =>
        x
          .toLowerCase()
          .replace(/[\s\u00A0-]+/g, ' ')
          .trim();
      for (const e of entries)
        for (const t of e.terms) {
          if (entryOf.has(normalise(t))) continue;
          entryOf.set(normalise(t), e);
          phrases.push(normalise(t));
        }
      phrases.sort((a, b) => b.length - a.length);
      const onePerPhrase = new RegExp(`(?<![\\p{L}\\p{N}])(?:${phrases.map((p) => termPattern([p], entryOf.get(p)!)).join('|')})(?![\\p{L}\\p{N}])`, 'giu');
      const terms = new TermMatcher(entries);
      let found = 0;
      for (let i = 0; i < 1000; i++) {
        const text = Array.from({ length: 8 }, () => vocabulary[Math.floor(next() * vocabulary.length)]).join(next() < 0.8 ? ' ' : '-');
        // A match is kept when its words are a listed term's ("ſex" matches "sex" but is not the term), as the matcher does.
        const expected = allMatches((r, t) => r.exec(t), onePerPhrase, text).filter(([, m]) => entryOf.has(normalise(m)));
        found += expected.length;
        assert.deepEqual(
          terms.match(text).map((m) => [m.start, m.text]),
          expected,
          text,
        );
      }
      assert.ok(found > 1000, `the texts hold phrases (${found})`);
    });
  }

  // First words all ASCII (searched without the u flag) or not; few or many of them.
  const asciiPhrases = ['sex', 'sexual abuse', 'kelvin', 'kelvin scale', 'a.b. c', 'c++ code', 'SK'];
  const otherPhrases = [...asciiPhrases, 'ſex toy', '\u212Aelvin scale', 'é1 word', 'É1', 'straße'];
  for (const [kind, phrases] of [
    ['ASCII', asciiPhrases],
    ['non-ASCII', otherPhrases],
  ] as const) {
    for (const fillers of [0, GROUPS_COMPILED_APART]) {
      it(`a phrase finder finds what the lookbehind alternation finds, with case folding across ASCII ("ſ", "K") (${kind} first words, ${fillers} more)`, () => {
        const alternatives = [...phrases, ...Array.from({ length: fillers }, (_, k) => `q${k} word`)]
          .sort((a, b) => b.length - a.length)
          .map((p) => {
            const words = p.split(' ').map(escapeRegExp);
            return { firstWord: words[0], pattern: words.join('\\s+') };
          });
        const suffix = '(?![\\p{L}\\p{N}])';
        const reference = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.map((a) => a.pattern).join('|')})${suffix}`, 'giu');
        const finder = new PhraseFinder(alternatives, suffix);
        const pieces = [
          'sex toy',
          'ſex toy',
          'SEX TOY',
          'sexual abuse',
          'ſexual',
          'kelvin scale',
          '\u212Aelvin scale',
          'KELVIN',
          'é1 word',
          'É1 WORD',
          'STRASSE',
          'Straße',
          'a.b. c',
          'A.B. C',
          'c++ code',
          'q1 word',
          'Q2 WORD',
          'x',
        ];
        let seed = 3;
        const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
        let found = 0;
        for (let i = 0; i < 500; i++) {
          const text = Array.from({ length: 6 }, () => pieces[Math.floor(next() * pieces.length)]).join(next() < 0.7 ? ' ' : '');
          const expected = allMatches((r, t) => r.exec(t), reference, text);
          found += expected.length;
          assert.deepEqual(
            finder.findAll(text).map((m) => [m.index, m.text]),
            expected,
            text,
          );
        }
        assert.ok(found > 1000, `the texts hold phrases (${found})`);
      });
    }
  }

  it('skips a hit inside a word and finds the next one', () => {
    const re = /child(?![\p{L}\p{N}])/giu;
    re.lastIndex = 0;
    assert.equal(execAtWordStart(re, 'grandchild child')?.index, 11);
    re.lastIndex = 0;
    assert.equal(execAtWordStart(re, '𝐀child'), null);
  });
});
