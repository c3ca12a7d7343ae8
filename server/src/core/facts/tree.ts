/**
 * Facts the tree of a block gives: code, HTML and block quotes (words that are not
 * the author's), GFM footnote definitions, links (and the cited titles in footnote
 * definitions), tables. Offsets relative to the block.
 */
import type { Nodes, Root, Table } from 'mdast';
import type { Span } from '../types';
import type { ExemptSpan } from './exempt';
import type { FootnoteDefFact } from './footnotes';
import { append } from '../text';
import { htmlTable } from '../parse/htmlTable';
import { chunkProseSpans } from '../chunkOptions';

export interface TableCell extends Span {
  text: string;
  /**
   * Where the text lies when it is not the slice start..end: a cell of a grid or
   * multiline table runs over several lines, between other cells, and an HTML cell's
   * text sits between tags. Each piece of the text (joined by spaces) with its
   * offset in `text` (`at`); read offsets in the text with `cellOffset`.
   */
  pieces?: (Span & { at: number })[];
}

/**
 * The offset in the document of offset `at` in a cell's text. `end`: `at` ends a
 * stretch of text, so at the end of a piece it stays on that piece (not the next).
 */
export function cellOffset(cell: TableCell, at: number, end = false): number {
  if (!cell.pieces) return cell.start + at;
  let piece = cell.pieces[0];
  for (const p of cell.pieces) {
    if (p.at > at || (end && p.at === at)) break;
    piece = p;
  }
  return piece.start + Math.min(at - piece.at, piece.end - piece.start);
}

export interface TableFacts extends Span {
  /** Read by column position (a grid, simple or multiline table): edits must keep its columns (see tableEdits.ts). */
  aligned?: true;
  header: TableCell[];
  rows: (Span & { cells: TableCell[] })[];
}

export interface LinkFact extends Span {
  url: string;
  textSpan: Span;
}

export interface TreeFacts {
  /** The type of the block's first node ('empty' for none). */
  kind: string;
  exempt: ExemptSpan[];
  gfmDefs: FootnoteDefFact[];
  links: LinkFact[];
  tables: TableFacts[];
  /** Tags, comments and code elements of HTML nodes (their text and alt attributes are prose). */
  htmlMarkup: Span[];
}

function spanOf(node: { position?: { start: { offset?: number }; end: { offset?: number } } }): Span | undefined {
  const s = node.position?.start.offset;
  const e = node.position?.end.offset;
  return s === undefined || e === undefined ? undefined : { start: s, end: e };
}

