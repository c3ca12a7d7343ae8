/**
 * The bounded route: which blocks remark may parse, and what the others are read as.
 *
 * micromark is fast on what people write, but some shapes make it quadratic or
 * worse. They are found by structure, in one linear scan, not only by size:
 *
 * - emphasis delimiter runs (`*`, `_`): attention resolution compares openers with
 *   closers across one inline content, so a line of `*_*_…` took seconds per 10 KB
 *   and 50 000 runs minutes; a table cell is its own inline content, so a table is
 *   limited per row instead;
 * - container nesting (`>`, list markers, indentation): each line re-enters every
 *   open container, so 2 000 nested list items took seconds for 4 KB, and a table
 *   row followed by a deeply indented list took minutes for 4 MB;
 * - label brackets (`[`): 10 000 took seconds, and 2 400 nested images 18 s;
 * - size: a block over 50 000 characters is pasted data or a damaged file;
 * - a grid table of more than 100 columns: the grid table extension looks up every
 *   `|` among the column borders.
 *
 * The limits are far above what a report holds (a paragraph with 200 emphasised
 * phrases, 32 levels of nesting). Such a block is read by `boundedTree`, in linear
 * time: code after an opening fence, HTML after `<!--` or `<table` (an HTML block
 * runs to a blank line, so the whole block), a leading table as a table
 * (parsed when its rows are within the limits, else split at its pipes; a grid
 * table parsed when within the limits, else prose), and the
 * rest as one paragraph plus the GFM footnote definitions that start its lines. IDs,
 * terms, quotations and footnote references are found in it by their patterns, as
 * everywhere.
 */
import type { Blockquote, FootnoteDefinition, InlineCode, Nodes, Paragraph, Root, RootContent, Table, TableCell, TableRow } from 'mdast';
import { FENCE_OPENING, position } from './patterns';
import { parseMarkdown } from './remark';
import { HTML_TABLE_START } from './htmlTable';
import { gridColumns, gridTableLength, MAX_GRID_COLUMNS, startsWithGridTable } from './gridTable';
import { append } from '../text';

export const PARSE_LIMITS = {
  maxBlockChars: 50_000,
  /** Emphasis delimiter runs in one inline content (a paragraph, or one table row). */
  maxDelimiterRuns: 400,
  /** Container depth of one line: `>` and list markers, and indentation in steps of two columns. */
  maxNesting: 32,
  maxBrackets: 5_000,
  /** Brackets open at once (`[![![…`, or `[a [b [c` never closed): nested labels are quadratic. */
  maxBracketNesting: 32,
};

const TABLE_DELIMITER_ROW = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;

