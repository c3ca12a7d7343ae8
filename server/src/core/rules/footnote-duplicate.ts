import { md, type Rule } from '../rule';
import type { FootnoteDefFact } from '../facts';
import { footnoteKey } from '../footnotes';

export const footnoteDuplicate: Rule<'footnote-duplicate'> = {
  id: 'footnote-duplicate',
  description: 'Two footnote definitions with one label.',
  defaultSeverity: 'error',
  fixable: 'none',
  docs: {
    rationale: 'With two definitions for one label, readers see only one of them; the other source silently disappears.',
    examples: [
      {
        title: 'Two definitions of footnote 1',
        markdown: md`
          A claim.¹

          ¹ First source.

          ¹ Second source.
        `,
        flags: ['¹ Second source.'],
        messages: ['Footnote 1 is defined twice (first on line 3).'],
      },
      {
        title: 'One definition per label passes',
        markdown: md`
          A claim.¹ Another.²

          ¹ First source.

          ² Second source.
        `,
        flags: [],
        messages: [],
      },
    ],
  },
  check({ model, report }) {
    const first = new Map<string, FootnoteDefFact>();
    for (const def of model.footnoteDefs) {
      const earlier = first.get(footnoteKey(def.label));
      if (!earlier) {
        first.set(footnoteKey(def.label), def);
        continue;
      }
      report({
        start: def.start,
        end: def.end,
        message: `Footnote ${def.label} is defined twice (first on line ${model.lines.positionAt(earlier.start).line + 1}).`,
        related: [{ start: earlier.start, end: earlier.end, message: `first definition of footnote ${def.label}` }],
        data: { label: def.label },
      });
    }
  },
};
