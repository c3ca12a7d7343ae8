/**
 * Pandoc's simple and multiline tables (what Pandoc writes for most Word tables):
 * columns set by a line of dashes, cells read by position. No maintained
 * JavaScript parser reads them (npm has grid table and pipe table parsers only), so
 * this is a small reader of the two formats as the Pandoc manual ("Tables",
 * extensions simple_tables and multiline_tables) defines them, read as Pandoc's
 * reader does:
 *
 * - The dashed line under the header sets the columns: each run of dashes is a
 *   column, from the start of its run to the start of the next (the last to the end
 *   of the line); text before the first column is not in the table. Columns are
 *   counted in display width, tabs expanded to stops of 4, wide characters 2 and
 *   combining marks 0.
 * - Simple table: one header line, the dashed line, one line per row; it ends at
 *   a blank line, optionally after a closing line of dashes.
 * - Multiline table: a line of dashes above the header (of one or more lines), the
 *   dashed line, rows of one or more lines separated by blank lines, and a line of
 *   dashes after the last row, then a blank line. A cell's lines are one paragraph.
 *
 * A block is read as such a table only when all of it is one (Pandoc needs a table
 * to start a block and a blank line after it), with at least two columns (one column
 * under a line of dashes is a Markdown heading or rule) and a header (a table
 * without one is never a participant table). Anything else is not a table here.
 * Multiline tables hold blank lines: blocks.ts keeps one in one block.
 */
import type { Root, Table, TableRow } from 'mdast';
import type { Span } from '../types';
import { cellOfPieces } from './tableCells';
import { BLOCK_START, position } from './patterns';

interface Line extends Span {
  /** The line without its line break. */
  text: string;
}

/** Lines of a block, split at LF, CRLF or CR (offsets exclude the break). */
function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  const breaks = /\r\n?|\n/g;
  let start = 0;
  for (let m = breaks.exec(text); m; m = breaks.exec(text)) {
    lines.push({ start, end: m.index, text: text.slice(start, m.index) });
    start = m.index + m[0].length;
  }
  lines.push({ start, end: text.length, text: text.slice(start) });
  return lines;
}

const BLANK = /^[ \t]*$/;
/** A line of dashes alone, indented at most 3 spaces (a multiline table's top or bottom border). */
export const SOLID_DASHES = /^ {0,3}-{3,}[ \t]*$/;
/** A line of dash runs separated by spaces (the columns), indented at most 3. */
const DASH_RUNS = /^ {0,3}-+(?:[ \t]+-+)*[ \t]*$/;

/** Pandoc's width of a character: 0 for combining marks, 2 for wide East Asian ones, else 1. */
const COMBINING = /^[\p{Mn}\p{Me}\u200b-\u200f]$/u;
const WIDE =
  /^[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1f64f}\u{1f900}-\u{1f9ff}\u{20000}-\u{3fffd}]$/u;
function widthOf(ch: string): number {
  const code = ch.codePointAt(0)!;
  if (code < 0x300) return 1;
  return COMBINING.test(ch) ? 0 : WIDE.test(ch) ? 2 : 1;
}

/** The display width of a text, as the columns of these tables count it. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += ch === '\t' ? 4 : widthOf(ch);
  return width;
}

/** Where each run of dashes starts, in display columns (tabs expanded). */
function runStarts(line: string): number[] {
  const starts: number[] = [];
  let column = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '-' && (i === 0 || line[i - 1] !== '-')) starts.push(column);
    column = c === '\t' ? column + 4 - (column % 4) : column + 1;
  }
  return starts;
}

/**
 * The slices of a line between column starts (in display columns): one per column,
 * the last running to the end of the line. Like Pandoc's splitStringByIndices, a
 * character is taken into a slice while the slice has room left, even a wide one.
 */
function splitAtColumns(line: Line, starts: number[]): Span[] {
  const text = line.text;
  const slices: Span[] = [];
  let column = 0;
  let i = 0;
  const step = () => {
    const ch = String.fromCodePoint(text.codePointAt(i)!);
    i += ch.length;
    column = ch === '\t' ? column + 4 - (column % 4) : column + widthOf(ch);
  };
  // Text before the first column is not in the table.
  while (i < text.length && column < starts[0]) step();
  for (let k = 0; k < starts.length; k++) {
    const boundary = k + 1 < starts.length ? starts[k + 1] : Infinity;
    const from = i;
    while (i < text.length && column < boundary) step();
    slices.push({ start: line.start + from, end: line.start + i });
  }
  return slices;
}

function rowOf(text: string, lines: Line[], starts: number[]): TableRow {
  const columns: Span[][] = starts.map(() => []);
  for (const line of lines) splitAtColumns(line, starts).forEach((slice, k) => columns[k].push(slice));
  const end = lines[lines.length - 1].end;
  return {
    type: 'tableRow',
    children: columns.map((pieces) => cellOfPieces(text, 0, pieces, end)),
    position: position(lines[0].start, end),
  };
}

