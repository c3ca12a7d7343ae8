import { strict as assert } from 'node:assert';
import { lint, only, texts } from './helpers';
import type { Finding } from '../../server/src/core/types';

const FRONT = '---\nreferences:\n- id: smith2020\n  title: Grooming online\n---\n\n';
const citations = (body: string) => {
  const text = FRONT + body;
  const findings = lint(text);
  return { text, undefinedKeys: texts(text, only(findings, 'citation-undefined')) };
};
const terminology = (f: Finding) => f.ruleId.startsWith('terminology');

describe('TeX math (Pandoc tex_math_dollars) is not prose', () => {
  it('an @ inside inline or display math is not a citation', () => {
    assert.deepEqual(citations('Energy is $E = mc^2 @xyz$ here [@nokey].\n').undefinedKeys, ['@nokey']);
    assert.deepEqual(citations('Display:\n\n$$\n\\sum @abc\n$$\n\nand [@smith2020].\n').undefinedKeys, []);
    assert.deepEqual(citations('Inline display $$ a @abc b $$ then [@other].\n').undefinedKeys, ['@other']);
  });

  it('follows Pandoc: "$" before a space does not open math, "$" after a space or before a digit does not close it', () => {
    // "$5 and $6": the second $ follows a space, so there is no math and the citation counts.
    assert.deepEqual(citations('It cost $5 and [@nokey] $6.\n').undefinedKeys, ['@nokey']);
    // "$ x" does not open.
    assert.deepEqual(citations('A $ sign [@nokey] and $y$.\n').undefinedKeys, ['@nokey']);
    // A closing $ followed by a digit does not close: no math before the real closer.
    assert.deepEqual(citations('Price $x [@nokey] y$5 more.\n').undefinedKeys, ['@nokey']);
    // Escaped dollars are text.
    assert.deepEqual(citations('Escaped \\$a [@nokey] b\\$ here.\n').undefinedKeys, ['@nokey']);
  });

  it('follows Pandoc: inline math ends at its first "$"; when that one cannot close, there is no math from that opener', () => {
    // Regression: a "$" that could not close was skipped and the search went on, so two prices and a formula
    // ("$5 … $x$") hid the citations and terms between them. Each expectation is what pandoc 3 makes of the line.
    assert.deepEqual(citations('It costs $5 per image [@nokey] and the formula $x$.\n').undefinedKeys, ['@nokey']);
    assert.deepEqual(citations('Price $a [@nokey] b$5 and c$ end.\n').undefinedKeys, ['@nokey']);
    const prices = 'Each costs $5 and child pornography sells for $10 to $15 with $x$ as the rate.\n';
    assert.deepEqual(texts(prices, lint(prices).filter(terminology)), ['child pornography']);
    // Still math: an opener after a failed one ("$b … c$"), and one whose first "$" closes.
    assert.deepEqual(citations('A $a $b [@nokey] c$ d.\n').undefinedKeys, []);
    assert.deepEqual(citations('A $a \\$ [@nokey] c$ d.\n').undefinedKeys, []);
  });

  it('math does not reach across a blank line, nor into code', () => {
    assert.deepEqual(citations('Open $a\n\n[@nokey] b$ there.\n').undefinedKeys, ['@nokey']);
    assert.deepEqual(citations('Code `$a` [@nokey] `b$` here.\n').undefinedKeys, ['@nokey']);
  });

  it('terminology is silent inside math and still speaks outside it', () => {
    const text = 'Let $x = \\text{child pornography}$ be a symbol; child pornography is wrong.\n';
    const found = lint(text).filter(terminology);
    assert.equal(found.length, 1);
    assert.ok(found[0].start > text.indexOf('symbol'));
  });

  it('is linear on a block of unclosed dollars', () => {
    // Hostile input: thousands of openers with no closer; each must not rescan the rest.
    const text = FRONT + '$a '.repeat(50_000) + '[@nokey]\n';
    assert.deepEqual(texts(text, only(lint(text), 'citation-undefined')), ['@nokey']);
  });
});

