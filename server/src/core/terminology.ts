import builtinTerminology from './data/terminology.json';
import { PhraseFinder, type PhraseAlternative } from './wordStart';
import { searchView } from './searchView';
import { escapeRegExp } from './text';

export type TermCategory = 'avoid' | 'caution';

export interface TermSource {
  ref: string;
  section?: string;
  pages?: string;
}

export interface TermEntry {
  id: string;
  category: TermCategory;
  terms: string[];
  preferred: string[];
  reason: string;
  source?: TermSource;
  /**
   * The term is flagged only after one of these phrases ("15-year-old young woman").
   * `{n}` stands for an age under 18, in digits or words.
   */
  precededBy?: string[];
  /** The term is flagged only before one of these phrases ("had sex with" a child); `{n}` as above. */
  followedBy?: string[];
  specs?: { text: string; expect: string[] }[];
}

export interface SourceInfo {
  title: string;
  publisher?: string;
  year?: number;
  note?: string;
  url?: string;
}

export interface TerminologyData {
  sources: Record<string, SourceInfo>;
  entries: TermEntry[];
}

export const BUILTIN_TERMINOLOGY = builtinTerminology as unknown as TerminologyData;

export interface TermMatch {
  start: number;
  end: number;
  text: string;
  entry: TermEntry;
}

/**
 * Separators a phrase may be written with: spaces, a soft line break, hyphens. The
 * text is searched in its search view (searchView.ts), where every dash is "-" and
 * invisible characters are gone.
 */
const SEP = '[\\s\\u00A0\\-]+';

/**
 * Lower case, except that a dotted capital I ("İ", Turkish) stays as written: it is
 * the one letter toLowerCase writes as two ("i" + U+0307), and the case-insensitive
 * pattern of such a key matched nowhere, not even the "İ" the user listed (nor did a
 * found "İ…" lead back to its key). As written, "İ" matches "İ".
 */
function lowerCaseKeepingLength(phrase: string): string {
  return phrase
    .split('\u0130')
    .map((piece) => piece.toLowerCase())
    .join('\u0130');
}

function normalise(phrase: string): string {
  return lowerCaseKeepingLength(phrase)
    .replace(/[\s\u00A0\-\u2010-\u2015\u2212]+/g, ' ')
    .trim();
}

/** `{n}` in a context phrase: an age under 18, in digits or words ("14", "fourteen"). */
const AGE_UNDER_18 = '(?:1[0-7]|0?[1-9]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen)';

/** A phrase as a pattern: words joined by any separator, `{n}` an age under 18. */
function phrasePattern(phrase: string): string {
  return normalise(phrase)
    .split(' ')
    .map((w) => w.split('{n}').map(escapeRegExp).join(AGE_UNDER_18))
    .join(SEP);
}

/** A term ends where a word does. */
const TERM_END = '(?![\\p{L}\\p{N}])';

/**
 * The pattern of terms of one entry, with the entry's context conditions (either one)
 * as lookarounds. Several terms (`keys`, in the order they are tried) share one copy of
 * the conditions, which are most of the pattern's size; not when the entry has both
 * kinds, where the order of tries would change (each term before, then after).
 */
export function termPattern(keys: string[], entry: TermEntry): string {
  const words = keys.map((key) => key.split(' ').map(escapeRegExp).join(SEP));
  const before = entry.precededBy?.length ? `(?<=(?<![\\p{L}\\p{N}])(?:${entry.precededBy.map(phrasePattern).join('|')})[\\s\\u00A0\\-]{1,3})` : '';
  const after = entry.followedBy?.length ? `(?=[\\s\\u00A0,(]{1,3}(?:${entry.followedBy.map(phrasePattern).join('|')})(?![\\p{L}\\p{N}]))` : '';
  // Either condition is enough: "a 15-year-old young woman", "the young woman, aged 15".
  if (before && after) return words.map((w) => `(?:${before}${w}|${w}${after})`).join('|');
  const alternation = words.length > 1 ? `(?:${words.join('|')})` : words[0];
  return `${before}${alternation}${after}`;
}

/**
 * Whether two first words could match at the same place: one matches the start of the
 * other, case-insensitively. Exact for ASCII words; for others it answers yes (then the
 * phrases are simply not merged).
 */
function overlapping(a: string, b: string): boolean {
  if (!/^[\x20-\x7e]*$/.test(a + b)) return true;
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  return x.startsWith(y) || y.startsWith(x);
}

/**
 * The phrases (longest first) as alternatives. The phrases of an entry with context
 * conditions that share a first word are one alternative, at the place of the first
 * of them, when no phrase between them could match at the same place (its first word
 * overlaps theirs): the order in which phrases are tried anywhere stays the same.
 */
