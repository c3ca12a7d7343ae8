import type { Rule } from '../rule';
import { renumberEdits } from '../footnotes';

export const footnoteOrder: Rule = {
  id: 'footnote-order',
  description: 'Numeric footnotes not numbered 1..n in order of first reference.',
  defaultSeverity: 'information',
  fixable: 'safe',
  docs: {
    rationale:
      'Readers expect footnote numbers to rise through the text. After moving paragraphs, numbers drift; the fix renumbers every reference and definition in order of first reference (definitions nothing references go last).',
    examples: [
      {
        title: 'Footnote 3 cited before footnote 2',
        markdown: 'First.[^1] Then.[^3] Last.[^2]\n\n[^1]: One.\n[^2]: Two.\n[^3]: Three.\n',
        flags: ['[^3]'],
        fixed: 'First.[^1] Then.[^2] Last.[^3]\n\n[^1]: One.\n[^3]: Two.\n[^2]: Three.\n',
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
      if (!/^\d+$/.test(ref.label)) return;
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
