/**
 * The words the Participants and Footnotes views show, kept free of the `vscode`
 * module so plain mocha tests can check them (test/core/outlineText.test.ts).
 */
import { plural } from '../../../server/src/core/text';
import type { OutlineCountry, OutlineFootnote, OutlineInterview, OutlineParticipant } from '../../../server/src/protocol';

/** The first `words` words of a footnote's text, with an ellipsis when cut. */
export function firstWords(text: string, words = 8): string {
  const all = text.split(/\s+/).filter(Boolean);
  return all.length <= words ? all.join(' ') : `${all.slice(0, words).join(' ')}…`;
}

export function countryLabel(country: OutlineCountry): string {
  if (!country.code) return 'Other IDs';
  return country.name ? `${country.name} (${country.code})` : country.code;
}

function participantsOf(group: OutlineCountry | OutlineInterview): OutlineParticipant[] {
  return 'interviews' in group ? group.interviews.flatMap((i) => i.participants) : group.participants;
}

/** "3 participants · 1 uncited" */
export function groupDescription(group: OutlineCountry | OutlineInterview): string {
  const participants = participantsOf(group);
  const uncited = participants.filter((p) => !p.citations.length).length;
  return [plural(participants.length, 'participant'), uncited ? `${uncited} uncited` : ''].filter(Boolean).join(' · ');
}

/** "Police · Inspector · cited 2×" or "… · not cited" */
export function participantDescription(p: OutlineParticipant): string {
  return [p.agency, p.position, p.citations.length ? `cited ${p.citations.length}×` : 'not cited'].filter(Boolean).join(' · ');
}

/** The footnote's number as the reader sees it: `[^1]` or `¹`. */
export function footnoteLabel(f: OutlineFootnote): string {
  if (f.style === 'gfm') return `[^${f.label}]`;
  const digits = '⁰¹²³⁴⁵⁶⁷⁸⁹';
  return /^\d+$/.test(f.label) ? [...f.label].map((d) => digits[Number(d)]).join('') : f.label;
}

/** "Example Institute. (2022). A report… · 2 references · 1 problem" */
export function footnoteDescription(f: OutlineFootnote): string {
  const text = f.definition ? firstWords(f.text) || '(empty)' : 'not defined';
  const refs = f.references.length ? plural(f.references.length, 'reference') : 'not referenced';
  return [text, refs, f.problems.length ? plural(f.problems.length, 'problem') : ''].filter(Boolean).join(' · ');
}