/** `supDefFrom`: offset where superscript definitions begin (Infinity: none); links and emphasis from there on are cited titles. */
export function treeFacts(root: Root, text: string, supDefFrom: number): TreeFacts {
  const facts: TreeFacts = { kind: root.children[0]?.type ?? 'empty', exempt: [], gfmDefs: [], links: [], tables: [], htmlMarkup: [] };
  // Depth-first in document order with an explicit stack: the tree is as deep as the
  // input nests, and recursion would let a document overflow the call stack.
  const stack: { node: Nodes; inGfmDefinition: boolean }[] = [];
  const pushChildren = (node: Nodes, inGfmDefinition: boolean) => {
    if (!('children' in node)) return;
    for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i] as Nodes, inGfmDefinition });
  };
  const visit = (node: Nodes, inGfmDefinition: boolean) => {
    const span = spanOf(node);
    const inDefinition = inGfmDefinition || (span !== undefined && span.start >= supDefFrom);
    switch (node.type) {
      case 'code':
        // A Quarto chunk's captions and alt text are prose: the code is the rest.
        if (span) for (const s of spansBetween(span, chunkProseSpans(text, span))) facts.exempt.push({ ...s, reason: 'code' });
        return;
      case 'inlineCode':
        if (span) facts.exempt.push({ ...span, reason: 'code' });
        return;
      case 'html':
        // The whole node stays out of ID, footnote and count searches (an ID in an HTML table is
        // not a citation); for terminology only its markup is exempt: see htmlMarkup. A table
        // in it is read like any other (a participant table from Pandoc's HTML output).
        if (span) {
          facts.exempt.push({ ...span, reason: 'html' });
          append(facts.htmlMarkup, htmlMarkupSpans(text, span));
          const table = htmlTable(text, span);
          if (table) facts.tables.push(tableFacts(table, span, text));
        }
        return;
      case 'definition':
        // `[label]: destination "title"`: an address, not prose.
        if (span) facts.exempt.push({ ...span, reason: 'url' });
        return;
      case 'blockquote':
        if (span) facts.exempt.push({ ...span, reason: 'quotation' });
        break;
      case 'footnoteDefinition': {
        if (span) {
          const raw = text.slice(span.start, span.end);
          const labelLen = raw.indexOf(']:') + 2;
          let contentStart = span.start + labelLen;
          while (/[ \t]/.test(text[contentStart] ?? '')) contentStart++;
          facts.gfmDefs.push({
            ...span,
            label: node.label ?? node.identifier,
            style: 'gfm',
            labelSpan: { start: span.start, end: span.start + labelLen - 1 },
            content: { start: contentStart, end: span.end },
          });
        }
        pushChildren(node, true);
        return;
      }
      case 'link':
      case 'image':
      case 'linkReference':
      case 'imageReference': {
        if (span) {
          const children = 'children' in node ? node.children : [];
          const first = children.length ? spanOf(children[0]) : undefined;
          const last = children.length ? spanOf(children[children.length - 1]) : undefined;
          const textSpan = first && last ? { start: first.start, end: last.end } : { start: span.start + 1, end: span.start + 1 };
          if (node.type === 'link') facts.links.push({ ...span, url: node.url, textSpan });
          if (inDefinition) facts.exempt.push({ ...span, reason: 'cited-title' });
          else if (node.type === 'image' || node.type === 'imageReference') {
            // Alt text is the author's words (Pandoc shows it as the figure's caption), and so
            // is a title; only the destination or reference label is not prose.
            for (const s of imageTargetSpans(text, span)) facts.exempt.push({ ...s, reason: 'url' });
          } else {
            // The destination is not prose; the link text is.
            if (textSpan.end < span.end) facts.exempt.push({ start: textSpan.end, end: span.end, reason: 'url' });
          }
        }
        pushChildren(node, inGfmDefinition);
        return;
      }
      case 'emphasis':
      case 'strong':
        if (inDefinition && span) facts.exempt.push({ ...span, reason: 'cited-title' });
        break;
      case 'table':
        if (span) facts.tables.push(tableFacts(node, span, text));
        break;
      default:
        break;
    }
    pushChildren(node, inGfmDefinition);
  };
  pushChildren(root, false);
  for (let next = stack.pop(); next; next = stack.pop()) visit(next.node, next.inGfmDefinition);
  return facts;
}

/** The parts of `span` outside `holes` (sorted, inside `span`). */
function spansBetween(span: Span, holes: Span[]): Span[] {
  if (!holes.length) return [span];
  const out: Span[] = [];
  let from = span.start;
  for (const h of holes) {
    if (h.start > from) out.push({ start: from, end: h.start });
    from = Math.max(from, h.end);
  }
  if (from < span.end) out.push({ start: from, end: span.end });
  return out;
}

/** Elements whose content is not prose. */
const CODE_ELEMENTS = new Set(['script', 'style', 'code', 'pre', 'kbd', 'samp', 'textarea']);
const TAG_START = /^<(?:(\/?)([A-Za-z][A-Za-z0-9-]*)|[!?])/;
const ALT_ATTRIBUTE = /\b(?:alt|title)\s*=\s*("[^"]*"|'[^']*')/gi;
/** The last block text lowercased (the HTML nodes of one block share it). */
let lowered = { text: '', lower: '' };

/**
 * The markup of an HTML node: tags, comments and code elements. Text between tags
 * (a `<figcaption>`, a `<p>`) and the alt text and title of an element are the
 * author's words and are checked like prose. Linear in the text: each search for a
 * closing `>`, `-->` or `</code` is remembered, so a block of unclosed `<` (hostile
 * input) is not scanned once per `<`.
 */
