import * as fs from 'node:fs';
import * as path from 'node:path';
import { BibLatexParser, CSLExporter, type BibDB } from './bibtexParser';
import * as jsonc from 'jsonc-parser';
import { jsonTooDeepAt, MAX_JSON_NESTING } from './jsonNesting';
import { isMap, isScalar, isSeq, LineCounter, type Node as YamlNode } from 'yaml';
import { parseBoundedYaml } from './yamlBounds';
import type { Span } from './types';
import { isInside } from './files';

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

export interface ParsedBibliography {
  entries: BibEntry[];
  problems: BibProblem[];
}

export type BibFormat = 'bibtex' | 'csl-json' | 'csl-yaml';

/** Pandoc picks the format by extension; so do we. */
export function bibFormatOf(file: string): BibFormat | undefined {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.bib' || ext === '.bibtex') return 'bibtex';
  if (ext === '.json') return 'csl-json';
  if (ext === '.yaml' || ext === '.yml') return 'csl-yaml';
  return undefined;
}

function lineOf(starts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo] + 1 };
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** CSL rich text may carry HTML-like markup (`<i>`, `<span class="nocase">`); hovers and pickers show plain text. */
function plain(value: unknown): string | undefined {
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

const TITLE_FIELDS = [
  'title',
  'subtitle',
  'titleaddon',
  'shorttitle',
  'journaltitle',
  'journalsubtitle',
  'booktitle',
  'booksubtitle',
  'maintitle',
  'eventtitle',
  'origtitle',
  'series',
  'issuetitle',
];

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

function parseBibtex(text: string, file: string): ParsedBibliography {
  const entries: BibEntry[] = [];
  const problems: BibProblem[] = [];
  const starts = lineStarts(text);
  const groups = bibtexGroups(text);
  // Abbreviations (@string) apply file-wide; each group after the first gets them in front.
  const strings = groups.length > 1 ? (text.match(/^[ \t]*@string[ \t]*[{(][^\n]*(?:\n(?![ \t]*@)[^\n]*)*/gim) ?? []).join('\n') : '';
  groups.forEach((group, g) => {
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
    // Titles are taken as written (below): the exporter would only sentence-case them, slowly.
    const forExport: BibDB = {};
    for (const [id, entry] of Object.entries(db)) {
      const fields = { ...entry.fields };
      for (const f of TITLE_FIELDS) delete fields[f];
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

function parseCslJson(text: string, file: string): ParsedBibliography {
  const entries: BibEntry[] = [];
  const problems: BibProblem[] = [];
  const starts = lineStarts(text);
  const tooDeep = jsonTooDeepAt(text);
  if (tooDeep !== undefined) {
    problems.push({
      file,
      ...lineOf(starts, tooDeep),
      message: `${path.basename(file)}: the JSON nests more than ${MAX_JSON_NESTING} levels deep; the file is not read`,
      kind: 'invalid',
    });
    return { entries, problems };
  }
  const errors: jsonc.ParseError[] = [];
  const tree = jsonc.parseTree(text.replace(/^\uFEFF/, ' '), errors, { allowTrailingComma: true });
  if (errors.length || !tree) {
    const e = errors[0];
    problems.push({
      file,
      ...lineOf(starts, e?.offset ?? 0),
      message: `${path.basename(file)}: invalid JSON: ${e ? jsonc.printParseErrorCode(e.error) : 'the file is empty'}`,
      kind: 'invalid',
    });
    return { entries, problems };
  }
  const items = tree.type === 'array' ? (tree.children ?? []) : tree.type === 'object' ? [tree] : [];
  if (tree.type !== 'array' && tree.type !== 'object') {
    problems.push({ file, ...lineOf(starts, tree.offset), message: `${path.basename(file)}: expected a CSL-JSON list of references`, kind: 'invalid' });
  }
  for (const item of items) {
    const idNode = item.type === 'object' ? jsonc.findNodeAtLocation(item, ['id']) : undefined;
    if (!idNode || (idNode.type !== 'string' && idNode.type !== 'number')) {
      problems.push({ file, ...lineOf(starts, item.offset), message: `${path.basename(file)}: a reference without an "id"`, kind: 'invalid' });
      continue;
    }
    const key = String(idNode.value);
    // A string's node includes its quotes.
    const keySpan =
      idNode.type === 'string'
        ? { start: idNode.offset + 1, end: idNode.offset + idNode.length - 1 }
        : { start: idNode.offset, end: idNode.offset + idNode.length };
    entries.push({ key, ...fromCsl(jsonc.getNodeValue(item) as Record<string, unknown>), file, keySpan, line: lineOf(starts, item.offset).line });
  }
  return { entries, problems };
}

/**
 * CSL items from a YAML node: a list of references, or a mapping with `references:`.
 * `offsetBase` shifts YAML offsets to the enclosing text (front matter inside a document).
 */
export function cslItemsFromYaml(
  list: YamlNode | null | undefined,
  offsetBase: number,
  starts: number[],
  file: string | undefined,
  problems: BibProblem[],
  problemFile: string,
): BibEntry[] {
  const entries: BibEntry[] = [];
  if (!isSeq(list)) {
    const at = offsetBase + (list?.range?.[0] ?? 0);
    problems.push({ file: problemFile, ...lineOf(starts, at), message: `${path.basename(problemFile)}: expected a list of references`, kind: 'invalid' });
    return entries;
  }
  for (const item of list.items) {
    const itemNode = item as YamlNode;
    const at = offsetBase + (itemNode?.range?.[0] ?? 0);
    const idNode = isMap(itemNode) ? itemNode.get('id', true) : undefined;
    if (!isScalar(idNode) || idNode.value === null || idNode.value === undefined || !idNode.range) {
      problems.push({ file: problemFile, ...lineOf(starts, at), message: `${path.basename(problemFile)}: a reference without an "id"`, kind: 'invalid' });
      continue;
    }
    const key = String(idNode.value);
    const raw = idNode.source ?? key;
    // Quoted scalars: the key sits inside the quotes.
    const quoted = idNode.type === 'QUOTE_DOUBLE' || idNode.type === 'QUOTE_SINGLE' ? 1 : 0;
    const keyStart = offsetBase + idNode.range[0] + quoted;
    entries.push({
      key,
      ...fromCsl(itemNode.toJSON() as Record<string, unknown>),
      file,
      keySpan: { start: keyStart, end: keyStart + String(raw).length },
      line: lineOf(starts, at).line,
    });
  }
  return entries;
}

function parseCslYaml(text: string, file: string): ParsedBibliography {
  const problems: BibProblem[] = [];
  const starts = lineStarts(text);
  const lineCounter = new LineCounter();
  // Nesting is bounded; aliases are never expanded (see yamlBounds.ts).
  const doc = parseBoundedYaml(text.replace(/^\uFEFF/, ' '), { lineCounter, uniqueKeys: false });
  if (doc.errors.length) {
    const e = doc.errors[0];
    problems.push({ file, ...lineOf(starts, e.pos[0]), message: `${path.basename(file)}: invalid YAML: ${e.message.split('\n')[0]}`, kind: 'invalid' });
    return { entries: [], problems };
  }
  const root = doc.contents as YamlNode | null;
  const list = isMap(root) ? (root.get('references', true) as YamlNode | undefined) : root;
  return { entries: cslItemsFromYaml(list, 0, starts, file, problems, file), problems };
}

/** Reports every key defined more than once (Pandoc uses the first; the others are lost). */
export function duplicateKeyProblems(entries: BibEntry[], fileOf: (e: BibEntry) => string): BibProblem[] {
  const first = new Map<string, BibEntry>();
  const problems: BibProblem[] = [];
  for (const e of entries) {
    const earlier = first.get(e.key);
    if (!earlier) {
      first.set(e.key, e);
      continue;
    }
    const where = earlier.file === e.file ? `line ${earlier.line}` : `${path.basename(fileOf(earlier))} line ${earlier.line}`;
    problems.push({
      file: fileOf(e),
      line: e.line,
      column: 1,
      message: `Duplicate bibliography key "${e.key}": already defined at ${where}; Pandoc uses the first and ignores this one.`,
      kind: 'duplicate-key',
    });
  }
  return problems;
}

const MAX_PROBLEMS_PER_FILE = 100;

export function parseBibliographyText(text: string, file: string, format = bibFormatOf(file)): ParsedBibliography {
  let parsed: ParsedBibliography;
  try {
    if (format === 'bibtex') parsed = parseBibtex(text, file);
    else if (format === 'csl-json') parsed = parseCslJson(text, file);
    else if (format === 'csl-yaml') parsed = parseCslYaml(text, file);
    else
      return {
        entries: [],
        problems: [
          { file, line: 1, column: 1, message: `${path.basename(file)}: unknown bibliography format (expected .bib, .json or .yaml)`, kind: 'invalid' },
        ],
      };
  } catch (e) {
    // A parser that throws on hostile input must not take the check down.
    return {
      entries: [],
      problems: [{ file, line: 1, column: 1, message: `${path.basename(file)}: cannot be parsed: ${(e as Error).message}`, kind: 'invalid' }],
    };
  }
  parsed.problems.push(...duplicateKeyProblems(parsed.entries, () => file));
  // A damaged file can have an error per line: the first ones say what is wrong.
  if (parsed.problems.length > MAX_PROBLEMS_PER_FILE) parsed.problems = parsed.problems.slice(0, MAX_PROBLEMS_PER_FILE);
  return parsed;
}

/** Bibliographies larger than this are not read (a 2,000-entry BibTeX file is about 1 MB). */
export const MAX_BIBLIOGRAPHY_BYTES = 20 * 1024 * 1024;

export interface LoadedBibliography extends ParsedBibliography {
  file: string;
  /** Set when the file could not be used at all. */
  error?: string;
}

/**
 * Reads bibliography files, each parsed once per version on disk (modification time
 * and size): checking a report again on every keystroke costs a `stat`, not a parse.
 * Only regular files inside the allowed folders are read, never URLs: reports and
 * their front matter may be hostile, and the data is confidential.
 */
export class BibliographyCache {
  private readonly files = new Map<string, { stamp: string; loaded: LoadedBibliography }>();
  /** How many files were parsed (not served from the cache), for tests and benchmarks. */
  parses = 0;

  load(file: string, allowedRoots: string[]): LoadedBibliography {
    const fail = (error: string): LoadedBibliography => ({ file, entries: [], problems: [], error });
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(file)) return fail('bibliographies on the web are not fetched (Report Lint reads local files only)');
    const absolute = path.resolve(file);
    const outside = 'the file is outside the workspace, so it is not read';
    // Outside by its name: not even looked at (whether it exists is none of the report's business).
    if (!allowedRoots.some((r) => isInside(path.resolve(r), absolute))) return fail(outside);
    let real: string;
    let stat: fs.Stats;
    try {
      real = fs.realpathSync(absolute);
      stat = fs.statSync(real);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return fail(code === 'ENOENT' ? 'the file does not exist' : `the file cannot be read (${code ?? (e as Error).message})`);
    }
    const roots = allowedRoots.map((r) => {
      try {
        return fs.realpathSync(r);
      } catch {
        return path.resolve(r);
      }
    });
    // Inside by its name but a link to somewhere else: still outside.
    if (!roots.some((r) => isInside(r, real))) return fail(outside);
    if (!stat.isFile()) return fail('not a regular file');
    if (stat.size > MAX_BIBLIOGRAPHY_BYTES)
      return fail(`the file is too large (${(stat.size / 1e6).toFixed(1)} MB; the limit is ${MAX_BIBLIOGRAPHY_BYTES / 1024 / 1024} MB)`);
    if (!bibFormatOf(real)) return fail('unknown bibliography format (expected .bib, .json, .yaml or .yml)');
    const stamp = `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
    const cached = this.files.get(absolute);
    if (cached && cached.stamp === stamp) return cached.loaded;
    let text: string;
    try {
      text = fs.readFileSync(real, 'utf8');
    } catch (e) {
      return fail(`the file cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    this.parses++;
    const parsed = parseBibliographyText(text, absolute, bibFormatOf(real));
    const loaded: LoadedBibliography = { file: absolute, ...parsed };
    this.files.set(absolute, { stamp, loaded });
    return loaded;
  }

  /** Drops a file's parse (it changed or was deleted). */
  invalidate(file?: string): void {
    if (file === undefined) this.files.clear();
    else this.files.delete(path.resolve(file));
  }
}
