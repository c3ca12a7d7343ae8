/**
 * HTML tables (what Pandoc writes for a Word table no Markdown table format can
 * hold, and what `-t gfm` writes for any such table) as mdast `table` nodes, so
 * the table facts and every rule read them like pipe tables.
 *
 * parse5 (the WHATWG HTML parser) reads the HTML with source offsets; the table is
 * walked here with an explicit stack (hast-util-from-parse5 converts the tree by
 * recursion, as deep as the input nests). A cell's text is the text nodes inside
 * it, each a piece with its offsets (see tableCells.ts); entities are decoded for
 * the text (a piece with one keeps its own offsets at its ends). Rows come from
 * the table's own sections, not from tables nested in cells; `rowspan` and
 * `colspan` are laid out as a browser does, the places a cell spans left empty, so
 * every cell stays under its header. The header is the `<thead>` (several rows
 * read as one, column by column), or a first row of `<th>` cells only; without
 * one the table has no header (and is not a participant table).
 */
import { parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import type { Table, TableCell, TableRow } from 'mdast';
import type { Span } from '../types';
import { position } from './patterns';
import { trimmedSpan } from './tableCells';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

/** An HTML block that opens with a table (CommonMark HTML block start condition 6). */
export const HTML_TABLE_START = /^ {0,3}<table(?:[\s/>]|$)/i;
/** Columns a table may have (a hostile `colspan` must not make every row that wide). */
const MAX_COLUMNS = 1000;
/** Rows a `rowspan` may cover (the HTML standard caps it at 65534). */
const MAX_ROWSPAN = 65_534;

const isElement = (node: Node): node is Element => 'tagName' in node;
const childElements = (node: Element, names: readonly string[]) => node.childNodes.filter((c): c is Element => isElement(c) && names.includes(c.tagName));

interface HtmlCell {
  element: Element;
  column: number;
}

/** Text pieces of a cell in document order: its text nodes, trimmed, with their decoded text. */
function cellPieces(cell: Element, html: string, base: number): { lines: Span[]; values: string[] } {
  const lines: Span[] = [];
  const values: string[] = [];
  const stack: Node[] = [cell];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.nodeName === '#text' && 'value' in node) {
      const location = node.sourceCodeLocation;
      const value = node.value.trim();
      if (!location || !value) continue;
      const span = trimmedSpan(html, location.startOffset, location.endOffset);
      if (span.end <= span.start) continue;
      lines.push({ start: base + span.start, end: base + span.end });
      values.push(value.replace(/\s+/g, ' '));
    } else if (isElement(node) && node.tagName !== 'template') {
      for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i]);
    }
  }
  return { lines, values };
}

function spanOf(element: Element, base: number, fallback: number): Span {
  const location = element.sourceCodeLocation;
  return location ? { start: base + location.startOffset, end: base + location.endOffset } : { start: fallback, end: fallback };
}

