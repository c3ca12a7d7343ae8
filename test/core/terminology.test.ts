import { strict as assert } from 'node:assert';
import { BUILTIN_TERMINOLOGY, TermMatcher, matchCase } from '../../server/src/core/terminology';
import { BUILTIN_OFFICIAL_NAMES } from '../../server/src/core/officialNames';
import type { Finding } from '../../server/src/core/types';
import { ReportLinter } from '../../server/src/core/engine';
import { applyFirstFixes, lint, texts } from './helpers';

const matcher = new TermMatcher(BUILTIN_TERMINOLOGY.entries);
const terminology = (f: Finding) => f.ruleId === 'terminology-avoid' || f.ruleId === 'terminology-caution';

/** Texts of the terminology findings in a document, in order. */
function flagged(text: string, config?: Parameters<typeof lint>[1]): string[] {
  return texts(text, lint(text, config).filter(terminology));
}

describe('terminology: data specs (prh style)', () => {
  for (const entry of BUILTIN_TERMINOLOGY.entries) {
    describe(entry.id, () => {
      it('has terms, a reason and at least one spec, with a near miss', () => {
        assert.ok(entry.terms.length > 0);
        assert.ok(entry.reason.trim().length > 10);
        assert.ok(entry.specs && entry.specs.length > 0, 'specs');
        assert.ok(
          entry.specs.some((s) => s.expect.length === 0),
          'a near-miss spec that must not match',
        );
        assert.ok(
          entry.specs.some((s) => s.expect.length > 0),
          'a spec that must match',
        );
      });
      for (const spec of entry.specs ?? []) {
        it(`${JSON.stringify(spec.text)} → ${JSON.stringify(spec.expect)}`, () => {
          for (const e of spec.expect) assert.ok(spec.text.includes(e), `expect string "${e}" appears in the text`);
          assert.deepEqual(
            matcher.match(spec.text).map((m) => m.text),
            spec.expect,
          );
        });
      }
      it('preferred wording never matches a term itself', () => {
        for (const p of entry.preferred)
          assert.deepEqual(
            matcher.match(`They wrote ${p} here.`).map((m) => m.text),
            [],
            p,
          );
      });
    });
  }

  it('every entry cites a known source and ids are unique', () => {
    const ids = BUILTIN_TERMINOLOGY.entries.map((e) => e.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const e of BUILTIN_TERMINOLOGY.entries) if (e.source) assert.ok(BUILTIN_TERMINOLOGY.sources[e.source.ref], `${e.id}: source ${e.source.ref}`);
  });
});

