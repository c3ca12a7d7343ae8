import * as fs from 'node:fs';
import * as path from 'node:path';
import { isScalar, type Node as YamlNode } from 'yaml';
import { parseBoundedYaml } from './yamlBounds';
import type { Span } from './types';
import { BibliographyCache, duplicateKeyProblems, type BibEntry, type BibProblem, type LoadedBibliography } from './bibliography';
import { isInside } from './files';
import { boundedLevenshtein } from './participants';
import { bibliographyNodes, type FrontMatter } from './pandoc';
import { append } from './text';

/** One bibliography source of a document. */
export interface BibliographySource {
  kind: 'file' | 'inline';
  /** Absolute path of the file (kind "file"). */
  file?: string;
  /** As written. */
  name?: string;
  /** Where the document names the file (its front matter); absent when a Quarto project file names it. */
  declaredAt?: Span;
  /** The project file that names it (`_quarto.yml`), with its 1-based line. */
  declaredIn?: { file: string; line: number };
  loaded?: LoadedBibliography;
}

export interface ResolvedBibliography {
  sources: BibliographySource[];
  /** First definition of each key, as Pandoc uses it. */
  entries: Map<string, BibEntry>;
  all: BibEntry[];
  /** Problems to show on the bibliography files (parse errors, duplicate keys). */
  fileProblems: BibProblem[];
  /** The bibliography belongs to this document alone (inline references, or a file named after the document). */
  own: boolean;
  /** Every named source was read and parsed without errors. */
  complete: boolean;
}

export interface BibliographyOptions {
  /** The document's path on disk (relative bibliography paths are resolved from its folder). */
  documentPath?: string;
  /** Folders bibliography files may be read from. */
  roots?: string[];
  cache?: BibliographyCache;
}

/** Shared by every linter of the process: a file is parsed once per version, whoever asks. */
export const sharedBibliographyCache = new BibliographyCache();

const QUARTO_PROJECT_FILES = ['_quarto.yml', '_quarto.yaml'];
const QUARTO_DIRECTORY_FILES = ['_metadata.yml', '_metadata.yaml'];

/** A bibliography file named by one layer of metadata, resolved against that layer's folder. */
interface NamedFile {
  file: string;
  name: string;
  declaredAt?: Span;
  declaredIn?: { file: string; line: number };
}

/** One layer's `bibliography:` (see bibliographyNodes); `list` decides how it merges with the layers before it. */
interface Layer {
  files: NamedFile[];
  list: boolean;
}

/** Metadata files read, by path, with the version (modification time and size) they were read at. */
const metadataCache = new Map<string, { stamp: string; layer: Layer | undefined }>();

/**
 * The `bibliography:` layer of the first of `names` that is a regular file in `dir`
 * (small enough to be metadata); null when there is no such file. Parsed once per
 * version: a keystroke costs a `stat`.
 */
