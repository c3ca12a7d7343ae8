import type { Span } from './types';
import { FENCE_OPENING } from './parse/patterns';
import { multilineTableEnd, SOLID_DASHES } from './parse/columnTable';

/**
 * A top-level chunk of the document that can be parsed on its own.
 *
 * Why: remark parses ~1-2 MB/s, too slow to re-run on every keystroke of a 1 MB
 * report, while a paragraph re-parses in well under a millisecond. Splitting at
 * blank lines (outside fences, HTML comments, indented continuations and Pandoc
 * multiline tables, whose rows are separated by blank lines) gives
 * chunks whose parse does not depend on their neighbours for everything the
 * rules look at, so the analysis of an unchanged chunk can be reused by text.
 */
export interface Block extends Span {
  text: string;
}

function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/** Whether the line can open or close a fence (FENCE_OPENING): only a backtick or tilde after up to three spaces can. */
function mayBeFence(line: string): boolean {
  let i = 0;
  while (i < 3 && line.charCodeAt(i) === 32) i++;
  const c = line.charCodeAt(i);
  return c === 96 || c === 126;
}

function isIndentedContinuation(line: string): boolean {
  return /^( {4}|\t)/.test(line);
}

/**
 * `from`: where the body starts (after the front matter, which is not Markdown).
 * `lineStarts`: where given, the start of every line after a line break from `from`
 * on is pushed to it (the model's LineIndex is built from them: one read of the text).
 */
export function splitBlocks(text: string, from = 0, lineStarts?: number[]): Block[] {
  const blocks: Block[] = [];
  let blockStart = -1;
  let blockEnd = -1;
  let fence: string | null = null;
  let inComment = false;
  // A byte-order mark is not part of the first block: a definition or heading after it
  // is still one, and no fix ever replaces or moves the mark.
  let pos = from === 0 && text.charCodeAt(0) === 0xfeff ? 1 : from;
  let pendingSplit = false;
  /** The end of the multiline table being read (its blank lines do not split it), or -1. */
  let tableEnd = -1;
  /** Lines that change the fence or comment state: a multiline table has none. */
  const changesState = (line: string) => (mayBeFence(line) && FENCE_OPENING.test(line)) || line.includes('<!--');
  const lineEnds = /\r\n?|\n/g;
  // Most texts have LF line ends only: indexOf finds them several times faster than the pattern.
  const lfOnly = text.indexOf('\r', pos) === -1;

  const close = () => {
    if (blockStart >= 0) blocks.push({ start: blockStart, end: blockEnd, text: text.slice(blockStart, blockEnd) });
    blockStart = -1;
  };

  while (pos <= text.length) {
    // Lines end at LF, CRLF or a lone CR, as CommonMark (and LineIndex) read them: a blank
    // line between lone CRs separates blocks too (unsplit, a whole CR file was one block).
    let lineEnd: number;
    let breakLength = 0;
    if (lfOnly) {
      const lf = text.indexOf('\n', pos);
      lineEnd = lf === -1 ? text.length : lf;
      if (lf !== -1) breakLength = 1;
    } else {
      lineEnds.lastIndex = pos;
      const lineBreak = lineEnds.exec(text);
      lineEnd = lineBreak ? lineBreak.index : text.length;
      if (lineBreak) breakLength = lineBreak[0].length;
    }
    const line = text.slice(pos, lineEnd);

    if (pos < tableEnd) {
      // Inside a multiline table (found below): blank lines between its rows are part of it.
      blockEnd = lineEnd;
    } else if (fence === null && !inComment && isBlank(line)) {
      if (blockStart >= 0) pendingSplit = true;
    } else {
      if (pendingSplit && !(fence === null && !inComment && isIndentedContinuation(line))) close();
      pendingSplit = false;
      // A line of dashes that starts a block may be the top border of a multiline table.
      if (blockStart < 0 && fence === null && !inComment && (line.charCodeAt(0) === 45 || line.charCodeAt(0) === 32) && SOLID_DASHES.test(line))
        tableEnd = multilineTableEnd(text, pos, changesState);
      if (blockStart < 0) blockStart = pos;
      blockEnd = lineEnd;
      if (fence !== null) {
        const m = mayBeFence(line) ? FENCE_OPENING.exec(line) : null;
        if (m && m[1][0] === fence[0] && m[1].length >= fence.length && isBlank(line.slice(m[0].length))) fence = null;
      } else if (inComment) {
        if (line.includes('-->')) inComment = false;
      } else {
        const m = mayBeFence(line) ? FENCE_OPENING.exec(line) : null;
        if (m && !(m[1][0] === '`' && line.slice(m[0].length).includes('`'))) fence = m[1];
        else {
          const open = line.lastIndexOf('<!--');
          if (open !== -1 && line.indexOf('-->', open + 4) === -1) inComment = true;
        }
      }
    }
    if (!breakLength) break;
    pos = lineEnd + breakLength;
    lineStarts?.push(pos);
  }
  close();
  return blocks;
}
