import * as path from 'node:path';
import type { Rule } from '../rule';
import { keyAndDescription } from '../citations';

const INLINE =
  '---\nreferences:\n- id: ecpat2020\n  title: Disrupting harm in Kenya\n  issued:\n    date-parts: [[2020]]\n- id: unicef2021\n  title: Ending online child sexual exploitation and abuse\n  issued:\n    date-parts: [[2021]]\n';

export const citationUnused: Rule<'citation-unused'> = {
  id: 'citation-unused',
  description: 'A bibliography entry the document never cites.',
  defaultSeverity: 'information',
  fixable: 'none',
  docs: {
    rationale:
      "An entry of a document's own bibliography that nothing cites is either a source the text forgot or one to remove. Shared bibliographies (a Quarto project's, a team's library) are expected to hold more than one report cites, so the rule runs only on the document's own: inline `references:`, or a file named after the document (`report.qmd` with `report.bib`) — unless the rule is given a severity in the configuration. Keys listed in `nocite:` count as cited, and `nocite: \"@*\"` cites everything.",
    examples: [
      {
        title: 'An inline reference nothing cites',
        markdown: `${INLINE}---\n\nThe study found the same [@unicef2021].\n`,
        flags: ['ecpat2020'],
        messages: ['Reference ecpat2020 (2020, Disrupting harm in Kenya) is never cited.'],
      },
      {
        title: 'Entries listed in nocite count as cited',
        markdown: `${INLINE}nocite: |\n  @ecpat2020\n---\n\nThe study found the same [@unicef2021].\n`,
        flags: [],
        messages: [],
      },
    ],
  },
  check({ model, config, report }) {
    const bib = model.bibliography;
    if (!bib) return;
    if (!bib.own && config.severities['citation-unused'] === undefined) return;
    const nocite = model.frontMatter?.nocite;
    if (nocite?.all) return;
    const cited = new Set([...model.citations.map((c) => c.key), ...(nocite?.keys ?? [])]);
    for (const e of bib.entries.values()) {
      if (cited.has(e.key)) continue;
      if (e.file === undefined) {
        report({ ...e.keySpan, message: `Reference ${keyAndDescription(e)} is never cited.`, data: { key: e.key } });
        continue;
      }
      const source = bib.sources.find((s) => s.file === e.file && s.declaredAt);
      const at = source?.declaredAt ?? { start: 0, end: 0 };
      report({
        ...at,
        message: `Reference ${keyAndDescription(e)} in ${path.basename(e.file)} is never cited.`,
        related: [{ start: e.keySpan.start, end: e.keySpan.end, file: e.file, line: e.line, message: `${e.key} is defined here` }],
        data: { key: e.key, file: e.file },
      });
    }
  },
};
