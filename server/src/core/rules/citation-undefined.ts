import type { Rule } from '../rule';
import type { Fix } from '../types';
import { closestKeys, keyAndDescription } from '../citations';

const REFERENCES =
  '---\ntitle: Online safety study\nreferences:\n- id: unicef2021\n  author:\n  - family: UNICEF\n  issued:\n    date-parts: [[2021]]\n  title: Ending online child sexual exploitation and abuse\n---\n\n';

export const citationUndefined: Rule<'citation-undefined'> = {
  id: 'citation-undefined',
  description: 'A Pandoc citation `[@key]` whose key is not in the bibliography.',
  defaultSeverity: 'error',
  fixable: 'suggestion',
  docs: {
    rationale:
      'Pandoc and Quarto print a key they cannot find as "???" and a warning the author rarely sees. The bibliography is the one the document names (`bibliography:` in the front matter, also under `format: <name>:`, and inline `references:`), merged as Quarto merges metadata with the project\'s `_quarto.yml` and the `_metadata.yml` of the folders down to the document (a list adds to the files before it, a single name replaces them); BibTeX, BibLaTeX, CSL-JSON or CSL-YAML. The closest keys are offered, each with its author, year and title. Quarto cross-references (`@fig-map`, `@tbl-…`, `@sec-…`, `@eq-…`) and e-mail addresses are not citations, and a document without a bibliography is not checked.',
    examples: [
      {
        title: 'A typo in a citation key',
        markdown: `${REFERENCES}As documented [@unicef2012, p. 12], reports rose.\n`,
        flags: ['@unicef2012'],
        messages: [
          'Citation @unicef2012 is not in the bibliography. Did you mean @unicef2021 (UNICEF 2021, Ending online child sexual exploitation and abuse)?',
        ],
        fixed: `${REFERENCES}As documented [@unicef2021, p. 12], reports rose.\n`,
      },
      {
        title: 'Keys in the bibliography, cross-references and e-mail addresses pass',
        markdown: `${REFERENCES}@unicef2021 found the same (see @fig-trend; write to research@example.org).\n`,
        flags: [],
        messages: [],
      },
    ],
  },
  check({ model, report }) {
    const bib = model.bibliography;
    // With a bibliography that could not be read in full, every key would look unknown: bibliography-missing says why.
    if (!bib || !bib.complete) return;
    for (const c of model.citations) {
      if (bib.entries.has(c.key)) continue;
      const suggestions = closestKeys(c.key, bib.entries);
      let message = `Citation @${c.key} is not in the bibliography.`;
      if (suggestions.length) message += ` Did you mean ${suggestions.map((s) => `@${keyAndDescription(s)}`).join('; ')}?`;
      const fixes: Fix[] = suggestions.map((s, i) => ({
        title: `Change to @${keyAndDescription(s, (d) => ` — ${d}`)}`,
        edits: [{ start: c.keySpan.start, end: c.keySpan.end, newText: s.key }],
        safe: false,
        preferred: i === 0,
      }));
      report({ start: c.start, end: c.end, message, fixes, data: { key: c.key, suggestions: suggestions.map((s) => s.key) } });
    }
  },
};
