import { strict as assert } from 'node:assert';
import { ReportLinter, fixSafe } from '../../server/src/core/engine';
import { renumberEdits, nextFootnoteNumber, labelText } from '../../server/src/core/footnotes';
import { superscriptToNumber, numberToSuperscript } from '../../server/src/core/superscript';
import { applyEdits } from '../../server/src/core/text';
import { applyFirstFixes, lint, only, texts } from './helpers';

const footnoteRules = (text: string) => lint(text).filter((f) => f.ruleId.startsWith('footnote-'));
const summary = (text: string) => footnoteRules(text).map((f) => [f.ruleId, text.slice(f.start, f.end)]);

describe('footnotes: GFM style', () => {
  it('complete and in order: no findings', () => {
    assert.deepEqual(summary('One.[^1] Two.[^2] One again.[^1]\n\n[^1]: First.\n[^2]: Second.\n'), []);
  });

  it('an undefined reference is reported once per label, with a stub at the end', () => {
    const text = 'A claim.[^1] Again.[^1] Another.[^2]\n\n[^2]: Source.\n';
    const found = footnoteRules(text);
    assert.deepEqual(
      found.map((f) => [f.ruleId, text.slice(f.start, f.end)]),
      [
        ['footnote-undefined', '[^1]'],
        ['footnote-undefined', '[^1]'],
      ],
    );
    assert.equal(found[1].fixes.length, 0, 'one fix per label');
    const fixed = applyFirstFixes(text, found);
    assert.equal(fixed, 'A claim.[^1] Again.[^1] Another.[^2]\n\n[^2]: Source.\n\n[^1]: TODO: source.\n');
    assert.deepEqual(summary(fixed), []);
  });

  it('the stub is separated by a blank line when the text does not end with a newline', () => {
    const text = 'A claim.[^1]';
    assert.equal(applyFirstFixes(text, footnoteRules(text)), 'A claim.[^1]\n\n[^1]: TODO: source.\n');
  });

  it('an unused definition is reported and removed cleanly', () => {
    const text = 'A claim.[^1]\n\n[^1]: Used.\n\n[^2]: Unused.\n\nMore prose.\n';
    const found = footnoteRules(text);
    assert.deepEqual(
      found.map((f) => [f.ruleId, text.slice(f.start, f.end)]),
      [['footnote-unused', '[^2]: Unused.']],
    );
    assert.equal(applyFirstFixes(text, found), 'A claim.[^1]\n\n[^1]: Used.\n\nMore prose.\n');
  });

  it('an unused definition at the start of the document is removed with the blank lines after it', () => {
    const text = '[^9]: Unused.\n\nA claim.\n';
    assert.equal(applyFirstFixes(text, footnoteRules(text)), 'A claim.\n');
  });

  it('a duplicate definition is reported at the second one, pointing at the first', () => {
    const text = 'A claim.[^1]\n\n[^1]: First.\n[^1]: Second.\n';
    const found = footnoteRules(text);
    assert.deepEqual(
      found.map((f) => [f.ruleId, text.slice(f.start, f.end)]),
      [['footnote-duplicate', '[^1]: Second.']],
    );
    assert.match(found[0].message, /first on line 3/);
    assert.equal(found[0].related?.[0].start, text.indexOf('[^1]: First.'));
  });

  it('out of order: one finding at the first break, with a safe renumbering', () => {
    const text = 'A.[^1] B.[^3] C.[^2] D.[^4]\n\n[^1]: One.\n[^2]: Two.\n[^3]: Three.\n[^4]: Four.\n';
    const found = footnoteRules(text);
    assert.deepEqual(
      found.map((f) => [f.ruleId, text.slice(f.start, f.end)]),
      [['footnote-order', '[^3]']],
    );
    assert.equal(found[0].fixes[0].safe, true);
    assert.match(found[0].message, /2nd footnote referenced; expected number 2/);
  });

  it('references inside inline code and fenced code are ignored', () => {
    const text = 'Write `[^1]` for a footnote.\n\n```md\nA claim.[^2]\n```\n\nA real one.[^3]\n\n[^3]: Source.\n';
    const { model } = new ReportLinter().lint(text);
    assert.deepEqual(
      model.footnoteRefs.map((r) => r.label),
      ['3'],
    );
    // Numbered 3 but first: only the order finding, no undefined [^1] or [^2].
    assert.deepEqual(summary(text), [['footnote-order', '[^3]']]);
  });

  it('editorial [brackets] and links are not references', () => {
    const text = 'He asked for a *“visum et repertum”* [a written report] and [sic] [the law](https://example.org).\n';
    const { model } = new ReportLinter().lint(text);
    assert.equal(model.footnoteRefs.length, 0);
    assert.equal(model.footnoteStyle, 'none');
    assert.deepEqual(summary(text), []);
  });

  it('non-numeric labels are checked for definitions but never renumbered', () => {
    const text = 'A.[^note] B.[^1]\n\n[^note]: A note.\n[^1]: One.\n';
    assert.deepEqual(summary(text), []);
    const { model } = new ReportLinter().lint(text);
    assert.equal(renumberEdits(model), undefined);
    assert.deepEqual(summary('A.[^note]\n'), [['footnote-undefined', '[^note]']]);
  });
});

