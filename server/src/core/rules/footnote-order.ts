import { fixWithLazyEdits, md, type Rule } from '../rule';
import { footnoteKey, labelText, misplacedSuperscriptDefinition, renumberEdits, renumberMapping } from '../footnotes';

export const footnoteOrder: Rule<'footnote-order'> = {
  id: 'footnote-order',
  description: 'Numeric footnotes not numbered 1..n in order of first reference.',
  defaultSeverity: 'information',
  fixable: 'safe',
  docs: {
    rationale:
      'Readers expect footnote numbers to rise through the text. After moving paragraphs, numbers drift; the fix renumbers every reference and definition in order of first reference (definitions nothing references go last). Named labels such as `[^unicef-2021]` are names, not numbers: they are skipped and left as written, and the numeric labels are still checked and renumbered among themselves. In the superscript style the notes themselves are what readers see, so the fix also puts each block of notes in number order (each note keeps its text; the block keeps its place).',
    examples: [
      {
        title: 'Footnote 3 cited before footnote 2',
        markdown: md`
          First.[^1] Then.[^3] Last.[^2]

          [^1]: One.
          [^2]: Two.
          [^3]: Three.
        `,
        flags: ['[^3]'],
        messages: ['Footnote 3 is the 2nd footnote referenced; expected number 2.'],
        fixed: md`
          First.[^1] Then.[^2] Last.[^3]

          [^1]: One.
          [^3]: Two.
          [^2]: Three.
        `,
      },
      {
        title: 'Named labels do not switch the check off: the numeric ones are numbered among themselves',
        markdown: md`
          First.[^unicef-2021] Then.[^2] Next.[^1] Last.[^ncmec]

          [^unicef-2021]: UNICEF.
          [^1]: One.
          [^2]: Two.
          [^ncmec]: NCMEC.
        `,
        flags: ['[^2]'],
        messages: ['Footnote 2 is the 1st footnote referenced; expected number 1.'],
        fixed: md`
          First.[^unicef-2021] Then.[^1] Next.[^2] Last.[^ncmec]

          [^unicef-2021]: UNICEF.
          [^2]: One.
          [^1]: Two.
          [^ncmec]: NCMEC.
        `,
      },
      {
        title: 'Named labels among numbers in order pass',
        markdown: md`
          First.[^1] Then.[^who-2020] Last.[^2]

          [^1]: One.
          [^who-2020]: WHO.
          [^2]: Two.
        `,
        flags: [],
        messages: [],
      },
      {
        title: 'Superscript notes out of order under their paragraph',
        markdown: 'First.¹ Then.²\n\n² Two.\n\n¹ One.\n',
        flags: ['¹'],
        messages: ['Note ¹ stands after a higher-numbered note in its block of notes; readers expect the notes in number order.'],
        fixed: 'First.¹ Then.²\n\n¹ One.\n\n² Two.\n',
      },
      {
        title: 'Superscript footnotes in order pass',
        markdown: md`
          First.¹ Then.²

          ¹ One.

          ² Two.
        `,
        flags: [],
        messages: [],
      },
    ],
  },
  check({ model, report }) {
    const seen = new Set<string>();
    for (const ref of model.footnoteRefs) {
      // Named labels are names; the numeric ones are still checked among themselves.
      // (By identity, as renumbering goes: `[^ 2]` is footnote 2.)
      const key = footnoteKey(ref.label);
      if (!/^\d+$/.test(key)) continue;
      if (seen.has(key)) continue;
      seen.add(key);
      const expected = seen.size;
      if (Number(key) === expected) continue;
      const mapping = renumberMapping(model);
      report({
        start: ref.start,
        end: ref.end,
        message: `Footnote ${ref.label} is the ${ordinal(expected)} footnote referenced; expected number ${expected}.`,
        // With a mapping, this reference is renumbered (it maps to `expected`), so the edits are never empty.
        fixes: mapping
          ? [
              fixWithLazyEdits(
                { title: 'Renumber all footnotes in order of first reference', safe: true, preferred: true },
                () => renumberEdits(model, mapping) ?? [],
              ),
            ]
          : [],
        data: { label: ref.label, expected },
      });
      return; // one finding: the first place the order breaks; the fix renumbers all.
    }
    // References in order, but a block of superscript notes is not (only superscript notes stand in blocks of notes).
    if (!model.footnoteDefs.some((d) => d.style === 'superscript')) return;
    const mapping = renumberMapping(model);
    const misplaced = misplacedSuperscriptDefinition(model, mapping);
    if (!misplaced) return;
    report({
      start: misplaced.labelSpan.start,
      end: misplaced.labelSpan.end,
      message: `Note ${labelText(misplaced.label, 'superscript')} stands after a higher-numbered note in its block of notes; readers expect the notes in number order.`,
      // A misplaced note means a block to reorder, so the edits are never empty.
      fixes: mapping
        ? [fixWithLazyEdits({ title: 'Put the notes in number order', safe: true, preferred: true }, () => renumberEdits(model, mapping) ?? [])]
        : [],
      data: { label: misplaced.label },
    });
  },
};

function ordinal(n: number): string {
  const s = ['th', 'st', 'nd', 'rd'];
  const v = n % 100;
  return n + (s[(v - 20) % 10] || s[v] || s[0]);
}
