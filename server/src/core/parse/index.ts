/**
 * Block text → tree. The one place that decides how a block is parsed; every route
 * gives an mdast tree with offsets relative to the block, and the fact modules
 * (../facts) read only that tree and the text.
 *
 * Routes, tried in this order:
 * 0. column table — a Pandoc simple or multiline table (columnTable.ts): remark
 *    has no reader for them, so this route is taken with or without the fast
 *    routes, and at any size (it reads in linear time);
 * 1. bounded — a block over 50 000 characters (not a table), or, instead of
 *    remark, a block whose structure makes remark quadratic or deep (delimiter
 *    runs, nesting, brackets: bounded.ts): a stand-in tree built in linear time;
 * 2. plain prose — no Markdown syntax at all: one paragraph node;
 * 3. lone heading — one ATX heading line without inline syntax: one heading node;
 * 4. simple paragraph — at most one plain link, emphasis only in a superscript
 *    definition (simpleParagraph.ts);
 * 5. simple table — a plain GFM table (simpleTable.ts);
 * 6. remark — everything else within the limits of bounded.ts (remark.ts).
 * Routes 2–5 must give the rules exactly what remark would: FAST_PATH_CONTRACT
 * says what that is, and test/core/fast-path*.test.ts hold them to it.
 */
import type { Root } from 'mdast';
import { BLOCK_START, position, SUPERSCRIPT_DEFINITION_LINE } from './patterns';
import { parseMarkdown } from './remark';
import { boundedTree, pathologyOf, PARSE_LIMITS, startsWithTable } from './bounded';
import { simpleParagraph } from './simpleParagraph';
import { simpleTable } from './simpleTable';
import { columnTable } from './columnTable';

export type ParseRoute = 'column-table' | 'bounded' | 'plain-prose' | 'lone-heading' | 'simple-paragraph' | 'simple-table' | 'remark';

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

/** A huge block (not a table: tables parse in linear time) goes straight to the bounded route. */
function boundedIfHuge(text: string): Root | undefined {
  if (text.length <= PARSE_LIMITS.maxBlockChars || startsWithTable(text)) return undefined;
  return boundedTree(text);
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
  const pandocTable = columnTable(text);
  if (pandocTable) return { tree: pandocTable, route: 'column-table' };
  const huge = boundedIfHuge(text);
  if (huge) return { tree: huge, route: 'bounded' };
  const fast = options.alwaysParse ? undefined : treeWithoutParsing(text);
  if (fast) return fast;
  return pathologyOf(text) === undefined ? { tree: parseMarkdown(text), route: 'remark' } : { tree: boundedTree(text), route: 'bounded' };
}

/** Whether a block takes the remark route (for tests and benchmarks). */
export function needsMarkdownParse(text: string): boolean {
  return parseBlock(text).route === 'remark';
}
