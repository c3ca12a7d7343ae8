import builtinTerminology from './data/terminology.json';
import { PhraseFinder } from './wordStart';

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

/** Separators a phrase may be written with: spaces, a soft line break, hyphens. */
const SEP = '[\\s\\u00A0\\-\u2010\u2011]+';

function normalise(phrase: string): string {
  return phrase.toLowerCase().replace(/[\s\u00A0\-\u2010\u2011]+/g, ' ').trim();
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * One alternation of all phrases, longest first, so at any position the longest
 * phrase wins ("webcam child sex tourism" over "child sex tourism"). Built only
 * from escaped literals joined by a single separator class: linear, cannot hang.
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
    const alternation = phrases.map((p) => p.split(' ').map(escapeRegExp).join(SEP)).join('|');
    // The word start is checked by execAtWordStart (faster than a lookbehind here).
    this.regex = phrases.length ? new RegExp(`(?:${alternation})(?![\\p{L}\\p{N}])`, 'giu') : null;
    this.finder = this.regex ? new PhraseFinder(phrases.map((p) => escapeRegExp(p.split(' ')[0])), this.regex) : null;
  }

  match(text: string): TermMatch[] {
    if (!this.finder) return [];
    const out: TermMatch[] = [];
    for (const m of this.finder.findAll(text)) {
      const entry = this.byPhrase.get(normalise(m.text));
      if (entry) out.push({ start: m.index, end: m.index + m.text.length, text: m.text, entry });
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
