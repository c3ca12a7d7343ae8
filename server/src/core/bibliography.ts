import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import * as jsonc from 'jsonc-parser';
import { jsonTooDeepAt, MAX_JSON_NESTING } from './jsonNesting';
import { isMap, isScalar, isSeq, LineCounter, type Node as YamlNode } from 'yaml';
import { parseBoundedYaml } from './yamlBounds';
import {
  fromCsl,
  lineOf,
  lineStarts,
  MAX_PROBLEMS_PER_FILE,
  type BibEntry,
  type BibProblem,
  type ParsedBibliography,
  type PackedBibtex,
  type RawBibtexEntry,
  type ReadBibtex,
} from './bibEntry';
import { isInside } from './files';
import { append } from './text';

export type { BibEntry, BibProblem, ParsedBibliography } from './bibEntry';

export type BibFormat = 'bibtex' | 'csl-json' | 'csl-yaml';

/** Pandoc picks the format by extension; so do we. */
export function bibFormatOf(file: string): BibFormat | undefined {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.bib' || ext === '.bibtex') return 'bibtex';
  if (ext === '.json') return 'csl-json';
  if (ext === '.yaml' || ext === '.yml') return 'csl-yaml';
  return undefined;
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

/** The BibTeX parser (dist/bibtex.js; its type written out, so the engine's declarations need not reach Citation.js's). */
interface BibtexParser {
  readBibtex(text: string, file: string): ReadBibtex;
  cslItem(chain: RawBibtexEntry[]): Record<string, unknown>;
}
let bibtexParser: BibtexParser | undefined;

/** Loaded when first needed: most reports have no BibTeX file, and a CLI run whose file a worker thread read needs it only to show an entry. */
export function loadBibtexParser(): BibtexParser {
  // A run-time require: the build resolves it to dist/bibtex.js, loaded only here.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  bibtexParser ??= require('./bibtexParser') as BibtexParser;
  return bibtexParser;
}

/** How far `crossref` is followed (an entry, its parent, the parent's parent). */
const MAX_CROSSREF_CHAIN = 3;

type Shown = Pick<BibEntry, 'authors' | 'year' | 'title' | 'container' | 'url' | 'doi'>;

/** A BibTeX entry: its key and place at once; what it is shown with, converted on first use. */
class BibtexEntry implements BibEntry {
  /** Its fields as written, or (sent by a worker thread) their JSON, parsed on first use. */
  #raw: RawBibtexEntry | string;
  /** The file's entries by key, for `crossref`. */
  readonly #byKey: Map<string, BibtexEntry>;
  #shown: Shown | undefined;

  constructor(
    readonly key: string,
    raw: RawBibtexEntry | string,
    byKey: Map<string, BibtexEntry>,
    readonly file: string,
    readonly keySpan: { start: number; end: number },
    readonly line: number,
  ) {
    this.#raw = raw;
    this.#byKey = byKey;
  }

  get authors(): string[] {
    return this.#details().authors;
  }
  get year(): string | undefined {
    return this.#details().year;
  }
  get title(): string | undefined {
    return this.#details().title;
  }
  get container(): string | undefined {
    return this.#details().container;
  }
  get url(): string | undefined {
    return this.#details().url;
  }
  get doi(): string | undefined {
    return this.#details().doi;
  }

  raw(): RawBibtexEntry {
    if (typeof this.#raw === 'string') this.#raw = JSON.parse(this.#raw) as RawBibtexEntry;
    return this.#raw;
  }

  #details(): Shown {
    if (this.#shown) return this.#shown;
    // The entry and the entries it inherits from (crossref), each once: a cycle of crossrefs would make the converter recurse without end.
    const chain = [this.raw()];
    for (let parent = this.#byKey.get(String(chain[0].properties.crossref)); parent && chain.length < MAX_CROSSREF_CHAIN;) {
      const raw = parent.raw();
      if (chain.includes(raw)) break;
      chain.push(raw);
      parent = this.#byKey.get(String(raw.properties.crossref));
    }
    const { authors, year, title, container, url, doi } = fromCsl(loadBibtexParser().cslItem(chain));
    this.#shown = { authors, year, title, container, url, doi };
    return this.#shown;
  }
}

/** The entries of a BibTeX file read on this thread, or packed by a worker thread. */
function bibtexBibliography(read: ReadBibtex | PackedBibtex, file: string): ParsedBibliography {
  const byKey = new Map<string, BibtexEntry>();
  const entries: BibtexEntry[] = [];
  const add = (e: BibtexEntry) => {
    entries.push(e);
    if (!byKey.has(e.key)) byKey.set(e.key, e);
  };
  if ('entries' in read) for (const e of read.entries) add(new BibtexEntry(e.raw.label, e.raw, byKey, file, e.keySpan, e.line));
  else {
    const { labels, places, raw } = read;
    for (let i = 0; i < labels.length; i++)
      add(new BibtexEntry(labels[i], raw[i], byKey, file, { start: places[3 * i], end: places[3 * i + 1] }, places[3 * i + 2]));
  }
  return { entries, problems: read.problems };
}

/** A parser that throws on hostile input must not take the check down: what it says becomes the file's problem. */
function parseFailure(file: string, e: unknown): ParsedBibliography {
  return {
    entries: [],
    problems: [{ file, line: 1, column: 1, message: `${path.basename(file)}: cannot be parsed: ${(e as Error).message}`, kind: 'invalid' }],
  };
}

/** What every parse ends with, wherever it ran: duplicate keys, and no more than the first problems. */
function finishParse(parsed: ParsedBibliography, file: string): ParsedBibliography {
  append(
    parsed.problems,
    duplicateKeyProblems(parsed.entries, () => file),
  );
  // A damaged file can have an error per line: the first ones say what is wrong.
  if (parsed.problems.length > MAX_PROBLEMS_PER_FILE) parsed.problems = parsed.problems.slice(0, MAX_PROBLEMS_PER_FILE);
  return parsed;
}

export function parseBibliographyText(text: string, file: string, format = bibFormatOf(file)): ParsedBibliography {
  let parsed: ParsedBibliography;
  try {
    if (format === 'bibtex') parsed = bibtexBibliography(loadBibtexParser().readBibtex(text, file), file);
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
    return parseFailure(file, e);
  }
  return finishParse(parsed, file);
}

/** Bibliographies larger than this are not read (a 2,000-entry BibTeX file is about 1 MB). */
export const MAX_BIBLIOGRAPHY_BYTES = 20 * 1024 * 1024;

export interface LoadedBibliography extends ParsedBibliography {
  file: string;
  /** Set when the file could not be used at all. */
  error?: string;
}

/** The BibTeX worker (dist/bibtexWorker.js) beside the bundle that runs this code; absent when the engine runs from its sources. */
const BIBTEX_WORKER = path.join(__dirname, 'bibtexWorker.js');

/** What the BibTeX worker thread answers for a file: the file read, or why the parser gave up. */
export type BibtexWorkerAnswer = { packed: PackedBibtex } | { error: string };

/**
 * BibTeX files another thread reads ahead: the CLI starts one before it loads the
 * engine (cli/readAhead.ts), with the reports named on the command line.
 */
export interface BibtexReadAhead {
  /**
   * The read of `file` (absolute, as named) at version `stamp` when that thread reads it;
   * undefined (or a promise of undefined) when it does not, or failed.
   */
  take(file: string, stamp: string): Promise<BibtexWorkerAnswer | undefined> | undefined;
}

type Located = { fail: LoadedBibliography } | LocatedBibliography;

/** A bibliography file found where it may be read: its path as named (absolute), where it really is, and its version on disk. */
export interface LocatedBibliography {
  absolute: string;
  real: string;
  /** Modification time, size and inode: a file is parsed again when this changes. */
  stamp: string;
}

/**
 * Where `file` really is and which version of it is on disk, or why it is not read:
 * only regular files inside the allowed folders (also after following links), never
 * URLs, and none too large.
 */
export function locateBibliography(file: string, allowedRoots: string[]): LocatedBibliography | { error: string } {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(file)) return { error: 'bibliographies on the web are not fetched (Report Lint reads local files only)' };
  const absolute = path.resolve(file);
  const outside = { error: 'the file is outside the workspace, so it is not read' };
  // Outside by its name: not even looked at (whether it exists is none of the report's business).
  if (!allowedRoots.some((r) => isInside(path.resolve(r), absolute))) return outside;
  let real: string;
  let stat: fs.Stats;
  try {
    real = fs.realpathSync.native(absolute);
    stat = fs.statSync(real);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { error: code === 'ENOENT' ? 'the file does not exist' : `the file cannot be read (${code ?? (e as Error).message})` };
  }
  const roots = allowedRoots.map((r) => {
    try {
      return fs.realpathSync.native(r);
    } catch {
      return path.resolve(r);
    }
  });
  // Inside by its name but a link to somewhere else: still outside.
  if (!roots.some((r) => isInside(r, real))) return outside;
  if (!stat.isFile()) return { error: 'not a regular file' };
  if (stat.size > MAX_BIBLIOGRAPHY_BYTES)
    return { error: `the file is too large (${(stat.size / 1e6).toFixed(1)} MB; the limit is ${MAX_BIBLIOGRAPHY_BYTES / 1024 / 1024} MB)` };
  if (!bibFormatOf(real)) return { error: 'unknown bibliography format (expected .bib, .json, .yaml or .yml)' };
  return { absolute, real, stamp: `${stat.mtimeMs}:${stat.size}:${stat.ino}` };
}

/**
 * Reads bibliography files, each parsed once per version on disk (modification time
 * and size): checking a report again on every keystroke costs a `stat`, not a parse.
 * Only regular files inside the allowed folders are read, never URLs: reports and
 * their front matter may be hostile, and the data is confidential.
 */
export class BibliographyCache {
  private readonly files = new Map<string, { stamp: string; loaded: LoadedBibliography }>();
  /** BibTeX files being read in a worker thread, by file and version. */
  private readonly pending = new Map<string, Promise<void>>();
  /** How many files were parsed (not served from the cache), and how many in a worker thread, for tests and benchmarks. */
  parses = 0;
  workerThreads = 0;
  /** Files read ahead, taken when their version is the one on disk. */
  readAhead: BibtexReadAhead | undefined;

  /** `workerScript`: the BibTeX worker; by default the one beside the running bundle. */
  constructor(private readonly workerScript = BIBTEX_WORKER) {}

  /** Where `file` really is and which version of it is on disk, or why it is not read. */
  private locate(file: string, allowedRoots: string[]): Located {
    const located = locateBibliography(file, allowedRoots);
    return 'error' in located ? { fail: { file, entries: [], problems: [], error: located.error } } : located;
  }

  private store(absolute: string, stamp: string, parsed: ParsedBibliography): LoadedBibliography {
    this.parses++;
    const loaded: LoadedBibliography = { file: absolute, ...parsed };
    this.files.set(absolute, { stamp, loaded });
    return loaded;
  }

  private read(located: { absolute: string; real: string }): { text: string } | { fail: LoadedBibliography } {
    try {
      return { text: fs.readFileSync(located.real, 'utf8') };
    } catch (e) {
      const error = `the file cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`;
      return { fail: { file: located.absolute, entries: [], problems: [], error } };
    }
  }

  load(file: string, allowedRoots: string[]): LoadedBibliography {
    const located = this.locate(file, allowedRoots);
    if ('fail' in located) return located.fail;
    const cached = this.files.get(located.absolute);
    if (cached && cached.stamp === located.stamp) return cached.loaded;
    const read = this.read(located);
    if ('fail' in read) return read.fail;
    return this.store(located.absolute, located.stamp, parseBibliographyText(read.text, located.absolute, bibFormatOf(located.real)));
  }

  /**
   * Reads a BibTeX file in a worker thread into this cache, so that a later `load` of the
   * same version finds it parsed: the CLI analyses the report meanwhile, on another core
   * (the parse of a 2,000-entry file takes longer than starting the thread). Anything else
   * (other formats, files already parsed or not to be read, no worker script beside the
   * bundle, a worker that fails) is left to `load`, which gives the same result here.
   * Only keys, places and problems cross: an entry is converted for showing on this thread, if ever.
   * Undefined when there is nothing to read.
   */
  prefetch(file: string, allowedRoots: string[]): Promise<void> | undefined {
    if (bibFormatOf(file) !== 'bibtex' || !fs.existsSync(this.workerScript)) return undefined;
    const located = this.locate(file, allowedRoots);
    if ('fail' in located) return undefined;
    const cached = this.files.get(located.absolute);
    if (cached && cached.stamp === located.stamp) return undefined;
    const id = `${located.absolute}\0${located.stamp}`;
    let pending = this.pending.get(id);
    if (!pending) {
      // Read ahead (the CLI starts that before it loads the engine), or else in a thread started now.
      const ahead = this.readAhead?.take(located.absolute, located.stamp);
      const answer = ahead ? ahead.then((a) => a ?? this.readInWorker(located)) : this.readInWorker(located);
      pending = answer
        .then((a) => {
          // A worker that could not answer leaves the file to `load`.
          if (!a) return;
          const parsed = 'packed' in a ? bibtexBibliography(a.packed, located.absolute) : parseFailure(located.absolute, new Error(a.error));
          this.store(located.absolute, located.stamp, finishParse(parsed, located.absolute));
        })
        .finally(() => this.pending.delete(id));
      this.pending.set(id, pending);
    }
    return pending;
  }

  private readInWorker(located: LocatedBibliography): Promise<BibtexWorkerAnswer | undefined> {
    const read = this.read(located);
    if ('fail' in read) return Promise.resolve(undefined);
    this.workerThreads++;
    return new Promise((resolve) => {
      const worker = new Worker(this.workerScript, { workerData: { text: read.text, file: located.absolute } });
      worker.once('message', (answer: BibtexWorkerAnswer) => resolve(answer));
      worker.once('error', () => resolve(undefined));
      worker.once('exit', () => resolve(undefined));
    });
  }

  /** Drops a file's parse (it changed or was deleted). */
  invalidate(file?: string): void {
    if (file === undefined) this.files.clear();
    else this.files.delete(path.resolve(file));
  }
}
