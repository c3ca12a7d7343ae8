/**
 * TeX math written with dollars, as Pandoc and Quarto read it (the tex_math_dollars
 * extension): `$…$` inline and `$$…$$` display math. Inside math an `@` is not a
 * citation and words are not prose.
 *
 * Pandoc's rule, not remark-math's: remark-math reads `$` like a code-span backtick,
 * so "between $5 and $6" would be math there; in Pandoc the opening `$` must have a
 * non-space character right after it, and the closing `$` a non-space character right
 * before it and no digit right after it; it is the first `$` after the opening (when that one
 * cannot close, there is no math from that opening). A backslash escapes the next character, and
 * math does not run across a blank line (a paragraph break).
 */
import type { Span } from './types';
import type { SpanIndex } from './spanIndex';

const DOLLAR = 36;
const BACKSLASH = 92;
const NEWLINE = 10;

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === NEWLINE || c === 13;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Whether a blank line starts at `at` (spaces or tabs, then a line break). */
function blankLineAt(text: string, at: number): boolean {
  let i = at;
  while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9 || text.charCodeAt(i) === 13) i++;
  return text.charCodeAt(i) === NEWLINE;
}

/**
 * The end of the math whose content starts at `from` (just after the closing
 * delimiter), or -1 with `stop`: where the search ended (a blank line or the end).
 */
function closing(text: string, from: number, display: boolean, skip: SpanIndex): { end: number; stop: number } {
  for (let j = from; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === BACKSLASH) {
      j++;
      continue;
    }
    if (c === NEWLINE && blankLineAt(text, j + 1)) return { end: -1, stop: j };
    if (c !== DOLLAR || j === from || skip.overlaps({ start: j, end: j + 1 })) continue;
    if (display) {
      if (text.charCodeAt(j + 1) === DOLLAR) return { end: j + 2, stop: j };
      continue;
    }
    // Inline math ends at its first "$" (Pandoc's many1Till): when that one cannot close (a space before it,
    // a digit after it), there is no math from this opener, and no later "$" closes it: "$5 … $x$" is a
    // price, then math. Going on to the later "$" hid the citations and terms between two prices.
    if (!isSpace(text.charCodeAt(j - 1)) && !isDigit(text.charCodeAt(j + 1))) return { end: j + 1, stop: j };
    return { end: -1, stop: j };
  }
  return { end: -1, stop: text.length };
}

/**
 * Spans of TeX math in a text, delimiters included, outside the `skip` spans (code,
 * URLs, HTML). Linear: whether a `$` closes does not depend on where the math opened,
 * so once a search from one opening finds no closing up to some point, no opening
 * before that point is searched from again (a run of unclosed `$a $b …` is hostile input).
 */
export function texMathSpans(text: string, skip: SpanIndex): Span[] {
  const out: Span[] = [];
  if (!text.includes('$')) return out;
  let inlineHopelessBefore = -1;
  let displayHopelessBefore = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) {
      i++;
      continue;
    }
    if (c !== DOLLAR || skip.overlaps({ start: i, end: i + 1 })) continue;
    const display = text.charCodeAt(i + 1) === DOLLAR;
    if (display ? i < displayHopelessBefore : i < inlineHopelessBefore || isSpace(text.charCodeAt(i + 1)) || i + 1 >= text.length) {
      if (display) i++;
      continue;
    }
    const found = closing(text, i + (display ? 2 : 1), display, skip);
    if (found.end < 0) {
      if (display) {
        displayHopelessBefore = found.stop;
        i++;
      } else inlineHopelessBefore = found.stop;
      continue;
    }
    out.push({ start: i, end: found.end });
    i = found.end - 1;
  }
  return out;
}
