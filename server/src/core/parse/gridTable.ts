/**
 * Grid tables (Pandoc's `+---+` tables, what Pandoc writes for a Word table whose
 * cells hold several lines or paragraphs) as mdast `table` nodes, so the table
 * facts and every rule read them like pipe tables.
 *
 * The syntax is @adobe/micromark-extension-gridtables (a maintained micromark
 * extension: border lines, `|` cells, `+===+` below the header, alignment marks,
 * row and column spans). Its own mdast utility is not used: it places every row and
 * cell at offset 0 and parses each cell again as a whole Markdown document (with
 * grid tables in it, so nesting the input controls). Here a cell is the pieces of
 * its text on each line, with their offsets (see tableCells.ts); nothing inside a
 * cell is parsed.
 *
 * Read as Pandoc reads them ("Tables" in the Pandoc manual): the lines down to the
 * first `=` border are the header (several header rows are read as one, column by
 * column); no `=` border, no header (then it is not a participant table); rows
 * below a second `=` border (the table foot) are rows. A cell spanning rows belongs
 * to its first row and one spanning columns to its first column; the places it
 * covers are empty cells, so every cell stays under its own header. A table that
 * does not start and end with a border line is not a table.
 */
// The package ships no types: the declaration beside the engine, named here so the API's
// declaration bundle (dts-bundle-generator, which reads only what its entry reaches) finds it too.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="../gridTables.d.ts" />
import type { Extension as FromMarkdownExtension, CompileContext, Token } from 'mdast-util-from-markdown';
import type { Extension, State, TokenizeContext } from 'micromark-util-types';
import type { Paragraph, Table, TableRow } from 'mdast';
import { gridTables } from '@adobe/micromark-extension-gridtables';
import type { Span } from '../types';
import { cellOfPieces } from './tableCells';
import { position } from './patterns';

const gridTable = gridTables.flow[43];

/**
 * The grid table construct, tried only where a block starts (offset 0 of the text
 * parsed; a block is parsed on its own, see ../blocks.ts). Tried at every line
 * start, the extension reads each attempt to the end of the table before it can
 * fail, and starts again on the next line: 48 KB of an unclosed table took 242 s.
 * Pandoc reads a table only at the start of a block too.
 */
export const gridTablesAtBlockStart: Extension = {
  flow: {
    43: {
      ...gridTable,
      tokenize(this: TokenizeContext, effects, ok, nok): State {
        return this.now().offset === 0 ? gridTable.tokenize.call(this, effects, ok, nok) : nok;
      },
    },
  },
};

/**
 * Column borders a grid table may have. The extension keeps the borders in a sorted
 * array it searches for every `|` and `+`, so thousands of columns cost seconds (a
 * 20 000-column table took 10 s for 2.5 MB); a report's table has a few.
 */
export const MAX_GRID_COLUMNS = 100;

/** What the extension's tokens carry besides their span (it names them so). */
interface GridToken extends Token {
  _cols?: number[];
  _colStart?: number;
  _colEnd?: number;
  /** On a line token: the character code of the line's border (`-` or `=`), absent on a line of cells. */
  _type?: number;
}

const EQUALS = 61;

interface GridCell {
  /** The row (index in `rows`) it starts in, and its first column. */
  row: number;
  column: number;
  pieces: Span[];
}

interface GridState {
  node: Table;
  cols: number[];
  /** The cells of each row by column; undefined where a spanning cell covers the place. */
  rows: (GridCell | undefined)[][];
  rowSpans: Span[];
  /** Cells of the row being read, by their first column; a cell spanning rows stays open across a border. */
  open: Map<number, GridCell>;
  lineCells: GridToken[];
  lineDividers: GridToken[];
  lineIsBorder: boolean;
  lineIsHeaderBorder: boolean;
  /** Lines read, whether the first and the last one were borders, and where the row being read begins and ends. */
  lines: number;
  firstLineBorder: boolean;
  lastLineBorder: boolean;
  rowStart: number;
  rowEnd: number;
  /** Rows above the first `=` border (-1: none seen). */
  headerRows: number;
  valid: boolean;
}

const states: GridState[] = [];

function columnOf(state: GridState, at: number | undefined): number {
  return at === undefined ? -1 : state.cols.indexOf(at);
}

function enterTable(this: CompileContext, token: GridToken): void {
  const node: Table = { type: 'table', align: [], children: [] };
  this.enter(node, token);
  states.push({
    node,
    cols: token._cols ?? [0],
    rows: [],
    rowSpans: [],
    open: new Map(),
    lineCells: [],
    lineDividers: [],
    lineIsBorder: false,
    lineIsHeaderBorder: false,
    lines: 0,
    firstLineBorder: false,
    lastLineBorder: false,
    rowStart: -1,
    rowEnd: -1,
    headerRows: -1,
    valid: true,
  });
}

function enterLine(this: CompileContext, token: GridToken): void {
  const state = states[states.length - 1];
  state.lineCells = [];
  state.lineDividers = [];
  state.lineIsBorder = token._type !== undefined;
  state.lineIsHeaderBorder = token._type === EQUALS;
  if (state.rowStart < 0 && !state.lineIsBorder) state.rowStart = token.start.offset;
}

function enterCell(this: CompileContext, token: GridToken): void {
  const state = states[states.length - 1];
  // A cell ends at a column border on its own line; one that ran on over a line end is not a grid.
  if (token.start.line !== token.end.line) state.valid = false;
  state.lineCells.push(token);
}

function enterDivider(this: CompileContext, token: GridToken): void {
  states[states.length - 1].lineDividers.push(token);
}

