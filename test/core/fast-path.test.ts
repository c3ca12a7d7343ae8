import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { needsMarkdownParse } from '../../server/src/core/parse';
import { analyzeBlock } from '../../server/src/core/facts';
import { splitBlocks } from '../../server/src/core/blocks';
import { IdScheme } from '../../server/src/core/participantIds';
import { BUILTIN_TERMINOLOGY, TermMatcher } from '../../server/src/core/terminology';
import { BUILTIN_OFFICIAL_NAMES, OfficialNameMatcher } from '../../server/src/core/officialNames';

const root = path.join(__dirname, '..', '..');
const shared = path.join(root, '..', 'shared', 'samples');

const options = {
  idScheme: new IdScheme(),
  terms: new TermMatcher(BUILTIN_TERMINOLOGY.entries),
  names: new OfficialNameMatcher(BUILTIN_OFFICIAL_NAMES),
};

/** Skipping remark for plain prose must not change any fact a rule sees. */
function assertSameFacts(text: string) {
  for (const block of splitBlocks(text)) {
    const a = analyzeBlock(block.text, options);
    const b = analyzeBlock(block.text, { ...options, alwaysParse: true });
    const { kind: kindA, ...restA } = a;
    const { kind: kindB, ...restB } = b;
    assert.deepEqual(restA, restB, `facts differ for block: ${block.text.slice(0, 80)}`);
    // A list or setext heading always takes the parsing path, so kinds agree too.
    assert.equal(kindA, kindB, `kind differs for block: ${block.text.slice(0, 80)}`);
  }
}