function termAlternatives(phrases: string[], entryOf: (phrase: string) => TermEntry): PhraseAlternative[] {
  const firstWordOf = (phrase: string) => phrase.split(' ')[0];
  const merged = new Set<number>();
  const keysAt = new Map<number, string[]>();
  const hasOneCondition = (e: TermEntry) => !!e.precededBy?.length !== !!e.followedBy?.length;
  // How many phrases each entry has with each first word: the search for the rest of a run stops when all are found.
  const runLength = new Map<TermEntry, Map<string, number>>();
  for (const phrase of phrases) {
    const entry = entryOf(phrase);
    if (!hasOneCondition(entry)) continue;
    const counts = runLength.get(entry) ?? new Map<string, number>();
    counts.set(firstWordOf(phrase), (counts.get(firstWordOf(phrase)) ?? 0) + 1);
    runLength.set(entry, counts);
  }
  for (let i = 0; i < phrases.length; i++) {
    const entry = entryOf(phrases[i]);
    if (merged.has(i) || !hasOneCondition(entry)) continue;
    const word = firstWordOf(phrases[i]);
    const keys = [phrases[i]];
    let left = runLength.get(entry)!.get(word)! - 1;
    for (let j = i + 1; j < phrases.length && left > 0; j++) {
      const other = firstWordOf(phrases[j]);
      if (entryOf(phrases[j]) === entry && other === word) {
        keys.push(phrases[j]);
        merged.add(j);
        left--;
      } else if (overlapping(word, other)) break;
    }
    keysAt.set(i, keys);
  }
  const out: PhraseAlternative[] = [];
  phrases.forEach((phrase, i) => {
    if (merged.has(i)) return;
    out.push({ firstWord: escapeRegExp(firstWordOf(phrase)), pattern: termPattern(keysAt.get(i) ?? [phrase], entryOf(phrase)) });
  });
  return out;
}

/**
 * All phrases as alternatives, longest first, so at any position the longest
 * phrase wins ("webcam child sex tourism" over "child sex tourism"), found by a
 * PhraseFinder (which compiles only the phrases whose first word a text has). Built only
 * from escaped literals joined by a single separator class (and, for entries with
 * context, lookarounds of the same kind): linear, cannot hang.
 */
export class TermMatcher {
  private readonly alternatives: PhraseAlternative[];
  private readonly finder: PhraseFinder | null;
  private readonly byPhrase = new Map<string, TermEntry>();

  constructor(readonly entries: TermEntry[]) {
    const phrases: string[] = [];
    for (const entry of entries) {
      for (const term of entry.terms) {
        const key = normalise(term);
        if (!key || this.byPhrase.has(key)) continue;
        this.byPhrase.set(key, entry);
        phrases.push(key);
      }
    }
    phrases.sort((a, b) => b.length - a.length);
    this.alternatives = termAlternatives(phrases, (p) => this.byPhrase.get(p)!);
    this.finder = phrases.length ? new PhraseFinder(this.alternatives, TERM_END) : null;
  }

  /** The one alternation whose matches (at word starts) the finder finds; for tests, never run by the matcher (see PhraseFinder). */
  get regex(): RegExp | null {
    return this.alternatives.length ? new RegExp(`(?:${this.alternatives.map((a) => a.pattern).join('|')})${TERM_END}`, 'giu') : null;
  }

  /** Terms in `text`, also when written with invisible characters or other dashes inside (offsets into `text`). */
  match(text: string): TermMatch[] {
    if (!this.finder) return [];
    const out: TermMatch[] = [];
    const view = searchView(text);
    for (const m of this.finder.findAll(view.text)) {
      const entry = this.byPhrase.get(normalise(m.text));
      if (!entry) continue;
      const start = view.startAt(m.index);
      const end = view.endAt(m.index + m.text.length);
      out.push({ start, end, text: text.slice(start, end), entry });
    }
    return out;
  }
}

/** Keeps the original's capitalisation: "Child pornography" → "Child sexual abuse material". */
export function matchCase(original: string, replacement: string): string {
  const letters = original.replace(/[^\p{L}]/gu, '');
  if (letters.length > 1 && letters === letters.toUpperCase()) return replacement.toUpperCase();
  const first = original.match(/\p{L}/u)?.[0];
  if (first && first === first.toUpperCase() && first !== first.toLowerCase()) {
    const i = replacement.search(/\p{L}/u);
    if (i >= 0) return replacement.slice(0, i) + replacement[i].toUpperCase() + replacement.slice(i + 1);
  }
  return replacement;
}
