import type { Rule } from '../rule';
import type { RegistryEntry } from '../registry';

export const participantDuplicate: Rule = {
  id: 'participant-duplicate',
  description: 'The same participant ID twice in the participant table or registry.',
  defaultSeverity: 'error',
  fixable: 'none',
  docs: {
    rationale: 'Each ID must name one participant; a repeated row makes every citation of it ambiguous.',
    examples: [
      {
        title: 'A repeated row',
        markdown: '| ID Number | Agency |\n| --- | --- |\n| RA1-KE-01-A | Police |\n| RA1-KE-01-A | Ministry |\n\nAs stated (RA1-KE-01-A).\n',
        flags: ['RA1-KE-01-A'],
      },
      {
        title: 'Participants of one interview share its number but not their letter',
        markdown: '| ID Number | Agency |\n| --- | --- |\n| RA1-KE-01-A | Police |\n| RA1-KE-01-B | Police |\n\nBoth agreed (RA1-KE-01-A&B).\n',
        flags: [],
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