/** The table an HTML node at `span` of `text` opens with, or undefined. */
export function htmlTable(text: string, span: Span): Table | undefined {
  const html = text.slice(span.start, span.end);
  if (!HTML_TABLE_START.test(html)) return undefined;
  const fragment = parseFragment(html, { sourceCodeLocationInfo: true });
  const table = fragment.childNodes.find((c): c is Element => isElement(c) && c.tagName === 'table');
  if (!table) return undefined;
  const base = span.start;

  // The rows in order, each marked as in the head or not.
  const rows: { tr: Element; head: boolean }[] = [];
  for (const section of childElements(table, ['thead', 'tbody', 'tfoot', 'tr']))
    if (section.tagName === 'tr') rows.push({ tr: section, head: false });
    else for (const tr of childElements(section, ['tr'])) rows.push({ tr, head: section.tagName === 'thead' });
  if (!rows.length) return undefined;

  // Lay the cells out: a cell goes to the first column not taken by a rowspan from above.
  const laidOut: HtmlCell[][] = [];
  const carried: number[] = [];
  // Up to the last column a cell starts in: the places a span leaves empty after it are no column's
  // (counting them made every row of a table with one colspan="1000" a thousand cells wide).
  let columns = 0;
  for (const { tr } of rows) {
    const taken: boolean[] = carried.map((rowsLeft) => rowsLeft > 0);
    for (let c = 0; c < carried.length; c++) if (carried[c] > 0) carried[c]--;
    const cells: HtmlCell[] = [];
    let column = 0;
    for (const element of childElements(tr, ['td', 'th'])) {
      while (taken[column]) column++;
      // Past the column limit a cell is dropped and a span is cut at it: what lies there cannot be under a
      // header a reader looks for, and the cells before it (the ID column) are read as they are. Rejecting
      // the table for one such cell lost its participants without a word.
      if (column >= MAX_COLUMNS) break;
      const attribute = (name: string) => Number.parseInt(element.attrs.find((a) => a.name === name)?.value ?? '1', 10);
      const colspan = Math.max(1, Math.min(MAX_COLUMNS - column, attribute('colspan') || 1));
      const rowspan = Math.max(1, Math.min(MAX_ROWSPAN, attribute('rowspan') || 1));
      cells.push({ element, column });
      columns = Math.max(columns, column + 1);
      for (let c = column; c < column + colspan; c++) {
        taken[c] = true;
        carried[c] = Math.max(carried[c] ?? 0, rowspan - 1);
      }
      column += colspan;
    }
    laidOut.push(cells);
  }
  // Every row is laid out `columns` cells wide, so one wide row, or a cell after a wide span, made every row that
  // wide: a few hundred KB laid out millions of empty cells (seconds). A table gets at most as many cells as its
  // HTML has characters (a cell's markup alone takes four, `<td>`), 10,000 at least; past that its last columns
  // are cut. Its first columns, where the IDs are, are always read.
  columns = Math.min(columns, Math.max(1, Math.floor(Math.max(html.length, 10_000) / rows.length)));

  const rowNode = (groups: HtmlCell[][], trs: Element[]): TableRow => {
    const rowSpan = { start: spanOf(trs[0], base, base).start, end: spanOf(trs[trs.length - 1], base, base).end };
    const byColumn: { lines: Span[]; values: string[] }[] = Array.from({ length: columns }, () => ({ lines: [], values: [] }));
    for (const cells of groups)
      for (const cell of cells) {
        if (cell.column >= columns) continue;
        const pieces = cellPieces(cell.element, html, base);
        byColumn[cell.column].lines.push(...pieces.lines);
        byColumn[cell.column].values.push(...pieces.values);
      }
    return {
      type: 'tableRow',
      children: byColumn.map(({ lines, values }): TableCell => {
        if (!lines.length) return { type: 'tableCell', children: [], position: position(rowSpan.end, rowSpan.end) };
        return { type: 'tableCell', children: [], position: position(lines[0].start, lines[lines.length - 1].end), data: { lines, values } };
      }),
      position: position(rowSpan.start, rowSpan.end),
    };
  };

  // The header: the <thead> rows, else a first row of <th> cells only.
  let headerRows = rows.filter((r) => r.head).length;
  if (headerRows && rows.slice(0, headerRows).some((r) => !r.head)) headerRows = 0;
  if (!headerRows && laidOut[0].length && laidOut[0].every((c) => c.element.tagName === 'th')) headerRows = 1;
  const children: TableRow[] = [
    headerRows
      ? rowNode(
          laidOut.slice(0, headerRows),
          rows.slice(0, headerRows).map((r) => r.tr),
        )
      : { type: 'tableRow', children: [], position: position(base, base) },
  ];
  for (let r = headerRows; r < rows.length; r++) children.push(rowNode([laidOut[r]], [rows[r].tr]));
  return { type: 'table', align: new Array(columns).fill(null), children, position: position(span.start, span.end) };
}
