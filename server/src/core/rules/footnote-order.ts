import type { Rule } from '../rule';
import { renumberEdits } from '../footnotes';

export const footnoteOrder: Rule = {
  id: 'footnote-order',
  description: 'Numeric footnotes not numbered 1..n in order of first reference.',
  defaultSeverity: 'information',
  fixable: 'safe',
  docs: {
    rationale:
      'Readers expect footnote numbers to rise through the text. After moving paragraphs, numbers drift; the fix renumbers every reference and definition in order of first reference (definitions nothing references go last). Named labels such as `[^unicef-2021]` are names, not numbers: they are skipped and left as written, and the numeric labels are still checked and renumbered among themselves.',
    examples: [
      {
        title: 'Footnote 3 cited before footnote 2',
        markdown: 'First.[^1] Then.[^3] Last.[^2]\n\n[^1]: One.\n[^2]: Two.\n[^3]: Three.\n',
        flags: ['[^3]'],
        fixed: 'First.[^1] Then.[^2] Last.[^3]\n\n[^1]: One.\n[^3]: Two.\n[^2]: Three.\n',
      },
      {
        title: 'Named labels do not switch the check off: the numeric ones are numbered among themselves',
        markdown: 'First.[^unicef-2021] Then.[^2] Next.[^1] Last.[^ncmec]\n\n[^unicef-2021]: UNICEF.\n[^1]: One.\n[^2]: Two.\n[^ncmec]: NCMEC.\n',
        flags: ['[^2]'],
        fixed: 'First.[^unicef-2021] Then.[^1] Next.[^2] Last.[^ncmec]\n\n[^unicef-2021]: UNICEF.\n[^2]: One.\n[^1]: Two.\n[^ncmec]: NCMEC.\n',
      },
      {
        title: 'Named labels among numbers in order pass',
        markdown: 'First.[^1] Then.[^who-2020] Last.[^2]\n\n[^1]: One.\n[^who-2020]: WHO.\n[^2]: Two.\n',
        flags: [],
      },
      {
        title: 'Superscript footnotes in order pass',
        markdown: 'First.¹ Then.²\n\n¹ One.\n\n² Two.\n',
        flags: [],
      },
    ],
  },
  check({ model, report }) {
    const seen: string[] = [];
    for (const ref of model.footnoteRefs) {
      // Named labels are names; the numeric ones are still checked among themselves.
      if (!/^\d+$/.test(ref.label)) continue;
      if (seen.includes(ref.label)) continue;
      seen.push(ref.label);
      const expected = seen.length;
      if (Number(ref.label) === expected) continue;
      const edits = renumberEdits(model);
      report({
        start: ref.start,
        end: ref.end,
        message: `Footnote ${ref.label} is the ${ordinal(expected)} footnote referenced; expected number ${expected}.`,
        fixes: edits ? [{ title: 'Renumber all footnotes in order of first reference', edits, safe: true, preferred: true }] : [],
        data: { label: ref.label, expected },
      });
      return; // one finding: the first place the order breaks; the fix renumbers all.
    }
  },
};

function ordinal(n: number): string {
  const s = ['th', 'st', 'nd', 'rd'];
  const v = n % 100;
  return n + (s[(v - 20) % 10] || s[v] || s[0]);
}