/** A header line with a pipe, then a delimiter row: the block opens with a GFM table. */
export function startsWithTable(text: string): boolean {
  const headerEnd = text.indexOf('\n');
  if (headerEnd < 0 || !text.slice(0, headerEnd).includes('|')) return false;
  const delimiterEnd = text.indexOf('\n', headerEnd + 1);
  const delimiter = text.slice(headerEnd + 1, delimiterEnd < 0 ? text.length : delimiterEnd);
  return delimiter.length < 10_000 && TABLE_DELIMITER_ROW.test(delimiter);
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isBlankChar = (c: number) => c === 32 || c === 9;

/**
 * Why remark may not parse a block, or undefined when it may. `tableRows`: the text
 * is the rows of one table (each row is its own inline content; no size limit, as
 * tables parse in linear time).
 */
export function pathologyOf(text: string, tableRows = false): string | undefined {
  if (!tableRows && text.length > PARSE_LIMITS.maxBlockChars) return `it is over ${PARSE_LIMITS.maxBlockChars} characters long`;
  let runs = 0;
  let brackets = 0;
  let openBrackets = 0;
  let fence = '';
  const grid = startsWithGridTable(text);
  for (let lineStart = 0; lineStart <= text.length;) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    if (grid && gridColumns(text, lineStart, lineEnd) > MAX_GRID_COLUMNS) return `it has a grid table of more than ${MAX_GRID_COLUMNS} columns`;
    // The container prefix: indentation, `>` and list markers.
    let i = lineStart;
    let depth = 0;
    let columns = 0;
    for (; i < lineEnd; i++) {
      const c = text.charCodeAt(i);
      if (c === 32) columns++;
      else if (c === 9) columns += 4 - (columns % 4);
      else if (c === 62 /* > */) depth++;
      else if ((c === 45 || c === 42 || c === 43) /* - * + */ && isBlankChar(text.charCodeAt(i + 1))) depth++;
      else if (isDigit(c)) {
        let j = i;
        while (j < lineEnd && j - i < 9 && isDigit(text.charCodeAt(j))) j++;
        const m = text.charCodeAt(j);
        if (!((m === 46 || m === 41) /* . ) */ && isBlankChar(text.charCodeAt(j + 1)))) break;
        depth++;
        i = j;
      } else break;
      if (depth + (columns >> 1) > PARSE_LIMITS.maxNesting) return `it is nested more than ${PARSE_LIMITS.maxNesting} levels deep`;
    }
    // Fenced code is not inline content: its asterisks and brackets cost nothing.
    const fenceHere = /^(`{3,}|~{3,})/.exec(text.slice(i, Math.min(lineEnd, i + 200)));
    if (fence) {
      if (fenceHere && fenceHere[1][0] === fence[0] && fenceHere[1].length >= fence.length) fence = '';
    } else if (fenceHere) fence = fenceHere[1];
    else {
      if (tableRows) {
        runs = 0;
        openBrackets = 0;
      }
      for (let k = i; k < lineEnd; k++) {
        const c = text.charCodeAt(k);
        if (c === 42 || c === 95) {
          // One run per maximal sequence of the same character.
          if (k === i || text.charCodeAt(k - 1) !== c) runs++;
        } else if (c === 92 /* \\ */) k++;
        else if (c === 91 /* [ */) {
          brackets++;
          if (++openBrackets > PARSE_LIMITS.maxBracketNesting) return `it has brackets nested more than ${PARSE_LIMITS.maxBracketNesting} deep`;
        } else if (c === 93 /* ] */ && openBrackets > 0) openBrackets--;
      }
      if (runs > PARSE_LIMITS.maxDelimiterRuns)
        return `it has more than ${PARSE_LIMITS.maxDelimiterRuns} emphasis delimiters in one ${tableRows ? 'table row' : 'paragraph'}`;
      if (brackets > PARSE_LIMITS.maxBrackets) return `it has more than ${PARSE_LIMITS.maxBrackets} brackets`;
    }
    lineStart = lineEnd + 1;
  }
  return undefined;
}

/** A line start that ends a table: a block quote, list item, heading, fence or blank line. */
const ENDS_TABLE = /^(?:[ \t]*$| {0,3}(?:>|[-*+][ \t]|\d{1,9}[.)][ \t]|#|`{3}|~{3}))/;

/** The length of the table a block opens with (its lines up to one that starts another block). */
function tableLength(text: string): number {
  let end = text.indexOf('\n');
  end = text.indexOf('\n', end + 1);
  if (end === -1) return text.length;
  for (;;) {
    const next = text.indexOf('\n', end + 1);
    const line = text.slice(end + 1, next === -1 ? text.length : next);
    if (ENDS_TABLE.test(line) || !line.includes('|')) return end;
    if (next === -1) return text.length;
    end = next;
  }
}

/** A table split at its pipes without reading cell content (an escaped pipe splits too: this is a stand-in). */
function splitTable(text: string): Table {
  const rows: TableRow[] = [];
  let lineNumber = 0;
  for (let start = 0; start <= text.length; lineNumber++) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    if (lineNumber !== 1) {
      const line = text.slice(start, end);
      const pipes: number[] = [];
      for (let p = line.indexOf('|'); p !== -1; p = line.indexOf('|', p + 1)) pipes.push(p);
      if (pipes[0] !== 0 && !/^[ \t]*$/.test(line.slice(0, pipes[0] ?? 0))) pipes.unshift(-1);
      if (pipes.length > 1 && /^[ \t\r]*$/.test(line.slice(pipes[pipes.length - 1] + 1))) pipes.pop();
      const cells: TableCell[] = pipes.map((p, k) => ({
        type: 'tableCell',
        children: [],
        position: position(start + Math.max(0, p), start + (k + 1 < pipes.length ? pipes[k + 1] : line.length)),
      }));
      rows.push({ type: 'tableRow', children: cells, position: position(start, end) });
    }
    if (nl === -1) break;
    start = nl + 1;
  }
  return { type: 'table', align: [], children: rows, position: position(0, text.length) };
}

const GFM_DEFINITION_LINE = /^ {0,3}\[\^([^\]\s]+)\]:/gm;

/** Code spans: a backtick run and the next run of the same length (CommonMark), in one pass. */
function codeSpans(text: string, offset: number): InlineCode[] {
  const runs: { start: number; end: number }[] = [];
  for (let i = text.indexOf('`'); i !== -1; i = text.indexOf('`', i)) {
    let j = i;
    while (text.charCodeAt(j) === 96) j++;
    if (text.charCodeAt(i - 1) !== 92 /* an escaped backtick opens nothing */) runs.push({ start: i, end: j });
    i = j;
  }
  // next[k]: the first later run of the same length.
  const next = new Array<number>(runs.length).fill(-1);
  const lastOfLength = new Map<number, number>();
  for (let k = runs.length - 1; k >= 0; k--) {
    const length = runs[k].end - runs[k].start;
    next[k] = lastOfLength.get(length) ?? -1;
    lastOfLength.set(length, k);
  }
  const spans: InlineCode[] = [];
  for (let k = 0; k < runs.length;) {
    if (next[k] === -1) {
      k++;
      continue;
    }
    spans.push({ type: 'inlineCode', value: '', position: position(offset + runs[k].start, offset + runs[next[k]].end) });
    k = next[k] + 1;
  }
  return spans;
}

