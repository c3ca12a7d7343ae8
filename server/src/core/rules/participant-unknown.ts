import { md, type Rule } from '../rule';
import type { Fix } from '../types';
import { reportMentionsWord } from '../model';
import {
  citations,
  citedInterview,
  closestIds,
  countryNameInReport,
  describe,
  idsAtCitedInterview,
  interviewWidth,
  registryCountries as countriesOf,
} from '../participants';

export const participantUnknown: Rule<'participant-unknown'> = {
  id: 'participant-unknown',
  description: 'A cited participant ID that is not in the participant table or registry.',
  defaultSeverity: 'error',
  fixable: 'suggestion',
  docs: {
    rationale:
      'Every quotation must be traceable to a participant in the table (or the project registry). An unknown ID is usually a typo or a participant missing from the table; the closest IDs are offered as fixes, and an ID from another country is called out.',
    examples: [
      {
        title: 'An interview number the table does not have',
        markdown: md`
          | ID Number | Agency |
          | --- | --- |
          | RA1-KE-01-A | Police |
          | RA1-KE-02-A | Ministry |

          As one officer said (RA1-KE-03-A).
        `,
        flags: ['RA1-KE-03-A'],
        messages: ['Participant RA1-KE-03-A is not in the participant table. Did you mean RA1-KE-01-A, RA1-KE-02-A?'],
      },
      {
        title: 'Each part of a combined ID is checked',
        markdown: md`
          | ID Number | Agency |
          | --- | --- |
          | RA1-KE-01-A | Police |
          | RA1-KE-01-B | Police |

          Both agreed (RA1-KE-01-A&C).
        `,
        flags: ['RA1-KE-01-A&C'],
        messages: ['Participant RA1-KE-01-C (part of RA1-KE-01-A&C) is not in the participant table. Did you mean RA1-KE-01-B?'],
      },
      {
        title: 'IDs in the table pass',
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
    if (!registry.size) return;
    const scheme = config.idScheme;
    const width = interviewWidth(registry, scheme);
    const registryCountries = countriesOf(registry, scheme);
    // Country names are looked up in the whole text: once per code and check, not per citation.
    const names = new Map<string, string | undefined>();
    const nameOf = (c: string) => {
      if (!names.has(c))
        names.set(
          c,
          countryNameInReport(c, (word) => reportMentionsWord(model, word), registry.values(), scheme),
        );
      return names.get(c);
    };
    for (const token of citations(model)) {
      // Malformed tokens are reported by participant-malformed; check what they are meant to be.
      if (token.parts.activity === undefined && scheme.hasActivity) continue;
      const ids = idsAtCitedInterview(token.parts, scheme, width, registry);
      if (ids.every((id) => registry.has(id))) continue;
      const interview = citedInterview(token.parts, scheme, width, registry);
      const unknown = ids.filter((id) => !registry.has(id));
      for (const id of unknown) {
        const country = token.parts.country.toUpperCase();
        let message = `Participant ${id}${ids.length > 1 ? ` (part of ${token.raw})` : ''} is not in the participant table.`;
        if (registryCountries.size && !registryCountries.has(country)) {
          const listed = [...registryCountries].map((c) => (nameOf(c) ? `${nameOf(c)} (${c})` : c)).join(', ');
          message = `Participant ${id} is not in the participant table: ${country} is ${nameOf(country) ?? 'another country code'}, but the table lists participants from ${listed}.`;
        }
        const suggestions = closestIds(id, registry).filter((e) => !ids.includes(e.id));
        if (suggestions.length) message += ` Did you mean ${suggestions.map((s) => s.id).join(', ')}?`;
        // A combined ID is respelt one participant at a time, and only with a suggestion of
        // its own interview: replacing the whole token would drop the participants it got right.
        const sameInterview = (other: string) => {
          const [a, b] = [scheme.parseCanonical(other), scheme.parseCanonical(id)];
          return !!a && !!b && a.activity === b.activity && a.country === b.country && a.interview === b.interview;
        };
        // Inside a table every suggestion may already be a row of it: writing it there could make
        // two rows share an ID, so a table is left for the author to correct (the message still names the suggestions).
        const inTable = token.inRegistryTable || model.tables.some((t) => token.start < t.end && t.start < token.end);
        const usable = inTable ? [] : ids.length === 1 ? suggestions : suggestions.filter((s) => sameInterview(s.id));
        const fixes: Fix[] = usable.map((s, i) => {
          const newText =
            ids.length > 1
              ? scheme.canonicalText(
                  { ...token.parts, participants: ids.map((x) => (x === id ? s.id : x)).map((x) => scheme.parseCanonical(x)?.participants[0] ?? '') },
                  interview,
                )
              : s.id;
          return {
            title: `Change to ${newText}${describe(s) ? ` (${describe(s)})` : ''}`,
            edits: [{ start: token.start, end: token.end, newText }],
            safe: false,
            preferred: i === 0,
          };
        });
        report({ start: token.start, end: token.end, message, fixes, data: { id, suggestions: suggestions.map((s) => s.id) } });
      }
    }
  },
};