describe('Quarto chunk captions and alt text are prose', () => {
  const chunk = (options: string) => `Intro.\n\n\`\`\`{r}\n${options}plot(child_pornography)\n\`\`\`\n`;

  it('terminology is checked in fig-cap, fig-alt, tbl-cap and fig-subcap values, placed on the words', () => {
    for (const key of ['fig-cap', 'fig-alt', 'tbl-cap', 'fig-subcap']) {
      const text = chunk(`#| label: fig-a\n#| ${key}: "Reports of child pornography by year"\n`);
      const found = lint(text).filter(terminology);
      assert.deepEqual(texts(text, found), ['child pornography'], key);
    }
  });

  it("knitr's dotted spellings (fig.cap, fig.alt, fig.subcap), common in R Markdown, are captions too", () => {
    for (const key of ['fig.cap', 'fig.alt', 'fig.subcap']) {
      const text = chunk(`#| ${key}: "Reports of child pornography by year"\n`);
      assert.deepEqual(texts(text, lint(text).filter(terminology)), ['child pornography'], key);
    }
  });

  it('plain, single-quoted, list and block values are read; the rest of the chunk stays code', () => {
    const plain = chunk('#| fig-cap: Child pornography cases # a comment on child pornography\n');
    assert.deepEqual(texts(plain, lint(plain).filter(terminology)), ['Child pornography']);
    const single = chunk("#| fig-alt: 'A chart of child pornography reports'\n");
    assert.deepEqual(texts(single, lint(single).filter(terminology)), ['child pornography']);
    const list = chunk('#| fig-subcap:\n#|   - "First"\n#|   - "Child pornography"\n');
    assert.deepEqual(texts(list, lint(list).filter(terminology)), ['Child pornography']);
    const block = chunk('#| fig-cap: |\n#|   Counts of\n#|   child pornography reports\n#| echo: false\n');
    assert.deepEqual(texts(block, lint(block).filter(terminology)), ['child pornography']);
  });

  it('a citation in a caption is a citation; one in the code is not', () => {
    const text = FRONT + chunk('#| fig-cap: "Reports [@nokey]"\n').replace('plot(', 'plot(x@other, ');
    assert.deepEqual(texts(text, only(lint(text), 'citation-undefined')), ['@nokey']);
  });

  it('other options, comments and options below the code are not prose', () => {
    const text = chunk('#| label: child-pornography\n#| echo: false\n# child pornography in a comment\n') + '\n';
    assert.deepEqual(texts(text, lint(text).filter(terminology)), []);
    const late = 'Intro.\n\n```{r}\nx <- 1\n#| fig-cap: "child pornography"\n```\n';
    assert.deepEqual(texts(late, lint(late).filter(terminology)), []);
    // A chunk that is not executable (plain ```r) has no options.
    const plainFence = 'Intro.\n\n```r\n#| fig-cap: "child pornography"\n```\n';
    assert.deepEqual(texts(plainFence, lint(plainFence).filter(terminology)), []);
    // Nor do Pandoc attribute blocks ({.r}, {#id .python}), raw blocks ({=html}) or Quarto's shown-not-run {{r}}:
    // braces after the fence make a chunk executable only when a language name comes first.
    for (const fence of ['```{.r}', '```{#lst-a .python}', '```{=html}', '```{{r}}', '``` {.r .numberLines}']) {
      const shown = `Intro.\n\n${fence}\n#| fig-cap: "child pornography"\n\`\`\`\n`;
      assert.deepEqual(texts(shown, lint(shown).filter(terminology)), [], fence);
    }
    const knitr = 'Intro.\n\n```{r, echo=FALSE}\n#| fig-cap: "child pornography"\n```\n';
    assert.deepEqual(texts(knitr, lint(knitr).filter(terminology)), ['child pornography']);
  });

  it('a quotation inside a caption is still a quotation', () => {
    const text = chunk('#| fig-cap: "Survey item: \\u201Cchild pornography\\u201D"\n'.replace(/\\u201C/, '“').replace(/\\u201D/, '”'));
    assert.deepEqual(
      texts(
        text,
        lint(text).filter((f) => terminology(f) && f.severity !== 'hint'),
      ),
      [],
    );
  });
});
