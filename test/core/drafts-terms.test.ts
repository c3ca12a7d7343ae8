import { strict as assert } from 'node:assert';
import { BUILTIN_TERMINOLOGY, TermMatcher } from '../../server/src/core/terminology';
import { resolveConfig } from '../../server/src/core/config';
import { applyFirstFixes, lint, texts } from './helpers';

// Issue 8, class 4 (terms) and the terminology data review.
const matcher = new TermMatcher(BUILTIN_TERMINOLOGY.entries);
const entry = (id: string) => BUILTIN_TERMINOLOGY.entries.find((e) => e.id === id)!;
const terminology = (text: string) => lint(text).filter((f) => f.ruleId.startsWith('terminology-'));

describe('drafts: terms written with invisible characters and other dashes', () => {
  const inside: [string, string][] = [
    ['a soft hyphen', 'porno\u00ADgraphy'],
    ['a zero-width space', 'porno\u200Bgraphy'],
    ['a zero-width non-joiner', 'porno\u200Cgraphy'],
    ['a zero-width joiner', 'porno\u200Dgraphy'],
    ['a word joiner', 'porno\u2060graphy'],
    ['a BOM', 'porno\uFEFFgraphy'],
  ];
  for (const [what, word] of inside) {
    it(`"child ${word}" with ${what} is still the term; the finding covers what is written`, () => {
      const text = `Officers seized child ${word} from a phone.\n`;
      const found = terminology(text);
      assert.deepEqual(texts(text, found), [`child ${word}`]);
      assert.equal(applyFirstFixes(text, found), 'Officers seized child sexual abuse material (CSAM) from a phone.\n');
    });
  }
  for (const dash of ['\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\uFE63', '\uFF0D']) {
    it(`U+${dash.codePointAt(0)!.toString(16).toUpperCase()} between words matches like a hyphen`, () => {
      const text = `Reports of child${dash}sex tourism rose.\n`;
      assert.deepEqual(texts(text, terminology(text)), [`child${dash}sex tourism`]);
    });
  }
  it('an invisible character before or after a term is not part of the finding', () => {
    const text = 'They wrote \u200Bchild pornography\u00AD here.\n';
    assert.deepEqual(texts(text, terminology(text)), ['child pornography']);
  });
  it('invisible characters do not make words out of non-words', () => {
    assert.deepEqual(matcher.match('childpornography and child\u200Bpornography'), []);
  });
});

