/**
 * Text converted from Word or PDF, or typed on some keyboards, holds characters a
 * reader does not see or cannot tell apart from a hyphen: soft hyphens (U+00AD),
 * zero-width spaces and joiners (U+200B–U+200D, U+2060, U+FEFF) and a dozen dashes
 * and minus signs. A participant ID or a guideline term written with them is still
 * that ID or term, so the patterns run on a *search view* of the text: invisible
 * characters removed, every dash and minus written as "-". Matches are mapped back
 * to offsets in the original text, so findings and fixes cover what is written.
 */

/** Characters that take no space: soft hyphen, zero-width space/non-joiner/joiner, word joiner, BOM. */
export const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/;
const INVISIBLE_G = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;
/** Hyphens, dashes and minus signs: U+2010–U+2015, U+2212 minus, U+FE63 small hyphen-minus, U+FF0D fullwidth hyphen-minus. */
export const DASHES = /[\u2010-\u2015\u2212\uFE63\uFF0D]/;
const DASHES_G = /[\u2010-\u2015\u2212\uFE63\uFF0D]/g;
const ANY = /[\u00AD\u200B-\u200D\u2060\uFEFF\u2010-\u2015\u2212\uFE63\uFF0D]/;

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
  const dashed = text.replace(DASHES_G, '-');
  if (!INVISIBLE.test(dashed)) return { text: dashed, startAt: IDENTITY, endAt: IDENTITY };
  // removedAt[k]: the view offset at which the k-th removed character stood.
  const removedAt: number[] = [];
  let view = '';
  let last = 0;
  INVISIBLE_G.lastIndex = 0;
  for (let m = INVISIBLE_G.exec(dashed); m; m = INVISIBLE_G.exec(dashed)) {
    view += dashed.slice(last, m.index);
    removedAt.push(view.length);
    last = m.index + 1;
  }
  view += dashed.slice(last);
  /** How many removed characters stood at view offsets ≤ `offset` (or < when `strict`). */
  const removedUpTo = (offset: number, strict: boolean) => {
    let lo = 0;
    let hi = removedAt.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (strict ? removedAt[mid] < offset : removedAt[mid] <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return {
    text: view,
    startAt: (o) => o + removedUpTo(o, false),
    endAt: (o) => o + removedUpTo(o, true),
  };
}
