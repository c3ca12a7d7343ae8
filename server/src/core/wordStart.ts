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

/**
 * Finds the matches of a long alternation of phrases faster: a short alternation
 * of the phrases' first words finds where one could start, and the full pattern
 * is tried there only (sticky). Every phrase begins with its first word, and no
 * position is skipped, so the matches are those of `execAtWordStart(pattern)`.
 */
export class PhraseFinder {
  private readonly first: RegExp;
  private readonly sticky: RegExp;

  /** `firstWords`: each phrase's first word as a regular expression source; `pattern`: flags `giu`. */
  constructor(firstWords: string[], pattern: RegExp) {
    this.first = new RegExp(`(?:${[...new Set(firstWords)].join('|')})`, 'giu');
    this.sticky = new RegExp(pattern.source, 'yiu');
  }

  findAll(text: string): { index: number; text: string }[] {
    const out: { index: number; text: string }[] = [];
    this.first.lastIndex = 0;
    for (let m = execAtWordStart(this.first, text); m; m = execAtWordStart(this.first, text)) {
      this.sticky.lastIndex = m.index;
      const full = this.sticky.exec(text);
      if (full && full[0].length) {
        out.push({ index: m.index, text: full[0] });
        this.first.lastIndex = m.index + full[0].length;
      } else this.first.lastIndex = m.index + ((text.codePointAt(m.index) ?? 0) > 0xffff ? 2 : 1);
    }
    return out;
  }
}
