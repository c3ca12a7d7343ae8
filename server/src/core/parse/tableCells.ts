/**
 * Table cells whose text is not one slice of the block: a cell of a grid or
 * multiline table runs over several lines with other cells between its pieces,
 * and an HTML cell's text sits between tags. The readers of those tables give
 * each mdast cell the pieces of its text (`data.lines`, offsets in the block);
 * the table facts (../facts/tree.ts) join them and keep where each piece lies, so
 * a finding on an ID in the cell lands on the ID.
 */
import type { TableCell } from 'mdast';
import type { Span } from '../types';
import { position } from './patterns';

declare module 'mdast' {
  interface TableData {
    /** Read by column position (grid, simple, multiline): an edit must keep every column where it is. */
    aligned?: boolean;
  }
  interface TableCellData {
    /** The pieces of the cell's text in the block, in reading order (absent: the cell is its span, as in a pipe table). */
    lines?: Span[];
    /** The text of each piece when it is not the source (an HTML text node with entities decoded). */
    values?: string[];
  }
}

const isBlank = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/** `span` without the whitespace at its ends (empty where it is all whitespace). */
export function trimmedSpan(text: string, start: number, end: number): Span {
  while (start < end && isBlank(text.charCodeAt(start))) start++;
  while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
  return { start, end };
}

/**
 * A cell made of `pieces` (whitespace trimmed, empty ones left out); `text` is the
 * source from offset `base` on. A cell with no text is an empty span at `emptyAt`:
 * an empty cell still holds its column's place, so every cell keeps the header
 * cell it belongs to.
 */
export function cellOfPieces(text: string, base: number, pieces: Span[], emptyAt: number): TableCell {
  const lines = pieces
    .map((p) => trimmedSpan(text, p.start - base, p.end - base))
    .filter((p) => p.end > p.start)
    .map((p) => ({ start: p.start + base, end: p.end + base }));
  if (!lines.length) return { type: 'tableCell', children: [], position: position(emptyAt, emptyAt) };
  return {
    type: 'tableCell',
    children: [],
    position: position(lines[0].start, lines[lines.length - 1].end),
    ...(lines.length > 1 ? { data: { lines } } : {}),
  };
}