/** A line that starts a block other than a block quote's lazy continuation. */
const STARTS_OTHER_BLOCK = /^ {0,3}(?:[-*+][ \t]|\d{1,9}[.)][ \t]|#|`{3}|~{3}|\|)/;

/**
 * Prose read without remark: paragraphs with their code spans, block quotes (a `>`
 * line and its lazy continuation lines, so quoted words stay quoted), and a
 * footnote definition from each line that starts one.
 */
function proseNodes(text: string, offset: number): RootContent[] {
  const nodes: RootContent[] = [];
  const definitionStarts: { at: number; label: string }[] = [];
  for (const m of text.matchAll(GFM_DEFINITION_LINE)) definitionStarts.push({ at: m.index + m[0].indexOf('['), label: m[1] });
  const firstDefinition = definitionStarts.length ? definitionStarts[0].at : text.length;

  // Lines before the first definition: runs of quoted and unquoted lines.
  let runStart = 0;
  let runQuoted = false;
  const flush = (end: number) => {
    if (!text.slice(runStart, end).trim()) return;
    const children = codeSpans(text.slice(runStart, end), offset + runStart);
    if (runQuoted) {
      const quote: Blockquote = { type: 'blockquote', children: [], position: position(offset + runStart, offset + end) };
      nodes.push(quote);
      const paragraph: Paragraph = { type: 'paragraph', children, position: position(offset + runStart, offset + end) };
      quote.children.push(paragraph);
    } else nodes.push({ type: 'paragraph', children, position: position(offset + runStart, offset + end) } as Paragraph);
  };
  for (let lineStart = 0; lineStart < firstDefinition;) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1 || lineEnd > firstDefinition) lineEnd = firstDefinition;
    const line = text.slice(lineStart, Math.min(lineEnd, lineStart + 8));
    const quoted: boolean = /^ {0,3}>/.test(line) || (runQuoted && !STARTS_OTHER_BLOCK.test(line) && line.trim() !== '');
    if (quoted !== runQuoted) {
      flush(lineStart);
      runStart = lineStart;
      runQuoted = quoted;
    }
    lineStart = lineEnd + 1;
  }
  flush(firstDefinition);

  definitionStarts.forEach((s, k) => {
    let end = k + 1 < definitionStarts.length ? definitionStarts[k + 1].at : text.length;
    while (end > s.at && /\s/.test(text[end - 1])) end--;
    const definition: FootnoteDefinition = {
      type: 'footnoteDefinition',
      identifier: s.label.toLowerCase(),
      label: s.label,
      children: [{ type: 'paragraph', children: codeSpans(text.slice(s.at, end), offset + s.at), position: position(offset + s.at, offset + end) }],
      position: position(offset + s.at, offset + end),
    };
    nodes.push(definition);
  });
  return nodes;
}

/** The stand-in tree of a block remark may not parse; linear in its length. */
export function boundedTree(text: string): Root {
  const root: Root = { type: 'root', children: [], position: position(0, text.length) };
  if (FENCE_OPENING.test(text)) root.children.push({ type: 'code', value: '', position: position(0, text.length) });
  else if (/^ {0,3}<!--/.test(text) || HTML_TABLE_START.test(text)) root.children.push({ type: 'html', value: '', position: position(0, text.length) });
  else if (startsWithTable(text)) {
    const length = tableLength(text);
    const tableText = text.slice(0, length);
    const parsed = pathologyOf(tableText, true) === undefined ? (parseMarkdown(tableText).children[0] as Nodes | undefined) : undefined;
    root.children.push(parsed?.type === 'table' ? parsed : splitTable(tableText));
    if (length < text.length) append(root.children, proseNodes(text.slice(length), length));
  } else if (startsWithGridTable(text)) {
    // A grid table reads in linear time (its cells are not parsed): within the column limit it is read as one.
    const length = gridTableLength(text);
    const tableText = text.slice(0, length);
    const parsed = pathologyOf(tableText, true) === undefined ? (parseMarkdown(tableText).children[0] as Nodes | undefined) : undefined;
    if (parsed?.type === 'table') {
      root.children.push(parsed);
      if (length < text.length) append(root.children, proseNodes(text.slice(length), length));
    } else append(root.children, proseNodes(text, 0));
  } else append(root.children, proseNodes(text, 0));
  if (!root.children.length) root.children.push({ type: 'paragraph', children: [], position: position(0, text.length) });
  return root;
}
