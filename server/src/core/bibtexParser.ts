/**
 * BibTeX/BibLaTeX, parsed with biblatex-csl-converter. A module of its own: the build
 * makes it one bundle (dist/bibtex.js) that the engine loads only when a report names
 * a BibTeX file (the parser is most of the bundle's load time), and that the CLI can run
 * in a worker thread (dist/bibtexWorker.js) while it analyses the report.
 */
import * as path from 'node:path';
import { BibLatexParser, CSLExporter, type BibDB } from 'biblatex-csl-converter';
import { fromCsl, lineOf, lineStarts, plain, type BibEntry, type BibProblem, type ParsedBibliography } from './bibEntry';

const BIBTEX_ERRORS: Record<string, string> = {
  unexpected_eof: 'the file ends inside an entry (a brace or quote is not closed)',
  missing_equal_sign: 'a field has no "=" after its name',
  variable_error: 'a field uses an undefined @string abbreviation',
  unknown_type: 'unknown entry type',
};

function bibtexErrorMessage(e: { type: string; expected?: string; found?: string; key?: string; entry?: string; variable?: string }): string {
  if (e.type === 'token_mismatch') return `expected "${e.expected}" but found ${e.found ? `"${e.found}"` : 'the end of the file'}`;
  const known = BIBTEX_ERRORS[e.type];
  const where = e.entry ? ` (entry ${e.entry}${e.key ? `, field ${e.key}` : ''})` : '';
  return `${known ?? e.type.replace(/_/g, ' ')}${where}${e.variable ? `: ${e.variable}` : ''}`;
}

/** Entry types biblatex-csl-converter reports as unknown still are entries Pandoc cites; those are not errors. */
const IGNORED_BIBTEX_ERRORS = new Set(['unknown_type', 'unknown_field', 'unknown_date', 'unknown_bibtype', 'unexpected_field']);

/** The text of a biblatex-csl-converter rich-text field (a list of text nodes). */
function nodesText(value: unknown): string | undefined {
  if (!Array.isArray(value)) return undefined;
  const text = value
    .map((n) => (n && typeof n === 'object' && typeof (n as { text?: unknown }).text === 'string' ? (n as { text: string }).text : ''))
    .join('');
  return plain(text.replace(/</g, '&lt;').replace(/>/g, '&gt;'));
}

/**
 * The fields taken from the CSL export: names, date, publisher, URL and DOI (titles and
 * containers are read as written, below). Only these are exported: the exporter converts
 * every field it is given, and converting all of them took longer than the parse.
 */
const EXPORTED_FIELDS = ['author', 'editor', 'date', 'publisher', 'url', 'doi'];

/** Entries parsed together: the parser's time grows faster than linearly with the entries it is given at once. */
const ENTRIES_PER_PARSE = 50;

/**
 * The file in groups of entries, cut where a line starts with "@". biblatex-csl-converter
 * spent minutes on 400 KB of hostile "@book{a," lines given whole; in groups the time stays
 * linear in the file. @string definitions are given to every group, so abbreviations
 * defined once still resolve.
 */
function bibtexGroups(text: string): { start: number; text: string }[] {
  const cuts = [0];
  const entryStart = /^[ \t]*@/gm;
  let count = 0;
  for (let m = entryStart.exec(text); m; m = entryStart.exec(text)) {
    if (m.index === 0) continue;
    if (++count % ENTRIES_PER_PARSE === 0) cuts.push(m.index);
  }
  return cuts.map((start, i) => ({ start, text: text.slice(start, cuts[i + 1] ?? text.length) }));
}

/** One of `of` contiguous runs of a file's groups of entries: a large file is parsed in several worker threads, one part each. */
export interface BibtexPart {
  index: number;
  of: number;
}

/**
 * Parses `text` (all of it, or only `part` of its groups: the parts' entries and
 * problems, concatenated in order, are the whole file's).
 */
export function parseBibtex(text: string, file: string, part?: BibtexPart): ParsedBibliography {
  const entries: BibEntry[] = [];
  const problems: BibProblem[] = [];
  const starts = lineStarts(text);
  const groups = bibtexGroups(text);
  const from = part ? Math.floor((groups.length * part.index) / part.of) : 0;
  const to = part ? Math.floor((groups.length * (part.index + 1)) / part.of) : groups.length;
  // Abbreviations (@string) apply file-wide; each group after the first gets them in front.
  const strings = groups.length > 1 ? (text.match(/^[ \t]*@string[ \t]*[{(][^\n]*(?:\n(?![ \t]*@)[^\n]*)*/gim) ?? []).join('\n') : '';
  groups.forEach((group, g) => {
    if (g < from || g >= to) return;
    const prefix = g > 0 && strings ? `${strings}\n` : '';
    const prefixLines = prefix ? (prefix.match(/\n/g) ?? []).length : 0;
    const groupLine = lineOf(starts, group.start).line;
    const parser = new BibLatexParser(prefix + group.text, { processUnexpected: true, processUnknown: true, includeLocation: true });
    const result = parser.parse();
    for (const e of result.errors ?? []) {
      if (IGNORED_BIBTEX_ERRORS.has(e.type)) continue;
      const line = (e.line ?? 1) - prefixLines;
      // An error in the repeated @string prefix is reported once, with the group that holds it.
      if (line < 1) continue;
      problems.push({ file, line: groupLine + line - 1, column: 1, message: `${path.basename(file)}: ${bibtexErrorMessage(e)}`, kind: 'invalid' });
    }
    const db = result.entries as BibDB;
    let csl: Record<string, Record<string, unknown>>;
    // Only the fields read from the export are given to it; titles are taken as written (below).
    const forExport: BibDB = {};
    for (const [id, entry] of Object.entries(db)) {
      const fields: typeof entry.fields = {};
      for (const f of EXPORTED_FIELDS) if (f in entry.fields) fields[f] = entry.fields[f];
      forExport[Number(id)] = { ...entry, fields };
    }
    try {
      csl = new CSLExporter(forExport, false, {}).parse() as unknown as Record<string, Record<string, unknown>>;
    } catch {
      csl = {};
    }
    for (const [id, entry] of Object.entries(db)) {
      const at = group.start + (entry.location?.start ?? 0) - prefix.length;
      if (at < group.start) continue;
      // The key follows "@type{" (or "@type(") at the entry's start.
      const head = /^@[\w-]+[ \t\r\n]*[{(][ \t\r\n]*/.exec(text.slice(at, at + 200));
      const keyStart = head && text.startsWith(entry.entry_key, at + head[0].length) ? at + head[0].length : text.indexOf(entry.entry_key, at);
      const keySpan = keyStart >= 0 ? { start: keyStart, end: keyStart + entry.entry_key.length } : { start: at, end: at };
      // Titles as written: the CSL export sentence-cases English titles, which is for printing, not for finding a work.
      const title = nodesText(entry.fields.title);
      const container = nodesText(entry.fields.journaltitle) ?? nodesText(entry.fields.booktitle) ?? nodesText(entry.fields.maintitle);
      const fields = fromCsl(csl[id] ?? {});
      entries.push({
        key: entry.entry_key,
        ...fields,
        ...(title ? { title } : {}),
        ...(container ? { container } : {}),
        file,
        keySpan,
        line: lineOf(starts, keySpan.start).line,
      });
    }
  });
  return { entries, problems };
}