function tableOf(text: string, rows: TableRow[], columns: number, end: number): Root {
  const table: Table = { type: 'table', align: new Array(columns).fill(null), children: rows, position: position(0, end), data: { aligned: true } };
  return { type: 'root', children: [table], position: position(0, text.length) };
}

/** The block as a simple table, or undefined. */
function simpleTable(text: string, lines: Line[]): Root | undefined {
  if (lines.length < 3 || BLANK.test(lines[0].text) || SOLID_DASHES.test(lines[0].text) || !DASH_RUNS.test(lines[1].text)) return undefined;
  // A header line that starts another block (a heading, a list item, indented code) is that block.
  if (BLOCK_START.test(lines[0].text)) return undefined;
  const starts = runStarts(lines[1].text);
  if (starts.length < 2) return undefined;
  let body = lines.slice(2);
  // An optional closing line of dashes.
  if (body.length > 1 && DASH_RUNS.test(body[body.length - 1].text)) body = body.slice(0, -1);
  if (body.some((l) => BLANK.test(l.text) || DASH_RUNS.test(l.text))) return undefined;
  const rows = [rowOf(text, [lines[0]], starts), ...body.map((l) => rowOf(text, [l], starts))];
  return tableOf(text, rows, starts.length, body[body.length - 1].end);
}

/** The block as a multiline table, or undefined. */
function multilineTable(text: string, lines: Line[]): Root | undefined {
  if (lines.length < 5 || !SOLID_DASHES.test(lines[0].text) || !SOLID_DASHES.test(lines[lines.length - 1].text)) return undefined;
  let separator = 1;
  while (separator < lines.length - 1 && !DASH_RUNS.test(lines[separator].text)) {
    if (BLANK.test(lines[separator].text)) return undefined;
    separator++;
  }
  if (separator === 1 || separator >= lines.length - 2) return undefined;
  const starts = runStarts(lines[separator].text);
  if (starts.length < 2) return undefined;
  const rows = [rowOf(text, lines.slice(1, separator), starts)];
  let rowLines: Line[] = [];
  for (const line of lines.slice(separator + 1, -1)) {
    if (DASH_RUNS.test(line.text)) return undefined;
    if (!BLANK.test(line.text)) rowLines.push(line);
    else if (rowLines.length) {
      rows.push(rowOf(text, rowLines, starts));
      rowLines = [];
    }
  }
  if (rowLines.length) rows.push(rowOf(text, rowLines, starts));
  if (rows.length < 2) return undefined;
  return tableOf(text, rows, starts.length, lines[lines.length - 1].end);
}

/** A second line that starts with a dash, or a first line of dashes alone. */
const QUICK_SHAPE = /^[^\n\r]*(?:\r\n?|\n) {0,3}-|^ {0,3}-{3,}[ \t]*(?:\r\n?|\n)/;

/** The tree of a block that is a Pandoc simple or multiline table with a header, or undefined. */
export function columnTable(text: string): Root | undefined {
  // Cheap refusals first: every block passes here.
  if (!QUICK_SHAPE.test(text.slice(0, 4096))) return undefined;
  const lines = linesOf(text);
  return SOLID_DASHES.test(lines[0].text) ? multilineTable(text, lines) : simpleTable(text, lines);
}

/** Where the line starting at `from` ends and the next begins. */
function lineAt(text: string, from: number): { end: number; next: number } {
  let end = from;
  while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
  const next = text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
  return { end, next };
}

/**
 * The end of a multiline table whose top border is the line at `from` (a line of
 * dashes at a block start), or -1: for blocks.ts, which keeps the table's blank
 * lines inside one block. Looks only at the shape (header lines, the dashed line,
 * rows, a closing line of dashes before a blank line or the end); columnTable reads
 * it. It stops at the first line of dashes after the dashed line, so the scans from
 * two borders never cover the same lines: linear in the text.
 * `stops`: lines that would change what blocks.ts is in (a fence, a comment) end the scan.
 */
export function multilineTableEnd(text: string, from: number, stops: (line: string) => boolean): number {
  let { next } = lineAt(text, from);
  let phase: 'header' | 'rows' = 'header';
  let headerLines = 0;
  let rowLines = 0;
  while (next <= text.length) {
    const { end, next: after } = lineAt(text, next);
    const line = text.slice(next, end);
    if (stops(line)) return -1;
    if (phase === 'header') {
      if (BLANK.test(line)) return -1;
      if (DASH_RUNS.test(line)) {
        if (!headerLines || runStarts(line).length < 2) return -1;
        phase = 'rows';
      } else headerLines++;
    } else if (DASH_RUNS.test(line)) {
      // The closing border: a blank line or the end must follow.
      if (!rowLines || !SOLID_DASHES.test(line)) return -1;
      if (after > text.length) return end;
      const following = lineAt(text, after);
      return BLANK.test(text.slice(after, following.end)) ? end : -1;
    } else if (!BLANK.test(line)) rowLines++;
    if (after > text.length) return -1;
    next = after;
  }
  return -1;
}
