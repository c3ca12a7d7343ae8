import { md, type Rule } from '../rule';
import { definitionRemoval, footnoteKey } from '../footnotes';
import { blockAt } from '../model';

export const footnoteUnused: Rule<'footnote-unused'> = {
  id: 'footnote-unused',
  description: 'A footnote definition nothing references.',
  defaultSeverity: 'warning',
  fixable: 'suggestion',
  docs: {
    rationale: 'An orphaned definition is usually a reference lost in editing; the source it names no longer supports anything in the text.',
    examples: [
      {
        title: 'A definition without a reference',
        markdown: md`
          The law was amended in 2019.[^1]

          [^1]: Government. (2019). The amendment.

          [^2]: Government. (2020). A decree.
        `,
        flags: ['[^2]: Government. (2020). A decree.'],
        messages: ['Footnote 2 is defined but never referenced.'],
        fixed: md`
          The law was amended in 2019.[^1]

          [^1]: Government. (2019). The amendment.
        `,
      },
      {
        title: 'Every definition referenced passes',
        markdown: md`
          The law was amended in 2019.¹

          ¹ Government. (2019). The amendment.
        `,
        flags: [],
        messages: [],
      },
    ],
  },
  check({ model, report }) {
    const referenced = new Set(model.footnoteRefs.map((r) => footnoteKey(r.label)));
    const gfmDefinitions = model.footnoteDefs.filter((d) => d.style === 'gfm');
    for (const def of model.footnoteDefs) {
      if (referenced.has(footnoteKey(def.label))) continue;
      const removal = definitionRemoval(model.text, def, gfmDefinitions);
      report({
        start: def.start,
        end: def.end,
        message: `Footnote ${def.label} is defined but never referenced.`,
        // Never remove a report-lint directive with it: what it silences would come back. Nor a definition in
        // a block the bounded stand-in parser read: without the pathology remark reads the block (a table may take it in).
        fixes:
          !removal || blockAt(model, def.start)?.bounded || model.directives.some((d) => d.start < removal.end && removal.start < d.end)
            ? []
            : [{ title: `Remove the definition of footnote ${def.label}`, edits: [removal], safe: false }],
        data: { label: def.label },
      });
    }
  },
};