describe('drafts: terminology data review', () => {
  it('"non-offending paedophiles" is never offered offender wording', () => {
    const text = 'The helpline serves non-offending paedophiles and a non-offending paedophile.\n';
    const found = terminology(text);
    assert.deepEqual(texts(text, found), ['non-offending paedophiles', 'non-offending paedophile']);
    for (const f of found) for (const fix of f.fixes) assert.doesNotMatch(fix.edits[0].newText, /offender/);
  });
  it('paedophile: the first replacement names the interest, not an offence', () => {
    assert.equal(entry('paedophile').preferred[0], 'person with a sexual interest in children');
    assert.equal(entry('paedophiles').preferred[0], 'people with a sexual interest in children');
    assert.equal(entry('paedophilia').preferred[0], 'sexual interest in children');
  });
  it('self-generated sexual content: no replacement says CSAM, and it stays use-with-care', () => {
    const e = entry('self-generated-sexual-content');
    assert.equal(e.category, 'caution');
    assert.ok(e.preferred.every((p) => !/CSAM|abuse material/i.test(p)));
    assert.equal(e.preferred[0], 'sexual content produced by children');
  });
  it('child pornographer(s) is avoid; the CSEM breadth is explained', () => {
    assert.equal(entry('child-pornographer').category, 'avoid');
    assert.equal(entry('child-pornographers').category, 'avoid');
    assert.match(entry('child-pornography').reason, /CSEM, is broader than CSAM/);
  });
  it('SECTT: both wordings are offered', () => {
    const p = entry('child-sex-tourism').preferred;
    assert.ok(p.includes('sexual exploitation of children in travel and tourism (SECTT)'));
    assert.ok(p.includes('sexual exploitation of children in the context of travel and tourism'));
  });
  it('underage: the first replacement does not assume 18, and the reason says why', () => {
    const e = entry('underage');
    assert.doesNotMatch(e.preferred[0], /18/);
    assert.match(e.reason, /age/);
    assert.match(e.reason, /countr/);
  });
  it("the product's own additions cite the house source, not the 2016 text", () => {
    for (const id of [
      'ai-generated-child-pornography',
      'underage',
      'consensual-sex-with-a-child',
      'consensual-sex-with-children',
      'consensual-relationship-with-a-child',
      'child-consented',
    ]) {
      assert.equal(entry(id).source?.ref, 'house', id);
    }
    assert.ok(BUILTIN_TERMINOLOGY.sources.house);
  });
  it('the new entries exist, with reasons, sources and specs', () => {
    for (const id of [
      'had-sex-with-a-child',
      'young-woman-under-18',
      'young-man-under-18',
      'juvenile-sex-offender',
      'revenge-porn',
      'historical-abuse',
      'child-sex-ring',
    ]) {
      const e = entry(id);
      assert.ok(e, id);
      assert.ok(e.reason.length > 40 && e.source && e.specs!.length >= 2, id);
    }
    assert.ok(['had-sex-with-a-child', 'juvenile-sex-offender', 'revenge-porn', 'child-sex-ring'].some((id) => entry(id).source?.ref === 'tg2025'));
  });
  it('"had sex with" keeps its object: the fix says "sexually abused a 14-year-old"', () => {
    const text = 'The teacher had sex with a 14-year-old.\n';
    assert.equal(applyFirstFixes(text, terminology(text)), 'The teacher sexually abused a 14-year-old.\n');
    assert.deepEqual(terminology('The teacher had sex with an 18-year-old.\n'), []);
  });
  it('"young woman" is flagged only where the text gives an age under 18', () => {
    assert.deepEqual(texts('A 16-year-old young woman.', terminology('A 16-year-old young woman.')), ['young woman']);
    assert.deepEqual(terminology('A young woman, a student, took part.\n'), []);
    assert.deepEqual(terminology('The young woman (aged 24) took part.\n'), []);
  });
  it('"historical" is flagged only before abuse', () => {
    const text = 'Historical abuse in a historic town.\n';
    assert.deepEqual(texts(text, terminology(text)), ['Historical']);
    assert.equal(applyFirstFixes(text, terminology(text)), 'Non-recent abuse in a historic town.\n');
  });
});

describe("drafts: image alt text and figure captions are the author's words", () => {
  it('alt text of an inline image is checked; its destination is not', () => {
    const text = '![Child pornography reports by year](img/child-pornography.png)\n';
    assert.deepEqual(texts(text, terminology(text)), ['Child pornography']);
    assert.equal(terminology(text)[0].start, 2);
  });
  it('alt text of a reference image is checked; the label and the definition are not', () => {
    const text = 'See ![child pornography seized][child-pornography].\n\n[child-pornography]: img/child-pornography.png\n';
    assert.deepEqual(texts(text, terminology(text)), ['child pornography']);
    assert.equal(terminology(text)[0].start, 6);
  });
  it('HTML figures: alt attribute and figcaption are checked; tags, sources, comments and code are not', () => {
    const text =
      '<figure>\n<img src="child-pornography.png" alt="Child pornography reports">\n<figcaption>Figure 3. Child pornography by year</figcaption>\n</figure>\n\n<!-- child pornography -->\n\nA <code>child pornography</code> tag.\n';
    const found = terminology(text);
    assert.deepEqual(texts(text, found), ['Child pornography', 'Child pornography']);
    assert.ok(found[0].start > text.indexOf('alt='));
    assert.ok(found[1].start > text.indexOf('<figcaption>'));
  });
  it('a caption paragraph is checked like prose', () => {
    const text = '![Figure 2](fig2.png)\n\n*Figure 2: Child pornography reports, 2019–2021.*\n';
    assert.deepEqual(texts(text, terminology(text)), ['Child pornography']);
  });
});