/** The row read since the last border: its cells by column, spanned places left empty. */
function closeRow(state: GridState): void {
  const columns = state.cols.length - 1;
  const row: (GridCell | undefined)[] = new Array(columns).fill(undefined);
  const index = state.rows.length;
  for (const cell of state.open.values()) if (cell.row === index) row[cell.column] = cell;
  state.rows.push(row);
  state.rowSpans.push({ start: state.rowStart, end: state.rowEnd });
  state.rowStart = -1;
}

function exitLine(this: CompileContext, token: GridToken): void {
  const state = states[states.length - 1];
  state.lines++;
  if (state.lines === 1) state.firstLineBorder = state.lineIsBorder;
  state.lastLineBorder = state.lineIsBorder;
  const index = state.rows.length;
  for (const cell of state.lineCells) {
    const column = columnOf(state, cell._colStart);
    if (column < 0) {
      state.valid = false;
      continue;
    }
    let open = state.open.get(column);
    if (!open) {
      // On a border line, text continues a cell spanning rows: there must be one to continue.
      if (state.lineIsBorder) {
        state.valid = false;
        continue;
      }
      open = { row: index, column, pieces: [] };
      state.open.set(column, open);
    }
    open.pieces.push({ start: cell.start.offset, end: cell.end.offset });
  }
  if (!state.lineIsBorder) {
    state.rowEnd = token.end.offset;
    return;
  }
  if (state.rowStart >= 0) closeRow(state);
  // The border ends the cells it crosses; cells it leaves open span into the next row.
  for (const divider of state.lineDividers) {
    const from = columnOf(state, divider._colStart);
    const to = columnOf(state, divider._colEnd);
    for (let column = from; column >= 0 && column < to; column++) state.open.delete(column);
  }
  if (state.lineIsHeaderBorder && state.headerRows < 0) state.headerRows = state.rows.length;
}

function exitTable(this: CompileContext, token: GridToken): void {
  const state = states.pop()!;
  this.exit(token);
  const text = this.sliceSerialize(token);
  const base = token.start.offset;
  const { node } = state;
  if (!state.valid || !state.firstLineBorder || !state.lastLineBorder || state.open.size || !state.rows.length) {
    // Not a grid table after all: read as a paragraph, as before grid tables were read.
    // (The node is already in the tree: it is changed in place.)
    const paragraph = node as unknown as Omit<Paragraph, 'type'> & { type: string; align?: unknown };
    paragraph.type = 'paragraph';
    paragraph.children = [];
    delete paragraph.align;
    return;
  }
  const rowNode = (cells: (GridCell | undefined)[], span: Span): TableRow => ({
    type: 'tableRow',
    children: cells.map((cell) => cellOfPieces(text, base, cell?.pieces ?? [], span.end)),
    position: position(span.start, span.end),
  });
  const columns = state.cols.length - 1;
  const headerRows = Math.max(0, state.headerRows);
  const rows: TableRow[] = [];
  if (headerRows === 0) {
    // No header: an empty header row, as the table facts take the first row as the header.
    rows.push({ type: 'tableRow', children: [], position: position(base, base) });
  } else {
    // Several header rows are one header, column by column (their lines in order).
    const merged: (GridCell | undefined)[] = new Array(columns).fill(undefined);
    for (let r = 0; r < headerRows; r++)
      state.rows[r].forEach((cell, column) => {
        if (!cell) return;
        const into = merged[column] ?? (merged[column] = { row: 0, column, pieces: [] });
        into.pieces.push(...cell.pieces);
      });
    rows.push(rowNode(merged, { start: state.rowSpans[0].start, end: state.rowSpans[headerRows - 1].end }));
  }
  for (let r = headerRows; r < state.rows.length; r++) rows.push(rowNode(state.rows[r], state.rowSpans[r]));
  node.align = new Array(columns).fill(null);
  node.children = rows;
  node.data = { aligned: true };
}

/** The from-markdown side: grid table tokens → an mdast table (or a paragraph, for a malformed one). */
export function gridTablesFromMarkdown(): FromMarkdownExtension {
  return {
    enter: { gridTable: enterTable, gtRowLine: enterLine, gtCell: enterCell, gtGridDivider: enterDivider },
    exit: { gridTable: exitTable, gtRowLine: exitLine },
  };
}

/** A grid border line: `+`, then runs of `-` or `=` (with alignment marks) each closed by `+`. */
const GRID_BORDER = /^\+(?:[:>]?[-=]+[:<v^x]?[-=]*\+)+[ \t]*\r?$/;

/** The block opens with a grid table: a border line, then a line of cells. */
export function startsWithGridTable(text: string): boolean {
  if (text.charCodeAt(0) !== 43 /* + */) return false;
  const end = text.indexOf('\n');
  if (end < 0 || end > 100_000 || !GRID_BORDER.test(text.slice(0, end))) return false;
  return text.charCodeAt(end + 1) === 124; /* | */
}

/** The length of the grid table a block opens with: its lines that start with `+` or `|`. */
export function gridTableLength(text: string): number {
  let end = 0;
  for (let start = 0; start < text.length;) {
    const c = text.charCodeAt(start);
    if (c !== 43 && c !== 124) break;
    const nl = text.indexOf('\n', start);
    end = nl < 0 ? text.length : nl;
    start = end + 1;
  }
  return end;
}

/** The number of column borders on a grid border line at `lineStart` (for the limit above). */
export function gridColumns(text: string, lineStart: number, lineEnd: number): number {
  if (text.charCodeAt(lineStart) !== 43) return 0;
  let count = 0;
  for (let i = lineStart; i < lineEnd; i++) if (text.charCodeAt(i) === 43) count++;
  return count - 1;
}
