/**
 * Block text → tree. The one place that decides how a block is parsed; every route
 * gives an mdast tree with offsets relative to the block, and the fact modules
 * (../facts) read only that tree and the text.
 *
 * Routes, tried in this order:
 * 1. huge block — too large (or too bracket-dense) for remark, which is quadratic
 *    on some inputs: a bounded stand-in tree (code, HTML or one paragraph);
 * 2. plain prose — no Markdown syntax at all: one paragraph node;
 * 3. lone heading — one ATX heading line without inline syntax: one heading node;
 * 4. simple paragraph — at most one plain link, emphasis only in a superscript
 *    definition (simpleParagraph.ts);
 * 5. simple table — a plain GFM table (simpleTable.ts);
 * 6. remark — everything else (remark.ts).
 * Routes 2–5 must give the rules exactly what remark would: FAST_PATH_CONTRACT
 * says what that is, and test/core/fast-path*.test.ts hold them to it.
 */
import type { Root } from 'mdast';
import { BLOCK_START, FENCE_OPENING, position, SUPERSCRIPT_DEFINITION_LINE } from './patterns';
import { parseMarkdown } from './remark';
import { simpleParagraph } from './simpleParagraph';
import { simpleTable } from './simpleTable';

export type ParseRoute = 'huge-block' | 'plain-prose' | 'lone-heading' | 'simple-paragraph' | 'simple-table' | 'remark';

/**
 * What the fact modules may read from a tree built by a fast route (2–5): these
 * node types, with these fields, and their `position.start.offset` /
 * `position.end.offset`. Anything else a fast route leaves out (text nodes outside
 * links, emphasis outside superscript definitions, line and column numbers).
 */
export const FAST_PATH_CONTRACT = {
  /** Top-level node types: the block's kind. */
  blockKinds: ['paragraph', 'heading', 'table'],
  /**
   * Nodes whose spans and fields facts are built from (a link also by the span of
   * its children: the link text). Emphasis and strong count only inside a
   * superscript definition; a fast route never builds strong, so a definition
   * with strong text must take the remark route.
   */
  nodes: {
    link: ['url'],
    emphasis: [],
    strong: [],
    table: [],
    tableRow: [],
    tableCell: [],
  },
  /** Emphasis is read only inside a superscript footnote definition (a cited title). */
  emphasisOnlyInSuperscriptDefinitions: true,
} as const;

/** Characters that can start inline or block syntax the rules care about. */
const MARKDOWN_SYNTAX = /[`<[\]|\\~]/;
/** A block that is one ATX heading line ("## Findings"); "#hashtag" is a paragraph. */
const ATX_HEADING_LINE = /^ {0,3}#{1,6}(?:[ \t][^\n]*)?$/;

/**
 * micromark is quadratic on some inputs: a paragraph of thousands of `[` or `[^1]`
 * took minutes at 500 KB. Nobody writes a 50 000-character paragraph (or one with
 * 5 000 brackets), so such a block is pasted data or a damaged file and is not
 * given to remark: after an opening fence it is code, an HTML comment stays HTML,
 * a table is still parsed (linear), and anything else is read as one plain
 * paragraph, in which IDs, terms and footnote references are still found by their
 * patterns.
 */
const MAX_PARSED_BLOCK = 50_000;
/** Label brackets make micromark quadratic well below that size (10 000 `[` took seconds). */
const MAX_PARSED_BRACKETS = 5_000;
const TABLE_DELIMITER_ROW = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;

function tooManyBrackets(text: string): boolean {
  let count = 0;
  for (let i = text.indexOf('['); i !== -1; i = text.indexOf('[', i + 1)) if (++count > MAX_PARSED_BRACKETS) return true;
  return false;
}

function startsWithTable(text: string): boolean {
  const headerEnd = text.indexOf('\n');
  if (headerEnd < 0 || !text.slice(0, headerEnd).includes('|')) return false;
  const delimiterEnd = text.indexOf('\n', headerEnd + 1);
  const delimiter = text.slice(headerEnd + 1, delimiterEnd < 0 ? text.length : delimiterEnd);
  return delimiter.length < 10_000 && TABLE_DELIMITER_ROW.test(delimiter);
}

function singleNode(type: 'paragraph' | 'heading' | 'code' | 'html', text: string): Root {
  const span = position(0, text.length);
  const node =
    type === 'heading'
      ? { type, depth: 1 as const, children: [], position: span }
      : type === 'paragraph'
        ? { type, children: [], position: span }
        : { type, value: '', position: span };
  return { type: 'root', children: [node], position: span };
}

function treeOfHugeBlock(text: string): Root | undefined {
  if ((text.length <= MAX_PARSED_BLOCK && !tooManyBrackets(text)) || startsWithTable(text)) return undefined;
  if (FENCE_OPENING.test(text)) return singleNode('code', text);
  if (/^ {0,3}<!--/.test(text)) return singleNode('html', text);
  return singleNode('paragraph', text);
}

/**
 * The tree of a block remark need not see (routes 2–5), or undefined. Superscript
 * footnote definitions always take the simple-paragraph route or remark: emphasis
 * inside them marks cited titles.
 */
function treeWithoutParsing(text: string): { tree: Root; route: ParseRoute } | undefined {
  if (MARKDOWN_SYNTAX.test(text) || SUPERSCRIPT_DEFINITION_LINE.test(text)) {
    const paragraph = simpleParagraph(text);
    if (paragraph) return { tree: paragraph, route: 'simple-paragraph' };
    const table = simpleTable(text);
    return table ? { tree: table, route: 'simple-table' } : undefined;
  }
  if (!BLOCK_START.test(text)) return { tree: singleNode('paragraph', text), route: 'plain-prose' };
  if (ATX_HEADING_LINE.test(text)) return { tree: singleNode('heading', text), route: 'lone-heading' };
  return undefined;
}

export interface ParseOptions {
  /** Skip the fast routes 2–5 (tests compare both). */
  alwaysParse?: boolean;
}

/** Parses one block by the first route that fits. */
export function parseBlock(text: string, options: ParseOptions = {}): { tree: Root; route: ParseRoute } {
  const huge = treeOfHugeBlock(text);
  if (huge) return { tree: huge, route: 'huge-block' };
  const fast = options.alwaysParse ? undefined : treeWithoutParsing(text);
  return fast ?? { tree: parseMarkdown(text), route: 'remark' };
}

/** Whether a block takes the remark route (for tests and benchmarks). */
export function needsMarkdownParse(text: string): boolean {
  return parseBlock(text).route === 'remark';
}