describe('drafts: titles of cited works written as plain text', () => {
  const refs: [string, string][] = [
    ['APA, sentence case', 'Doe, J., & Roe, K. (2014). Child pornography laws compared: A review. Academic Press.'],
    ['APA, Title Case, organisation', 'ECPAT International. (2016). Child Pornography and Child Sex Tourism. ECPAT.'],
    ['APA with month', 'Roe, K. (2019, March 3). Revenge porn and the law. The Daily.'],
    ['Harvard, no period after the year', 'UNICEF (2021) Ending child prostitution in Asia. UNICEF, New York.'],
    ['Chicago author-date', 'Doe, Jane. 2014. Child Pornography Online. London: Routledge.'],
    ['Chicago bibliography', 'Doe, Jane. Child Pornography Online. London: Routledge, 2014.'],
    ['Chicago note', 'Jane Doe, Child Pornography Online (London: Routledge, 2014), 12.'],
    ['Vancouver', 'Smith AB, Jones C. Child pornography offenders: a cohort study. Lancet. 2014;12(3):45-67.'],
    ['two references in one note', 'See Doe, J. (2014). Laws compared. Press; Roe, K. (2019). Child pornography online. Press.'],
  ];
  for (const [style, ref] of refs) {
    it(`${style}: the title is not flagged in a GFM or a superscript definition`, () => {
      for (const text of [`A claim.[^1]\n\n[^1]: ${ref}\n`, `A claim.¹\n\n¹ ${ref}\n`]) assert.deepEqual(terminology(text), [], text);
    });
  }
  it("the author's own sentence after the reference is flagged", () => {
    const text =
      'A claim.[^1]\n\n[^1]: Doe, J. (2014). Child pornography laws compared. Academic Press. We say child sexual abuse material, not child pornography.\n';
    assert.deepEqual(texts(text, terminology(text)), ['child pornography']);
    assert.equal(terminology(text)[0].start, text.lastIndexOf('child pornography'));
  });
  it('a footnote that is prose, not a reference, is checked', () => {
    for (const note of [
      'Reports rose sharply in 2019. Child pornography is common.',
      'Interview with RA1-KE-01-A, 2019. Child pornography is common, he said.',
      'In 2019 (2019). Child pornography rose.',
    ]) {
      const text = `A claim.[^1]\n\n[^1]: ${note}\n`;
      assert.deepEqual(texts(text, terminology(text)), ['Child pornography'], note);
    }
  });
  it("a reference list outside footnotes: titles silent, the author's prose after it checked", () => {
    const text =
      '## References\n\n- Doe, J. (2014). Child pornography laws compared. Publisher.\n- Roe, K. (2019). Child prostitution in\n  context. Publisher.\n\nDoe, J. (2020). Child sex tourism today. Publisher.\nRoe, K. (2021). Sextortion. Publisher.\n\nWe wrote child pornography.\n';
    assert.deepEqual(texts(text, terminology(text)), ['child pornography']);
  });
});

describe('drafts: official names vs headings', () => {
  it("a heading about an Act is the author's; the Act's name is not flagged", () => {
    for (const heading of [
      '## Child Pornography and the Films and Publications Act',
      '## Child Pornography in the Penal Code',
      '# Child Prostitution Under the Criminal Code',
    ]) {
      const text = `${heading}\n`;
      assert.equal(terminology(text).length, 1, heading);
    }
  });
  it('names themselves stay exempt, also in headings', () => {
    for (const name of [
      '## The Anti-Child Pornography Act of 2009',
      '## Law No. 44 of 2008 on Pornography',
      '## The Child Pornography Act and the Penal Code',
    ]) {
      assert.deepEqual(terminology(`${name}\n`), [], name);
    }
  });
});

describe('drafts: HTML from conversions', () => {
  it('IDs in an HTML table are not citations or registry rows (as before); its text is checked for terms', () => {
    const text = '<table><tr><td>RA1-KE-1-A</td><td>child pornography unit</td></tr></table>\n';
    const findings = lint(text);
    assert.deepEqual(
      findings.filter((f) => f.ruleId.startsWith('participant-')),
      [],
    );
    assert.deepEqual(
      texts(
        text,
        findings.filter((f) => f.ruleId.startsWith('terminology-')),
      ),
      ['child pornography'],
    );
  });
});