function metadataFileLayer(dir: string, names: string[]): Layer | undefined | null {
  for (const name of names) {
    const file = path.join(dir, name);
    let stamp: string;
    try {
      // Most folders have none: asked without an exception, which costs more than the stat (this runs on every keystroke).
      const stat = fs.statSync(file, { throwIfNoEntry: false });
      if (!stat?.isFile() || stat.size > 1_000_000) continue;
      stamp = `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
      const cached = metadataCache.get(file);
      if (cached?.stamp === stamp) return cached.layer;
      const layer = metadataLayer(file, fs.readFileSync(file, 'utf8'));
      if (metadataCache.size > 200) metadataCache.clear();
      metadataCache.set(file, { stamp, layer });
      return layer;
    } catch {
      continue;
    }
  }
  return null;
}

/** The `bibliography:` layer of a `_quarto.yml` or `_metadata.yml` (paths relative to its folder). */
function metadataLayer(file: string, text: string): Layer | undefined {
  // Nesting is bounded, aliases never expanded (see yamlBounds.ts): a project file may be hostile too.
  const doc = parseBoundedYaml(text, { uniqueKeys: false });
  if (doc.errors.length) return undefined;
  const value = bibliographyNodes(doc.contents as YamlNode | null);
  if (!value) return undefined;
  const files: NamedFile[] = [];
  for (const node of value.nodes) {
    const v = isScalar(node) ? node.value : undefined;
    if (v === undefined || v === null || String(v).trim() === '') continue;
    const name = String(v).trim();
    const line = (text.slice(0, node.range?.[0] ?? 0).match(/\n/g) ?? []).length + 1;
    files.push({ file: path.resolve(path.dirname(file), name), name, declaredIn: { file, line } });
  }
  return { files, list: value.list };
}

/**
 * The metadata layers of the Quarto project the document belongs to, outermost
 * first: the nearest `_quarto.yml` up to a root, then every `_metadata.yml` from the
 * project's folder down to the document's (Quarto reads directory metadata only
 * inside a project).
 */
function quartoLayers(docDir: string, roots: string[]): Layer[] {
  const dirs: string[] = [];
  let dir = docDir;
  for (let depth = 0; depth < 64; depth++) {
    dirs.push(dir);
    const project = metadataFileLayer(dir, QUARTO_PROJECT_FILES);
    if (project !== null) {
      const layers: Layer[] = project ? [project] : [];
      for (const d of dirs.reverse()) {
        const layer = metadataFileLayer(d, QUARTO_DIRECTORY_FILES);
        if (layer) layers.push(layer);
      }
      return layers;
    }
    // Up to the outermost folder files may be read from (the workspace folder; for the CLI, the working directory).
    const parent = path.dirname(dir);
    if (parent === dir || !roots.some((r) => isInside(r, parent))) return [];
    dir = parent;
  }
  return [];
}

/**
 * Merges layers as Quarto merges metadata: a later single name replaces what came
 * before; when either side is a list, the lists add up (each file once).
 */
function mergeLayers(layers: Layer[]): NamedFile[] {
  let merged: Layer | undefined;
  for (const layer of layers) {
    if (!merged || !(merged.list || layer.list)) merged = layer;
    else {
      const files = [...merged.files];
      for (const f of layer.files) if (!files.some((g) => g.file === f.file)) files.push(f);
      merged = { files, list: true };
    }
  }
  return merged?.files ?? [];
}

/** The bibliography files a document uses, in Pandoc's order: its Quarto project's layers, then its own front matter. */
export function namedBibliographyFiles(frontMatter: FrontMatter | undefined, docDir: string, roots: string[], documentPath: string | undefined): NamedFile[] {
  const layers = documentPath ? quartoLayers(docDir, roots) : [];
  if (frontMatter?.bibliography.length)
    layers.push({
      files: frontMatter.bibliography.map((f) => ({
        file: /^[a-z][a-z0-9+.-]*:\/\//i.test(f.path) ? f.path : path.resolve(docDir, f.path),
        name: f.path,
        declaredAt: f.span,
      })),
      list: frontMatter.bibliographyIsList,
    });
  return mergeLayers(layers);
}

function documentPlace(options: BibliographyOptions): { docDir: string; roots: string[] } {
  const docDir = options.documentPath ? path.dirname(path.resolve(options.documentPath)) : process.cwd();
  return { docDir, roots: options.roots?.length ? options.roots : [docDir] };
}

/**
 * Starts reading the document's BibTeX files in worker threads (see
 * BibliographyCache.prefetch); `resolveBibliography` afterwards finds them parsed.
 * Undefined when there is nothing to read (none, or all parsed at their version on disk).
 */
export function prefetchBibliography(frontMatter: FrontMatter | undefined, options: BibliographyOptions = {}): Promise<void> | undefined {
  const cache = options.cache ?? sharedBibliographyCache;
  const { docDir, roots } = documentPlace(options);
  const reading = namedBibliographyFiles(frontMatter, docDir, roots, options.documentPath).flatMap((f) => cache.prefetch(f.file, roots) ?? []);
  return reading.length ? Promise.all(reading).then(() => undefined) : undefined;
}

/**
 * Finds and loads a document's bibliography as Pandoc and Quarto do: the front
 * matter's `bibliography:` (one file or a list, relative to the document; every
 * output format's too) and `references:`, merged with the Quarto project's
 * `_quarto.yml` and the `_metadata.yml` of the folders down to the document.
 * Undefined when the document has no bibliography at all (its `@words` are then not checked).
 */
export function resolveBibliography(frontMatter: FrontMatter | undefined, options: BibliographyOptions = {}): ResolvedBibliography | undefined {
  const cache = options.cache ?? sharedBibliographyCache;
  const { docDir, roots } = documentPlace(options);
  const sources: BibliographySource[] = namedBibliographyFiles(frontMatter, docDir, roots, options.documentPath).map((f) => ({
    kind: 'file',
    ...f,
    loaded: cache.load(f.file, roots),
  }));
  if (frontMatter?.references) sources.push({ kind: 'inline' });
  if (!sources.length) return undefined;

  const { all, entries, fileProblems } = merged(sources, frontMatter?.references);
  const docBase = options.documentPath
    ? path
        .basename(options.documentPath)
        .replace(/\.[^.]+$/, '')
        .toLowerCase()
    : undefined;
  const own = sources.every(
    (s) =>
      s.kind === 'inline' ||
      (s.declaredAt !== undefined &&
        docBase !== undefined &&
        path
          .basename(s.file!)
          .replace(/\.[^.]+$/, '')
          .toLowerCase() === docBase),
  );
  const complete =
    sources.every((s) => s.kind === 'inline' || (s.loaded && !s.loaded.error && !s.loaded.problems.some((p) => p.kind === 'invalid'))) &&
    !frontMatter?.problems.length;
  return { sources, entries, all, fileProblems, own, complete };
}

interface MergedBibliography {
  all: BibEntry[];
  entries: Map<string, BibEntry>;
  fileProblems: BibProblem[];
}

/**
 * The entries of a document's sources, merged. Kept while the same parsed files are
 * in use, so a keystroke neither rebuilds a 2,000-key map nor recomputes the
 * suggestions for an unknown key (closestKeys caches by this map).
 */
const mergedCache = new WeakMap<LoadedBibliography, { files: LoadedBibliography[]; merged: MergedBibliography }>();

function merged(sources: BibliographySource[], inline: BibEntry[] | undefined): MergedBibliography {
  const files = sources.filter((s) => s.kind === 'file' && s.loaded).map((s) => s.loaded!);
  const cacheable = !inline && files.length > 0;
  if (cacheable) {
    const hit = mergedCache.get(files[0]);
    if (hit && hit.files.length === files.length && hit.files.every((f, i) => f === files[i])) return hit.merged;
  }
  const all: BibEntry[] = [];
  const fileProblems: BibProblem[] = [];
  for (const s of sources) {
    if (s.kind === 'inline') append(all, inline ?? []);
    else if (s.loaded) {
      append(all, s.loaded.entries);
      append(fileProblems, s.loaded.problems);
    }
  }
  // Keys defined in two files: reported on the later file (duplicates inside one file come with its parse).
  const fileEntries = all.filter((e) => e.file !== undefined);
  if (new Set(fileEntries.map((e) => e.file)).size > 1) {
    for (const p of duplicateKeyProblems(fileEntries, (e) => e.file!))
      if (!fileProblems.some((q) => q.file === p.file && q.line === p.line && q.kind === 'duplicate-key')) fileProblems.push(p);
  }
  const entries = new Map<string, BibEntry>();
  for (const e of all) if (!entries.has(e.key)) entries.set(e.key, e);
  const result = { all, entries, fileProblems };
  if (cacheable) mergedCache.set(files[0], { files, merged: result });
  return result;
}

/** Bibliography files whose entries were (or are being) converted for showing ahead of use. */
const shownSoon = new WeakSet<LoadedBibliography>();
/** Entries still to convert, file by file. */
const toShow: { entries: BibEntry[]; next: number }[] = [];
let lastCheck = 0;
let showTimer: NodeJS.Timeout | undefined;
/** Converting starts after this long without a check (the author paused), in slices of SHOW_SLICE_MS. */
const SHOW_WHEN_IDLE_MS = 300;
const SHOW_SLICE_MS = 3;

/**
 * Converts the entries of a document's bibliography files for showing (a BibTeX entry is
 * converted when first read) while the author is not typing, once per file version, so the
 * first completion or picker on a 2,000-entry file finds them ready (all at once they take
 * about half a second). Called after every check: a check postpones the work, so typing
 * never waits for more than one slice.
 */
export function showEntriesWhenIdle(bib: ResolvedBibliography | undefined): void {
  lastCheck = performance.now();
  for (const s of bib?.sources ?? []) {
    if (!s.loaded?.entries.length || shownSoon.has(s.loaded)) continue;
    shownSoon.add(s.loaded);
    toShow.push({ entries: s.loaded.entries, next: 0 });
  }
  if (toShow.length && !showTimer) showTimer = setTimeout(showSlice, SHOW_WHEN_IDLE_MS).unref();
}

function showSlice(): void {
  showTimer = undefined;
  const now = performance.now();
  if (now - lastCheck < SHOW_WHEN_IDLE_MS) {
    showTimer = setTimeout(showSlice, SHOW_WHEN_IDLE_MS - (now - lastCheck)).unref();
    return;
  }
  while (toShow.length && performance.now() < now + SHOW_SLICE_MS) {
    const file = toShow[0];
    authorYear(file.entries[file.next++]);
    if (file.next >= file.entries.length) toShow.shift();
  }
  if (toShow.length) showTimer = setTimeout(showSlice, 1).unref();
}

/** "Smith & Doe 2020", "UNICEF et al. 2019" — how a reference is named in messages and pickers. */
export function authorYear(e: BibEntry): string {
  const a = e.authors;
  const who = a.length === 0 ? '' : a.length === 1 ? a[0] : a.length === 2 ? `${a[0]} & ${a[1]}` : `${a[0]} et al.`;
  return [who, e.year].filter(Boolean).join(' ');
}

/** One line: author–year–title. */
export function describeEntry(e: BibEntry): string {
  const ay = authorYear(e);
  const title = e.title ? (e.title.length > 80 ? `${e.title.slice(0, 77)}…` : e.title) : '';
  return [ay, title].filter(Boolean).join(', ');
}

/** How messages name a reference: `key (author–year–title)`, or the key alone when the entry has none of them. */
export function keyAndDescription(e: BibEntry, separator: (description: string) => string = (d) => ` (${d})`): string {
  const description = describeEntry(e);
  return description ? `${e.key}${separator(description)}` : e.key;
}

/**
 * The full reference for a hover: author, year, title, container, DOI/URL.
 * @public for the citation hover, which is not wired yet.
 */
export function formatReference(e: BibEntry): string {
  const authors = e.authors.length > 3 ? `${e.authors.slice(0, 3).join(', ')} et al.` : e.authors.join(', ');
  const parts = [
    authors && `${authors}${e.year ? ` (${e.year})` : ''}`,
    !authors && e.year ? `(${e.year})` : '',
    e.title ? `*${e.title}*` : '',
    e.container ?? '',
  ].filter(Boolean);
  const link = e.doi ? `https://doi.org/${e.doi.replace(/^https?:\/\/(?:dx\.)?doi\.org\//i, '')}` : e.url;
  return `${parts.join('. ')}${parts.length ? '.' : ''}${link ? ` ${link}` : ''}`;
}

/** Per merged bibliography in use: its keys lower-cased once, and the suggestions worked out per unknown key. */
const suggestionCache = new WeakMap<Map<string, BibEntry>, { keys: { e: BibEntry; lower: string }[]; answers: Map<string, BibEntry[]> }>();

/** Orders keys as `localeCompare` does, faster. */
const byLocale = new Intl.Collator();

/** The keys closest to an unknown one (typos, a wrong year), best first. */
export function closestKeys(key: string, entries: Map<string, BibEntry>, limit = 3): BibEntry[] {
  if (limit <= 0) return [];
  let cache = suggestionCache.get(entries);
  if (!cache) suggestionCache.set(entries, (cache = { keys: [...entries.values()].map((e) => ({ e, lower: e.key.toLowerCase() })), answers: new Map() }));
  const cacheKey = `${limit}\0${key}`;
  const cached = cache.answers.get(cacheKey);
  if (cached) return cached;
  const lower = key.toLowerCase();
  const max = Math.max(2, Math.floor(key.length / 3));
  // The best `limit`, closest first and alphabetical among equals: kept as they come, not by sorting
  // every key within reach (in a bibliography of similar keys that is hundreds, compared by locale).
  const best: { e: BibEntry; d: number }[] = [];
  const before = (d: number, e: BibEntry, than: { e: BibEntry; d: number }) => d < than.d || (d === than.d && byLocale.compare(e.key, than.e.key) < 0);
  for (const k of cache.keys) {
    const d = boundedLevenshtein(lower, k.lower, best.length === limit ? Math.min(max, best[limit - 1].d) : max);
    if (d > max || (best.length === limit && !before(d, k.e, best[limit - 1]))) continue;
    let at = best.length;
    while (at > 0 && before(d, k.e, best[at - 1])) at--;
    best.splice(at, 0, { e: k.e, d });
    if (best.length > limit) best.pop();
  }
  const result = best.map((s) => s.e);
  // Typing creates a new unknown key per keystroke; the cache is bounded so a long session does not grow it.
  if (cache.answers.size > 500) cache.answers.clear();
  cache.answers.set(cacheKey, result);
  return result;
}
