import type { Span } from './types';
import type { SpanIndex } from './spanIndex';

/**
 * Reference-style links. Blocks are parsed one at a time, so remark turns
 * `[text][id]` into a link only when `[id]: …` is in the same block, which it
 * rarely is; references and definitions are therefore read from the text, and
 * matched across the document by the model.
 */
export interface LinkReferenceFact extends Span {
  /** The label that names the definition (normalised: see linkLabelKey). */
  key: string;
  textSpan: Span;
  kind: 'full' | 'collapsed' | 'shortcut';
  /** An image (`![alt][id]`): its alt text is prose, like link text. */
  image: boolean;
  /** `[id]` of a full reference: a name, not prose. */
  labelSpan?: Span;
}

export interface LinkDefinitionFact extends Span {
  key: string;
  /** The destination as written, without `<…>`. */
  url: string;
}

/** CommonMark label matching: case-insensitive, runs of whitespace collapsed. */
export function linkLabelKey(label: string): string {
  return label
    .replace(/[\t\n\r ]+/g, ' ')
    .trim()
    .toLowerCase()
    .toUpperCase();
}

/** `[label]: destination "title"` on one line; `[label]:` with nothing after it is an empty destination. */
const DEFINITION_LINE = /^ {0,3}\[((?:[^[\]\\\n]|\\.){1,999})\]:[ \t]*(<[^<>\n]*>|[^\s<]*)(?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*$/;

/** Definitions at the start of a block (a definition cannot interrupt a paragraph). */
export function findLinkDefinitions(text: string): LinkDefinitionFact[] {
  const out: LinkDefinitionFact[] = [];
  let lineStart = 0;
  while (lineStart < text.length) {
    const nl = text.indexOf('\n', lineStart);
    const lineEnd = nl === -1 ? text.length : nl;
    const m = DEFINITION_LINE.exec(text.slice(lineStart, lineEnd));
    if (!m || m[1].startsWith('^')) break;
    const url = m[2].startsWith('<') ? m[2].slice(1, -1) : m[2];
    out.push({ start: lineStart, end: lineEnd, key: linkLabelKey(m[1]), url });
    lineStart = lineEnd + 1;
  }
  return out;
}

const REFERENCE = /(!?)\[((?:[^[\]\\]|\\.){1,999})\](?:\[((?:[^[\]\\]|\\.){0,999})\])?/g;

/**
 * `[text][id]`, `[text][]` and `[text]` (and images `![alt][id]`…) outside `skip`
 * (code, HTML, URLs), except footnote calls (`[^1]`), inline links (`[text](…)`) and
 * definitions.
 */
export function findLinkReferences(text: string, skip: SpanIndex, definitions: Span[]): LinkReferenceFact[] {
  const out: LinkReferenceFact[] = [];
  if (!text.includes('[')) return out;
  for (const m of text.matchAll(REFERENCE)) {
    const span = { start: m.index, end: m.index + m[0].length };
    const escaped = text[m.index - 1] === '\\';
    const next = text[span.end];
    if (escaped || m[2].startsWith('^') || text[m.index - 1] === ']') continue;
    if (m[3] === undefined && (next === '(' || next === ':')) continue;
    if (skip.overlaps(span) || definitions.some((d) => d.start <= span.start && span.end <= d.end)) continue;
    const kind = m[3] === undefined ? 'shortcut' : m[3].trim() === '' ? 'collapsed' : 'full';
    const key = linkLabelKey(kind === 'full' ? m[3] : m[2]);
    const textStart = m.index + m[1].length + 1;
    const textSpan = { start: textStart, end: textStart + m[2].length };
    out.push({ ...span, key, kind, image: m[1] === '!', textSpan, ...(kind === 'full' ? { labelSpan: { start: textSpan.end + 1, end: span.end } } : {}) });
  }
  return out;
}
