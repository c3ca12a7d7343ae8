import { md, type Rule } from '../rule';
import type { RegistryEntry } from '../registry';

export const participantDuplicate: Rule<'participant-duplicate'> = {
  id: 'participant-duplicate',
  description: 'The same participant ID twice in the participant table or registry.',
  defaultSeverity: 'error',
  fixable: 'none',
  docs: {
    rationale: 'Each ID must name one participant; a repeated row makes every citation of it ambiguous.',
    examples: [
      {
        title: 'A repeated row',
        markdown: md`
          | ID Number | Agency |
          | --- | --- |
          | RA1-KE-01-A | Police |
          | RA1-KE-01-A | Ministry |

          As stated (RA1-KE-01-A).
        `,
        flags: ['RA1-KE-01-A'],
        messages: ['Participant RA1-KE-01-A is listed twice in the participant table (first on line 3).'],
      },
      {
        title: 'Participants of one interview share its number but not their letter',
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
  check({ model, report }) {
    const first = new Map<string, RegistryEntry>();
    for (const e of model.tableRegistry) {
      if (e.origin.kind !== 'table') continue;
      const earlier = first.get(e.id);
      if (!earlier) {
        first.set(e.id, e);
        continue;
      }
      const where = earlier.origin.kind === 'table' ? earlier.origin.idSpan : { start: 0, end: 0 };
      report({
        start: e.origin.idSpan.start,
        end: e.origin.idSpan.end,
        message: `Participant ${e.id} is listed twice in the participant table (first on line ${model.lines.positionAt(where.start).line + 1}).`,
        related: [{ ...where, message: `first listing of ${e.id}` }],
        data: { id: e.id },
      });
    }
    // Registry files: the same ID twice across the files in use.
    const seenFile = new Map<string, RegistryEntry>();
    for (const e of model.externalRegistry) {
      if (e.origin.kind !== 'file') continue;
      const earlier = seenFile.get(e.id);
      if (!earlier) {
        seenFile.set(e.id, e);
        continue;
      }
      if (earlier.origin.kind !== 'file') continue;
      // Reported once per document, at its start, pointing at both places.
      report({
        start: 0,
        end: 0,
        message: `Participant ${e.id} is listed twice in the registry files (${earlier.origin.file}:${earlier.origin.line} and ${e.origin.file}:${e.origin.line}).`,
        related: [
          { start: 0, end: 0, file: earlier.origin.file, line: earlier.origin.line, message: 'first listing' },
          { start: 0, end: 0, file: e.origin.file, line: e.origin.line, message: 'second listing' },
        ],
        data: { id: e.id },
      });
    }
  },
};
