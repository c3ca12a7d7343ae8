import type { Span } from './types';
import { append } from './text';

/**
 * Titles of cited works written as plain text. After conversion from Word or PDF a
 * reference list loses its italics, so `Doe, J. (2014). Child pornography laws
 * compared. Publisher.` shows the title only through the structure of the
 * reference. The title is not the author's wording, whatever its case, and the
 * terminology rules must not rewrite it. Recognised styles:
 *
 * - APA and Harvard: an author list, a year in parentheses, then the title
 *   (`Doe, J., & Roe, K. (2014). Title: Subtitle.`, `UNICEF (2021) Title.`), also
 *   several in one footnote (`…; Roe, K. (2019). Title.`);
 * - Chicago author-date: `Doe, Jane. 2014. Title.`;
 * - Chicago and MLA bibliography: `Doe, Jane. Title. Place: Publisher, 2014.`;
 * - Chicago notes: `Jane Doe, Title of Book (Place: Publisher, 2014), 12.`;
 * - Vancouver: `Doe J, Roe K. Title. Journal. 2014;12(3):45-67.`
 *
 * The title runs to the end of its sentence. A reference is recognised only when
 * the text before the title is an author list (surnames, initials, "et al.", "&",
 * an organisation's capitalised name), so a year in the author's own prose
 * ("Reports rose (2019). Child pornography…") is not a reference unless it follows
 * nothing but names.
 */

