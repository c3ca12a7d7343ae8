import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import type { Nodes, Root } from 'mdast';
import { gridTablesAtBlockStart, gridTablesFromMarkdown } from './gridTable';

/**
 * remark with only the GFM footnote and table extensions, and grid tables at the
 * start of a block (what Pandoc writes for a Word table with long cells:
 * gridTable.ts): the rules need nothing else from GFM, and leaving out autolink literals and strikethrough makes the parse
 * measurably faster (see `npm run bench`).
 *
 * An extension is also left out of the parse of a text that cannot contain its
 * syntax: a table (pipe or grid) needs a pipe and a footnote `[^`. The table extension tries
 * every line start as a table head, which costs more than the rest of a paragraph.
 */
function processorWith(table: boolean, footnote: boolean) {
  return unified()
    .use(remarkParse)
    .data('micromarkExtensions', [...(footnote ? [gfmFootnote()] : []), ...(table ? [gfmTable(), gridTablesAtBlockStart] : [])])
    .data('fromMarkdownExtensions', [...(footnote ? [gfmFootnoteFromMarkdown()] : []), ...(table ? [gfmTableFromMarkdown(), gridTablesFromMarkdown()] : [])]);
}

const processors = [processorWith(false, false), processorWith(false, true), processorWith(true, false), processorWith(true, true)];

export function parseMarkdown(text: string): Root {
  const table = text.includes('|');
  const footnote = text.includes('[^');
  const tree = processors[(table ? 2 : 0) + (footnote ? 1 : 0)].parse(text) as Root;
  // micromark drops a leading U+FEFF and counts offsets without it: shift them back,
  // or every span of the block would be one character early.
  if (text.charCodeAt(0) === 0xfeff) shiftOffsets(tree, 1);
  return tree;
}

/** Adds `by` to every offset of a tree (iteratively: the tree's depth is the input's). */
function shiftOffsets(root: Root, by: number): void {
  const stack: Nodes[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.position) {
      if (node.position.start.offset !== undefined) node.position.start.offset += by;
      if (node.position.end.offset !== undefined) node.position.end.offset += by;
    }
    if ('children' in node) for (const c of node.children) stack.push(c as Nodes);
  }
}
