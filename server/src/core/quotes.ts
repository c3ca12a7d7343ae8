import type { Span } from './types';

export interface QuoteScan {
  /** Direct quotations, including their quote marks. */
  quotes: Span[];
  /** Single-quoted mentions (‘child pornography’). */
  mentions: Span[];
  /** Offset just after a closing mark with no opening before it: the end of a quotation begun in an earlier paragraph. */
  leadingCloseEnd: number;
  /** A quotation is still open at the end of the text (a page break split it). */
  openAtEnd: boolean;
}

const isLetter = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
const MAX_MENTION = 160;

/**
 * Finds quotations in one block's text. `skip` spans (code, URLs) are not scanned.
 * Curly quotes pair explicitly; straight double quotes toggle. An apostrophe
 * (’ between letters) never closes a mention.
 */
export function scanQuotes(text: string, skip: Span[] = []): QuoteScan {
  const quotes: Span[] = [];
  const mentions: Span[] = [];
  let leadingCloseEnd = -1;
  let openAt = -1;
  let openChar = '';
  let skipIndex = 0;
  const sortedSkip = [...skip].sort((a, b) => a.start - b.start);

  for (let i = 0; i < text.length; i++) {
    while (skipIndex < sortedSkip.length && sortedSkip[skipIndex].end <= i) skipIndex++;
    if (skipIndex < sortedSkip.length && sortedSkip[skipIndex].start <= i) {
      i = sortedSkip[skipIndex].end - 1;
      continue;
    }
    const c = text[i];
    // „…“ (German, Czech, …) closes with the mark English uses to open.
    if (c === '“' && openAt >= 0 && openChar === '„') {
      quotes.push({ start: openAt, end: i + 1 });
      openAt = -1;
    } else if (c === '“' || c === '„') {
      if (openAt < 0) {
        openAt = i;
        openChar = c;
      }
    } else if (c === '”') {
      if (openAt >= 0) {
        quotes.push({ start: openAt, end: i + 1 });
        openAt = -1;
      } else if (leadingCloseEnd < 0 && quotes.length === 0) {
        leadingCloseEnd = i + 1;
      }
    } else if (c === '"') {
      if (openAt >= 0 && openChar === '"') {
        quotes.push({ start: openAt, end: i + 1 });
        openAt = -1;
      } else if (openAt < 0) {
        // A straight quote after a letter with no opening is a closing mark (or an inch sign).
        if (isLetter(text[i - 1]) || /[.,;:!?]/.test(text[i - 1] ?? '')) {
          if (leadingCloseEnd < 0 && quotes.length === 0) leadingCloseEnd = i + 1;
        } else {
          openAt = i;
          openChar = '"';
        }
      }
    } else if (openAt < 0 && (c === '‘' || (c === "'" && !isLetter(text[i - 1]) && isLetter(text[i + 1])))) {
      const close = findMentionClose(text, i + 1, c === '‘' ? '’' : "'");
      if (close > 0) {
        mentions.push({ start: i, end: close + 1 });
        i = close;
      }
    }
  }
  const openAtEnd = openAt >= 0;
  if (openAtEnd) quotes.push({ start: openAt, end: text.length });
  return { quotes, mentions, leadingCloseEnd, openAtEnd };
}

function findMentionClose(text: string, from: number, closeChar: string): number {
  const limit = Math.min(text.length, from + MAX_MENTION);
  for (let j = from; j < limit; j++) {
    const c = text[j];
    if (c === '\n' && text[j + 1] === '\n') return -1;
    if (c === closeChar || (closeChar === '’' && c === "'")) {
      // ’ between two letters is an apostrophe (children’s), not the end of a mention.
      if (isLetter(text[j - 1]) && isLetter(text[j + 1])) continue;
      return j;
    }
  }
  return -1;
}