describe('terminology: matching', () => {
  it('longest match first: "webcam child sex tourism" is one finding', () => {
    const text = 'Reports of webcam child sex tourism rose.\n';
    const findings = lint(text).filter(terminology);
    assert.deepEqual(texts(text, findings), ['webcam child sex tourism']);
    assert.equal(findings[0].data?.entryId, 'webcam-child-sex-tourism');
  });

  it('is case-insensitive', () => {
    assert.deepEqual(flagged('CHILD PORNOGRAPHY and Child Pornography and child pornography.\n'), [
      'CHILD PORNOGRAPHY',
      'Child Pornography',
      'child pornography',
    ]);
  });

  it('matches across a soft line break inside a paragraph', () => {
    assert.deepEqual(flagged('Officers seized child\npornography from the suspect.\n'), ['child\npornography']);
  });

  it('does not match across a paragraph break', () => {
    assert.deepEqual(flagged('The word child\n\npornography is split.\n'), []);
  });

  it('matches hyphen and space variants', () => {
    assert.deepEqual(flagged('child-sex tourism, child sex-tourism and child sex tourism.\n'), ['child-sex tourism', 'child sex-tourism', 'child sex tourism']);
  });

  it('a term or context phrase with a dotted capital I ("İ", Turkish) finds itself as written', () => {
    // Regression: the term was lower-cased with toLowerCase, which writes "İ" as "i" + U+0307; the pattern then matched nowhere.
    const entry = (terms: string[], precededBy?: string[]) => ({ id: terms[0], category: 'avoid' as const, terms, preferred: ['x'], reason: 'r', precededBy });
    const turkish = new TermMatcher([entry(['İstismar içeriği']), entry(['içerik'], ['İzinsiz'])]);
    assert.deepEqual(
      turkish.match('Bu İstismar içeriği; İzinsiz içerik, izinsiz içerik.').map((m) => m.text),
      ['İstismar içeriği', 'içerik'],
    );
    const config = { terms: [{ id: 'tr', category: 'avoid' as const, terms: ['Çocuk İstismarı'], preferred: ['x'], reason: 'r' }] };
    assert.deepEqual(flagged('Raporda Çocuk İstismarı geçiyor.\n', config), ['Çocuk İstismarı']);
  });

  it('matches whole words only', () => {
    assert.deepEqual(flagged('Nonchild pornographyish and childpornography are not words we check.\n'), []);
  });

  it('the fix keeps the capitalisation of the original', () => {
    assert.equal(matchCase('Child pornography', 'child sexual abuse material (CSAM)'), 'Child sexual abuse material (CSAM)');
    assert.equal(matchCase('CHILD PORNOGRAPHY', 'child sexual abuse material (CSAM)'), 'CHILD SEXUAL ABUSE MATERIAL (CSAM)');
    assert.equal(matchCase('child pornography', 'child sexual abuse material (CSAM)'), 'child sexual abuse material (CSAM)');
    const text = 'Child pornography was found. CHILD PORNOGRAPHY was found. child pornography too.\n';
    assert.equal(
      applyFirstFixes(text, lint(text).filter(terminology)),
      'Child sexual abuse material (CSAM) was found. CHILD SEXUAL ABUSE MATERIAL (CSAM) was found. child sexual abuse material (CSAM) too.\n',
    );
  });

  it('fixes are suggestions, never safe, and name the preferred wording', () => {
    const [f] = lint('Child prostitution persists.\n').filter(terminology);
    assert.equal(f.ruleId, 'terminology-avoid');
    assert.ok(f.fixes.length >= 1 && f.fixes.every((x) => !x.safe));
    assert.equal(f.fixes[0].edits[0].newText, 'Exploitation of children in prostitution');
    assert.match(f.message, /exploitation of children in prostitution/);
  });

  it('avoid and caution terms go to their own rules and severities', () => {
    const findings = lint('Child pornography and sextortion.\n').filter(terminology);
    assert.deepEqual(
      findings.map((f) => [f.ruleId, f.severity]),
      [
        ['terminology-avoid', 'warning'],
        ['terminology-caution', 'information'],
      ],
    );
  });
});