describe('footnotes: superscript style', () => {
  it('superscript digits convert both ways, multi-digit included', () => {
    assert.equal(superscriptToNumber('²³'), '23');
    assert.equal(numberToSuperscript(26), '²⁶');
    assert.equal(numberToSuperscript(327), '³²⁷');
    assert.equal(numberToSuperscript(10), '¹⁰');
    assert.equal(labelText('12', 'superscript'), '¹²');
    assert.equal(labelText('12', 'gfm'), '[^12]');
  });

  it('complete and in order: no findings', () => {
    assert.deepEqual(summary('One.¹ Two,² again.¹\n\n¹ First.\n\n² Second.\n'), []);
  });

  it('a multi-digit run is one reference (²³ is 23)', () => {
    const text = 'A claim.²³\n\n²³ Source twenty-three.\n';
    const { model } = new ReportLinter().lint(text);
    assert.deepEqual(
      model.footnoteRefs.map((r) => [r.label, text.slice(r.start, r.end)]),
      [['23', '²³']],
    );
    assert.deepEqual(
      model.footnoteDefs.map((d) => [d.label, text.slice(d.labelSpan.start, d.labelSpan.end)]),
      [['23', '²³']],
    );
  });

  it('m² in a document without superscript definitions is not a footnote', () => {
    const text = 'An area of 40 m² and the formula x² + y².\n';
    const { model } = new ReportLinter().lint(text);
    assert.equal(model.footnoteStyle, 'none');
    assert.deepEqual(model.footnoteRefs, []);
    assert.deepEqual(summary(text), []);
  });

  it('with superscript definitions, a superscript is a reference only when attached to the text before it', () => {
    const text = 'A claim.¹ A free-standing ² is not one. The word report² is one.\n\n¹ One.\n\n² Two.\n';
    const { model } = new ReportLinter().lint(text);
    assert.deepEqual(
      model.footnoteRefs.map((r) => text.slice(r.start - 6, r.end)),
      ['claim.¹', 'report²'],
    );
    assert.deepEqual(summary(text), []);
  });

  it('with superscript definitions, an area unit (40 m², 3 km²) is not a reference', () => {
    const text = 'The shelter has 40 m² of space and covers 3 km².¹\n\n¹ One.\n';
    const { model } = new ReportLinter().lint(text);
    assert.deepEqual(
      model.footnoteRefs.map((r) => r.label),
      ['1'],
    );
    assert.deepEqual(summary(text), []);
  });

  it('with superscript definitions, a power in a formula (E = mc², a² + b², m/s², 1.5 × 10⁶) is not a reference', () => {
    const text = 'As E = mc² and a² + b² = c², at 9.8 m/s², about 1.5 × 10⁶ files.¹ The law² and RA1-KE-01-A³ are notes.\n\n¹ One.\n² Two.\n³ Three.\n';
    const { model } = new ReportLinter().lint(text);
    assert.deepEqual(
      model.footnoteRefs.map((r) => text.slice(r.start - 4, r.end)),
      ['les.¹', ' law²', '01-A³'],
    );
    assert.deepEqual(summary(text), []);
  });

  it('a short word after a blockquote marker or an HTML tag keeps its note ("> Law²", "<b>Act²</b>")', () => {
    const text = '> Law² says so.\n\nThe <b>Act¹</b> too.\n\n¹ One.\n² Two.\n';
    const { model } = new ReportLinter().lint(text);
    assert.deepEqual(
      model.footnoteRefs.map((r) => r.label),
      ['2', '1'],
    );
  });

  it('renumbering leaves a power in a formula alone', () => {
    const text = 'Energy is E = mc² here.² Then a claim.¹\n\n¹ One.\n² Two.\n';
    const found = footnoteRules(text).filter((f) => f.ruleId === 'footnote-order');
    assert.ok(found.length > 0);
    const fixed = applyFirstFixes(text, found);
    assert.ok(fixed.includes('E = mc² here.¹'), fixed);
  });

  it('a superscript after a number with no note of its number is a power (10⁶ files), and renumbering leaves it alone', () => {
    const text = 'About 10⁶ files were found.² In 2019¹ a law passed.\n\n¹ One.\n² Two.\n';
    const found = footnoteRules(text);
    // "2019¹" is a note (¹ is defined); "10⁶" is not one (no note 6).
    assert.deepEqual(
      found.map((f) => [f.ruleId, text.slice(f.start, f.end)]),
      [['footnote-order', '²']],
    );
    assert.equal(applyFirstFixes(text, found), 'About 10⁶ files were found.¹ In 2019² a law passed.\n\n¹ Two.\n² One.\n');
  });

  it('a superscript inside inline code is not a reference', () => {
    const text = 'A claim.¹ Write `note²` for two.\n\n¹ One.\n';
    assert.deepEqual(summary(text), []);
  });

  it('undefined: the stub goes after the citing paragraph, in superscript style', () => {
    const text = 'A claim.¹ Another.²\n\n¹ One.\n\nNext paragraph.\n';
    const found = footnoteRules(text);
    assert.deepEqual(
      found.map((f) => [f.ruleId, text.slice(f.start, f.end)]),
      [['footnote-undefined', '²']],
    );
    const fixed = applyFirstFixes(text, found);
    assert.equal(fixed, 'A claim.¹ Another.²\n\n² TODO: source.\n\n¹ One.\n\nNext paragraph.\n');
    assert.deepEqual(only(lint(fixed), 'footnote-undefined'), []);
  });

  it('unused: the definition is removed cleanly', () => {
    const text = 'A claim.¹\n\n¹ One.\n\n⁷ Seven.\n\nMore prose.\n';
    const found = footnoteRules(text);
    assert.deepEqual(
      found.map((f) => [f.ruleId, text.slice(f.start, f.end)]),
      [['footnote-unused', '⁷ Seven.']],
    );
    assert.equal(applyFirstFixes(text, found), 'A claim.¹\n\n¹ One.\n\nMore prose.\n');
  });

  it('definitions on consecutive lines (as Word and PDF pastes give them) are separate definitions', () => {
    const text = 'A.¹ B.² C.³\n\n¹ One.\n² Two.\n³ Three.\n';
    const { model } = new ReportLinter().lint(text);
    assert.deepEqual(
      model.footnoteDefs.map((d) => [d.label, text.slice(d.start, d.end), text.slice(d.content.start, d.content.end)]),
      [
        ['1', '¹ One.', 'One.'],
        ['2', '² Two.', 'Two.'],
        ['3', '³ Three.', 'Three.'],
      ],
    );
    assert.deepEqual(summary(text), []);
    // Removing an unused one keeps its neighbours' lines intact.
    const unused = 'A.¹ C.³\n\n¹ One.\n² Two.\n³ Three.\n';
    assert.equal(applyFirstFixes(unused, only(lint(unused), 'footnote-unused')), 'A.¹ C.³\n\n¹ One.\n³ Three.\n');
  });

  it('a definition line directly under the citing paragraph is a definition', () => {
    const text = 'A claim.¹\n¹ Source, right under the paragraph.\n';
    const { model } = new ReportLinter().lint(text);
    assert.equal(model.footnoteStyle, 'superscript');
    assert.deepEqual(
      model.footnoteDefs.map((d) => d.label),
      ['1'],
    );
    assert.deepEqual(
      model.footnoteRefs.map((r) => r.label),
      ['1'],
    );
    assert.deepEqual(summary(text), []);
  });

  it("titles in definitions on consecutive lines are cited titles, not the author's words", () => {
    const text = 'A.¹ B.² We saw child pornography.\n\n¹ Doe. *Child Pornography Online*.\n² Roe. [Child Pornography Laws](https://example.org/x).\n';
    const findings = lint(text).filter((f) => f.ruleId === 'terminology-avoid');
    assert.deepEqual(
      findings.map((f) => f.start),
      [text.indexOf('child pornography')],
    );
  });

  it('duplicate definitions', () => {
    assert.deepEqual(summary('A claim.¹\n\n¹ One.\n\n¹ Again.\n'), [['footnote-duplicate', '¹ Again.']]);
  });

  it('out of order', () => {
    assert.deepEqual(summary('A.¹ B.³ C.²\n\n¹ One.\n\n² Two.\n\n³ Three.\n'), [['footnote-order', '³']]);
  });
});

