import { parse as parseCsv } from 'csv-parse/sync';
import type { Span } from './types';
import type { IdScheme } from './participantIds';

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
}

const AGENCY = /ministry|agency|organi[sz]ation|institution|department|affiliation/i;
const POSITION = /position|role|title|function/i;
const COUNTRY = /country/i;
/** First header cell that names an ID column: "ID", "ID Number", "Participant ID", "Identifier", "Code". */
export const ID_HEADER = /(^|\W)(id|identifier|code)(\W|$)|participant/i;

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
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      problems.push({ file, line: 1, column: 1, message: `invalid JSON: ${(e as Error).message}` });
      return { entries, problems };
    }
    const list = Array.isArray(data) ? data : (data as { participants?: unknown[] })?.participants;
    if (!Array.isArray(list)) {
      problems.push({ file, line: 1, column: 1, message: 'expected a list of participants (or {"participants": [...]})' });
      return { entries, problems };
    }
    list.forEach((row, i) => {
      if (row && typeof row === 'object') add(row as Record<string, unknown>, i + 1);
    });
    return { entries, problems };
  }
  let records: string[][];
  try {
    records = parseCsv(text, { relax_column_count: true, skip_empty_lines: true, bom: true, trim: true }) as string[][];
  } catch (e) {
    const err = e as Error & { lines?: number };
    problems.push({ file, line: err.lines ?? 1, column: 1, message: `invalid CSV: ${err.message}` });
    return { entries, problems };
  }
  const [header, ...rows] = records;
  if (!header) return { entries, problems };
  rows.forEach((cells, i) => {
    const row: Record<string, unknown> = {};
    header.forEach((h, j) => (row[h] = cells[j] ?? ''));
    add(row, i + 2);
  });
  return { entries, problems };
}