describe("terminology: words that are not the author's own", () => {
  const cases: [string, string, string[]][] = [
    ['double curly quotes', 'An officer said “child pornography is everywhere” and we wrote child pornography.\n', ['child pornography']],
    ['straight double quotes', 'An officer said "child pornography is everywhere" and we wrote child pornography.\n', ['child pornography']],
    ['low-9 opening quote', 'Er sagte „child pornography“ and we wrote child pornography.\n', ['child pornography']],
    ['a blockquote', '> Officers see child pornography daily.\n\nWe wrote child pornography.\n', ['child pornography']],
    ['a single-quoted mention', 'The statute uses ‘child pornography’, and we wrote child pornography.\n', ['child pornography']],
    ['a straight single-quoted mention', "The statute uses 'child pornography', and we wrote child pornography.\n", ['child pornography']],
    ['inline code', 'The tag `child pornography` is old; we wrote child pornography.\n', ['child pornography']],
    ['fenced code', '```text\nchild pornography\n```\n\nWe wrote child pornography.\n', ['child pornography']],
    ['tilde fenced code', '~~~\nchild pornography\n~~~\n\nWe wrote child pornography.\n', ['child pornography']],
    ['a bare URL', 'See https://example.org/child-pornography-laws and child pornography.\n', ['child pornography']],
    ['a www URL', 'See www.example.org/child-pornography and child pornography.\n', ['child pornography']],
    ['a link destination', 'See [the review](https://example.org/child-pornography-review) on child pornography.\n', ['child pornography']],
    ['an HTML comment', '<!-- child pornography -->\n\nWe wrote child pornography.\n', ['child pornography']],
    [
      'link text in a GFM footnote definition',
      'A claim.[^1]\n\n[^1]: Doe, J. (2019). [Child Pornography Laws Compared](https://example.org/x). And child pornography here.\n',
      ['child pornography'],
    ],
    [
      'emphasis in a GFM footnote definition',
      'A claim.[^1]\n\n[^1]: Doe, J. (2019). *Child Pornography Laws Compared*. And child pornography here.\n',
      ['child pornography'],
    ],
    [
      'link text in a superscript footnote definition',
      'A claim.¹\n\n¹ Doe, J. (2019). [Child Pornography Laws Compared](https://example.org/x). And child pornography here.\n',
      ['child pornography'],
    ],
    [
      'emphasis in a superscript footnote definition',
      'A claim.¹\n\n¹ Doe, J. (2019). *Child Pornography Laws Compared*. And child pornography here.\n',
      ['child pornography'],
    ],
    ['a Title Case act', 'Indonesia compared the Anti-Child Pornography Act of 2009 with rules on child pornography.\n', ['child pornography']],
    [
      'a Title Case law with a number',
      'Law No. 44 of 2008 on Pornography and the Child Prostitution Decree differ on child prostitution.\n',
      ['child prostitution'],
    ],
  ];
  for (const [what, text, expected] of cases) {
    it(`nothing inside ${what}; the author's own words next to it are flagged`, () => {
      assert.deepEqual(flagged(text), expected);
    });
  }

  it('apostrophes (children’s) neither open nor close a mention', () => {
    assert.deepEqual(flagged('The children’s phones held child pornography, the officers’ said.\n'), ['child pornography']);
    assert.deepEqual(flagged("The children's phones held child pornography, the boys' too.\n"), ['child pornography']);
    // An apostrophe inside a mention does not end it early.
    assert.deepEqual(flagged('The phrase ‘children’s child pornography’ is quoted; child pornography is ours.\n'), ['child pornography']);
  });

  it('a quotation split across two paragraphs by a page break stays a quotation', () => {
    const text =
      'An officer said: *“We see child pornography every\n\nday and the child pornography keeps coming”* (RA1-IN-01-A). We call it child pornography.\n';
    const findings = lint(text).filter(terminology);
    assert.deepEqual(texts(text, findings), ['child pornography']);
    assert.equal(findings[0].start, text.lastIndexOf('child pornography'));
  });

  it('a quotation split by a page break with a superscript footnote definition in between stays a quotation', () => {
    const text =
      'A claim.¹ An officer said: *“We see things every\n\n¹ Doe, J. (2019). A study.\n\nday and the child pornography keeps coming”* (RA1-IN-01-A). We call it child pornography.\n';
    const findings = lint(text).filter(terminology);
    assert.deepEqual(texts(text, findings), ['child pornography']);
    assert.equal(findings[0].start, text.lastIndexOf('child pornography'));
  });

  it('a paragraph ending with an open quotation does not silence a next paragraph that never closes it', () => {
    // A stray opening mark is not evidence that the next paragraph is quoted.
    const text = 'He said “nothing\n\nChild pornography is our word here.\n';
    assert.deepEqual(flagged(text), ['Child pornography']);
  });

  it('a quotation closed in its own paragraph does not carry into the next', () => {
    const text = 'He said “child pornography”.\n\nWe call it child pornography” too.\n';
    assert.deepEqual(flagged(text), ['child pornography']);
  });

  it('every built-in official name is exempt, in the middle of a sentence and at its start', () => {
    for (const n of BUILTIN_OFFICIAL_NAMES) {
      for (const name of [n.name, ...(n.variants ?? [])]) {
        for (const text of [`The report cites the ${name} twice.\n`, `${name} was cited.\n`, `Under the ${name}, child pornography is an offence.\n`]) {
          const at = text.indexOf(name);
          const inside = lint(text)
            .filter(terminology)
            .filter((f) => f.start < at + name.length && at < f.end);
          assert.deepEqual(texts(text, inside), [], `${n.id}: ${text}`);
        }
        // The same name broken over two lines is still the name.
        const wrapped = `The report cites the ${name.replace(/ (?=\S+$)/, '\n')} twice.\n`;
        assert.deepEqual(flagged(wrapped), [], `${n.id} wrapped`);
      }
    }
  });

  it("the author's own words next to an official name are flagged", () => {
    const text = 'Malawi ratified the Optional Protocol on the sale of children, child prostitution and child pornography, yet child pornography cases rose.\n';
    const findings = lint(text).filter(terminology);
    assert.deepEqual(texts(text, findings), ['child pornography']);
    assert.equal(findings[0].start, text.lastIndexOf('child pornography'));
  });

  it('Title Case names of laws are official names, whole', () => {
    const text = 'Indonesia has the Anti-Child Pornography Act of 2009 and Law No. 44 of 2008 on Pornography, says the report.\n';
    const { model } = new ReportLinter().lint(text);
    const names = model.exempt.filter((e) => e.reason === 'official-name');
    for (const name of ['Anti-Child Pornography Act of 2009', 'Law No. 44 of 2008 on Pornography']) {
      const at = text.indexOf(name);
      // Covered by one name span (two names joined by "and" may form one run).
      assert.ok(
        names.some((n) => n.start <= at && at + name.length <= n.end),
        name,
      );
    }
    assert.ok(!names.some((n) => text.slice(n.start, n.end).includes('says')), 'the run stops at lowercase prose');
    // A Title Case run without a keyword (Act, Law, Protocol…) is not a name.
    assert.deepEqual(flagged('The Child Pornography Crisis grew.\n'), ['Child Pornography']);
  });

  it('lowercase "child pornography act" in prose is not an official name', () => {
    assert.deepEqual(flagged('The child pornography act of sharing images is a crime.\n'), ['child pornography']);
  });

  it('allowedPhrases from the configuration are exempt, and only those phrases', () => {
    const text = 'The National Child Pornography Taskforce meets monthly; child pornography is its focus.\n';
    assert.deepEqual(flagged(text), ['Child Pornography', 'child pornography']);
    assert.deepEqual(flagged(text, { allowedPhrases: ['National Child Pornography Taskforce'] }), ['child pornography']);
  });

  it('terminologyInQuotations "hint" shows quoted and mentioned matches as hints without fixes', () => {
    const text = 'He said “child pornography is rising”; the law says ‘child pornography’; we say child pornography.\n';
    assert.deepEqual(flagged(text), ['child pornography']);
    const findings = lint(text, { terminologyInQuotations: 'hint' }).filter(terminology);
    assert.deepEqual(
      findings.map((f) => [f.severity, f.fixes.length, f.data?.exempt]),
      [
        ['hint', 0, 'quotation'],
        ['hint', 0, 'mention'],
        ['warning', 2, undefined],
      ],
    );
  });

  it('terminologyInQuotations "hint" leaves code and official names silent', () => {
    const text = 'The `child pornography` tag and the Anti-Child Pornography Act of 2009.\n';
    assert.deepEqual(flagged(text, { terminologyInQuotations: 'hint' }), []);
  });

  it('extra terms from the configuration are matched', () => {
    const text = 'The survey covered loverboy methods.\n';
    const config = {
      terms: [
        { id: 'loverboy', category: 'caution' as const, terms: ['loverboy'], preferred: ['grooming by a trafficker'], reason: 'Romanticises a trafficker.' },
      ],
    };
    const findings = lint(text, config).filter(terminology);
    assert.deepEqual(texts(text, findings), ['loverboy']);
    assert.equal(findings[0].ruleId, 'terminology-caution');
  });
});
