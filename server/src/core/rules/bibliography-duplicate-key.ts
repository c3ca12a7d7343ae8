import type { Rule } from '../rule';
import type { BibEntry } from '../bibliography';

const REFERENCE = (id: string, title: string, year: number) => `- id: ${id}\n  title: ${title}\n  issued:\n    date-parts: [[${year}]]\n`;

export const bibliographyDuplicateKey: Rule<'bibliography-duplicate-key'> = {
  id: 'bibliography-duplicate-key',
  description: "A key defined twice in the document's own `references:` in the front matter.",
  defaultSeverity: 'warning',
  fixable: 'none',
  docs: {
    rationale:
      'Pandoc keeps one entry per key, so a second reference written under a key already used is lost, and citations of it print the other work. The finding sits on the later `id:`; rename one of the two (and the citations meant for it). Duplicate keys in a bibliography file are reported on that file (in the editor, on the `.bib`; in the CLI, as `refs.bib:17:1: bibliography: …`), since the file, not the report, has the mistake.',
    examples: [
      {
        title: 'Two inline references under one key',
        markdown: `---\nreferences:\n${REFERENCE('ecpat2020', 'Disrupting harm in Kenya', 2020)}${REFERENCE('ecpat2020', 'Disrupting harm in Uganda', 2020)}---\n\nAs found [@ecpat2020].\n`,
        flags: ['ecpat2020'],
        messages: ['Duplicate reference key "ecpat2020": already defined at line 3; Pandoc keeps one of them and the other is lost.'],
      },
      {
        title: 'Distinct keys pass',
        markdown: `---\nreferences:\n${REFERENCE('ecpat2020ke', 'Disrupting harm in Kenya', 2020)}${REFERENCE('ecpat2020ug', 'Disrupting harm in Uganda', 2020)}---\n\nAs found [@ecpat2020ke; @ecpat2020ug].\n`,
        flags: [],
        messages: [],
      },
    ],
  },
  check({ model, report }) {
    const first = new Map<string, BibEntry>();
    for (const e of model.frontMatter?.references ?? []) {
      const earlier = first.get(e.key);
      if (!earlier) {
        first.set(e.key, e);
        continue;
      }
      report({
        start: e.keySpan.start,
        end: e.keySpan.end,
        message: `Duplicate reference key "${e.key}": already defined at line ${earlier.line}; Pandoc keeps one of them and the other is lost.`,
        related: [{ start: earlier.keySpan.start, end: earlier.keySpan.end, message: 'first defined here' }],
        data: { key: e.key, firstLine: earlier.line },
      });
    }
  },
};
