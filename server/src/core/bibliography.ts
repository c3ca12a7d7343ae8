import * as fs from 'node:fs';
import * as path from 'node:path';
import * as jsonc from 'jsonc-parser';
import { jsonTooDeepAt, MAX_JSON_NESTING } from './jsonNesting';
import { isMap, isScalar, isSeq, LineCounter, type Node as YamlNode } from 'yaml';
import { parseBoundedYaml } from './yamlBounds';
import { fromCsl, lineOf, lineStarts, type BibEntry, type BibProblem, type ParsedBibliography } from './bibEntry';
import { isInside } from './files';

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

const MAX_PROBLEMS_PER_FILE = 100;

/** The BibTeX parser, loaded when the first BibTeX file is parsed: most reports have none, and loading it is most of the start-up of a check. */
type BibtexParser = { parseBibtex(text: string, file: string): ParsedBibliography };
let bibtexParser: BibtexParser | undefined;

function parseBibtex(text: string, file: string): ParsedBibliography {
  // A run-time require: the build resolves it to dist/bibtex.js, loaded only here. (Its type
  // is written out rather than imported, so the engine's declarations need not reach Citation.js's.)
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  bibtexParser ??= require('./bibtexParser') as BibtexParser;
  return bibtexParser.parseBibtex(text, file);
}

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
    // A parser that throws on hostile input must not take the check down: what it says becomes the file's problem.
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

type Located = { fail: LoadedBibliography } | { absolute: string; real: string; stamp: string };

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

  /** Where `file` really is and which version of it is on disk, or why it is not read. */
  private locate(file: string, allowedRoots: string[]): Located {
    const fail = (error: string): Located => ({ fail: { file, entries: [], problems: [], error } });
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
    return { absolute, real, stamp: `${stat.mtimeMs}:${stat.size}:${stat.ino}` };
  }

  load(file: string, allowedRoots: string[]): LoadedBibliography {
    const located = this.locate(file, allowedRoots);
    if ('fail' in located) return located.fail;
    const { absolute, real, stamp } = located;
    const cached = this.files.get(absolute);
    if (cached && cached.stamp === stamp) return cached.loaded;
    let text: string;
    try {
      text = fs.readFileSync(real, 'utf8');
    } catch (e) {
      return { file: absolute, entries: [], problems: [], error: `the file cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` };
    }
    this.parses++;
    const loaded: LoadedBibliography = { file: absolute, ...parseBibliographyText(text, absolute, bibFormatOf(real)) };
    this.files.set(absolute, { stamp, loaded });
    return loaded;
  }

  /** Drops a file's parse (it changed or was deleted). */
  invalidate(file?: string): void {
    if (file === undefined) this.files.clear();
    else this.files.delete(path.resolve(file));
  }
}
