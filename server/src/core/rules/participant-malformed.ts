import { md, type Rule } from '../rule';
import type { Fix } from '../types';
import { DASHES, INVISIBLE, MARKDOWN_ESCAPE } from '../searchView';
import { describe, resolveIdToken } from '../participants';
import type { IdToken } from '../model';

/** The letters of a string (ASCII without a Unicode-aware pattern: an ID is almost always ASCII). */
function letters(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 127) return s.replace(/[^\p{L}]/gu, '');
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) out += s[i];
  }
  return out;
}

export const participantMalformed: Rule<'participant-malformed'> = {
  id: 'participant-malformed',
  description: 'A participant ID not written in canonical form (spaces, dashes, case, padding, missing parts).',
  defaultSeverity: 'warning',
  fixable: 'safe',
  docs: {
    rationale:
      'IDs are how readers and reviewers trace a quotation to a participant; a misspelt ID cannot be searched for or checked against the table. The fix rewrites it in canonical form. A missing activity number is taken from the table only as a suggestion (the registry IDs that fit are offered; `--fix` does not guess it), and a table row is never rewritten into the ID of another row. IDs from Word and PDF are found through soft line breaks, every Unicode dash, minus and space (no-break, thin), soft hyphens, zero-width characters and the Markdown backslash escapes converters write (`RA1\\-KE\\-01\\-A`), and count as citations of their participant. "A and B", "A/B" and "A, B" after one interview number are read as the combined A&B only when the registry has every participant so named (otherwise "and I" may be prose, and only the first ID is read). A custom participantIds.pattern gets the same tolerance as the default: unpadded interview numbers, any case, spaces and dashes between parts.',
    examples: [
      {
        title: 'A space after the hyphen, and a space before the combined letters',
        markdown: md`
          | ID Number | Agency |
          | --- | --- |
          | RA1-KE-01-A | Police |
          | RA1-KE-01-B | Police |

          One officer said so (RA1- KE-01-A), and both agreed (RA1-KE-01 A&B).
        `,
        flags: ['RA1- KE-01-A', 'RA1-KE-01 A&B'],
        messages: [
          'Participant ID "RA1- KE-01-A" is not in canonical form (it contains spaces): write RA1-KE-01-A.',
          'Participant ID "RA1-KE-01 A&B" is not in canonical form (it contains spaces): write RA1-KE-01-A&B.',
        ],
        fixed: md`
          | ID Number | Agency |
          | --- | --- |
          | RA1-KE-01-A | Police |
          | RA1-KE-01-B | Police |

          One officer said so (RA1-KE-01-A), and both agreed (RA1-KE-01-A&B).
        `,
      },
      {
        title: 'Missing activity number, lowercase and missing zero padding',
        markdown: md`
          | ID Number | Agency |
          | --- | --- |
          | RA1-KE-05-A | Ministry |

          As noted (RA-KE-05-A; ra1-ke-5-a).
        `,
        flags: ['RA-KE-05-A', 'ra1-ke-5-a'],
        messages: [
          'Participant ID "RA-KE-05-A" is not in canonical form (the activity number is missing); it could be RA1-KE-05-A.',
          'Participant ID "ra1-ke-5-a" is not in canonical form (it is not in capitals; the interview number is not zero-padded): write RA1-KE-05-A.',
        ],
        fixed: md`
          | ID Number | Agency |
          | --- | --- |
          | RA1-KE-05-A | Ministry |

          As noted (RA1-KE-05-A; RA1-KE-05-A).
        `,
      },
      {
        title: 'Conversion artefacts: a line break, a non-breaking hyphen, a soft hyphen or a zero-width space inside the ID',
        markdown: md`
          | ID Number | Agency |
          | --- | --- |
          | RA1-KE-01-A | Police |
          | RA1-KE-02-A | Court |
          | RA1-KE-03-A | Ministry |
          | RA1-KE-04-A | NGO |

          As one officer said (RA1-KE-
          01-A), and a judge (RA1\u2011KE\u201102\u2011A), and an official (RA1-KE-0\u00AD3-A), and a worker (RA1-KE\u200B-04-A).
        `,
        flags: ['RA1-KE-\n01-A', 'RA1\u2011KE\u201102\u2011A', 'RA1-KE-0\u00AD3-A', 'RA1-KE\u200B-04-A'],
        messages: [
          'Participant ID "RA1-KE-\n01-A" is not in canonical form (a line break splits it): write RA1-KE-01-A.',
          'Participant ID "RA1\u2011KE\u201102\u2011A" is not in canonical form (it uses a dash other than a hyphen (or a minus sign)): write RA1-KE-02-A.',
          'Participant ID "RA1-KE-0\u00AD3-A" is not in canonical form (it contains an invisible character (a soft hyphen or a zero-width character)): write RA1-KE-03-A.',
          'Participant ID "RA1-KE\u200B-04-A" is not in canonical form (it contains an invisible character (a soft hyphen or a zero-width character)): write RA1-KE-04-A.',
        ],
        fixed: md`
          | ID Number | Agency |
          | --- | --- |
          | RA1-KE-01-A | Police |
          | RA1-KE-02-A | Court |
          | RA1-KE-03-A | Ministry |
          | RA1-KE-04-A | NGO |

          As one officer said (RA1-KE-01-A), and a judge (RA1-KE-02-A), and an official (RA1-KE-03-A), and a worker (RA1-KE-04-A).
        `,
      },
      {
        title: 'Two participants of one interview joined by "and", "/" or ",": read as A&B only when the table has both',
        markdown: md`
          | ID Number | Agency |
          | --- | --- |
          | RA1-KE-01-A | Police |
          | RA1-KE-01-B | Police |

          Both agreed (RA1-KE-01-A and B; RA1-KE-01-A/B). RA1-KE-01-A and I met twice.
        `,
        flags: ['RA1-KE-01-A and B', 'RA1-KE-01-A/B'],
        messages: [
          'Participant ID "RA1-KE-01-A and B" is not in canonical form (it contains spaces; participants of one interview are joined with "&" in the canonical form): write RA1-KE-01-A&B.',
          'Participant ID "RA1-KE-01-A/B" is not in canonical form (participants of one interview are joined with "&" in the canonical form): write RA1-KE-01-A&B.',
        ],
        fixed: md`
          | ID Number | Agency |
          | --- | --- |
          | RA1-KE-01-A | Police |
          | RA1-KE-01-B | Police |

          Both agreed (RA1-KE-01-A&B; RA1-KE-01-A&B). RA1-KE-01-A and I met twice.
        `,
      },
      {
        title: 'A custom pattern gets the same tolerance: padding, case, spaces and dashes',
        config: {
          participantIds: {
            pattern: 'P(?<activity>\\d)_(?<country>[A-Z]{3})(?<interview>\\d{3})(?<participant>[a-z])',
            format: 'P{activity}_{country}{interview}{participant}',
          },
        },
        markdown: md`
          | ID | Role |
          | --- | --- |
          | P1_KEN007a | Nurse |
          | P1_KEN007b | Nurse |

          They said so (P1_KEN7a; p1_ken-007-b).
        `,
        flags: ['P1_KEN7a', 'p1_ken-007-b'],
        messages: [
          'Participant ID "P1_KEN7a" is not in canonical form (the interview number is not zero-padded): write P1_KEN007a.',
          'Participant ID "p1_ken-007-b" is not in canonical form (its letter case differs from the configured form): write P1_KEN007b.',
        ],
        fixed: md`
          | ID | Role |
          | --- | --- |
          | P1_KEN007a | Nurse |
          | P1_KEN007b | Nurse |

          They said so (P1_KEN007a; P1_KEN007b).
        `,
      },
      {
        title: 'Canonical IDs pass',
        markdown: md`
          | ID Number | Agency |
          | --- | --- |
          | RA1-KE-01-A | Police |

          As stated (RA1-KE-01-A).
        `,
        flags: [],
        messages: [],
      },
    ],
  },
  check({ model, config, registry, report }) {
    const scheme = config.idScheme;
    // Row keys of the participant tables as written and as they read (canonical), to keep a fix
    // from turning one row into another: "RA1KE01A" and "ra1ke1-a" in two rows both read RA1-KE-01-A.
    const rowKeys = new Set<string>();
    const rowsReading = new Map<string, number>();
    const resolvedOf = new Map<IdToken, ReturnType<typeof resolveIdToken>>();
    // The participants a token names once spelt canonically (a combined row "RA1-KE-01-A&B" names A and B).
    const participantsOf = (token: IdToken, resolved: ReturnType<typeof resolveIdToken>) =>
      resolved.wellFormed || resolved.canonical !== undefined ? scheme.expand(token.parts, resolved.interview) : [];
    for (const token of model.ids) {
      if (!token.inRegistryTable) continue;
      const resolved = resolveIdToken(token, registry, scheme);
      resolvedOf.set(token, resolved);
      rowKeys.add(token.raw);
      for (const id of new Set(participantsOf(token, resolved))) rowsReading.set(id, (rowsReading.get(id) ?? 0) + 1);
    }
    for (const token of model.ids) {
      const resolved = resolvedOf.get(token) ?? resolveIdToken(token, registry, scheme);
      if (resolved.wellFormed) continue;
      const { canonical, interview } = resolved;
      // A table row completed from the other rows would become one of them: no options for a row key.
      const options = token.inRegistryTable && canonical === undefined ? [] : resolved.options;
      const problems: string[] = [];
      if (/[\r\n]/.test(token.raw)) problems.push('a line break splits it');
      if (/[^\S\r\n]/.test(token.raw)) problems.push('it contains spaces');
      if (DASHES.test(token.raw)) problems.push('it uses a dash other than a hyphen (or a minus sign)');
      if (INVISIBLE.test(token.raw)) problems.push('it contains an invisible character (a soft hyphen or a zero-width character)');
      if (MARKDOWN_ESCAPE.test(token.raw)) problems.push('it contains Markdown backslash escapes, which a search for the ID does not find');
      if (token.looseJoin) problems.push('participants of one interview are joined with "&" in the canonical form');
      // Letter case as the configured pattern wants it (capitals in the default scheme).
      const wantedLetters = letters(scheme.canonicalText(token.parts, token.parts.interview, token.parts.activity ?? ''));
      if (letters(token.raw) !== wantedLetters && letters(token.raw).toUpperCase() === wantedLetters.toUpperCase()) {
        problems.push(wantedLetters === wantedLetters.toUpperCase() ? 'it is not in capitals' : 'its letter case differs from the configured form');
      }
      if (interview.length > token.parts.interview.length) problems.push('the interview number is not zero-padded');
      else if (interview !== token.parts.interview) problems.push('the interview number has more leading zeros than the registry uses');
      if (token.parts.activity === undefined && scheme.hasActivity) problems.push('the activity number is missing');
      // (A combined row "RA1-KE-01-A&B" lists A and B.)
      const alsoNamed =
        canonical !== undefined && token.inRegistryTable ? participantsOf(token, resolved).find((id) => (rowsReading.get(id) ?? 0) > 1) : undefined;
      const duplicatesRow = canonical !== undefined && token.inRegistryTable && (rowKeys.has(canonical) || alsoNamed !== undefined);
      if (duplicatesRow)
        problems.push(rowKeys.has(canonical) ? `another row of the table is already ${canonical}` : `another row of the table also names ${alsoNamed}`);
      // Only a certain spelling is safe; options (a missing activity number completed from the
      // table) are suggestions, the first preferred when it is the only one.
      const fixes: Fix[] =
        canonical !== undefined
          ? duplicatesRow
            ? []
            : [{ title: `Change to ${canonical}`, edits: [{ start: token.start, end: token.end, newText: canonical }], safe: true, preferred: true }]
          : options.map((o, i) => {
              const entry = registry.get(scheme.expand(scheme.parseCanonical(o.split('&')[0]) ?? token.parts)[0] ?? o);
              return {
                title: `Change to ${o}${entry ? ` (${describe(entry)})` : ''}`,
                edits: [{ start: token.start, end: token.end, newText: o }],
                safe: false,
                ...(options.length === 1 && i === 0 ? { preferred: true } : {}),
              };
            });
      const why = problems.length ? ` (${problems.join('; ')})` : '';
      const message =
        canonical !== undefined && !duplicatesRow
          ? `Participant ID "${token.raw}" is not in canonical form${why}: write ${canonical}.`
          : options.length && !duplicatesRow
            ? `Participant ID "${token.raw}" is not in canonical form${why}; it could be ${options.join(' or ')}.`
            : `Participant ID "${token.raw}" is not in canonical form${why}.`;
      report({
        start: token.start,
        end: token.end,
        message,
        fixes,
        data: { canonical: duplicatesRow ? undefined : canonical, options: duplicatesRow ? [] : options },
      });
    }
  },
};
