import { parse as parseCsv } from 'csv-parse/sync';
import * as jsonc from 'jsonc-parser';
import { jsonSyntaxMessage } from './jsonErrors';
import { jsonTooDeepAt, MAX_JSON_NESTING } from './jsonNesting';
import type { Span } from './types';
import type { IdScheme } from './participantIds';
import { lineColumn, lineColumnsOf } from './text';

export interface RegistryEntry {
  id: string;
  agency?: string;
  position?: string;
  country?: string;
  /** Where the entry is defined. */
  origin: { kind: 'table'; row: Span; idSpan: Span; cells: string[]; header: string[] } | { kind: 'file'; file: string; line: number };
}

export interface RegistryProblem {
  file: string;
  line: number;
  column: number;
  message: string;
  /** The file is not valid JSON. */
  syntax?: boolean;
}

const AGENCY = /ministry|agency|organi[sz]ation|institution|department|affiliation/i;
const POSITION = /position|role|title|function/i;
const COUNTRY = /country/i;
/** First header cell that names an ID column: "ID", "ID Number", "Participant ID", "Identifier", "Code". */
export const ID_HEADER = /(^|\W)(id|identifier|code)(\W|$)|participant/i;

/**
 * Spreadsheets export "CSV" with commas, or with semicolons where the comma is the
 * decimal separator, or tabs; the header line decides (commas when it cannot tell).
 */
function csvDelimiter(text: string): string {
  const header = text
    .replace(/^\uFEFF/, '')
    .split('\n', 1)[0]
    .replace(/"[^"]*"/g, '');
  let best = ',';
  let bestCount = 0;
  for (const d of [',', ';', '\t']) {
    const count = header.split(d).length - 1;
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

function pick(header: string[], re: RegExp): number {
  return header.findIndex((h, i) => i > 0 && re.test(h));
}

export function fieldsFromRow(header: string[], cells: string[]): { agency?: string; position?: string; country?: string } {
  const value = (i: number) => (i >= 0 && cells[i] && cells[i].trim() ? cells[i].trim() : undefined);
  return { agency: value(pick(header, AGENCY)), position: value(pick(header, POSITION)), country: value(pick(header, COUNTRY)) };
}

/** Reads a CSV or JSON registry file's text. Rows whose ID is not canonical are reported, not dropped silently. */
export function parseRegistryFile(text: string, file: string, scheme: IdScheme): { entries: RegistryEntry[]; problems: RegistryProblem[] } {
  const entries: RegistryEntry[] = [];
  const problems: RegistryProblem[] = [];
  const add = (row: Record<string, unknown>, line: number) => {
    const keys = Object.keys(row);
    const idKey = keys.find((k) => ID_HEADER.test(k)) ?? keys[0];
    const id = String(row[idKey] ?? '').trim();
    if (!id) return;
    if (!scheme.isCanonical(id)) {
      problems.push({ file, line, column: 1, message: `"${id}" is not a participant ID in the configured form` });
      return;
    }
    const header = [idKey, ...keys.filter((k) => k !== idKey)];
    const cells = header.map((k) => String(row[k] ?? ''));
    entries.push({ id, ...fieldsFromRow(header, cells), origin: { kind: 'file', file, line } });
  };
  if (/\.json$/i.test(file)) {
    // jsonc-parser keeps offsets, so every entry and error is reported at its own line.
    const tooDeep = jsonTooDeepAt(text);
    if (tooDeep !== undefined) {
      problems.push({ file, ...lineColumn(text, tooDeep), message: `the JSON nests more than ${MAX_JSON_NESTING} levels deep; the file is not read` });
      return { entries, problems };
    }
    const errors: jsonc.ParseError[] = [];
    const tree = jsonc.parseTree(text.replace(/^\uFEFF/, ''), errors, { allowTrailingComma: true });
    if (errors.length || !tree) {
      const e = errors[0];
      problems.push({ file, ...lineColumn(text, e?.offset ?? 0), message: jsonSyntaxMessage(e), syntax: !!e });
      return { entries, problems };
    }
    const listNode = tree.type === 'array' ? tree : tree.type === 'object' ? jsonc.findNodeAtLocation(tree, ['participants']) : undefined;
    if (!listNode || listNode.type !== 'array') {
      problems.push({ file, ...lineColumn(text, tree.offset), message: 'expected a list of participants (or {"participants": [...]})' });
      return { entries, problems };
    }
    const placeOf = lineColumnsOf(text);
    for (const item of listNode.children ?? []) {
      const row = jsonc.getNodeValue(item) as unknown;
      if (row && typeof row === 'object' && !Array.isArray(row)) add(row as Record<string, unknown>, placeOf(item.offset).line);
      else problems.push({ file, ...placeOf(item.offset), message: 'expected an object with an "id" for each participant' });
    }
    return { entries, problems };
  }
  let records: { record: string[]; raw: string; info: { lines: number } }[];
  try {
    // LF only, so csv-parse's line count matches the file's lines.
    const lf = text.replace(/\r\n?/g, '\n');
    records = parseCsv(lf, {
      delimiter: csvDelimiter(lf),
      relax_column_count: true,
      skip_empty_lines: true,
      bom: true,
      trim: true,
      info: true,
      raw: true,
    }) as unknown as typeof records;
  } catch (e) {
    const err = e as Error & { lines?: number };
    problems.push({ file, line: err.lines ?? 1, column: 1, message: `invalid CSV: ${err.message}` });
    return { entries, problems };
  }
  const [headerRecord, ...rows] = records;
  if (!headerRecord) return { entries, problems };
  const header = headerRecord.record;
  for (const { record: cells, raw, info } of rows) {
    const row: Record<string, unknown> = {};
    header.forEach((h, j) => (row[h] = cells[j] ?? ''));
    // info.lines is the record's last line; a quoted field may span several.
    const spanned = (
      raw
        .replace(/^[\s]*\n/, '')
        .replace(/\n$/, '')
        .match(/\n/g) ?? []
    ).length;
    add(row, info.lines - spanned);
  }
  return { entries, problems };
}
