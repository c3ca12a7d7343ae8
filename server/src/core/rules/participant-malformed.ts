import type { Rule } from '../rule';
import type { Fix } from '../types';
import { padInterview } from '../participantIds';
import { DASHES, INVISIBLE } from '../searchView';
import { describe, interviewWidth, registryIdsWithoutActivity } from '../participants';

export const participantMalformed: Rule = {
  id: 'participant-malformed',
  description: 'A participant ID not written in canonical form (spaces, dashes, case, padding, missing parts).',
  defaultSeverity: 'warning',
  fixable: 'safe',
  docs: {
    rationale:
      'IDs are how readers and reviewers trace a quotation to a participant; a misspelt ID cannot be searched for or checked against the table. The fix rewrites it in canonical form; where the intended ID is ambiguous (a missing activity number with several activities in the table) the registry IDs that fit are offered instead. IDs from Word and PDF are found through soft line breaks, every Unicode dash, minus and space (no-break, thin), soft hyphens and zero-width characters, and count as citations of their participant. "A and B", "A/B" and "A, B" after one interview number are read as the combined A&B only when the registry has every participant so named (otherwise "and I" may be prose, and only the first ID is read). A custom participantIds.pattern gets the same tolerance as the default: unpadded interview numbers, any case, spaces and dashes between parts.',
    examples: [
      {
        title: 'A space after the hyphen, and a space before the combined letters',
        markdown: '| ID Number | Agency |\n| --- | --- |\n| RA1-KE-01-A | Police |\n| RA1-KE-01-B | Police |\n\nOne officer said so (RA1- KE-01-A), and both agreed (RA1-KE-01 A&B).\n',
        flags: ['RA1- KE-01-A', 'RA1-KE-01 A&B'],
        fixed: '| ID Number | Agency |\n| --- | --- |\n| RA1-KE-01-A | Police |\n| RA1-KE-01-B | Police |\n\nOne officer said so (RA1-KE-01-A), and both agreed (RA1-KE-01-A&B).\n',
      },
      {
        title: 'Missing activity number, lowercase and missing zero padding',
        markdown: '| ID Number | Agency |\n| --- | --- |\n| RA1-KE-05-A | Ministry |\n\nAs noted (RA-KE-05-A; ra1-ke-5-a).\n',
        flags: ['RA-KE-05-A', 'ra1-ke-5-a'],
        fixed: '| ID Number | Agency |\n| --- | --- |\n| RA1-KE-05-A | Ministry |\n\nAs noted (RA1-KE-05-A; RA1-KE-05-A).\n',
      },
      {
        title: 'Conversion artefacts: a line break, a non-breaking hyphen, a soft hyphen or a zero-width space inside the ID',
        markdown: '| ID Number | Agency |\n| --- | --- |\n| RA1-KE-01-A | Police |\n| RA1-KE-02-A | Court |\n| RA1-KE-03-A | Ministry |\n| RA1-KE-04-A | NGO |\n\nAs one officer said (RA1-KE-\n01-A), and a judge (RA1\u2011KE\u201102\u2011A), and an official (RA1-KE-0\u00AD3-A), and a worker (RA1-KE\u200B-04-A).\n',
        flags: ['RA1-KE-\n01-A', 'RA1\u2011KE\u201102\u2011A', 'RA1-KE-0\u00AD3-A', 'RA1-KE\u200B-04-A'],
        fixed: '| ID Number | Agency |\n| --- | --- |\n| RA1-KE-01-A | Police |\n| RA1-KE-02-A | Court |\n| RA1-KE-03-A | Ministry |\n| RA1-KE-04-A | NGO |\n\nAs one officer said (RA1-KE-01-A), and a judge (RA1-KE-02-A), and an official (RA1-KE-03-A), and a worker (RA1-KE-04-A).\n',
      },
      {
        title: 'Two participants of one interview joined by "and", "/" or ",": read as A&B only when the table has both',
        markdown: '| ID Number | Agency |\n| --- | --- |\n| RA1-KE-01-A | Police |\n| RA1-KE-01-B | Police |\n\nBoth agreed (RA1-KE-01-A and B; RA1-KE-01-A/B). RA1-KE-01-A and I met twice.\n',
        flags: ['RA1-KE-01-A and B', 'RA1-KE-01-A/B'],
        fixed: '| ID Number | Agency |\n| --- | --- |\n| RA1-KE-01-A | Police |\n| RA1-KE-01-B | Police |\n\nBoth agreed (RA1-KE-01-A&B; RA1-KE-01-A&B). RA1-KE-01-A and I met twice.\n',
      },
      {
        title: 'A custom pattern gets the same tolerance: padding, case, spaces and dashes',
        config: { participantIds: { pattern: 'P(?<activity>\\d)_(?<country>[A-Z]{3})(?<interview>\\d{3})(?<participant>[a-z])', format: 'P{activity}_{country}{interview}{participant}' } },
        markdown: '| ID | Role |\n| --- | --- |\n| P1_KEN007a | Nurse |\n| P1_KEN007b | Nurse |\n\nThey said so (P1_KEN7a; p1_ken-007-b).\n',
        flags: ['P1_KEN7a', 'p1_ken-007-b'],
        fixed: '| ID | Role |\n| --- | --- |\n| P1_KEN007a | Nurse |\n| P1_KEN007b | Nurse |\n\nThey said so (P1_KEN007a; P1_KEN007b).\n',
      },
      {
        title: 'Canonical IDs pass',
        markdown: '| ID Number | Agency |\n| --- | --- |\n| RA1-KE-01-A | Police |\n\nAs stated (RA1-KE-01-A).\n',
        flags: [],
      },
    ],
  },
  check({ model, config, registry, report }) {
    const scheme = config.idScheme;
    const width = interviewWidth(registry, scheme);
    for (const token of model.ids) {
      const interview = padInterview(token.parts.interview, width);
      // The pattern may accept 2 or 3 digits, but the other rules read "RA1-IN-005-A"
      // as the registry's RA1-IN-05-A: a spelling that differs from it is malformed.
      if (token.canonical && interview === token.parts.interview) continue;
      const problems: string[] = [];
      if (/\n/.test(token.raw)) problems.push('a line break splits it');
      if (/[^\S\n]/.test(token.raw)) problems.push('it contains spaces');
      if (DASHES.test(token.raw)) problems.push('it uses a dash other than a hyphen (or a minus sign)');
      if (INVISIBLE.test(token.raw)) problems.push('it contains an invisible character (a soft hyphen or a zero-width character)');
      if (token.looseJoin) problems.push('participants of one interview are joined with "&" in the canonical form');
      // Letter case as the configured pattern wants it (capitals in the default scheme).
      const letters = (s: string) => s.replace(/[^\p{L}]/gu, '');
      const wantedLetters = letters(scheme.canonicalText(token.parts, token.parts.interview, token.parts.activity ?? ''));
      if (letters(token.raw) !== wantedLetters && letters(token.raw).toUpperCase() === wantedLetters.toUpperCase()) {
        problems.push(wantedLetters === wantedLetters.toUpperCase() ? 'it is not in capitals' : 'its letter case differs from the configured form');
      }
      if (interview.length > token.parts.interview.length) problems.push('the interview number is not zero-padded');
      else if (interview !== token.parts.interview) problems.push('the interview number has more leading zeros than the registry uses');
      const fixes: Fix[] = [];
      let canonical: string | undefined;
      if (token.parts.activity === undefined && scheme.hasActivity) {
        problems.push('the activity number is missing');
        // Registry IDs that agree on everything but the activity number.
        const wanted = scheme.expand(token.parts, interview, '');
        const activities = new Set<string>();
        for (const id of registryIdsWithoutActivity(registry, scheme, wanted)) {
          const activity = scheme.parseCanonical(id)?.activity;
          if (activity) activities.add(activity);
        }
        const options = [...activities].sort().map((a) => scheme.canonicalText(token.parts, interview, a));
        if (options.length === 1) canonical = options[0];
        else
          for (const o of options) {
            const entry = registry.get(scheme.expand(scheme.parseCanonical(o.split('&')[0]) ?? token.parts)[0] ?? o);
            fixes.push({ title: `Change to ${o}${entry ? ` (${describe(entry)})` : ''}`, edits: [{ start: token.start, end: token.end, newText: o }], safe: false });
          }
      } else canonical = scheme.canonicalText(token.parts, interview);
      if (canonical !== undefined && !scheme.isCanonical(canonical.split('&')[0])) canonical = undefined;
      if (canonical !== undefined) {
        fixes.unshift({ title: `Change to ${canonical}`, edits: [{ start: token.start, end: token.end, newText: canonical }], safe: true, preferred: true });
      }
      const why = problems.length ? ` (${problems.join('; ')})` : '';
      const message =
        canonical !== undefined
          ? `Participant ID "${token.raw}" is not in canonical form${why}: write ${canonical}.`
          : fixes.length
            ? `Participant ID "${token.raw}" is not in canonical form${why}; it could be ${fixes.map((f) => f.edits[0].newText).join(' or ')}.`
            : `Participant ID "${token.raw}" is not in canonical form${why}.`;
      report({ start: token.start, end: token.end, message, fixes, data: { canonical, options: fixes.map((f) => f.edits[0].newText) } });
    }
  },
};
