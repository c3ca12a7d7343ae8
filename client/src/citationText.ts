/**
 * Text decisions of Insert Bibliography Citation, free of the `vscode` module so
 * plain mocha tests can check them (test/core/citationText.test.ts).
 */

/** The `[` of a Pandoc citation group the cursor is inside (`[@a, p. 3; |]`), or -1. */
export function openCitationGroup(lineBefore: string, lineAfter: string): number {
  const open = lineBefore.lastIndexOf('[');
  if (open < 0 || lineBefore.indexOf(']', open) >= 0) return -1;
  // A footnote reference or an image is not a citation group.
  if (lineBefore[open + 1] === '^' || lineBefore[open - 1] === '!' || lineBefore[open - 1] === '^') return -1;
  const close = lineAfter.indexOf(']');
  if (close < 0 || lineAfter.slice(0, close).includes('[')) return -1;
  // A link's text ("[see here](…)") is not a citation group.
  if (lineAfter[close + 1] === '(') return -1;
  const inside = lineBefore.slice(open + 1) + lineAfter.slice(0, close);
  // An empty "[]" or one already holding citations is a group; "[as seen]" is editorial text.
  return inside.trim() === '' || /(?:^|[\s;[-])-?@/.test(inside) ? open : -1;
}

/** One citation: `@key`, with a locator when given (`@key, p. 12`). */
function cite(key: string, locator?: string): string {
  const l = locator?.trim();
  return `@${key}${l ? `, ${l}` : ''}`;
}

/** How a document writes its citations: `@key says…` (narrative) or `… [@key]` (bracketed). */
export type CitationStyle = 'narrative' | 'bracketed';

/** The document's style: narrative when more of its citations stand in the text (`@key`) than in brackets. */
export function documentCitationStyle(narrative: number, bracketed: number): CitationStyle {
  return narrative > bracketed ? 'narrative' : 'bracketed';
}

/**
 * Where a sentence starts: after `.`, `!`, `?` or `:` and a space, or at the start
 * of a line that starts a paragraph or follows the end of a sentence (a hard-wrapped
 * line may start in the middle of one).
 */
function atSentenceStart(lineBefore: string, previousLine: string): boolean {
  if (/^\s*$/.test(lineBefore)) return /^\s*$|[.!?:]\s*$/.test(previousLine);
  return /[.!?:]\s+$/.test(lineBefore);
}

/**
 * What to type at the cursor to cite `keys` (in the order picked). Inside a group
 * only the citations, joined to what is there with `; `. Outside brackets one work
 * is cited narratively, `@key` (with a locator `@key [p. 12]`), where a sentence
 * starts (the work is its subject) or when the document mostly cites that way;
 * otherwise, and for several works, a new group `[@a; @b]`. Either comes after a
 * space when the cursor follows a word. `previousLine`: the line above the cursor's.
 */
export function bibliographyCitationText(
  lineBefore: string,
  lineAfter: string,
  keys: readonly string[],
  locator?: string,
  style: CitationStyle = 'bracketed',
  previousLine = '',
): string {
  const citations = keys.map((k, i) => cite(k, i === keys.length - 1 ? locator : undefined)).join('; ');
  const open = openCitationGroup(lineBefore, lineAfter);
  if (open < 0) {
    const space = /[^\s([{"'“‘-]$/.test(lineBefore) ? ' ' : '';
    if (keys.length === 1 && (style === 'narrative' || atSentenceStart(lineBefore, previousLine))) {
      const l = locator?.trim();
      return `${space}@${keys[0]}${l ? ` [${l}]` : ''}`;
    }
    return `${space}[${citations}]`;
  }
  const before = lineBefore.slice(open + 1);
  const after = lineAfter.slice(0, lineAfter.indexOf(']'));
  // "[|" and "[@a; |" need nothing before; "[@a;|" a space; "[@a|" a separator.
  const lead = before.trim() === '' || /;\s+$/.test(before) ? '' : /;$/.test(before) ? ' ' : '; ';
  // "|]" and "|; @b]" need nothing after; "|@b]" a separator.
  const tail = after.trim() === '' || /^\s*;/.test(after) ? '' : '; ';
  return `${lead}${citations}${tail}`;
}

export interface BibliographyEntryText {
  key: string;
  authorYear: string;
  title?: string;
}

/**
 * Whether an entry matches what the author typed in the picker: every word of it
 * appears in the key, the author–year or the title (case and accents ignored).
 * VS Code filters the list itself; this finds the row to take when Enter is pressed
 * with nothing ticked (a multi-select pick does not make the filtered row active).
 */
export function entryMatches(entry: BibliographyEntryText, typed: string): boolean {
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const haystack = fold(`${entry.key} ${entry.authorYear} ${entry.title ?? ''}`);
  return fold(typed)
    .split(/\s+/)
    .filter(Boolean)
    .every((w) => haystack.includes(w));
}
