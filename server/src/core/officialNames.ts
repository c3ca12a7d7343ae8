import builtinNames from './data/official-names.json';
import { PhraseFinder, type PhraseAlternative } from './wordStart';
import { escapeRegExp } from './text';

export interface OfficialName {
  id: string;
  name: string;
  variants?: string[];
  kind?: string;
  source?: string;
  note?: string;
}

export const BUILTIN_OFFICIAL_NAMES = (builtinNames as unknown as { names: OfficialName[] }).names;

export interface NameSpan {
  start: number;
  end: number;
  name: string;
}

/** A name ends where a word does. */
const NAME_END = '(?![\\p{L}\\p{N}])';

/** Finds listed official names and user-allowed phrases (case-insensitive, flexible whitespace). */
export class OfficialNameMatcher {
  private readonly alternatives: PhraseAlternative[];
  private readonly finder: PhraseFinder | null;

  constructor(names: OfficialName[], allowedPhrases: string[] = []) {
    const phrases = new Set<string>();
    for (const n of names) for (const p of [n.name, ...(n.variants ?? [])]) phrases.add(p.trim());
    for (const p of allowedPhrases) if (p.trim()) phrases.add(p.trim());
    const sorted = [...phrases].sort((a, b) => b.length - a.length);
    this.alternatives = sorted.map((p) => {
      const words = p.split(/\s+/).map(escapeRegExp);
      return { firstWord: words[0], pattern: words.join('\\s+') };
    });
    this.finder = sorted.length ? new PhraseFinder(this.alternatives, NAME_END) : null;
  }

  /** The one alternation whose matches (at word starts) the finder finds; for tests, never run by the matcher (see PhraseFinder). */
  get regex(): RegExp | null {
    return this.alternatives.length ? new RegExp(`(?:${this.alternatives.map((a) => a.pattern).join('|')})${NAME_END}`, 'giu') : null;
  }

  find(text: string): NameSpan[] {
    const out: NameSpan[] = [];
    if (this.finder) for (const m of this.finder.findAll(text)) out.push({ start: m.index, end: m.index + m.text.length, name: m.text });
    return out.concat(findTitleCaseNames(text));
  }
}

/**
 * The general rule: a run of Title Case words that contains the name of an
 * instrument or body ("Anti-Child Pornography Act of 2009", "Law No. 44 of 2008
 * on Pornography", "Committee on the Rights of the Child") is an official name.
 * Lowercase words stop the run, so "child pornography act" in prose is not one.
 */
const KEYWORDS =
  'Acts?|Laws?|Codes?|Protocols?|Conventions?|Directives?|Regulations?|Committees?|Councils?|Decrees?|Ordinances?|Bills?|Statutes?|Treaty|Treaties|Rapporteurs?|Declarations?|Charter|Constitution|Resolutions?|Rules';
const TITLE_WORD = "(?:\\p{Lu}[\\p{L}'’]*(?:-\\p{Lu}?[\\p{L}'’]*)*|\\p{Lu}+|No\\.|\\d[\\d/.]*)";
const CONNECTOR = '(?:of|on|the|and|for|to|against|in|relating|related|concerning|regarding|No\\.|&)';
const titleRun = `${TITLE_WORD}(?:[ \\t]+(?:${CONNECTOR}[ \\t]+){0,3}${TITLE_WORD}){0,20}`;
const TITLE_NAME = new RegExp(`(?<![\\p{L}\\p{N}])(?:${titleRun})`, 'gu');
const KEYWORD = new RegExp(`(?<![\\p{L}])(?:${KEYWORDS})(?![\\p{L}])`, 'u');

/**
 * Where a Title Case run holds more than a name: "Child Pornography and the Films and
 * Publications Act" is a heading about an Act, "Sexting in the Penal Code" one about
 * a Code. A connector followed by "the" starts a new noun phrase; the name is the
 * phrase with the keyword ("Films and Publications Act"), not the whole line.
 */
const PHRASE_BREAK = /[ \t]+(?:and|&|in|under|with|by|from|at|versus|vs\.|between|through|into|beyond|after|before|since)[ \t]+the[ \t]+/giu;

export function findTitleCaseNames(text: string): NameSpan[] {
  const out: NameSpan[] = [];
  // A keyword inside a run is a keyword of the text too (runs end at word ends), so
  // text without any skips the costly run scan. Most paragraphs have none.
  if (!KEYWORD.test(text)) return out;
  for (const m of text.matchAll(TITLE_NAME)) {
    if (!KEYWORD.test(m[0])) continue;
    let segmentStart = 0;
    const segments: [number, number][] = [];
    for (const b of m[0].matchAll(PHRASE_BREAK)) {
      segments.push([segmentStart, b.index]);
      segmentStart = b.index + b[0].length;
    }
    segments.push([segmentStart, m[0].length]);
    for (const [a, b] of segments) {
      const name = m[0].slice(a, b);
      if (name.split(/[ \t]+/).length >= 2 && KEYWORD.test(name)) out.push({ start: m.index + a, end: m.index + b, name });
    }
  }
  return out;
}
