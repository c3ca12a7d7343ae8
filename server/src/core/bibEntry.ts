/**
 * What every bibliography format becomes (`BibEntry`), and the CSL fields it is
 * shown with. A module of its own, without parsers, so that both bundles that
 * parse bibliographies (the engine, and dist/bibtex.js with the BibTeX parser)
 * share it without carrying each other's parsers.
 */
import type { Span } from './types';

/**
 * Bibliographies as Pandoc reads them: BibTeX/BibLaTeX (`.bib`, `.bibtex`),
 * CSL-JSON (`.json`) and CSL-YAML (`.yaml`, `.yml`), and `references:` inline in
 * a document's front matter. Every format becomes the same `BibEntry`, which keeps
 * where its key is written so editors can jump to it and rename it.
 */
export interface BibEntry {
  key: string;
  /** Family names (or literal names) of the authors, or of the editors when there are none. */
  authors: string[];
  year?: string;
  title?: string;
  /** Journal, book or website the work appeared in; or its publisher. */
  container?: string;
  url?: string;
  doi?: string;
  /** Where the key is written: in `file`, or in the document itself (inline references) when `file` is absent. */
  file?: string;
  keySpan: Span;
  /** 1-based line of the entry. */
  line: number;
}

export interface BibProblem {
  file: string;
  /** 1-based. */
  line: number;
  column: number;
  message: string;
  kind: 'unreadable' | 'invalid' | 'duplicate-key';
}

/** Problems reported per bibliography file: a damaged file can have one per line, and the first ones say what is wrong. */
export const MAX_PROBLEMS_PER_FILE = 100;

export interface ParsedBibliography {
  entries: BibEntry[];
  problems: BibProblem[];
}

/** A BibTeX entry as Citation.js's file parse gives it: its fields as written (LaTeX), @string abbreviations resolved. */
export interface RawBibtexEntry {
  type: string;
  label: string;
  properties: Record<string, string | number>;
}

/** What reading a BibTeX file gives (dist/bibtex.js): plain data, so that a worker thread can send it. */
export interface ReadBibtex {
  entries: { raw: RawBibtexEntry; keySpan: Span; line: number }[];
  problems: BibProblem[];
}

/**
 * A read BibTeX file as a worker thread sends it. Copying 2,000 entry objects between
 * threads costs the receiving thread 15–25 ms; these arrays of strings and numbers cost
 * about 1 ms. Each entry's fields travel as JSON, parsed when the entry is first shown.
 */
export interface PackedBibtex {
  labels: string[];
  /** For each entry in turn: where its key starts and ends, and its 1-based line. */
  places: Int32Array;
  /** Each entry's RawBibtexEntry as JSON. */
  raw: string[];
  problems: BibProblem[];
}

export function packBibtex(read: ReadBibtex): PackedBibtex {
  const places = new Int32Array(read.entries.length * 3);
  read.entries.forEach((e, i) => {
    places[3 * i] = e.keySpan.start;
    places[3 * i + 1] = e.keySpan.end;
    places[3 * i + 2] = e.line;
  });
  return { labels: read.entries.map((e) => e.raw.label), places, raw: read.entries.map((e) => JSON.stringify(e.raw)), problems: read.problems };
}

export function lineOf(starts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo] + 1 };
}

export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** CSL rich text may carry HTML-like markup (`<i>`, `<span class="nocase">`); hovers and pickers show plain text. */
export function plain(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return undefined;
  const text = value
    .replace(/<[^<>]{0,200}>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
  return text || undefined;
}

function names(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const out: string[] = [];
  for (const n of value) {
    if (!n || typeof n !== 'object') continue;
    const o = n as Record<string, unknown>;
    const name = plain(o.family) ?? plain(o.literal) ?? plain(o.given);
    if (name) out.push(name);
  }
  return out;
}

function yearOf(issued: unknown): string | undefined {
  if (!issued || typeof issued !== 'object') return plain(issued);
  const o = issued as Record<string, unknown>;
  const parts = o['date-parts'];
  if (Array.isArray(parts) && Array.isArray(parts[0]) && parts[0][0] !== undefined) return plain(parts[0][0]);
  return plain(o.literal) ?? plain(o.raw)?.match(/\d{4}/)?.[0];
}

/** The fields a citation is shown with, from one CSL item. */
export function fromCsl(item: Record<string, unknown>): Omit<BibEntry, 'key' | 'keySpan' | 'line' | 'file'> {
  const authors = names(item.author);
  return {
    authors: authors.length ? authors : names(item.editor),
    year: yearOf(item.issued),
    title: plain(item.title),
    container: plain(item['container-title']) ?? plain(item.publisher),
    url: plain(item.URL),
    doi: plain(item.DOI),
  };
}
