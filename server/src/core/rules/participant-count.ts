import { md, type Rule } from '../rule';
import { CountScopes } from '../countScope';
import { SMALL_NUMBER_WORDS } from '../facts/counts';

/** Writes a number the way the original was written (digits or words, capitalised or not). */
function writeLike(original: string, n: number): string {
  if (/^\d/.test(original) || n >= SMALL_NUMBER_WORDS.length) return String(n);
  const w = SMALL_NUMBER_WORDS[n];
  return /^[A-Z]/.test(original) ? w[0].toUpperCase() + w.slice(1) : w;
}

export const participantCount: Rule<'participant-count'> = {
  id: 'participant-count',
  description: 'A count of interviews or participants in the prose that contradicts the participant table.',
  defaultSeverity: 'warning',
  fixable: 'suggestion',
  docs: {
    rationale:
      'Methodology sentences ("11 interviews with a total of 12 participants") are easy to leave stale when rows are added. Interviews are the distinct interview numbers in the table, participants its rows (the document\'s tables, or the registry files when it has none). Read: "N interviews" (also "three (3) interviews", "key informant interviews"), "a total of N participants", "N participants (were) interviewed", "twelve (12) participants", "the ten participants", "all ten participants", "of the eleven respondents", with respondents, interviewees and key informants too, and numbers split by a line break. Not read: counts of a part of the sample ("the three participants from the police", "… who …", "… were female", "Of these, five interviews …", "five interviews in person and six online", "In addition, two interviews …"), counts in quotations, footnotes and other tables, and years. With several activities or countries in the registry, a count is compared with the slice its sentence names ("in RA4", "research activity 4", "in Kenya"), with the whole registry when the sentence says so ("in total", "overall", "across both activities"), else with the slice its paragraph or the headings above name (reported without a fix: the sentence itself does not say). A country that every activity shares ("In Kenya, 11 interviews…") does not say which activity, so the paragraph and headings are read for it; only naming every activity, or "in total", means the sum. A count of a respondent group ("twelve caregivers were interviewed", "interviews with 12 police officers", "… interviews with caregivers") is compared only with the one participant table whose heading or caption names that group, and reported without a fix; with no such table, or several, it is not checked. A sentence that cites participant IDs is about them, not about the sample. When nothing says which slice, the count is not checked.',
    examples: [
      {
        title: 'One interview too few',
        markdown: md`
          In total, two interviews with a total of three participants took place.

          | ID Number | Agency |
          | --- | --- |
          | RA1-KE-01-A | Police |
          | RA1-KE-01-B | Police |
          | RA1-KE-02-A | Ministry |
          | RA1-KE-03-A | Court |

          Cited: RA1-KE-01-A&B, RA1-KE-02-A, RA1-KE-03-A.
        `,
        flags: ['two interviews', 'total of three participants'],
        messages: [
          'The text says two interviews, but the participant table lists 3 (distinct interview numbers).',
          'The text says three participants, but the participant table lists 4 (rows).',
        ],
        fixed: md`
          In total, three interviews with a total of four participants took place.

          | ID Number | Agency |
          | --- | --- |
          | RA1-KE-01-A | Police |
          | RA1-KE-01-B | Police |
          | RA1-KE-02-A | Ministry |
          | RA1-KE-03-A | Court |

          Cited: RA1-KE-01-A&B, RA1-KE-02-A, RA1-KE-03-A.
        `,
      },
      {
        title: 'Two activities: each count is compared with the table of the activity its sentence names, or with the sum for the whole study',
        markdown: md`
          In RA1, three interviews were held. In research activity 4, three interviews with caregivers took place. Across both activities, six interviews were held.

          | ID Number | Agency |
          | --- | --- |
          | RA1-KE-01-A | Police |
          | RA1-KE-02-A | Ministry |
          | RA1-KE-03-A | Court |

          | ID Number | Relation |
          | --- | --- |
          | RA4-KE-01-A | Mother |
          | RA4-KE-01-B | Father |
          | RA4-KE-02-A | Grandmother |

          Cited: RA1-KE-01-A, RA1-KE-02-A, RA1-KE-03-A, RA4-KE-01-A&B, RA4-KE-02-A.
        `,
        flags: ['three interviews', 'six interviews'],
        messages: [
          'The text says three interviews for RA4, but the participant table lists 2 for RA4 (distinct interview numbers).',
          'The text says six interviews for the whole study, but the participant table lists 5 for the whole study (distinct interview numbers).',
        ],
        fixed: md`
          In RA1, three interviews were held. In research activity 4, two interviews with caregivers took place. Across both activities, five interviews were held.

          | ID Number | Agency |
          | --- | --- |
          | RA1-KE-01-A | Police |
          | RA1-KE-02-A | Ministry |
          | RA1-KE-03-A | Court |

          | ID Number | Relation |
          | --- | --- |
          | RA4-KE-01-A | Mother |
          | RA4-KE-01-B | Father |
          | RA4-KE-02-A | Grandmother |

          Cited: RA1-KE-01-A, RA1-KE-02-A, RA1-KE-03-A, RA4-KE-01-A&B, RA4-KE-02-A.
        `,
      },
      {
        title: 'A respondent group is compared with the table captioned for it (no fix: the caption, not the sentence, links them)',
        markdown: md`
          Four caregivers were interviewed.

          ## Government officials

          | ID Number | Agency |
          | --- | --- |
          | RA1-KE-01-A | Police |
          | RA1-KE-02-A | Ministry |
          | RA1-KE-03-A | Court |

          ## Caregivers

          | ID Number | Relation |
          | --- | --- |
          | RA4-KE-01-A | Mother |
          | RA4-KE-01-B | Father |
          | RA4-KE-02-A | Grandmother |

          Cited: RA1-KE-01-A, RA1-KE-02-A, RA1-KE-03-A, RA4-KE-01-A&B, RA4-KE-02-A.
        `,
        flags: ['Four caregivers were interviewed'],
        messages: [
          'The text says Four participants for caregivers, but the participant table lists 3 for caregivers (rows). (Compared with the participant table whose heading or caption names caregivers.)',
        ],
      },
      {
        title: 'When the report does not say which activity a count is about, it is not checked',
        markdown: md`
          We held 4 interviews.

          | ID Number | Agency |
          | --- | --- |
          | RA1-KE-01-A | Police |
          | RA1-KE-02-A | Ministry |
          | RA1-KE-03-A | Court |

          | ID Number | Relation |
          | --- | --- |
          | RA4-KE-01-A | Mother |
          | RA4-KE-01-B | Father |
          | RA4-KE-02-A | Grandmother |

          Cited: RA1-KE-01-A, RA1-KE-02-A, RA1-KE-03-A, RA4-KE-01-A&B, RA4-KE-02-A.
        `,
        flags: [],
        messages: [],
      },
      {
        title: 'Other phrasings: "three (3) interviews", "the ten participants", "of the eleven respondents"; both numbers are fixed',
        markdown: md`
          We held three (3) interviews. Of the four respondents, one was a judge.

          | ID Number | Agency |
          | --- | --- |
          | RA1-KE-01-A | Police |
          | RA1-KE-02-A | Ministry |
          | RA1-KE-03-A | Court |

          Cited: RA1-KE-01-A, RA1-KE-02-A, RA1-KE-03-A.
        `,
        flags: ['Of the four respondents'],
        messages: ['The text says four participants, but the participant table lists 3 (rows).'],
        fixed: md`
          We held three (3) interviews. Of the three respondents, one was a judge.

          | ID Number | Agency |
          | --- | --- |
          | RA1-KE-01-A | Police |
          | RA1-KE-02-A | Ministry |
          | RA1-KE-03-A | Court |

          Cited: RA1-KE-01-A, RA1-KE-02-A, RA1-KE-03-A.
        `,
      },
      {
        title: 'Counts that agree pass',
        markdown: md`
          We held 2 interviews with a total of 3 participants.

          | ID Number | Agency |
          | --- | --- |
          | RA1-KE-01-A | Police |
          | RA1-KE-01-B | Police |
          | RA1-KE-02-A | Ministry |

          Cited: RA1-KE-01-A&B, RA1-KE-02-A.
        `,
        flags: [],
        messages: [],
      },
    ],
  },
  check({ model, config, report }) {
    // The document's own participant tables when it has them, else the registry files.
    const entries = model.tableRegistry.length ? model.tableRegistry : model.externalRegistry;
    if (!entries.length || !model.counts.length) return;
    const scheme = config.idScheme;
    const scopes = new CountScopes(model, scheme, entries);
    for (const claim of model.counts) {
      const scope = scopes.scopeOf(claim);
      if (!scope) continue;
      const counts = scopes.countsOf(scope.entries);
      const actual = claim.what === 'interviews' ? counts.interviews : counts.participants;
      if (claim.value === actual) continue;
      const written = model.text.slice(claim.numberSpan.start, claim.numberSpan.end);
      const replacement = writeLike(written, actual);
      const where = scope.label ? ` for ${scope.label}` : '';
      const table = scopes.allFromTables(scope.entries) ? 'participant table' : 'registry';
      // Only a scope the sentence states (or a registry with a single slice) makes the number certain.
      const certain = scope.from === 'only-slice' || scope.from === 'sentence';
      const edits = [{ ...claim.numberSpan, newText: replacement }];
      if (claim.digitsSpan) edits.push({ ...claim.digitsSpan, newText: String(actual) });
      report({
        start: claim.start,
        end: claim.end,
        message:
          `The text says ${written} ${claim.what}${where}, but the ${table} lists ${actual}${where} (${claim.what === 'interviews' ? 'distinct interview numbers' : 'rows'}).` +
          (certain
            ? ''
            : scope.from === 'group'
              ? ` (Compared with the participant table whose heading or caption names ${scope.label}.)`
              : ` (The ${scope.from} above names ${scope.label}; check that the sentence is about it.)`),
        fixes: certain ? [{ title: `Change "${written}" to "${replacement}"`, edits, safe: false, preferred: true }] : [],
        data: { what: claim.what, stated: claim.value, actual, scope: scope.label, scopeFrom: scope.from },
      });
    }
  },
};
