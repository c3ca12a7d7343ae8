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
 * Quotation marks of the languages reports are written and quoted in, and the
 * marks that close each: English “…”, German and Czech „…“, Polish „…”, Swedish
 * ”…”, French and Spanish «…», Danish and German »…«, their single forms ‹…›, ›…‹
 * and ‚…‘, and the corner brackets of Chinese and Japanese 「…」 and 『…』.
 * (English single quotes ‘…’ are mentions: see below.)
 */
const CLOSERS: Record<string, string> = {
  '“': '”',
  '„': '“”',
  '”': '”',
  '«': '»',
  '»': '«»',
  '‹': '›',
  '›': '‹›',
  '‚': '‘’',
  '「': '」',
  '『': '』',
};
/** For each closing mark, the opening marks it closes (straight quotes close straight quotes; ’ closes ‘). */
const OPENERS_CLOSED_BY: Record<string, string[]> = { '"': ['"'] };
for (const [open, closers] of [...Object.entries(CLOSERS), ['‘', '’']]) {
  for (const c of closers) (OPENERS_CLOSED_BY[c] ??= []).push(open);
}

/** Marks that only ever close (with nothing open they end a quotation begun in an earlier paragraph). */
const CLOSE_ONLY = new Set(['」', '』']);

interface Open {
  at: number;
  char: string;
}

/**
 * Finds quotations in one block's text. `skip` spans (code, URLs) are not scanned.
 * Marks pair by a stack, so nested quotations («… “…” …», “… ‘…’ …») end where the
 * outer one closes; a closing mark of an outer quotation closes the inner ones left
 * open. Straight double quotes toggle. An apostrophe (’ between letters) never
 * closes anything.
 */
export function scanQuotes(text: string, skip: Span[] = []): QuoteScan {
  const quotes: Span[] = [];
  const mentions: Span[] = [];
  let leadingCloseEnd = -1;
  const stack: Open[] = [];
  let skipIndex = 0;
  const sortedSkip = [...skip].sort((a, b) => a.start - b.start);
  const firstVisible = text.search(/\S/);

  // Where each kind of mark is open in the stack, so a closing mark finds the quotation it
  // closes without walking the stack (a paragraph of thousands of unclosed “ stays linear).
  const depthsOf = new Map<string, number[]>();
  const push = (open: Open) => {
    let depths = depthsOf.get(open.char);
    if (!depths) depthsOf.set(open.char, (depths = []));
    depths.push(stack.length);
    stack.push(open);
  };
  /** The innermost open quotation that `c` closes (-1: none). */
  const closable = (c: string) => {
    let depth = -1;
    for (const opener of OPENERS_CLOSED_BY[c] ?? []) {
      const depths = depthsOf.get(opener);
      if (depths?.length) depth = Math.max(depth, depths[depths.length - 1]);
    }
    return depth;
  };
  const closeTo = (depth: number, end: number) => {
    const outer = stack[0];
    while (stack.length > depth) depthsOf.get(stack.pop()!.char)!.pop();
    if (depth === 0) quotes.push({ start: outer.at, end });
  };
  /** A closing mark with nothing open: the end of a quotation begun before this paragraph. */
  const strayClose = (i: number) => {
    if (leadingCloseEnd < 0 && quotes.length === 0) leadingCloseEnd = i + 1;
  };

  // Only the marks below change anything: the scan jumps from one to the next (a long
  // report's text is mostly letters, and looking at each one took ~0.1 s per MB).
  const marks = /["'‘’“”„«»‹›‚「」『』]/g;
  for (let i = 0; i < text.length; i++) {
    marks.lastIndex = i;
    const mark = marks.exec(text);
    if (!mark) break;
    i = mark.index;
    while (skipIndex < sortedSkip.length && sortedSkip[skipIndex].end <= i) skipIndex++;
    if (skipIndex < sortedSkip.length && sortedSkip[skipIndex].start <= i) {
      i = sortedSkip[skipIndex].end - 1;
      continue;
    }
    const c = text[i];
    const top = stack[stack.length - 1];
    if (c === '"') {
      const depth = closable('"');
      if (depth >= 0) closeTo(depth, i + 1);
      else if (isLetter(text[i - 1]) || /[.,;:!?]/.test(text[i - 1] ?? '')) {
        // A straight quote after a letter with no opening is a closing mark (or an inch sign).
        if (!stack.length) strayClose(i);
      } else push({ at: i, char: c });
      continue;
    }
    if (c === '’' || c === '‘') {
      if (stack.length) {
        // Inside a quotation: the single marks of a nested quotation (“… ‘…’ …”) or of German ‚…‘.
        const closes = (top.char === '‘' ? '’' : (CLOSERS[top.char] ?? '')).includes(c);
        if (closes && !(isLetter(text[i - 1]) && isLetter(text[i + 1]))) closeTo(stack.length - 1, i + 1);
        else if (c === '‘') push({ at: i, char: c });
        continue;
      }
      // With nothing open, ‘ starts a mention (below); ’ is an apostrophe or a stray mark.
    } else if (c in CLOSERS || CLOSE_ONLY.has(c)) {
      // The mark closes the innermost quotation it can close („…“, «…»), or an outer one,
      // closing the inner ones left open (« … “ … »).
      const depth = closable(c);
      if (depth >= 0) closeTo(depth, i + 1);
      else if (c === '»' || c === '›') {
        // With nothing to close, » and › open a quotation before a word (Danish and German
        // »…«) and at the start of a paragraph (French continuation of a quotation the
        // previous paragraph left open); elsewhere they end one begun in an earlier paragraph.
        if (i === firstVisible || (!isLetter(text[i - 1]) && isLetter(text[i + 1]))) push({ at: i, char: c });
        else if (!stack.length) strayClose(i);
      } else if (c === '”') {
        // ” opens only in Swedish and Finnish (”…”), where it stands before a word.
        if (!stack.length && !isLetter(text[i - 1]) && !/[.,;:!?]/.test(text[i - 1] ?? '') && isLetter(text[i + 1])) push({ at: i, char: c });
        else if (!stack.length) strayClose(i);
      } else if (CLOSE_ONLY.has(c)) {
        if (!stack.length) strayClose(i);
      } else push({ at: i, char: c });
      continue;
    }
    if (!stack.length && (c === '‘' || (c === "'" && !isLetter(text[i - 1]) && isLetter(text[i + 1])))) {
      const close = findMentionClose(text, i + 1, c === '‘' ? '’' : "'");
      if (close > 0) {
        mentions.push({ start: i, end: close + 1 });
        i = close;
      }
    }
  }
  const openAtEnd = stack.length > 0;
  if (openAtEnd) quotes.push({ start: stack[0].at, end: text.length });
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
