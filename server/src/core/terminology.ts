import builtinTerminology from './data/terminology.json';
import { PhraseFinder } from './wordStart';
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

function normalise(phrase: string): string {
  return phrase
    .toLowerCase()
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

/** The pattern of one term of an entry, with the entry's context conditions (either one) as lookarounds. */
function termPattern(key: string, entry: TermEntry): string {
  const words = key.split(' ').map(escapeRegExp).join(SEP);
  const before = entry.precededBy?.length ? `(?<=(?<![\\p{L}\\p{N}])(?:${entry.precededBy.map(phrasePattern).join('|')})[\\s\\u00A0\\-]{1,3})` : '';
  const after = entry.followedBy?.length ? `(?=[\\s\\u00A0,(]{1,3}(?:${entry.followedBy.map(phrasePattern).join('|')})(?![\\p{L}\\p{N}]))` : '';
  // Either condition is enough: "a 15-year-old young woman", "the young woman, aged 15".
  if (before && after) return `(?:${before}${words}|${words}${after})`;
  return `${before}${words}${after}`;
}

/**
 * One alternation of all phrases, longest first, so at any position the longest
 * phrase wins ("webcam child sex tourism" over "child sex tourism"). Built only
 * from escaped literals joined by a single separator class (and, for entries with
 * context, lookarounds of the same kind): linear, cannot hang.
 */
export class TermMatcher {
  private readonly regex: RegExp | null;
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
    const alternation = phrases.map((p) => termPattern(p, this.byPhrase.get(p)!)).join('|');
    // The word start is checked by execAtWordStart (faster than a lookbehind here).
    this.regex = phrases.length ? new RegExp(`(?:${alternation})(?![\\p{L}\\p{N}])`, 'giu') : null;
    this.finder = this.regex
      ? new PhraseFinder(
          phrases.map((p) => escapeRegExp(p.split(' ')[0])),
          this.regex,
        )
      : null;
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
