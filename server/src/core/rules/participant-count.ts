import type { Rule } from '../rule';

const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty'];

/** Writes a number the way the original was written (digits or words, capitalised or not). */
function writeLike(original: string, n: number): string {
  if (/^\d/.test(original) || n >= WORDS.length) return String(n);
  const w = WORDS[n];
  return /^[A-Z]/.test(original) ? w[0].toUpperCase() + w.slice(1) : w;
}

export const participantCount: Rule = {
  id: 'participant-count',
  description: 'A count of interviews or participants in the prose that contradicts the participant table.',
  defaultSeverity: 'warning',
  fixable: 'suggestion',
  docs: {
    rationale:
      'Methodology sentences ("11 interviews with a total of 12 participants") are easy to leave stale when rows are added. Interviews are the distinct interview numbers in the table, participants its rows.',
    examples: [
      {
        title: 'One interview too few',
        markdown: 'In total, two interviews with a total of three participants took place.\n\n| ID Number | Agency |\n| --- | --- |\n| RA1-KE-01-A | Police |\n| RA1-KE-01-B | Police |\n| RA1-KE-02-A | Ministry |\n| RA1-KE-03-A | Court |\n\nCited: RA1-KE-01-A&B, RA1-KE-02-A, RA1-KE-03-A.\n',
        flags: ['two interviews', 'total of three participants'],
        fixed: 'In total, three interviews with a total of four participants took place.\n\n| ID Number | Agency |\n| --- | --- |\n| RA1-KE-01-A | Police |\n| RA1-KE-01-B | Police |\n| RA1-KE-02-A | Ministry |\n| RA1-KE-03-A | Court |\n\nCited: RA1-KE-01-A&B, RA1-KE-02-A, RA1-KE-03-A.\n',
      },
      {
        title: 'Counts that agree pass',
        markdown: 'We held 2 interviews with a total of 3 participants.\n\n| ID Number | Agency |\n| --- | --- |\n| RA1-KE-01-A | Police |\n| RA1-KE-01-B | Police |\n| RA1-KE-02-A | Ministry |\n\nCited: RA1-KE-01-A&B, RA1-KE-02-A.\n',
        flags: [],
      },
    ],
  },
  check({ model, config, report }) {
    if (!model.tableRegistry.length) return;
    const scheme = config.idScheme;
    const participants = new Set(model.tableRegistry.map((e) => e.id));
    const interviews = new Set<string>();
    for (const id of participants) {
      const p = scheme.parseCanonical(id);
      if (p) interviews.add(`${p.activity ?? ''}-${p.country}-${Number(p.interview)}`);
    }
    for (const claim of model.counts) {
      const actual = claim.what === 'interviews' ? interviews.size : participants.size;
      if (claim.value === actual) continue;
      const written = model.text.slice(claim.numberSpan.start, claim.numberSpan.end);
      const replacement = writeLike(written, actual);
      report({
        start: claim.start,
        end: claim.end,
        message: `The text says ${written} ${claim.what}, but the participant table lists ${actual} (${claim.what === 'interviews' ? 'distinct interview numbers' : 'rows'}).`,
        fixes: [{ title: `Change "${written}" to "${replacement}"`, edits: [{ ...claim.numberSpan, newText: replacement }], safe: false, preferred: true }],
        data: { what: claim.what, stated: claim.value, actual },
      });
    }
  },
};
