/**
 * Text converted from Word or PDF, or typed on some keyboards, holds characters a
 * reader does not see or cannot tell apart from a plain one: soft hyphens (U+00AD),
 * zero-width spaces and joiners (U+200B–U+200D, U+2060, U+FEFF), a dozen dashes and
 * minus signs, thin and no-break spaces, and the ligatures PDF text extraction
 * leaves ("traﬃcking" with U+FB03). A participant ID or a guideline term written
 * with them is still that ID or term, so the patterns run on a *search view* of the
 * text: invisible characters removed, every dash and minus written as "-", every
 * space as " ", ligatures spelt out. Matches are mapped back to offsets in the
 * original text, so findings and fixes cover what is written.
 */

/** Characters that take no space: soft hyphen, zero-width space/non-joiner/joiner, word joiner, BOM. */
export const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/;
/** Hyphens, dashes and minus signs: U+2010–U+2015, U+2212 minus, U+FE63 small hyphen-minus, U+FF0D fullwidth hyphen-minus. */
export const DASHES = /[\u2010-\u2015\u2212\uFE63\uFF0D]/;
/** Spaces other than the ASCII one: no-break, en/em/thin/hair spaces, narrow no-break (French before »), ideographic. */
const SPACES = /[\u00A0\u2000-\u200A\u202F\u205F\u3000]/;
/** Latin ligatures (Alphabetic Presentation Forms) as PDF text extraction leaves them. */
const LIGATURES: Record<string, string> = { '\uFB00': 'ff', '\uFB01': 'fi', '\uFB02': 'fl', '\uFB03': 'ffi', '\uFB04': 'ffl', '\uFB05': 'st', '\uFB06': 'st' };
/** A Markdown backslash escape (CommonMark: before any ASCII punctuation character), as converters write `RA1\-KE\-01\-A` or `S2\_UG\_14\_A`. */
export const MARKDOWN_ESCAPE = /\\[!-/:-@[-`{-~]/;
const ESCAPED = /^[!-/:-@[-`{-~]$/;
const ANY = /[\u00AD\u200B-\u200D\u2060\uFEFF\u2010-\u2015\u2212\uFE63\uFF0D\u00A0\u2000-\u200A\u202F\u205F\u3000\uFB00-\uFB06]|\\[!-/:-@[-`{-~]/;

export interface SearchView {
  /** The text to search. */
  text: string;
  /** Original offset of a match start in the view (invisible characters just before it are not part of it). */
  startAt(viewOffset: number): number;
  /** Original offset of a match end in the view (invisible characters just after it are not part of it). */
  endAt(viewOffset: number): number;
}

const IDENTITY = (n: number) => n;

export function searchView(text: string): SearchView {
  if (!ANY.test(text)) return { text, startAt: IDENTITY, endAt: IDENTITY };
  // For each character of the view: where the original character it comes from starts and ends.
  const from: number[] = [];
  const to: number[] = [];
  let view = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    let out = c;
    // The backslash of an escape is not seen by a reader; the character it escapes is (`\\` shows one backslash).
    if (c === '\\' && i + 1 < text.length && ESCAPED.test(text[i + 1])) {
      from.push(i + 1);
      to.push(i + 2);
      view += text[++i];
      continue;
    }
    if (INVISIBLE.test(c)) out = '';
    else if (DASHES.test(c)) out = '-';
    else if (SPACES.test(c)) out = ' ';
    else if (LIGATURES[c]) out = LIGATURES[c];
    for (let k = 0; k < out.length; k++) {
      from.push(i);
      to.push(i + 1);
    }
    view += out;
  }
  return {
    text: view,
    startAt: (o) => (o >= from.length ? text.length : from[o]),
    endAt: (o) => (o <= 0 ? 0 : to[Math.min(o, to.length) - 1]),
  };
}