describe('footnotes: renumbering', () => {
  /** Definition text each reference points to, in reference order. */
  function citedContents(text: string): string[] {
    const { model } = new ReportLinter().lint(text);
    return model.footnoteRefs.map((r) => {
      const def = model.footnoteDefs.find((d) => d.label === r.label);
      return def ? text.slice(def.content.start, def.content.end) : '<none>';
    });
  }

  const cases: [string, string][] = [
    ['GFM', 'A.[^3] B.[^1] C.[^3] D.[^2]\n\n[^1]: One.\n[^2]: Two.\n[^3]: Three.\n[^9]: Unused.\n'],
    ['superscript', 'A.³ B.¹ C.³ D.¹²\n\n¹ One.\n\n¹² Twelve.\n\n³ Three.\n'],
  ];
  for (const [style, text] of cases) {
    it(`${style}: labels become 1..n in order of first reference, definitions follow their references`, () => {
      const { model } = new ReportLinter().lint(text);
      const edits = renumberEdits(model);
      assert.ok(edits, 'renumbering is possible');
      const renumbered = applyEdits(text, edits).text;
      const after = new ReportLinter().lint(renumbered).model;
      const order: string[] = [];
      for (const r of after.footnoteRefs) if (!order.includes(r.label)) order.push(r.label);
      assert.deepEqual(
        order,
        order.map((_, i) => String(i + 1)),
      );
      assert.deepEqual(citedContents(renumbered), citedContents(text));
      assert.deepEqual(only(lint(renumbered), 'footnote-order'), []);
      assert.equal(renumberEdits(after), undefined, 'nothing left to renumber');
      // Unreferenced definitions get the numbers after the referenced ones.
      assert.deepEqual(after.footnoteDefs.map((d) => d.label).sort(), after.footnoteDefs.map((_, i) => String(i + 1)).sort());
    });
  }

  it('superscript: each block of notes is put in number order; every note keeps its text, the blocks keep their places', () => {
    const text = [
      'Early claim.³ Later claim.²',
      '',
      '³ Source three, with a link [report](https://example.org).',
      '',
      '² Source two.',
      '',
      'A middle paragraph.¹ And.⁴',
      '',
      '¹ Source one.',
      '⁴ Source four.',
      '',
    ].join('\n');
    const { model } = new ReportLinter().lint(text);
    const renumbered = applyEdits(text, renumberEdits(model)!).text;
    assert.equal(
      renumbered,
      [
        'Early claim.¹ Later claim.²',
        '',
        '¹ Source three, with a link [report](https://example.org).',
        '',
        '² Source two.',
        '',
        'A middle paragraph.³ And.⁴',
        '',
        '³ Source one.',
        '⁴ Source four.',
        '',
      ].join('\n'),
    );
    assert.deepEqual(citedContents(renumbered), citedContents(text));
    assert.equal(renumberEdits(new ReportLinter().lint(renumbered).model), undefined);
  });

  it('superscript: the issue’s case — references renumbered, and the notes follow (² before ³)', () => {
    const text = 'Intro.¹ Then.³ Then.²\n\n¹ One.\n\n² Two.\n\n³ Three.\n';
    const { text: fixed } = fixSafe(new ReportLinter(), text);
    assert.equal(fixed, 'Intro.¹ Then.² Then.³\n\n¹ One.\n\n² Three.\n\n³ Two.\n');
  });

  it('superscript: notes out of order under references in order are reported and fixed by moving the notes', () => {
    const text = 'A.¹ B.²\n\n² Two.\n\n¹ One.\n';
    const found = only(lint(text), 'footnote-order');
    assert.deepEqual(
      found.map((f) => text.slice(f.start, f.end)),
      ['¹'],
    );
    assert.equal(found[0].start, text.indexOf('¹ One.'));
    assert.equal(applyFirstFixes(text, found), 'A.¹ B.²\n\n¹ One.\n\n² Two.\n');
  });

  it('superscript: a reference inside a moved note is renumbered with it', () => {
    const text = 'A.² B.¹\n\n¹ One, as in note².\n\n² Two.\n';
    const { model } = new ReportLinter().lint(text);
    assert.equal(applyEdits(text, renumberEdits(model)!).text, 'A.¹ B.²\n\n¹ Two.\n\n² One, as in note¹.\n');
  });

  it('GFM definitions keep their places (a GFM renderer orders the notes itself)', () => {
    const text = 'A.[^2] B.[^1]\n\n[^1]: One.\n[^2]: Two.\n';
    const { model } = new ReportLinter().lint(text);
    assert.equal(applyEdits(text, renumberEdits(model)!).text, 'A.[^1] B.[^2]\n\n[^2]: One.\n[^1]: Two.\n');
  });

  it('fixSafe applies the renumbering (and only safe fixes)', () => {
    const text = 'A.[^2] B.[^1] child pornography\n\n[^1]: One.\n[^2]: Two.\n';
    const { text: fixed, applied } = fixSafe(new ReportLinter(), text);
    assert.equal(fixed, 'A.[^1] B.[^2] child pornography\n\n[^2]: One.\n[^1]: Two.\n');
    assert.deepEqual(
      applied.map((a) => [a.ruleId, a.line]),
      [['footnote-order', 1]],
    );
  });

  it('no renumbering with duplicate definitions (it would have to guess)', () => {
    const { model } = new ReportLinter().lint('A.[^2] B.[^1]\n\n[^1]: One.\n[^2]: Two.\n[^2]: Again.\n');
    assert.equal(renumberEdits(model), undefined);
  });

  it('nextFootnoteNumber is one past the highest numeric label', () => {
    const { model } = new ReportLinter().lint('A.[^1] B.[^7]\n\n[^1]: One.\n[^x]: X.\n');
    assert.equal(nextFootnoteNumber(model), 8);
  });
});

describe('footnotes: mixed styles', () => {
  it('a document with both styles checks both', () => {
    const text = 'A.¹ B.[^2] C.[^3]\n\n¹ One.\n\n[^2]: Two.\n';
    const { model } = new ReportLinter().lint(text);
    assert.equal(model.footnoteStyle, 'mixed');
    assert.deepEqual(texts(text, only(lint(text), 'footnote-undefined')), ['[^3]']);
  });
});
