import type { Root, Table, TableCell, TableRow } from 'mdast';
import { position } from './patterns';

/**
 * Builds, without remark, the tree of a plain GFM table — the participant table of
 * every report: each line starts with `|`, the second is a delimiter row with as
 * many cells as the header, and no cell holds code, links, HTML or escapes (which
 * could hide a pipe or produce facts). Rows and cells get remark's offsets: a cell
 * runs from its pipe to the next one, the last cell to the end of the line, and
 * the delimiter row is not a row. Anything else is left to remark.
 * test/core/fast-path.test.ts compares the result with a full parse.
 */
const CELL_SYNTAX = /[`<[\]\\~]/;
const DELIMITER_CELL = /^[ \t]*:?-+:?[ \t]*$/;

interface Line {
  start: number;
  end: number;
  text: string;
}

/** Offsets (within the line) where cells start: every pipe but a trailing one. */
function cellStarts(line: string): number[] {
  const starts: number[] = [];
  for (let i = line.indexOf('|'); i !== -1; i = line.indexOf('|', i + 1)) starts.push(i);
  if (starts.length && /^[ \t]*$/.test(line.slice(starts[starts.length - 1] + 1))) starts.pop();
  return starts;
}

export function simpleTable(text: string): Root | undefined {
  if (text[0] !== '|' || CELL_SYNTAX.test(text) || text.includes('\r')) return undefined;
  const lines: Line[] = [];
  for (let start = 0; start <= text.length;) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    lines.push({ start, end, text: text.slice(start, end) });
    if (nl === -1) break;
    start = nl + 1;
  }
  if (lines.length < 2 || lines.some((l) => l.text[0] !== '|' || cellStarts(l.text).length === 0)) return undefined;
  const header = cellStarts(lines[0].text);
  const delimiter = lines[1].text;
  const delimiterStarts = cellStarts(delimiter);
  if (delimiterStarts.length !== header.length) return undefined;
  for (let k = 0; k < delimiterStarts.length; k++) {
    const cell = delimiter.slice(delimiterStarts[k] + 1, k + 1 < delimiterStarts.length ? delimiterStarts[k + 1] : delimiter.length).replace(/\|[ \t]*$/, '');
    if (!DELIMITER_CELL.test(cell)) return undefined;
  }
  const rows: TableRow[] = [lines[0], ...lines.slice(2)].map((line) => {
    const starts = cellStarts(line.text);
    const cells: TableCell[] = starts.map((s, k) => ({
      type: 'tableCell',
      children: [],
      position: position(line.start + s, line.start + (k + 1 < starts.length ? starts[k + 1] : line.text.length)),
    }));
    return { type: 'tableRow', children: cells, position: position(line.start, line.end) };
  });
  const table: Table = { type: 'table', align: header.map(() => null), children: rows, position: position(0, lines[lines.length - 1].end) };
  return { type: 'root', children: [table], position: position(0, text.length) };
}
