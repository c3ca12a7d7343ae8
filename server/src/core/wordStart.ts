import { append } from './text';

/**
 * `regex.exec` for a pattern meant to start at a word start, as if it began with
 * `(?<![\p{L}\p{N}])`. The term and official-name alternations are long; with the
 * lookbehind in the pattern the engine tries every alternative at every position
 * of the text, while a bare alternation is searched for quickly and the few hits
 * are checked here. The first hit that passes is the one the lookbehind would
 * have found: no position before it matches at all.
 */
const WORD_CHAR_AT_END = /[\p{L}\p{N}]$/u;

export function execAtWordStart(regex: RegExp, text: string): RegExpExecArray | null {
  for (let m = regex.exec(text); m; m = regex.exec(text)) {
    const i = m.index;
    if (i === 0 || !WORD_CHAR_AT_END.test(text.slice(Math.max(0, i - 2), i))) return m;
    regex.lastIndex = i + ((text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1);
  }
  return null;
}

/** One alternative of a phrase alternation: its match begins with its first word. */
export interface PhraseAlternative {
  /** The first word, as the pattern writes it: an escaped literal (see escapeRegExp). */
  firstWord: string;
  /** The whole alternative, as a regular expression source. */
  pattern: string;
}

const FIRST_WORD_FLAGS = 'iu';

/**
 * Up to this many distinct first words, each one's phrases are compiled apart (only
 * those a text needs). Beyond, by first letter: each compilation costs ~1 ms whatever
 * its size (V8 closes every `\p{…}` class under case folding anew), so a dictionary of
 * thousands of first words would otherwise spend seconds compiling.
 */
export const GROUPS_COMPILED_APART = 64;
// eslint-disable-next-line no-control-regex -- every ASCII character, control characters included
const ASCII = /^[\x00-\x7f]*$/;

/**
 * The alternation of first words (escaped literals), case-insensitive as with flags
 * `iu`. V8 runs a long `iu` alternation about ten times slower than an `i` one (91 ms
 * against 8 ms for 1,500 words over 140 KB), so when every word is ASCII the flags are
 * `i`, with the two letters that `iu` also matches to non-ASCII characters written as
 * classes: "ſ" (long s) is an "s" and "K" (Kelvin sign) a "k" under Unicode case
 * folding; without `u` no other non-ASCII character matches an ASCII one.
 */
function firstWordsPattern(words: string[]): RegExp {
  const alternation = words.join('|');
  if (!ASCII.test(alternation)) return new RegExp(`(?:${alternation})`, `g${FIRST_WORD_FLAGS}`);
  return new RegExp(`(?:${alternation.replace(/[sS]/g, '[s\u017F]').replace(/[kK]/g, '[k\u212A]')})`, 'gi');
}

/** The literal an escaped literal (escapeRegExp) stands for. */
function unescape(source: string): string {
  return source.replace(/\\(.)/gsu, '$1');
}

/**
 * Finds, at each word start, the first of `alternatives` that matches there (in their
 * order), followed by `suffix`: what the single alternation `(?:a1|a2|…)suffix` would
 * find, with flags `giu` and a word-start lookbehind.
 *
 * That single alternation is never compiled. V8 compiles a pattern when it first runs
 * it, and again (to machine code) soon after: with a few dozen terms and their context
 * phrases the alternation is ~23 KB of source and took ~120 ms of a 0.4 s command-line
 * check; with thousands of user terms, most of a minute. Instead a short alternation of
 * the first words finds where a phrase could start, and only the alternatives whose
 * first word matches there are tried, compiled when first needed: a report that never
 * writes "young" never compiles the "young …" phrases.
 *
 * Why the result is the same: every alternative's match begins with its first word, so
 * one whose first word does not match at a position cannot match there, and dropping it
 * does not change which alternative comes first among those that can. The first words
 * are tried longest first, so the word found at a position is the longest one there and
 * every other first word that matches there matches a prefix of it: the alternatives to
 * try depend only on the text of that word, and are looked up once per distinct word.
 * Trying more alternatives than those (the rest of a bucket, see GROUPS_COMPILED_APART)
 * changes nothing either: the ones that cannot match there never come first.
 */
export class PhraseFinder {
  private readonly first: RegExp;
  /** Per distinct first word: the word anchored at the start (to test a found word), and its alternatives' indices in order. */
  private readonly groups: { word: RegExp; alternatives: number[] }[] = [];
  /** Found word (as written in the text) → the groups whose first word matches it. */
  private readonly groupsOfWord = new Map<string, number[]>();
  /** Groups whose first word is ASCII, by the word in lower case: for an ASCII found word, the only ones to test. */
  private readonly asciiGroups = new Map<string, number[]>();
  /** Groups whose first word is not ASCII: case folding may relate them to an ASCII word ("ſ" and "s"). */
  private readonly otherGroups: number[] = [];
  /** The groups compiled together (see GROUPS_COMPILED_APART), and each group's bucket. */
  private readonly buckets: number[][] = [];
  private readonly bucketOf: number[] = [];
  /** Buckets (indices joined) → their alternatives as one sticky pattern, compiled when first needed. */
  private readonly stickyOfBuckets = new Map<string, RegExp>();

  constructor(
    private readonly alternatives: readonly PhraseAlternative[],
    private readonly suffix = '',
  ) {
    const groupOf = new Map<string, number>();
    alternatives.forEach((alternative, i) => {
      let g = groupOf.get(alternative.firstWord);
      if (g === undefined) {
        g = this.groups.length;
        groupOf.set(alternative.firstWord, g);
        this.groups.push({ word: new RegExp(`^(?:${alternative.firstWord})`, FIRST_WORD_FLAGS), alternatives: [] });
        const literal = unescape(alternative.firstWord);
        if (!ASCII.test(literal)) this.otherGroups.push(g);
        else if (this.asciiGroups.has(literal.toLowerCase())) this.asciiGroups.get(literal.toLowerCase())!.push(g);
        else this.asciiGroups.set(literal.toLowerCase(), [g]);
      }
      this.groups[g].alternatives.push(i);
    });
    // Case-insensitive matching pairs code points one to one, so a longer literal matches more text.
    const literalLength = (source: string) => [...unescape(source)].length;
    const longestFirst = [...groupOf.keys()].sort((a, b) => literalLength(b) - literalLength(a));
    this.first = firstWordsPattern(longestFirst);
    const apart = this.groups.length <= GROUPS_COMPILED_APART;
    const bucketOfKey = new Map<string, number>();
    [...groupOf.keys()].forEach((firstWord, g) => {
      // Apart, or by the first letter in lower case (all non-ASCII first words together).
      const literal = unescape(firstWord);
      const key = apart ? String(g) : ASCII.test(literal) ? literal[0].toLowerCase() : '';
      let bucket = bucketOfKey.get(key);
      if (bucket === undefined) {
        bucket = this.buckets.length;
        bucketOfKey.set(key, bucket);
        this.buckets.push([]);
      }
      this.buckets[bucket].push(g);
      this.bucketOf[g] = bucket;
    });
  }

  findAll(text: string): { index: number; text: string }[] {
    const out: { index: number; text: string }[] = [];
    if (!this.groups.length) return out;
    this.first.lastIndex = 0;
    for (let m = execAtWordStart(this.first, text); m; m = execAtWordStart(this.first, text)) {
      const sticky = this.stickyFor(m[0]);
      sticky.lastIndex = m.index;
      const full = sticky.exec(text);
      if (full && full[0].length) {
        out.push({ index: m.index, text: full[0] });
        this.first.lastIndex = m.index + full[0].length;
      } else this.first.lastIndex = m.index + ((text.codePointAt(m.index) ?? 0) > 0xffff ? 2 : 1);
    }
    return out;
  }

  /** The alternatives that can match where `word` (the longest first word there) was found, as one sticky pattern. */
  private stickyFor(word: string): RegExp {
    let groups = this.groupsOfWord.get(word);
    if (!groups) {
      groups = [];
      if (ASCII.test(word)) {
        // ASCII letters match only their own other case: the candidates are the word's prefixes in lower case.
        const lower = word.toLowerCase();
        for (let end = 1; end <= lower.length; end++) append(groups, this.asciiGroups.get(lower.slice(0, end)) ?? []);
        for (const g of this.otherGroups) if (this.groups[g].word.test(word)) groups.push(g);
      } else for (let g = 0; g < this.groups.length; g++) if (this.groups[g].word.test(word)) groups.push(g);
      groups.sort((a, b) => a - b);
      this.groupsOfWord.set(word, groups);
    }
    // More alternatives than those that can match do not change which one matches first.
    const buckets = [...new Set(groups.map((g) => this.bucketOf[g]))].sort((a, b) => a - b);
    const key = buckets.join(',');
    let sticky = this.stickyOfBuckets.get(key);
    if (!sticky) {
      const indices = buckets.flatMap((b) => this.buckets[b].flatMap((g) => this.groups[g].alternatives)).sort((a, b) => a - b);
      sticky = new RegExp(`(?:${indices.map((i) => this.alternatives[i].pattern).join('|')})${this.suffix}`, `y${FIRST_WORD_FLAGS}`);
      this.stickyOfBuckets.set(key, sticky);
    }
    return sticky;
  }
}
