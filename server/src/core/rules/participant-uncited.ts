import { md, type Rule } from '../rule';
import { citations, citedIds, describe, interviewWidth } from '../participants';

export const participantUncited: Rule<'participant-uncited'> = {
  id: 'participant-uncited',
  description: 'A participant in the table who is never cited in the document.',
  defaultSeverity: 'information',
  fixable: 'none',
  docs: {
    rationale:
      'A participant listed but never quoted or cited is often a sign of a lost citation or a table row that belongs to another report. Participants from registry files are only considered for the countries the document cites.',
    examples: [
      {
        title: 'A table row nobody cites',
        markdown: md`
          | ID Number | Agency |
          | --- | --- |
          | RA1-KE-01-A | Police |
          | RA1-KE-02-A | Ministry |

          As one officer said (RA1-KE-01-A).
        `,
        flags: ['RA1-KE-02-A'],
        messages: ['Participant RA1-KE-02-A (Ministry) is never cited in the text.'],
      },
      {
        title: 'A combined citation cites each part',
        markdown: md`
          | ID Number | Agency |
          | --- | --- |
          | RA1-KE-01-A | Police |
          | RA1-KE-01-B | Police |

          Both agreed (RA1-KE-01-A&B).
        `,
        flags: [],
        messages: [],
      },
    ],
  },
  check({ model, config, registry, report }) {
    const scheme = config.idScheme;
    const width = interviewWidth(registry, scheme);
    const cited = new Set<string>();
    const citedCountries = new Set<string>();
    for (const token of citations(model)) {
      for (const id of citedIds(token, scheme, width, registry)) cited.add(id);
      citedCountries.add(token.parts.country.toUpperCase());
    }
    const reported = new Set<string>();
    for (const e of model.tableRegistry) {
      if (cited.has(e.id) || reported.has(e.id) || e.origin.kind !== 'table') continue;
      reported.add(e.id);
      report({
        start: e.origin.idSpan.start,
        end: e.origin.idSpan.end,
        message: `Participant ${e.id}${describe(e) ? ` (${describe(e)})` : ''} is never cited in the text.`,
        data: { id: e.id },
      });
    }
    for (const e of model.externalRegistry) {
      const country = scheme.parseCanonical(e.id)?.country;
      if (cited.has(e.id) || reported.has(e.id) || !country || !citedCountries.has(country) || e.origin.kind !== 'file') continue;
      reported.add(e.id);
      report({
        start: 0,
        end: 0,
        message: `Participant ${e.id}${describe(e) ? ` (${describe(e)})` : ''} from ${e.origin.file}:${e.origin.line} is never cited in this report.`,
        related: [{ start: 0, end: 0, file: e.origin.file, line: e.origin.line, message: `${e.id} is listed here` }],
        data: { id: e.id },
      });
    }
  },
};
