import type { Rule } from '../rule';
import { footnoteKey } from '../footnotes';

export const footnoteUnused: Rule = {
  id: 'footnote-unused',
  description: 'A footnote definition nothing references.',
  defaultSeverity: 'warning',
  fixable: 'suggestion',
  docs: {
    rationale: 'An orphaned definition is usually a reference lost in editing; the source it names no longer supports anything in the text.',
    examples: [
      {
        title: 'A definition without a reference',
        markdown: 'The law was amended in 2019.[^1]\n\n[^1]: Government. (2019). The amendment.\n\n[^2]: Government. (2020). A decree.\n',
        flags: ['[^2]: Government. (2020). A decree.'],
        fixed: 'The law was amended in 2019.[^1]\n\n[^1]: Government. (2019). The amendment.\n',
      },
      {
        title: 'Every definition referenced passes',
        markdown: 'The law was amended in 2019.¹\n\n¹ Government. (2019). The amendment.\n',
        flags: [],
      },
    ],
  },
  check({ model, report }) {
    const referenced = new Set(model.footnoteRefs.map((r) => footnoteKey(r.label)));
    for (const def of model.footnoteDefs) {
      if (referenced.has(footnoteKey(def.label))) continue;
      // Remove the definition with the blank lines before it.
      let start = def.start;
      while (start > 0 && /\s/.test(model.text[start - 1])) start--;
      const end = start === 0 ? Math.min(model.text.length, def.end + (model.text.slice(def.end).match(/^\s*/)?.[0].length ?? 0)) : def.end;
      report({
        start: def.start,
        end: def.end,
        message: `Footnote ${def.label} is defined but never referenced.`,
        fixes: [{ title: `Remove the definition of footnote ${def.label}`, edits: [{ start, end, newText: '' }], safe: false }],
        data: { label: def.label },
      });
    }
  },
};
