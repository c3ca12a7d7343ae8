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
