/**
 * Edits inside a table read by column position (grid, simple and multiline tables)
 * keep its columns. An edit that made a line of such a table longer or shorter would
 * move every column after it on that line: a grid table would stop being a table
 * (and its participants would vanish), and the cells of a simple table would shift.
 * So an edit that changes the width by d takes d of the spaces after it, or gives d
 * spaces back, and everything after it stays where it was. Where too few spaces
 * follow (one must stay before the next column), there is no such edit: no fix
 * rather than one that breaks the table.
 */
import type { TextEdit } from './types';
import type { TableFacts } from './facts';
import { displayWidth } from './parse/columnTable';

/** `edits` adjusted to keep the columns of aligned tables, or undefined when one cannot. */
export function editsKeepingColumns(text: string, tables: readonly TableFacts[], edits: readonly TextEdit[]): TextEdit[] | undefined {
  const out: TextEdit[] = [];
  const linesEdited = new Set<number>();
  for (const edit of edits) {
    const table = tables.find((t) => t.aligned && t.start <= edit.start && edit.end <= t.end);
    if (!table) {
      out.push(edit);
      continue;
    }
    const replaced = text.slice(edit.start, edit.end);
    if (/[\r\n]/.test(replaced) || /[\r\n]/.test(edit.newText)) return undefined;
    let lineEnd = edit.end;
    while (lineEnd < text.length && text[lineEnd] !== '\n' && text[lineEnd] !== '\r') lineEnd++;
    // Two edits on one line would each count the spaces the other takes.
    if (linesEdited.has(lineEnd)) return undefined;
    linesEdited.add(lineEnd);
    const delta = displayWidth(edit.newText) - displayWidth(replaced);
    const after = text.slice(edit.end, lineEnd);
    const spaces = /^ */.exec(after)![0].length;
    // Nothing after it on the line (the last column of a simple or multiline table): the line may change length.
    if (delta === 0 || spaces === after.length) out.push(edit);
    else if (delta < 0) out.push({ ...edit, newText: edit.newText + ' '.repeat(-delta) });
    else if (spaces - delta >= 1) out.push({ ...edit, end: edit.end + delta, newText: edit.newText });
    else return undefined;
  }
  return out;
}