describe('plain-paragraph fast path', () => {
  const files = [path.join(root, 'samples', 'sample-report.md'), path.join(root, 'samples', 'sample-report-gfm.md')];

  for (const file of files) {
    it(`gives the same facts as a full parse for ${path.basename(file)}`, () => assertSameFacts(fs.readFileSync(file, 'utf8')));
  }

  it('gives the same facts as a full parse for the published report (../shared/samples)', function () {
    if (!fs.existsSync(shared)) {
      console.log('      (skipped: ../shared/samples is not present in this clone)');
      this.skip();
    }
    for (const f of fs.readdirSync(shared).filter((f) => f.endsWith('.md'))) assertSameFacts(fs.readFileSync(path.join(shared, f), 'utf8'));
  });

  it('gives the same facts for constructs that look like prose', () => {
    assertSameFacts(
      [
        'A *quoted* claim: *“child pornography is rising”* (RA1-KE-01-A).',
        'Setext heading\n==============',
        'Another heading\n---',
        '- a list item with child pornography',
        '1. numbered item',
        '    indented code with child pornography',
        '> a blockquote with child pornography',
        'Text with `code child pornography` inside.',
        '¹ A definition with *an emphasised Child Pornography title*.',
        'Plain prose about sextortion and m² of land, with a comma,¹ and a dash – here.',
        '***',
        'Escaped \\[^1] and an entity &amp; here.',
        '## A heading about child pornography laws',
        '   ### Indented heading with *emphasis* ###',
        '#hashtag is a paragraph, not a heading',
        '#',
        '####### seven hashes is a paragraph',
        '# Heading\nwith a paragraph line after it',
        '## Heading with `code` in it',
        'The Anti-Child Pornography Act of 2009 and the Child Protection Law No. 35 apply.',
        'A total of twelve participants were interviewed in 14 semi-structured interviews.',
        '¹ Author. (2020). [Child Pornography Laws: A Review](https://example.org/a_b?x=1). Publisher.',
        '² Author. (2020). [](#). Empty link text.',
        '³ Author. [ Spaced title ](#) and (parentheses) after.',
        '⁴ Author. [Title](https://example.org/a(b)). Parenthesised destination.',
        '⁵ Author. [Title](https://example.org/x "A title"). Titled link.',
        '⁶ Author. [Title] (https://example.org/x). Not a link.',
        '⁷ Author. [Title](<https://example.org/x>). Pointy destination.',
        "⁸ Author. [Title](https://example.org/x). Child pornography in the author's words.",
        'A sentence with [a link](#) about child pornography, and [^1] no footnote.',
        'A sentence with [a link](#) about child pornography.',
        'Two lines\nwith [a link](https://example.org/) on the second.',
        'A [link\nacross lines](#).',
        'An ![image](x.png) here.',
        'Brackets [only] here.',
        'A [link](#)) with an extra parenthesis.',
        'x\n[t](u)',
        '⁹ Mwale, C. & Phiri, G. (2020). [Caregivers &amp; Online Safety](https://example.org/a?x=1&amp;y=2). Zomba &copy; 2020.',
        '¹⁰ Author &amp; Co. [Title &amp; More](https://example.org/a?x=1&y=2).',
        'A [link](https://example.org/&#65;) with a numeric reference.',
        '| ID Number | Agency | Position |\n| --- | :-- | --: |\n| RA1-KE-01-A | Police, Cybercrime Unit | Investigator |\n| RA1-KE-02-A |  | *Officer* &amp; deputy |',
        '|a|b|\n|-|-|\n|1|2|3|\n|4|\n||x||',
        '| a | b |  \n|---|---|\t\n| 1 | 2 |   ',
        '| ID |\n| - |\n| RA1-KE-01-A |',
        '| a | b |\n| --- |\n| 1 | 2 |',
        '| a | b |\n| --- | x |\n| 1 | 2 |',
        '| a | b |\n|\n| 1 | 2 |',
        '| a | `b|c` |\n| --- | --- |',
        '| ID | Agency |\n| --- | --- |\n| RA1-KE-01-A | [Police](#) |',
        '| a | b |\n| --- | --- |\nnot a row line',
        '|a|\n|:-:|\n| RA1-KE-01-A child pornography |',
        '¹ Author. [T](#). *Journal of Child Pornography Studies*, 12(2).',
        '¹ Author. *Child Pornography Journal* [T](#).',
        '¹ Author. 5 * 3 * 2 equals child pornography.',
        '¹ Author. *[Child Pornography](#)*.',
        '¹ Author.* odd* stars about child pornography.',
        '¹ Author. **Strong child pornography** title.',
        '¹ Author. *“Quoted child pornography title”*.',
        '¹ Author. a*b*c intraword child pornography.',
        '¹ Author. *𝐀stral child pornography*.',
        '¹ Author. *(Child pornography)*, 2020.',
        '¹ Author. _Child pornography_ journal.',
        '¹ Author. [*Child pornography*](#) title.',
        '¹ Author. *Child pornography*\nacross *lines*.',
        '¹ Author. *Child pornography\nacross* lines.',
        'Prose with *“a quote [parents] gave about child pornography”* (RA1-KE-01-A).',
        'Prose with [brackets] and a [link](#) on child pornography.',
        'Prose with a [link](#) and *emphasis* and _more_ about child pornography.',
        'A first line of prose.\n² A definition on a later line with *Child Pornography Review* in it.',
        '[Ref]: https://example.org/ref\n\nA [Ref] reference.',
      ].join('\n\n'),
    );
  });

  it('takes the fast path only for plain prose', () => {
    assert.equal(needsMarkdownParse('Officials said so (RA1-KE-01-A).'), false);
    assert.equal(needsMarkdownParse('A [link](#).'), false);
    assert.equal(needsMarkdownParse('¹ Source. [Title](https://example.org/a_b). Publisher.'), false);
    assert.equal(needsMarkdownParse('¹ Source.'), false);
    assert.equal(needsMarkdownParse('¹ Source with an *emphasised title*.'), false);
    assert.equal(needsMarkdownParse('¹ Source with *two* *pairs*.'), true);
    assert.equal(needsMarkdownParse('¹ Source with _underscores_.'), true);
    assert.equal(needsMarkdownParse('Prose with *“a quote [parents] gave”* (RA1-KE-01-A).'), false);
    assert.equal(needsMarkdownParse('A [link](#) and [another](#).'), true);
    assert.equal(needsMarkdownParse('An ![image](x.png).'), true);
    assert.equal(needsMarkdownParse('- item'), true);
    assert.equal(needsMarkdownParse('Title\n==='), true);
    assert.equal(needsMarkdownParse('## Findings'), false);
    assert.equal(needsMarkdownParse('#hashtag'), true);
    assert.equal(needsMarkdownParse('## Findings with `code`'), true);
  });
});