function htmlMarkupSpans(text: string, span: Span): Span[] {
  const out: Span[] = [];
  const found = new Map<string, number>();
  /** The first `needle` at or after `from` (remembered while it stays ahead). */
  const next = (needle: string, from: number, haystack = text) => {
    const known = found.get(needle);
    if (known !== undefined && (known === -1 || known >= from)) return known;
    const at = haystack.indexOf(needle, from);
    found.set(needle, at);
    return at;
  };
  for (let i = span.start; i < span.end;) {
    const at = text.indexOf('<', i);
    if (at < 0 || at >= span.end) break;
    if (text.startsWith('<!--', at)) {
      const close = next('-->', at + 4);
      const end = close < 0 ? span.end : Math.min(span.end, close + 3);
      out.push({ start: at, end });
      i = end;
      continue;
    }
    const head = TAG_START.exec(text.slice(at, at + 64));
    const gt = head ? next('>', at) : -1;
    if (!head || gt < 0) {
      i = at + 1;
      continue;
    }
    let end = Math.min(span.end, gt + 1);
    const name = head[2]?.toLowerCase();
    if (name && !head[1] && CODE_ELEMENTS.has(name)) {
      // A code element runs to its closing tag, also when that tag is a later inline node.
      if (lowered.text !== text) lowered = { text, lower: text.toLowerCase() };
      const close = next(`</${name}`, gt + 1, lowered.lower);
      const closeEnd = close < 0 ? -1 : text.indexOf('>', close);
      end = closeEnd < 0 ? span.end : closeEnd + 1;
      out.push({ start: at, end });
      i = end;
      continue;
    }
    let from = at;
    if (name && !head[1]) {
      // Leave the values of alt and title attributes out of the exempt markup.
      const tag = text.slice(at, end);
      for (const a of tag.matchAll(ALT_ATTRIBUTE)) {
        const valueStart = at + a.index + a[0].length - a[1].length + 1;
        out.push({ start: from, end: valueStart });
        from = valueStart + a[1].length - 2;
      }
    }
    out.push({ start: from, end });
    i = end;
  }
  return out.length ? out : [{ ...span }];
}

/**
 * The parts of an image that are not prose: `(destination` of `![alt](destination "title")`
 * and `[label]` of `![alt][label]`. The alt text and the title are the author's words.
 */
function imageTargetSpans(text: string, span: Span): Span[] {
  // The alt text ends at the bracket that closes the one after "!" (brackets may nest).
  let depth = 0;
  let altEnd = -1;
  for (let i = span.start + 1; i < span.end; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) {
      altEnd = i;
      break;
    }
  }
  if (altEnd < 0) return [{ ...span }];
  const rest = text.slice(altEnd + 1, span.end);
  if (rest.startsWith('(')) {
    const destination = /^\(\s*(?:<[^<>\n]*>|[^\s)]*)/.exec(rest)!;
    return [
      { start: altEnd, end: altEnd + 1 + destination[0].length },
      { start: span.end - 1, end: span.end },
    ];
  }
  return [{ start: altEnd, end: span.end }];
}

function tableFacts(node: Table, span: Span, text: string): TableFacts {
  const rows = node.children.map((row) => {
    const rowSpan = spanOf(row) ?? span;
    const cells = row.children.map((cell): TableCell => {
      const lines = cell.data?.lines;
      const values = cell.data?.values;
      if (lines && (lines.length > 1 || values)) {
        // Several pieces (see tableCells.ts): their text joined by spaces, as Pandoc reads the lines of a cell's paragraph.
        const pieces: (Span & { at: number })[] = [];
        const parts = lines.map((l, k) => values?.[k] ?? text.slice(l.start, l.end));
        let at = 0;
        lines.forEach((l, k) => {
          pieces.push({ start: l.start, end: l.end, at });
          at += parts[k].length + 1;
        });
        return { start: lines[0].start, end: lines[lines.length - 1].end, text: parts.join(' '), pieces };
      }
      const s = spanOf(cell) ?? rowSpan;
      // Cell positions include the pipes and padding; keep the trimmed content.
      let a = s.start;
      let b = s.end;
      while (a < b && /[|\s]/.test(text[a])) a++;
      while (b > a && /[|\s]/.test(text[b - 1])) b--;
      return { start: a, end: b, text: text.slice(a, b) };
    });
    return { ...rowSpan, cells };
  });
  const [header, ...body] = rows;
  return { ...span, ...(node.data?.aligned ? { aligned: true as const } : {}), header: header?.cells ?? [], rows: body };
}