/** One word of an author list: a capitalised name, initials ("J.", "J.-P."), an acronym, "et al.", a connector. */
const NAME_TOKEN =
  /^(?:(?:(?:al|el|bin|binti|ibn|d|l)[-'’])?\p{Lu}[\p{L}\p{M}'’-]*[,.]?|\p{Lo}[\p{L}\p{M}]*[,.]?|(?:\p{Lu}\.-?)+,?|[[(]\p{Lu}[\p{L}\p{N}-]*[\])][,.]?|et|al\.?,?|&|and|of|the|for|on|de|da|das|do|dos|du|di|van|von|der|den|la|le|del|bin|binti|ibn)$/u;

/**
 * An author list: name words, commas and initials, nothing else (at most 30 words).
 * Tested word by word: a single regular expression over the whole list would try
 * exponentially many ways to split a run of capitals into words.
 */
function isAuthorList(s: string): boolean {
  const words = s.split(/[ \t\u00A0]+/).filter(Boolean);
  return words.length > 0 && words.length <= 30 && words.every((w) => NAME_TOKEN.test(w));
}
/** Author lists are short; no longer stretch before a year is searched for one. */
const MAX_AUTHORS = 300;
/** References in one footnote or list entry beyond this are left unchecked (silent). */
const MAX_REFERENCES = 50;
/** A title longer than this is not one: its "sentence" ends here. */
const MAX_TITLE = 1000;
const APA_YEAR = /\((?:1[5-9]\d{2}|20\d{2})[a-z]?(?:,[^()\n]{1,40})?\)\.?[ \t\u00A0]+|\(n\.[ \t]?d\.\)\.?[ \t\u00A0]+/g;
/** The start of an entry inside a footnote: its beginning, or after "; " or a sentence end. */
const ENTRY_BREAK = /(?:^|;[ \t]+|[.!?][ \t]+)(?:See(?: also)?:?[ \t]+|Cited in:?[ \t]+)?/gu;

const CHICAGO_AUTHOR_DATE =
  /^(\p{Lu}[\p{L}'’-]+,[ \t]+\p{Lu}[\p{L}'’.-]*(?:[ \t]+\p{Lu}[\p{L}'’.-]*){0,3}(?:,?[ \t]+(?:and|&)[ \t]+[^.]{1,80})?\.[ \t]+(?:1[5-9]\d{2}|20\d{2})[a-z]?\.[ \t]+)/u;
const CHICAGO_BIBLIOGRAPHY = /^(\p{Lu}[\p{L}'’-]+,[ \t]+\p{Lu}[\p{L}'’-]*(?:[ \t]+\p{Lu}[\p{L}'’.-]*){0,3}(?:,?[ \t]+(?:and|&)[ \t]+[^.]{1,80})?\.[ \t]+)/u;
const CHICAGO_NOTE =
  /^(\p{Lu}[\p{L}'’.-]*(?:[ \t]+\p{Lu}[\p{L}'’.-]*){1,3}(?:,?[ \t]+(?:and|&)[ \t]+\p{Lu}[\p{L}'’.-]*(?:[ \t]+\p{Lu}[\p{L}'’.-]*){1,3})?,[ \t]+)([^()\n]{3,300}?)[ \t]+\([^()\n]{0,120}\b(?:1[5-9]\d{2}|20\d{2})\)/u;
const VANCOUVER = /^((?:\p{Lu}[\p{L}'’-]+[ \t]+\p{Lu}{1,3},[ \t]+){0,12}\p{Lu}[\p{L}'’-]+[ \t]+\p{Lu}{1,3}(?:,?[ \t]+et al)?\.[ \t]+)/u;
/** What follows a Vancouver title: a journal and `2014;12(3)`, `2014 Mar;`, or a publisher and year. */
const VANCOUVER_TAIL = /\b(?:1[5-9]\d{2}|20\d{2})(?:[ \t]+\p{Lu}\p{Ll}{2})?(?:[ \t]+\d{1,2})?;|:[ \t]*[^.;]{2,80};[ \t]*(?:1[5-9]\d{2}|20\d{2})/u;
const YEAR = /\b(?:1[5-9]\d{2}|20\d{2})\b/;
/** Abbreviations that do not end a title's sentence. */
const ABBREVIATION_BEFORE = /(?:\b\p{Lu}|\bNo|\bVol|\bvs|\bed|\beds|\bpp?|\bSt|\bInc|\bLtd|\bCo)$/u;

/** End of the sentence that starts at `from` (before `limit`): after its . ? or !, or `limit`. */
function sentenceEnd(text: string, from: number, limit: number): number {
  limit = Math.min(limit, from + MAX_TITLE);
  for (let i = from; i < limit; i++) {
    const c = text[i];
    if (c === '\n' && text[i + 1] === '\n') return i;
    if (c !== '.' && c !== '?' && c !== '!') continue;
    const next = text[i + 1];
    if (next !== undefined && i + 1 < limit && !/\s/.test(next)) continue;
    if (c === '.' && ABBREVIATION_BEFORE.test(text.slice(Math.max(from, i - 4), i))) continue;
    return i + 1;
  }
  return limit;
}

/** Title spans of references in `text[from, to)`: a footnote definition's content or one reference-list entry. */
export function citedTitleSpans(text: string, from: number, to: number, anywhere = true): Span[] {
  const out: Span[] = [];
  const entry = text.slice(from, to);
  const push = (start: number) => {
    const end = sentenceEnd(text, start, to);
    if (end > start) out.push({ start, end });
  };
  // APA and Harvard: a year in parentheses after nothing but names.
  let references = 0;
  for (const m of entry.matchAll(APA_YEAR)) {
    if (references >= MAX_REFERENCES) break;
    // The author list: the longest stretch before the year, starting at the entry or after a
    // break ("; ", ". "), that is nothing but names. Initials end in ". " too, hence the search.
    const windowStart = Math.max(0, m.index - MAX_AUTHORS);
    const before = entry.slice(windowStart, m.index);
    let start = -1;
    for (const b of before.matchAll(ENTRY_BREAK)) {
      if (b.index === 0 && windowStart > 0) continue;
      const candidate = b.index + b[0].length;
      if (isAuthorList(before.slice(candidate).replace(/^\d+[.)][ \t]+/, ''))) {
        start = windowStart + candidate;
        break;
      }
    }
    if (start < 0 || (!anywhere && start > (/^\d+[.)][ \t]+/.exec(entry)?.[0].length ?? 0))) continue;
    references++;
    push(from + m.index + m[0].length);
  }
  if (out.length) return out;
  const body = entry.replace(/^(?:See(?: also)?:?[ \t]+)/, '');
  const offset = from + entry.length - body.length;
  let m: RegExpExecArray | null;
  if ((m = CHICAGO_AUTHOR_DATE.exec(body))) push(offset + m[1].length);
  else if ((m = CHICAGO_NOTE.exec(body))) out.push({ start: offset + m[1].length, end: offset + m[1].length + m[2].length });
  else if ((m = VANCOUVER.exec(body)) && VANCOUVER_TAIL.test(body.slice(m[1].length))) push(offset + m[1].length);
  else if ((m = CHICAGO_BIBLIOGRAPHY.exec(body))) {
    // The title is the next sentence; a year must follow it (publication facts), else it is prose.
    const titleStart = offset + m[1].length;
    const titleEnd = sentenceEnd(text, titleStart, to);
    if (YEAR.test(text.slice(titleEnd, to))) out.push({ start: titleStart, end: titleEnd });
  }
  return out;
}

const LIST_MARKER = /^[ \t]{0,3}(?:[-*+]|\d{1,3}[.)])[ \t]+/;

/**
 * Titles in a reference list outside footnotes: a paragraph or list whose first line
 * starts as a reference does (`Doe, J. (2014). Title.`); each later line that starts
 * a reference or a list item starts the next entry (an entry may wrap over lines).
 */
export function referenceListTitleSpans(text: string): Span[] {
  if (!YEAR.test(text)) return [];
  const lines: { start: number; end: number; marker: number }[] = [];
  for (let start = 0; start <= text.length;) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    lines.push({ start, end, marker: LIST_MARKER.exec(text.slice(start, end))?.[0].length ?? 0 });
    start = end + 1;
  }
  const startsReference = (l: { start: number; end: number; marker: number }) => citedTitleSpans(text, l.start + l.marker, l.end, false).length > 0;
  if (!startsReference(lines[0])) return [];
  const out: Span[] = [];
  let entry = lines[0];
  for (let i = 1; i <= lines.length; i++) {
    const line = lines[i];
    if (line && !line.marker && !startsReference(line)) continue;
    const entryEnd = lines[i - 1].end;
    append(out, citedTitleSpans(text, entry.start + entry.marker, entryEnd, false));
    if (line) entry = line;
  }
  return out;
}
