import type { Rule } from '../rule';
import type { FootnoteDefFact } from '../blockFacts';
import { footnoteKey } from '../footnotes';

export const footnoteDuplicate: Rule = {
  id: 'footnote-duplicate',
  description: 'Two footnote definitions with one label.',
  defaultSeverity: 'error',
  fixable: 'none',
  docs: {
    rationale: 'With two definitions for one label, readers see only one of them; the other source silently disappears.',
    examples: [
      {
        title: 'Two definitions of footnote 1',
        markdown: 'A claim.¹\n\n¹ First source.\n\n¹ Second source.\n',
        flags: ['¹ Second source.'],
      },
      {
        title: 'One definition per label passes',
        markdown: 'A claim.¹ Another.²\n\n¹ First source.\n\n² Second source.\n',
        flags: [],
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