describe('drafts: context conditions in the configuration', () => {
  it('a project term with followedBy is flagged only in context', () => {
    const config = {
      terms: [
        {
          id: 'met-a-child',
          category: 'caution' as const,
          terms: ['dated'],
          followedBy: ['a {n}-year-old', 'a minor'],
          preferred: ['groomed'],
          reason: 'House style.',
        },
      ],
    };
    const text = 'He dated a 15-year-old. She dated a colleague.\n';
    assert.deepEqual(
      texts(
        text,
        lint(text, config).filter((f) => f.ruleId === 'terminology-caution'),
      ),
      ['dated'],
    );
  });
  it('context conditions that are not lists of phrases are a configuration problem, not a crash', () => {
    const { problems } = resolveConfig(JSON.stringify({ terms: [{ id: 'x', category: 'avoid', terms: ['x'], followedBy: [1] }] }), 'cfg', []);
    assert.equal(problems.length, 1);
    assert.match(problems[0].message, /followedBy/);
  });
});

describe('drafts: PDF ligatures and other spaces', () => {
  it('a term with a ligature from PDF extraction is still the term; the finding covers what is written', () => {
    const text = 'Child sex traﬃcking and juvenile sex oﬀenders were discussed.\n';
    assert.deepEqual(texts(text, terminology(text)), ['Child sex traﬃcking', 'juvenile sex oﬀenders']);
  });
  it('thin and narrow no-break spaces between the words of a term', () => {
    const text = 'Reports of child\u2009pornography and child\u202Fprostitution.\n';
    assert.deepEqual(texts(text, terminology(text)), ['child\u2009pornography', 'child\u202Fprostitution']);
  });
});

describe('drafts: Pandoc/Quarto identifiers are not prose', () => {
  it('attribute blocks and cross-references are silent; captions and text next to them are checked', () => {
    const text =
      '![Child pornography reports](a.png){#fig-child-pornography width=50%}\n\nSee @fig-child-pornography and @sec-child-prostitution; child prostitution is ours.\n\n## Child sex tourism {#sec-child-sex-tourism}\n';
    assert.deepEqual(texts(text, terminology(text)), ['Child pornography', 'child prostitution', 'Child sex tourism']);
  });
  it('Quarto shortcodes are not prose: an include path or a video address is left alone', () => {
    const text =
      '{{< include sections/child-pornography-laws.qmd >}}\n\nA talk: {{< video https://example.org/child-pornography.mp4 title="x" >}} on child prostitution.\n';
    assert.deepEqual(texts(text, terminology(text)), ['child prostitution']);
  });
  it('braces around words are not attributes', () => {
    const text = 'They wrote {child pornography} in the form.\n';
    assert.deepEqual(texts(text, terminology(text)), ['child pornography']);
  });
});

describe('drafts: author lists of other forms', () => {
  for (const authors of [
    'World Health Organization [WHO].',
    'al-Rashid, K., & bin Abdullah, M.',
    'van der Berg, J.',
    'สมชาย ใจดี',
    'O’Connell, R.',
    'U.S. Department of Justice.',
  ]) {
    it(`${authors} (2019). Title… is a reference`, () => {
      const text = `A claim.[^1]\n\n[^1]: ${authors} (2019). Child pornography online: A review. Publisher.\n`;
      assert.deepEqual(terminology(text), []);
    });
  }
});

describe('drafts: quotations inside HTML text', () => {
  it("a quoted term in a <figcaption> is silent; the author's words there are checked", () => {
    const text =
      '<figure><img src="a.png" alt="Chart"><figcaption>An officer: “child pornography is everywhere”; we say child pornography.</figcaption></figure>\n';
    const found = terminology(text);
    assert.deepEqual(texts(text, found), ['child pornography']);
    assert.equal(found[0].start, text.lastIndexOf('child pornography'));
  });
});
