import * as path from 'node:path';
import { md, type Rule } from '../rule';
import type { Span } from '../types';

export const bibliographyMissing: Rule<'bibliography-missing'> = {
  id: 'bibliography-missing',
  description: 'A bibliography named in the front matter that does not exist or cannot be parsed.',
  defaultSeverity: 'error',
  fixable: 'none',
  docs: {
    rationale:
      "Pandoc stops, or prints every citation as \"???\", when a bibliography file is missing or broken. The finding sits on the file name in the front matter (or on the first line, naming the file and line, for a file named by the Quarto project's `_quarto.yml` or a folder's `_metadata.yml`) and gives the file, line and the parser's reason. Files are read only from inside the workspace, only when they are regular files under 20 MB, and never from the network.",
    examples: [
      {
        title: 'A bibliography file that does not exist',
        markdown: md`
          ---
          title: Country report
          bibliography: no-such-references.bib
          ---

          As reported [@ecpat2020].
        `,
        flags: ['no-such-references.bib'],
        messages: ['Bibliography no-such-references.bib cannot be used: the file does not exist.'],
      },
      {
        title: 'Inline references need no file',
        markdown: md`
          ---
          references:
          - id: ecpat2020
            title: Disrupting harm in Kenya
          ---

          As reported [@ecpat2020].
        `,
        flags: [],
        messages: [],
      },
    ],
  },
  check({ model, report }) {
    const fm = model.frontMatter;
    const firstLine: Span = { start: 0, end: Math.max(0, model.text.indexOf('\n')) };
    // Invalid front matter hides the bibliography it names.
    if (fm && /^(?:bibliography|references)\s*:/m.test(model.text.slice(fm.yaml.start, fm.yaml.end))) {
      for (const p of fm.problems) report({ start: p.start, end: p.end, message: p.message });
    }
    for (const s of model.bibliography?.sources ?? []) {
      if (s.kind !== 'file' || !s.loaded) continue;
      const at = s.declaredAt ?? (fm ? { start: fm.start, end: fm.start + 3 } : firstLine);
      const named = s.declaredIn ? `${s.name} (named in ${path.basename(s.declaredIn.file)} line ${s.declaredIn.line})` : s.name;
      const related = s.declaredIn ? [{ start: 0, end: 0, file: s.declaredIn.file, line: s.declaredIn.line, message: 'named here' }] : undefined;
      if (s.loaded.error) {
        report({ ...at, message: `Bibliography ${named} cannot be used: ${s.loaded.error}.`, related, data: { file: s.file, reason: s.loaded.error } });
        continue;
      }
      const invalid = s.loaded.problems.filter((p) => p.kind === 'invalid');
      if (!invalid.length) continue;
      const first = invalid[0];
      const more = invalid.length > 1 ? ` (and ${invalid.length - 1} more problem${invalid.length > 2 ? 's' : ''})` : '';
      report({
        ...at,
        message: `Bibliography ${named} cannot be parsed: line ${first.line}: ${first.message.replace(/^[^:]*: /, '')}${more}.`,
        related: [{ start: 0, end: 0, file: first.file, line: first.line, message: first.message }],
        data: { file: s.file, line: first.line, reason: first.message },
      });
    }
  },
};
