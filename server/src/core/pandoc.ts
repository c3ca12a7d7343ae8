import { isMap, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import { parseBoundedYaml } from './yamlBounds';
import type { Span } from './types';
import type { BibEntry, BibProblem } from './bibliography';
import { cslItemsFromYaml } from './bibliography';
import { SpanIndex } from './spanIndex';
import { frontMatterSpan } from './frontMatterSpan';

/**
 * Pandoc (Quarto, R Markdown) syntax the rules must understand and never misread:
 * the YAML front matter, citations `[@key, p. 3; -@other]` and `@key`, Quarto
 * cross-references `@fig-map` (not citations), e-mail addresses (not citations) and
 * inline notes `^[…]`.
 */

export interface FrontMatterFile {
  /** As written in the front matter. */
  path: string;
  /** Where it is written, in document offsets. */
  span: Span;
}

export interface FrontMatter extends Span {
  /** The YAML between the fences. */
  yaml: Span;
  bibliography: FrontMatterFile[];
  /** `bibliography:` is a list (or comes from several output formats): Quarto then adds it to the project's instead of replacing it. */
  bibliographyIsList: boolean;
  /** Present when the front matter has `references:` (CSL items written inline). */
  references?: BibEntry[];
  /** Keys listed in `nocite:`; `all` for `@*`. */
  nocite: { keys: string[]; all: boolean };
  /** Invalid YAML or a `references:` list Pandoc cannot read. */
  problems: (Span & { message: string })[];
}

/**
 * The `bibliography:` of one layer of metadata (a front matter, `_quarto.yml`,
 * `_metadata.yml`): the top-level value and every output format's
 * (`format: html: bibliography: …`), as the scalars that name the files. A report is
 * checked against the files of all its formats together: a key one format knows is
 * not reported (when unsure, say nothing). `list` tells how Quarto merges the layer
 * with the ones before it: a list on either side adds up, a single name replaces
 * (format-level names count as a list: they replace nothing for the other formats).
 */
export function bibliographyNodes(root: YamlNode | null | undefined): { nodes: YamlNode[]; list: boolean } | undefined {
  if (!isMap(root)) return undefined;
  const values: YamlNode[] = [];
  const top = root.get('bibliography', true) as YamlNode | undefined;
  if (top) values.push(top);
  const formats = root.get('format', true) as YamlNode | undefined;
  if (isMap(formats))
    for (const pair of formats.items) {
      const value = isMap(pair.value) ? (pair.value.get('bibliography', true) as YamlNode | undefined) : undefined;
      if (value) values.push(value);
    }
  if (!values.length) return undefined;
  const nodes = values.flatMap((v) => (isSeq(v) ? (v.items as YamlNode[]) : [v]));
  // Format-level files add up with every other layer's: each format renders with its own merge, and the report is checked for all.
  return { nodes, list: values.length > 1 || isSeq(values[0]) || top === undefined };
}

function scalarFiles(nodes: YamlNode[], base: number): FrontMatterFile[] {
  const out: FrontMatterFile[] = [];
  for (const n of nodes) {
    if (!isScalar(n) || n.value === null || n.value === undefined || String(n.value).trim() === '' || !n.range) continue;
    const quoted = n.type === 'QUOTE_DOUBLE' || n.type === 'QUOTE_SINGLE' ? 1 : 0;
    out.push({ path: String(n.value).trim(), span: { start: base + n.range[0] + quoted, end: base + n.range[1] - quoted } });
  }
  return out;
}

/** A citation key as Pandoc reads it: `@` then a letter, digit or `_`, inner punctuation allowed, or `@{any key}`. */
const KEY_BODY = String.raw`[\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&\-+?<>~/](?=[\p{L}\p{N}_]))*`;
const CITATION = new RegExp(String.raw`(?<![\p{L}\p{N}_@\\])(-?)@(?:\{([^{}\s]{1,200})\}|(${KEY_BODY}))`, 'gu');

function nociteKeys(value: unknown): { keys: string[]; all: boolean } {
  const text = Array.isArray(value) ? value.map(String).join(' ') : typeof value === 'string' ? value : '';
  const keys: string[] = [];
  let all = false;
  if (/(?:^|[^\p{L}\p{N}_])@\*/u.test(text)) all = true;
  for (const m of text.matchAll(CITATION)) keys.push(m[2] ?? m[3]);
  return { keys, all };
}

/** The last front matter read, by its text: a keystroke below it must not parse the YAML again. */
let lastFrontMatter: { text: string; fm: FrontMatter | undefined } | undefined;

/** Reads the front matter of a document (undefined when it has none). Treat the result as read-only: it is shared. */
export function readFrontMatter(text: string): FrontMatter | undefined {
  const span = frontMatterSpan(text);
  if (!span) return undefined;
  const head = text.slice(0, span.end);
  if (lastFrontMatter?.text === head) return lastFrontMatter.fm;
  const fm = parseFrontMatter(text, span);
  lastFrontMatter = { text: head, fm };
  return fm;
}

function parseFrontMatter(text: string, span: Span & { yaml: Span }): FrontMatter | undefined {
  const fm: FrontMatter = { ...span, bibliography: [], bibliographyIsList: false, nocite: { keys: [], all: false }, problems: [] };
  const yamlText = text.slice(span.yaml.start, span.yaml.end);
  // Front matter may be hostile: nesting is bounded, aliases are never expanded (see yamlBounds.ts).
  const doc = parseBoundedYaml(yamlText, { uniqueKeys: false });
  if (doc.errors.length) {
    const e = doc.errors[0];
    const at = span.yaml.start + Math.min(e.pos[0], yamlText.length);
    const what = e.code === 'RESOURCE_EXHAUSTION' ? 'The front matter was not read' : 'The front matter is not valid YAML';
    fm.problems.push({ start: at, end: Math.min(span.yaml.end, at + 1), message: `${what}: ${e.message.split('\n')[0]}` });
    return fm;
  }
  const root = doc.contents as YamlNode | null;
  // "---", a paragraph and "---" is a thematic break and a heading, not metadata.
  if (root !== null && !isMap(root)) return undefined;
  if (!isMap(root)) return fm;
  const bibliography = bibliographyNodes(root);
  fm.bibliography = scalarFiles(bibliography?.nodes ?? [], span.yaml.start);
  fm.bibliographyIsList = bibliography?.list ?? false;
  const refs = root.get('references', true) as YamlNode | undefined;
  if (refs !== undefined) {
    const problems: BibProblem[] = [];
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1 && i < span.end; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    fm.references = cslItemsFromYaml(refs, span.yaml.start, starts, undefined, problems, 'front matter');
    for (const p of problems) {
      const at = (starts[p.line - 1] ?? 0) + p.column - 1;
      fm.problems.push({ start: at, end: at + 1, message: p.message.replace(/^front matter: /, 'In the front matter references: ') });
    }
  }
  const nocite = root.get('nocite');
  if (nocite !== undefined) fm.nocite = nociteKeys(isScalar(nocite) ? nocite.value : ((nocite as { toJSON?: () => unknown })?.toJSON?.() ?? nocite));
  return fm;
}

/** Quarto cross-reference prefixes: `@fig-map` refers to a figure, not a bibliography entry. */
export const CROSS_REFERENCE = /^(?:fig|tbl|sec|eq|lst|thm|lem|cor|prp|cnj|def|exm|exr|sol|rem|alg|nte|tip|wrn|imp|cau)-/;

export interface CitationFact extends Span {
  key: string;
  /** The key itself (inside the braces of `@{…}`), for rename. */
  keySpan: Span;
  /** `-@key`: the author is not repeated. */
  suppressAuthor: boolean;
  /** The `[…]` the citation is written in, when it is a bracketed citation. */
  group?: Span;
}

export interface InlineNoteFact extends Span {
  /** The text between `^[` and `]`. */
  content: Span;
}

/** How far a bracket is looked for on either side of a citation (a citation group is one sentence at most). */
const GROUP_REACH = 500;

function enclosingGroup(text: string, at: number, end: number): Span | undefined {
  let open = -1;
  for (let i = at - 1; i >= Math.max(0, at - GROUP_REACH); i--) {
    const c = text[i];
    if (c === ']' || (c === '\n' && text[i - 1] === '\n')) return undefined;
    if (c === '[') {
      open = i;
      break;
    }
  }
  if (open < 0 || text[open - 1] === '^' || text[open - 1] === '!') return undefined;
  for (let i = end; i < Math.min(text.length, end + GROUP_REACH); i++) {
    const c = text[i];
    if (c === '[') return undefined;
    if (c === ']') {
      // `[text @x](url)` is a link, not a citation group.
      if (text[i + 1] === '(') return undefined;
      return { start: open, end: i + 1 };
    }
  }
  return undefined;
}

/**
 * Citations in a block, outside the given spans (code, URLs, HTML). Cross-references
 * and addresses such as `jane@example.org` (an `@` right after a letter) are not citations.
 */
export function findCitations(text: string, skip: SpanIndex): CitationFact[] {
  const out: CitationFact[] = [];
  if (!text.includes('@')) return out;
  for (const m of text.matchAll(CITATION)) {
    const key = m[2] ?? m[3];
    const span = { start: m.index, end: m.index + m[0].length };
    if (skip.overlaps(span)) continue;
    if (CROSS_REFERENCE.test(key)) continue;
    const keyStart = span.start + m[1].length + 1 + (m[2] !== undefined ? 1 : 0);
    out.push({
      ...span,
      key,
      keySpan: { start: keyStart, end: keyStart + key.length },
      suppressAuthor: m[1] === '-',
      group: enclosingGroup(text, span.start, span.end),
    });
  }
  return out;
}

/** An inline note longer than this is not looked for further (a stray `^[`). */
const MAX_NOTE = 20_000;

/** Inline notes `^[…]` (brackets may nest, as in a link inside the note), outside the given spans. */
export function findInlineNotes(text: string, skip: SpanIndex): InlineNoteFact[] {
  const out: InlineNoteFact[] = [];
  if (!text.includes('^[')) return out;
  // The matching bracket of every `[`, in one pass with a stack (escaped brackets do
  // not count): scanning forward from each `^[` was quadratic on `^[^[^[…`.
  const closeOf = new Map<number, number>();
  const open: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \\ */) i++;
    else if (c === 91 /* [ */) open.push(i);
    else if (c === 93 /* ] */ && open.length) closeOf.set(open.pop()!, i);
  }
  for (let at = text.indexOf('^['); at !== -1; at = text.indexOf('^[', at + 2)) {
    if (text[at - 1] === '\\' || text[at - 1] === '[') continue;
    const close = closeOf.get(at + 1);
    if (close === undefined || close >= at + MAX_NOTE) continue;
    const span = { start: at, end: close + 1 };
    if (skip.overlaps({ start: at, end: at + 2 })) continue;
    out.push({ ...span, content: { start: at + 2, end: close } });
    at = close - 1;
  }
  return out;
}
